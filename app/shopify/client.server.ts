import type { AdminOperations, ApiClientRequestOptions, ReturnData } from "@shopify/admin-api-client";
import {
  GraphqlQueryError,
  HttpInternalError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpThrottlingError,
} from "@shopify/shopify-api";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { ShopifyGraphqlError, ShopifyUnavailableError, type GraphqlErrorEntry, type UnavailableReason } from "./errors";

/** The `graphql` function of `authenticate.admin(request)` or `unauthenticated.admin(shop)`. */
export type AdminGraphql = AdminApiContext["graphql"];

export type AdminVariables<Operation extends keyof AdminOperations> = ApiClientRequestOptions<
  Operation,
  AdminOperations
>["variables"];

/** The gateway's client: one typed call per document, errors already turned into exceptions. */
export interface ShopifyAdminClient {
  request<Operation extends keyof AdminOperations & string>(
    operation: Operation,
    variables?: AdminVariables<Operation>,
  ): Promise<ReturnData<Operation, AdminOperations>>;
}

export interface RetryOptions {
  /** Total tries, the first included. */
  maxAttempts: number;
  /** No single wait is longer than this, whatever the bucket says. */
  maxDelayMs: number;
  /** Upper bound of the random delay added to each wait, so parallel workers do not retry in step. */
  jitterMs: number;
  /** First backoff for 5xx/network failures; doubles on every attempt. */
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1): Math.random in production, fixed in tests. */
  random: () => number;
  /** Called before each wait, for logs and metrics. Never receives customer data. */
  onRetry?: (event: RetryEvent) => void;
  /** Milliseconds since the epoch: Date.now in production; what a background call's wait is measured with. */
  now: () => number;
  /** Set for background work (the webhook worker, the rules sweep, scheduled reconciliation); see `backgroundWaitMs`. */
  background?: { shop: string; reserve?: number };
}

export interface RetryEvent {
  operation: string;
  attempt: number;
  reason: UnavailableReason;
  delayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  maxDelayMs: 10_000,
  jitterMs: 250,
  baseDelayMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/**
 * Background work shares each shop's query-cost bucket with the staff and shoppers using the
 * app, and it can spend faster than the bucket refills: a backlog of returns/* echoes, mirrored
 * at about 15 points a call and dozens of calls a second, outspends the 100 points a second a
 * standard shop gets back. Once the bucket is low, Shopify lets the smaller requests through
 * first — the worker's 619-point return read fits before the back office's 893-point order
 * read does — so an agent's refund was throttled on every retry until the backlog was done,
 * and gave up or outlasted the page. A background call therefore waits until the shop's
 * bucket, as Shopify last reported it and refilled since, holds `reserve` of its maximum plus
 * the call's own requested cost (capped at the maximum). That costs the background nothing
 * over time — it can never spend more than the restore rate anyway — and leaves people a
 * bucket that is (nearly) full.
 */
export const BACKGROUND_RESERVE = 0.75;

/** What Shopify last reported of a shop's bucket, and when (ms). */
export interface BucketReading {
  available: number;
  maximum: number;
  restoreRate: number;
  atMs: number;
}

// Per process: each response updates its shop's reading; the worker's next call reads it.
const bucketReadings = new Map<string, BucketReading>();
// The requested cost of each operation as last charged: what the next call will need.
const requestedCosts = new Map<string, number>();

/** Milliseconds a background call must wait for the bucket to hold reserve × maximum + its cost; 0 with no reading. */
export function backgroundWaitMs(reading: BucketReading | undefined, cost: number, nowMs: number, reserve = BACKGROUND_RESERVE): number {
  if (!reading || reading.restoreRate <= 0) return 0;
  const estimate = Math.min(reading.maximum, reading.available + ((nowMs - reading.atMs) / 1000) * reading.restoreRate);
  const target = Math.min(reading.maximum, reading.maximum * reserve + cost);
  return estimate >= target ? 0 : Math.ceil(((target - estimate) / reading.restoreRate) * 1000);
}

function remember(shop: string | undefined, operation: string, cost: QueryCost | undefined, nowMs: number): void {
  if (typeof cost?.requestedQueryCost === "number") requestedCosts.set(operation, cost.requestedQueryCost);
  const status = cost?.throttleStatus;
  if (!shop || !status) return;
  bucketReadings.set(shop, { available: status.currentlyAvailable, maximum: status.maximumAvailable, restoreRate: status.restoreRate, atMs: nowMs });
}

/** Shopify's `extensions.cost` on every Admin GraphQL response. */
export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

type Failure =
  | { kind: "graphql"; errors: GraphqlErrorEntry[] }
  | { kind: "retriable"; reason: UnavailableReason; detail: string; waitMs: number | null; cause: unknown; cost?: QueryCost }
  | { kind: "foreign"; error: unknown };

/** Wraps an admin `graphql` function with error typing and throttle/5xx retries. */
export function createShopifyClient(graphql: AdminGraphql, options: Partial<RetryOptions> = {}): ShopifyAdminClient {
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options };
  return {
    async request(operation, variables) {
      const name = operationName(operation);
      // A mutation that failed with 5xx or a dropped connection may have run. Only a mutation
      // carrying @idempotent can be sent again; the others surface to the ledger, which reconciles.
      const repeatable = !isMutation(operation) || operation.includes("@idempotent");
      const background = retry.background;
      for (let attempt = 1; ; attempt++) {
        if (background) {
          const wait = backgroundWaitMs(bucketReadings.get(background.shop), requestedCosts.get(name) ?? 0, retry.now(), background.reserve);
          if (wait > 0) await retry.sleep(wait);
        }
        let failure: Failure;
        try {
          const response = await graphql(operation, variables === undefined ? undefined : { variables });
          const body = (await response.json()) as {
            data?: ReturnData<typeof operation, AdminOperations>;
            errors?: unknown;
            extensions?: { cost?: QueryCost };
          };
          remember(background?.shop, name, body.extensions?.cost, retry.now());
          // The Shopify library throws on `errors`; a raw fetch-based function (the simulator)
          // hands them back in the body. Both are classified the same way.
          const errors = graphqlErrors(body.errors);
          if (errors.length === 0 && body.data) return body.data;
          failure = errors.length
            ? fromGraphqlErrors(errors, body.extensions?.cost)
            : { kind: "graphql", errors: [{ message: "Response had neither data nor errors" }] };
        } catch (error) {
          failure = classify(error);
          if (failure.kind === "retriable") remember(background?.shop, name, failure.cost, retry.now());
        }

        if (failure.kind === "foreign") throw failure.error;
        if (failure.kind === "graphql") throw new ShopifyGraphqlError(name, failure.errors);
        const mayRepeat = failure.reason === "throttled" || repeatable;
        if (!mayRepeat || attempt >= retry.maxAttempts) {
          const detail = mayRepeat ? failure.detail : `${failure.detail}; not retried: mutation without @idempotent`;
          throw new ShopifyUnavailableError(name, failure.reason, attempt, detail, { cause: failure.cause, retryAfterMs: failure.waitMs });
        }
        const base = failure.waitMs ?? retry.baseDelayMs * 2 ** (attempt - 1);
        const delayMs = Math.min(retry.maxDelayMs, Math.ceil(base + retry.random() * retry.jitterMs));
        retry.onRetry?.({ operation: name, attempt, reason: failure.reason, delayMs });
        await retry.sleep(delayMs);
      }
    },
  };
}

