import prisma, { type Tx } from "~/db.server";
import type { WebhookEventContext } from "./handlers/types";

/**
 * Runs a handler's database effect in the worker's event transaction, which marks the inbox
 * event processed before it commits: a crash anywhere before the commit undoes both, and the
 * retry runs the effect again from scratch, so the effect happens exactly once. Called
 * outside the worker (a test calling a handler directly), it is a plain transaction.
 */
export function eventTransaction<T>(event: WebhookEventContext, effect: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  if (event.transaction) return event.transaction(effect, options);
  return prisma.$transaction(effect, { timeout: options.timeout ?? 30_000 });
}
