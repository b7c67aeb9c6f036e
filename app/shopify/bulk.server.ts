/**
 * The first backfill's reader: Shopify's bulk query operation over every order with its line
 * items, returns and refunds. Shopify runs the query in the background and writes JSONL, one
 * object per line; the nodes of a nested connection (line items, returns) get their own lines
 * with `__parentId`. With `groupObjects: true` each order's children follow it, so the file is
 * read one order at a time, streamed, never held whole.
 */
import { z } from "zod";
import type { ShopifyAdminClient } from "./client.server";
import { ShopifyMissingDataError, ShopifyUserError } from "./errors";
import { orderPayload, type SyncedOrder } from "./sync.server";

/**
 * Sent as the `query` of bulkOperationRunQuery, never on its own. Three connections, two levels
 * deep: within Shopify's limits (five, two). `refunds` is a list, so it stays on the order's line.
 */
export const ORDERS_BACKFILL_QUERY = `#graphql
  query OrdersBackfill {
    orders(sortKey: UPDATED_AT) {
      edges {
        node {
          id
          name
          createdAt
          updatedAt
          processedAt
          displayFinancialStatus
          displayFulfillmentStatus
          customer { id }
          currentTotalPriceSet { presentmentMoney { amount currencyCode } }
          refunds { id }
          lineItems { edges { node { id } } }
          returns { edges { node { id } } }
        }
      }
    }
  }
`;

const BULK_QUERY_START = `#graphql
  mutation BulkQueryStart($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status errorCode objectCount rootObjectCount url createdAt query }
      userErrors { field message code }
    }
  }
`;

const BULK_QUERY_STATUS = `#graphql
  query BulkQueryStatus($id: ID!) {
    bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url createdAt query }
  }
`;

// `currentBulkOperation` is deprecated in 2026-10 for this list with a filter.
const BULK_QUERIES_RECENT = `#graphql
  query BulkQueriesRecent {
    bulkOperations(first: 5, query: "operation_type:QUERY", sortKey: CREATED_AT, reverse: true) {
      nodes { id status errorCode objectCount rootObjectCount url createdAt query }
    }
  }
`;

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

export interface BulkOperationState {
  id: string;
  status: BulkStatus;
  errorCode: string | null;
  /** Every object written so far (orders, their line items and returns). */
  objectCount: number;
  /** Orders written so far. */
  rootObjectCount: number;
  url: string | null;
  createdAt: Date;
  query: string;
}

type RawOperation = {
  id: string;
  status: BulkStatus;
  errorCode?: string | null;
  objectCount: string;
  rootObjectCount: string;
  url?: string | null;
  createdAt: string;
  query: string;
};

function stateOf(op: RawOperation): BulkOperationState {
  return {
    id: op.id,
    status: op.status,
    errorCode: op.errorCode ?? null,
    // UnsignedInt64 comes as a string.
    objectCount: Number(op.objectCount),
    rootObjectCount: Number(op.rootObjectCount),
    url: op.url ?? null,
    createdAt: new Date(op.createdAt),
    query: op.query,
  };
}

/** Whether an operation is still to finish. */
export function isBulkRunning(status: BulkStatus): boolean {
  return status === "CREATED" || status === "RUNNING" || status === "CANCELING";
}