/**
 * Milliseconds until the bucket holds the requested cost:
 * (requestedQueryCost − currentlyAvailable) / restoreRate seconds. Null without a status.
 */
export function throttleWaitMs(cost: QueryCost | undefined): number | null {
  const status = cost?.throttleStatus;
  if (!status || typeof cost?.requestedQueryCost !== "number" || status.restoreRate <= 0) return null;
  const missing = cost.requestedQueryCost - status.currentlyAvailable;
  return Math.max(0, Math.ceil((missing / status.restoreRate) * 1000));
}

/** The name of the first operation in a document ("GetOrder"), for messages. */
export function operationName(document: string): string {
  return /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(stripComments(document))?.[1] ?? "anonymous operation";
}

function isMutation(document: string): boolean {
  return /^\s*mutation\b/.test(stripComments(document));
}

function stripComments(document: string): string {
  return document.replace(/#[^\n]*/g, "");
}

function graphqlErrors(value: unknown): GraphqlErrorEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) => {
    const e = (entry ?? {}) as Partial<GraphqlErrorEntry>;
    return {
      message: typeof e.message === "string" ? e.message : "Unknown GraphQL error",
      ...(e.path ? { path: e.path } : {}),
      ...(e.extensions ? { extensions: e.extensions } : {}),
    };
  });
}

function fromGraphqlErrors(errors: GraphqlErrorEntry[], cost: QueryCost | undefined): Failure {
  if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
    return {
      kind: "retriable",
      reason: "throttled",
      detail: "THROTTLED",
      waitMs: throttleWaitMs(cost),
      cause: errors,
      cost,
    };
  }
  return { kind: "graphql", errors };
}

// What admin.graphql throws (read from @shopify/shopify-api 15 lib/clients/common.js):
// - HTTP 200 with `errors` (THROTTLED included) → GraphqlQueryError; `body` is
//   `{ data?, extensions: { cost }, errors: { graphQLErrors: [...] } }`.
// - 429 → HttpThrottlingError (retryAfter, seconds); 5xx → HttpInternalError; no response →
//   HttpRequestError; 429/5xx when the library itself retried → HttpMaxRetriesError.
// - From authenticate.admin, the remix package turns every HttpResponseError (429, 5xx, 401…)
//   into a thrown `Response` carrying the status. 429/5xx are retried; any other Response
//   (the 401 re-authentication answer) is rethrown untouched for Remix to send.
function classify(error: unknown): Failure {
  if (error instanceof GraphqlQueryError) {
    const body = (error.body ?? {}) as { errors?: { graphQLErrors?: unknown }; extensions?: { cost?: QueryCost } };
    const errors = graphqlErrors(body.errors?.graphQLErrors);
    return fromGraphqlErrors(errors.length ? errors : [{ message: error.message }], body.extensions?.cost);
  }
  if (error instanceof HttpThrottlingError) {
    const retryAfter = error.response.retryAfter;
    return {
      kind: "retriable",
      reason: "throttled",
      detail: "HTTP 429",
      waitMs: typeof retryAfter === "number" && retryAfter >= 0 ? retryAfter * 1000 : null,
      cause: error,
    };
  }
  if (error instanceof HttpInternalError) {
    return { kind: "retriable", reason: "server_error", detail: `HTTP ${error.response.code}`, waitMs: null, cause: error };
  }
  if (error instanceof HttpMaxRetriesError) {
    return { kind: "retriable", reason: "server_error", detail: error.message, waitMs: null, cause: error };
  }
  if (error instanceof HttpRequestError) {
    return { kind: "retriable", reason: "network", detail: error.message, waitMs: null, cause: error };
  }
  if (error instanceof Response && (error.status === 429 || error.status >= 500)) {
    const retryAfter = Number(error.headers.get("Retry-After"));
    return {
      kind: "retriable",
      reason: error.status === 429 ? "throttled" : "server_error",
      detail: `HTTP ${error.status}`,
      waitMs: error.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
      cause: error,
    };
  }
  return { kind: "foreign", error };
}
