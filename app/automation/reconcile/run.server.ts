/**
 * Reconciliation: Shopify says webhooks can be missed, so once in a while each shop's orders
 * updated since the last good run are read back through the Admin API and what the webhooks
 * would have brought is applied with the handlers' own functions:
 *
 * - the order into the mirror (`mirrorOrder`, which ignores anything not newer than it has);
 * - each of its returns through `mirrorShopifyReturn` (which writes nothing when in step);
 * - each of its refunds the ledger does not know through `recordExternalRefund`.
 *
 * Returns are mirrored before refunds: a refund that names a return needs that return first.
 * Every step is a no-op on a second pass, so a run repeated, or two overlapping windows, change
 * nothing. The first run (no watermark) reads every order the app can see through one Shopify
 * bulk query (./backfill.server.ts), which spares the rate limit on large shops; when that
 * operation fails, is canceled or expires, the run reads the same orders page by page and says
 * so. Later runs are paged. The watermark moves only when a run finishes without an error, so
 * what failed is read again next time (docs/decisions/023).
 */
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { mirrorOrder } from "~/orders/mirror.server";
import { recordExternalRefund } from "~/refunds/external.server";
import { mirrorShopifyReturn } from "~/returns/mirror.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { ordersUpdatedSince, refundForSync, type SyncedOrder } from "~/shopify/sync.server";
import { backfillByBulk, type BulkOptions, type BulkReport } from "./backfill.server";

/** Orders changed this long before the watermark are read again: clocks and Shopify's search index lag a little. */
export const WATERMARK_OVERLAP_MS = 5 * 60_000;
/** A run still "running" after this long died with its process; another may start (a bulk backfill waits up to 20 minutes, then may read pages). */
const STALE_RUN_MS = 60 * 60_000;
/** No run reads more pages than this; the rest waits for the next run (the watermark stays). */
const MAX_PAGES = 200;

export type ReconcileTrigger = "schedule" | "manual";

export type ReconcileCounts = {
  ordersChecked: number;
  ordersRepaired: number;
  refundsChecked: number;
  refundsRepaired: number;
  returnsChecked: number;
  returnsRepaired: number;
};

export type ReconcileReport = ReconcileCounts & {
  runId: string;
  status: "succeeded" | "failed";
  mode: "backfill" | "incremental";
  watermarkFrom: Date | null;
  watermarkTo: Date;
  errors: string[];
  /** The backfill's bulk query, when it tried one; `fallback` says why it read pages instead. */
  bulk: BulkReport | null;
};

export type ReconcileOptions = BulkOptions & {
  client: ShopifyAdminClient;
  trigger: ReconcileTrigger;
  now?: () => Date;
  /** Where a partly read order is noted (it does not fail the run); never receives customer data. */
  log?: (line: string) => void;
};

/** The moment the shop's orders are known to be reconciled up to: the last succeeded run's end mark, or null. */
export async function currentWatermark(shop: string): Promise<Date | null> {
  const last = await prisma.reconciliationRun.findFirst({
    where: { shop, status: "succeeded" },
    orderBy: { watermarkTo: "desc" },
    select: { watermarkTo: true },
  });
  return last?.watermarkTo ?? null;
}

