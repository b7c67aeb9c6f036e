import { DomainError } from "~/lib/errors";

/** The DomainError a promise rejects with; the test fails here if it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(outcome)}`);
  return outcome;
}
