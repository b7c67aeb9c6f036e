/**
 * Errors the Admin API gateway throws. Each message names the GraphQL operation, so a log
 * line says which call failed without a stack trace ("Shopify rejected RefundCreate: …").
 * Customer data (names, emails) never goes into a message: only Shopify's own error text.
 */

/** One entry of Shopify's top-level `errors` array. */
export interface GraphqlErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** Shopify answered with top-level GraphQL `errors` (bad query, access denied, not found…). */
export class ShopifyGraphqlError extends Error {
  override readonly name = "ShopifyGraphqlError";
  constructor(
    readonly operation: string,
    readonly errors: readonly GraphqlErrorEntry[],
  ) {
    const detail = errors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message));
    super(`Shopify rejected ${operation}: ${detail.join("; ") || "no error details"}`);
  }

  /** The `extensions.code` values, e.g. ["ACCESS_DENIED"]. */
  get codes(): string[] {
    return this.errors.flatMap((e) => (typeof e.extensions?.code === "string" ? [e.extensions.code] : []));
  }
}

export type UnavailableReason = "throttled" | "server_error" | "network";

/**
 * Shopify could not answer: still throttled, 5xx or network failure after the retries we
 * allow, or a transient failure on a mutation we must not blindly repeat.
 */
export class ShopifyUnavailableError extends Error {
  override readonly name = "ShopifyUnavailableError";
  /**
   * How long Shopify said to wait before the call could succeed (ms): from the throttle status
   * (cost missing ÷ restore rate) or a 429's Retry-After; null when it did not say.
   */
  readonly retryAfterMs: number | null;
  constructor(
    readonly operation: string,
    readonly reason: UnavailableReason,
    readonly attempts: number,
    detail: string,
    options?: { cause?: unknown; retryAfterMs?: number | null },
  ) {
    super(`Shopify Admin API unavailable for ${operation} after ${attempts} attempt${attempts === 1 ? "" : "s"} (${reason}): ${detail}`, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }

  /** Whole seconds for a Retry-After header: Shopify's own wait, else 1 s (a throttled bucket refills every second). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.retryAfterMs ?? 1000) / 1000));
  }
}

/** One entry of a mutation payload's `userErrors`. */
export interface UserErrorEntry {
  field: string[] | null;
  message: string;
  code: string | null;
}

/** A mutation ran but Shopify refused its input: the payload's `userErrors` were not empty. */
export class ShopifyUserError extends Error {
  override readonly name = "ShopifyUserError";
  constructor(
    readonly operation: string,
    readonly userErrors: readonly UserErrorEntry[],
  ) {
    const detail = userErrors.map((e) => {
      const where = e.field?.length ? `${e.field.join(".")}: ` : "";
      return `${where}${e.message}${e.code ? ` (${e.code})` : ""}`;
    });
    super(`Shopify refused ${operation}: ${detail.join("; ")}`);
  }
}

/** Shopify answered, but a field we cannot do without was null (e.g. the created refund). */
export class ShopifyMissingDataError extends Error {
  override readonly name = "ShopifyMissingDataError";
  constructor(
    readonly operation: string,
    readonly path: string,
  ) {
    super(`Shopify returned no ${path} for ${operation}.`);
  }
}

type RawUserError = {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
};

/**
 * Throws ShopifyUserError when a mutation payload carries userErrors, and ShopifyMissingDataError
 * when the payload itself is null; otherwise returns the payload, narrowed to non-null.
 */
export function assertNoUserErrors<P extends { userErrors: readonly RawUserError[] }>(
  payload: P | null | undefined,
  operation: string,
): P {
  if (!payload) throw new ShopifyMissingDataError(operation, "mutation payload");
  if (payload.userErrors.length > 0) {
    throw new ShopifyUserError(
      operation,
      payload.userErrors.map((e) => ({
        field: e.field ? [...e.field] : null,
        message: e.message,
        // Plain UserError has no code; the typed ones (ReturnUserError…) do.
        code: e.code ?? null,
      })),
    );
  }
  return payload;
}