/** Whether an operation's query is our backfill (Shopify echoes the text; whitespace aside). */
export function isOrdersBackfill(op: BulkOperationState): boolean {
  const squash = (text: string) => text.replace(/#graphql/, "").replace(/\s+/g, " ").trim();
  return squash(op.query) === squash(ORDERS_BACKFILL_QUERY);
}

export type BulkStart = { kind: "started"; operation: BulkOperationState } | { kind: "busy"; message: string };

/**
 * Starts the orders backfill as a bulk query. Shopify runs one bulk query per shop and app at a
 * time: when one is in progress the answer is "busy" (other refusals throw ShopifyUserError).
 */
export async function startOrdersBackfill(client: ShopifyAdminClient): Promise<BulkStart> {
  const data = await client.request(BULK_QUERY_START, { query: ORDERS_BACKFILL_QUERY });
  const payload = data.bulkOperationRunQuery;
  if (!payload) throw new ShopifyMissingDataError("BulkQueryStart", "bulkOperationRunQuery");
  const busy = payload.userErrors.find((e) => e.code === "OPERATION_IN_PROGRESS" || e.code === "LIMIT_REACHED");
  if (busy) return { kind: "busy", message: busy.message };
  if (payload.userErrors.length) {
    throw new ShopifyUserError("BulkQueryStart", payload.userErrors.map((e) => ({ field: e.field ? [...e.field] : null, message: e.message, code: e.code ?? null })));
  }
  if (!payload.bulkOperation) throw new ShopifyMissingDataError("BulkQueryStart", "bulkOperation");
  return { kind: "started", operation: stateOf(payload.bulkOperation) };
}

/** The operation as Shopify sees it now; null when Shopify does not know it. */
export async function bulkOperationState(client: ShopifyAdminClient, id: string): Promise<BulkOperationState | null> {
  const data = await client.request(BULK_QUERY_STATUS, { id });
  return data.bulkOperation ? stateOf(data.bulkOperation) : null;
}

/** The app's most recent bulk queries on this shop, newest first. */
export async function recentBulkQueries(client: ShopifyAdminClient): Promise<BulkOperationState[]> {
  const data = await client.request(BULK_QUERIES_RECENT);
  return data.bulkOperations.nodes.map(stateOf);
}

const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);

const orderLine = z.object({
  id: gid("Order"),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string(),
  displayFinancialStatus: z.string().nullable().optional(),
  displayFulfillmentStatus: z.string(),
  customer: z.object({ id: z.string() }).nullable().optional(),
  currentTotalPriceSet: z.object({ presentmentMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }),
  refunds: z.array(z.object({ id: gid("Refund") })),
});

const childLine = z.object({ id: z.union([gid("LineItem"), gid("Return")]), __parentId: gid("Order") });

/** A result file that does not read as the backfill's JSONL. */
export class BulkFileError extends Error {
  override readonly name = "BulkFileError";
}

/** The lines of a JSONL body as they arrive; a line is never split, the body never held whole. */
export async function* jsonlLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  // stream: true keeps a character split across two chunks whole.
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let end = pending.indexOf("\n");
      while (end >= 0) {
        const line = pending.slice(0, end).trim();
        pending = pending.slice(end + 1);
        if (line) yield line;
        end = pending.indexOf("\n");
      }
    }
    pending += decoder.decode();
    if (pending.trim()) yield pending.trim();
  } finally {
    reader.releaseLock();
  }
}

/**
 * The orders of a grouped backfill file, one at a time, in the paged reader's shape. A child line
 * that does not follow its order (an ungrouped file) or a line that does not parse is an error:
 * the caller falls back to the paged reader rather than apply half an order.
 */
export async function* ordersFromBackfillFile(body: ReadableStream<Uint8Array>): AsyncGenerator<SyncedOrder> {
  let current: { order: z.output<typeof orderLine>; lines: number; returnIds: string[] } | null = null;
  let lineNo = 0;
  const finish = (c: NonNullable<typeof current>): SyncedOrder => ({
    order: orderPayload(c.order, c.lines),
    returnIds: c.returnIds,
    refundIds: c.order.refunds.map((r) => r.id),
    truncated: false,
  });
  for await (const text of jsonlLines(body)) {
    lineNo += 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BulkFileError(`Line ${lineNo} of the bulk result is not JSON.`);
    }
    const child = childLine.safeParse(json);
    if (child.success) {
      if (!current || current.order.id !== child.data.__parentId) {
        throw new BulkFileError(`Line ${lineNo} of the bulk result (${child.data.id}) does not follow its order ${child.data.__parentId}.`);
      }
      if (child.data.id.startsWith("gid://shopify/Return/")) current.returnIds.push(child.data.id);
      else current.lines += 1;
      continue;
    }
    const order = orderLine.safeParse(json);
    if (!order.success) throw new BulkFileError(`Line ${lineNo} of the bulk result is neither an order nor one of its line items or returns.`);
    if (current) yield finish(current);
    current = { order: order.data, lines: 0, returnIds: [] };
  }
  if (current) yield finish(current);
}

/** Downloads a result file (a signed URL: no token) as a stream. */
export async function openBulkResult(url: string, fetchImpl: typeof fetch): Promise<ReadableStream<Uint8Array>> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) throw new BulkFileError(`The bulk result could not be downloaded (HTTP ${response.status}).`);
  return response.body;
}