/** Runs one reconciliation of the shop and records it as a ReconciliationRun; see the file comment. */
export async function reconcileShop(shop: string, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const running = await prisma.reconciliationRun.findFirst({
    where: { shop, status: "running", startedAt: { gt: new Date(startedAt.getTime() - STALE_RUN_MS) } },
    select: { id: true },
  });
  if (running) throw new DomainError("conflict", `Reconciliation ${running.id} of ${shop} is still running; try again when it has finished.`);

  const watermarkFrom = await currentWatermark(shop);
  // Orders changed from here on are the next run's: it starts from this mark.
  let watermarkTo = startedAt;
  const mode = watermarkFrom ? "incremental" : "backfill";
  const run = await prisma.reconciliationRun.create({
    data: { shop, trigger: options.trigger, mode, watermarkFrom, watermarkTo, startedAt, errors: [] },
  });

  const counts: ReconcileCounts = { ordersChecked: 0, ordersRepaired: 0, refundsChecked: 0, refundsRepaired: 0, returnsChecked: 0, returnsRepaired: 0 };
  const errors: string[] = [];
  const tally: Tally = { counts, errors, now, log: options.log ?? console.warn };
  let bulk: BulkReport | null = null;
  try {
    if (mode === "backfill") {
      bulk = await backfillByBulk(shop, run.id, options, (synced) => applyOrder(shop, options.client, synced, tally), counts);
      // The bulk query saw the shop as of its creation: later changes are the next run's.
      if (!bulk.fallback && bulk.createdAt && bulk.createdAt < watermarkTo) watermarkTo = bulk.createdAt;
    }
    if (mode === "incremental" || bulk?.fallback) await walkOrders(shop, options.client, watermarkFrom, tally);
  } catch (error) {
    errors.push(`Reading orders from Shopify failed: ${messageOf(error)}`);
  }
  const status = errors.length === 0 ? "succeeded" : "failed";
  await prisma.reconciliationRun.updateMany({
    where: { id: run.id, shop },
    data: { ...counts, status, errors, watermarkTo, finishedAt: now(), bulkFallback: bulk?.fallback ?? null },
  });
  return { runId: run.id, status, mode, watermarkFrom, watermarkTo, errors, bulk, ...counts };
}

type Tally = { counts: ReconcileCounts; errors: string[]; now: () => Date; log: (line: string) => void };

async function walkOrders(shop: string, client: ShopifyAdminClient, watermark: Date | null, tally: Tally): Promise<void> {
  const since = watermark ? new Date(watermark.getTime() - WATERMARK_OVERLAP_MS) : null;
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { orders, next } = await ordersUpdatedSince(client, since, after);
    for (const synced of orders) await applyOrder(shop, client, synced, tally);
    if (!next) return;
    after = next;
  }
  tally.errors.push(`More than ${MAX_PAGES} pages of orders changed since the watermark; the rest is read on the next run.`);
}

/** What the order's webhooks would have brought: the order, then its returns, then its refunds. */
async function applyOrder(shop: string, client: ShopifyAdminClient, synced: SyncedOrder, tally: Tally): Promise<void> {
  const { counts, errors, now } = tally;
  const where = `Order ${synced.order.name} (${synced.order.orderId})`;
  if (synced.truncated) tally.log(`Reconciliation of ${shop}: ${where} has more lines, returns or refunds than one read holds; only the first were checked.`);
  counts.ordersChecked += 1;
  try {
    if ((await mirrorOrder(shop, synced.order)) === "applied") counts.ordersRepaired += 1;
  } catch (error) {
    errors.push(`${where}: the mirror could not be updated: ${messageOf(error)}`);
  }
  for (const returnId of synced.returnIds) {
    counts.returnsChecked += 1;
    try {
      const outcome = await mirrorShopifyReturn(shop, returnId, { client, now: now() });
      if (outcome.kind === "created" || outcome.kind === "linked" || outcome.kind === "moved") counts.returnsRepaired += 1;
    } catch (error) {
      errors.push(`${where}: Shopify return ${returnId} could not be mirrored: ${messageOf(error)}`);
    }
  }
  await repairRefunds(shop, client, synced.refundIds, where, tally);
}

async function repairRefunds(shop: string, client: ShopifyAdminClient, refundIds: string[], where: string, tally: Tally): Promise<void> {
  const { counts, errors, now } = tally;
  if (refundIds.length === 0) return;
  counts.refundsChecked += refundIds.length;
  // Any ledger row with the refund's id — ours or an external one — means it is already known.
  const known = await prisma.moneyMovement.findMany({ where: { shop, shopifyId: { in: refundIds } }, select: { shopifyId: true } });
  const knownIds = new Set(known.map((row) => row.shopifyId));
  for (const refundId of refundIds.filter((id) => !knownIds.has(id))) {
    try {
      const refund = await refundForSync(client, refundId);
      if (!refund) continue;
      const outcome = await recordExternalRefund(shop, refund, now());
      if (outcome.kind === "recorded") counts.refundsRepaired += 1;
    } catch (error) {
      errors.push(`${where}: refund ${refundId} could not be recorded: ${messageOf(error)}`);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
