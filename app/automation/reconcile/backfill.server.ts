/**
 * The first reconciliation of a shop reads every order through one Shopify bulk query instead
 * of pages: start it (or take over the backfill query already running — Shopify runs one bulk
 * query per shop at a time), poll it with a growing pause, record its progress on the
 * ReconciliationRun for the Sync health page, then stream its JSONL one order at a time into the
 * same function the paged reader feeds. When the operation fails, is canceled, expires, or is
 * still running after BULK_MAX_WAIT_MS, the caller reads the orders page by page and the run
 * says why (`fallback`). A file that breaks off after orders were applied is an error instead:
 * the run fails, the watermark stays, and the next run backfills again (every step is a no-op
 * the second time).
 */
import prisma from "~/db.server";
import {
  bulkOperationState,
  isBulkRunning,
  isOrdersBackfill,
  openBulkResult,
  ordersFromBackfillFile,
  recentBulkQueries,
  startOrdersBackfill,
  type BulkOperationState,
  type BulkStatus,
} from "~/shopify/bulk.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import type { SyncedOrder } from "~/shopify/sync.server";

/** How long a run waits for Shopify to finish the bulk query before it reads pages instead. */
const BULK_MAX_WAIT_MS = 20 * 60_000;
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 15_000;
/** The run's counts are written this often while the file is applied, so the page shows progress. */
const PROGRESS_EVERY = 50;

export type BulkOptions = {
  client: ShopifyAdminClient;
  /** How the result file is downloaded (a signed URL, no token); default the global fetch. */
  fetch?: typeof fetch;
  /** How the run pauses between polls; default a timer. */
  sleep?: (ms: number) => Promise<void>;
};

export type BulkReport = {
  operationId: string | null;
  status: BulkStatus | null;
  objectCount: number;
  rootObjectCount: number;
  /** When Shopify created the operation: the data is as of then or later. */
  createdAt: Date | null;
  /** The operation was already running (a run before this one started it). */
  reused: boolean;
  /** Why the orders were read page by page instead; null when the bulk query served. */
  fallback: string | null;
};

type Counts = Record<"ordersChecked" | "ordersRepaired" | "refundsChecked" | "refundsRepaired" | "returnsChecked" | "returnsRepaired", number>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Backfills the shop through a bulk query, handing each order to `apply`; see the file comment. */
export async function backfillByBulk(
  shop: string,
  runId: string,
  options: BulkOptions,
  apply: (synced: SyncedOrder) => Promise<void>,
  counts: Counts,
): Promise<BulkReport> {
  const report: BulkReport = { operationId: null, status: null, objectCount: 0, rootObjectCount: 0, createdAt: null, reused: false, fallback: null };
  const fallBack = (reason: string): BulkReport => ({ ...report, fallback: `${reason} The backfill read the orders page by page instead.` });
  const record = async (op: BulkOperationState) => {
    Object.assign(report, { operationId: op.id, status: op.status, objectCount: op.objectCount, rootObjectCount: op.rootObjectCount, createdAt: op.createdAt });
    await prisma.reconciliationRun.updateMany({
      where: { id: runId, shop },
      data: { bulkOperationId: op.id, bulkStatus: op.status, bulkObjectCount: op.objectCount, bulkRootObjectCount: op.rootObjectCount },
    });
  };

  let op: BulkOperationState;
  try {
    const begun = await startOrReuse(options.client);
    if (typeof begun === "string") return fallBack(begun);
    op = begun.operation;
    report.reused = begun.reused;
  } catch (error) {
    return fallBack(`Shopify's bulk query could not be started: ${messageOf(error)}.`);
  }
  await record(op);

  const sleep = options.sleep ?? realSleep;
  let waited = 0;
  let pause = FIRST_POLL_MS;
  while (isBulkRunning(op.status)) {
    if (waited >= BULK_MAX_WAIT_MS) return fallBack(`Shopify's bulk query ${op.id} was still ${op.status.toLowerCase()} after ${Math.round(waited / 60_000)} minutes.`);
    await sleep(pause);
    waited += pause;
    pause = Math.min(pause * 2, MAX_POLL_MS);
    let next: BulkOperationState | null;
    try {
      next = await bulkOperationState(options.client, op.id);
    } catch (error) {
      return fallBack(`Shopify's bulk query ${op.id} could not be followed: ${messageOf(error)}.`);
    }
    if (!next) return fallBack(`Shopify no longer knows the bulk query ${op.id}.`);
    op = next;
    await record(op);
  }
  if (op.status !== "COMPLETED") return fallBack(`Shopify's bulk query ${op.id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ""}.`);
  // Shopify gives no file when the query found nothing: a shop without orders.
  if (!op.url) return report;

  let applied = 0;
  try {
    const body = await openBulkResult(op.url, options.fetch ?? fetch);
    for await (const synced of ordersFromBackfillFile(body)) {
      await apply(synced);
      applied += 1;
      if (applied % PROGRESS_EVERY === 0) await prisma.reconciliationRun.updateMany({ where: { id: runId, shop }, data: { ...counts } });
    }
  } catch (error) {
    if (applied === 0) return fallBack(`The result of Shopify's bulk query ${op.id} could not be read: ${messageOf(error)}`);
    throw new Error(`The result of Shopify's bulk query ${op.id} broke off after ${applied} orders: ${messageOf(error)}`, { cause: error });
  }
  return report;
}

/**
 * Our backfill query, new or already running; a sentence when another bulk query holds the
 * shop's one slot (waiting on someone else's export could take hours; pages are cheaper).
 */
async function startOrReuse(client: ShopifyAdminClient): Promise<{ operation: BulkOperationState; reused: boolean } | string> {
  const running = (await recentBulkQueries(client)).find((o) => isBulkRunning(o.status));
  if (running) return isOrdersBackfill(running) ? { operation: running, reused: true } : `Another bulk query (${running.id}) is running on this shop.`;
  const started = await startOrdersBackfill(client);
  if (started.kind === "started") return { operation: started.operation, reused: false };
  // Started by someone else between the two calls: take it over if it is ours.
  const now = (await recentBulkQueries(client)).find((o) => isBulkRunning(o.status));
  return now && isOrdersBackfill(now) ? { operation: now, reused: true } : `Shopify refused the bulk query: ${started.message}`;
}
