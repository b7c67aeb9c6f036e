/**
 * The Sync health page's reads and its one write: how the webhook inbox is doing for a shop
 * (last event per topic, delivery lag, retries, dead letters) and what the last reconciliation
 * found; and putting a dead letter back in the queue.
 */
import { recordAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";

export const DEAD_LETTERS_PER_PAGE = 20;
const DAY_MS = 24 * 3_600_000;
// The lag is read from the last day's events; a flood beyond this many is sampled by its newest.
const LAG_SAMPLE = 5_000;

export type TopicHealth = { topic: string; lastReceivedAt: Date; events: number };
export type DeadLetter = { id: string; topic: string; webhookId: string; attempts: number; lastError: string | null; receivedAt: Date };
export type LastReconciliation = {
  id: string;
  status: string;
  trigger: string;
  mode: string;
  startedAt: Date;
  finishedAt: Date | null;
  watermarkFrom: Date | null;
  watermarkTo: Date;
  counts: { kind: "orders" | "returns" | "refunds"; checked: number; repaired: number }[];
  errors: string[];
  /** A backfill's bulk query: Shopify's status and counts, how many of its orders are applied, and why pages were read instead. */
  bulk: BackfillProgress | null;
};

export type BackfillProgress = {
  operationId: string;
  status: string;
  objects: number;
  orders: number;
  ordersApplied: number;
  /** 0–100 while the run applies the file; null while Shopify is still writing it (no total yet). */
  percent: number | null;
  fallback: string | null;
};

export type SyncHealth = {
  topics: TopicHealth[];
  /** Delivery lag (received − triggered) over the last 24 h, in ms; null when no event carried its trigger time. */
  lag: { p50: number; p95: number; events: number } | null;
  /** Events of the last 24 h that needed more than one attempt, and events now waiting for a retry. */
  retries: { retried: number; failing: number };
  deadLetters: { rows: DeadLetter[]; total: number; page: number; pages: number };
  lastReconciliation: LastReconciliation | null;
};

/** The value below which `share` of the sorted values fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) throw new RangeError("percentile of no values");
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** Everything the Sync health page shows for the shop; `page` is the dead letters' page, from 1. */
export async function loadSyncHealth(shop: string, now: Date, page = 1): Promise<SyncHealth> {
  const since = new Date(now.getTime() - DAY_MS);
  const [byTopic, recent, retried, failing, deadTotal] = await Promise.all([
    prisma.webhookEvent.groupBy({ by: ["topic"], where: { shop }, _max: { receivedAt: true }, _count: { _all: true } }),
    prisma.webhookEvent.findMany({
      where: { shop, receivedAt: { gte: since }, triggeredAt: { not: null } },
      select: { receivedAt: true, triggeredAt: true },
      orderBy: { receivedAt: "desc" },
      take: LAG_SAMPLE,
    }),
    prisma.webhookEvent.count({ where: { shop, receivedAt: { gte: since }, attempts: { gt: 1 } } }),
    prisma.webhookEvent.count({ where: { shop, status: "failed" } }),
    prisma.webhookEvent.count({ where: { shop, status: "dead" } }),
  ]);
  const pages = Math.max(1, Math.ceil(deadTotal / DEAD_LETTERS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const dead = await prisma.webhookEvent.findMany({
    where: { shop, status: "dead" },
    select: { id: true, topic: true, webhookId: true, attempts: true, lastError: true, receivedAt: true },
    orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * DEAD_LETTERS_PER_PAGE,
    take: DEAD_LETTERS_PER_PAGE,
  });
  const lags = recent
    .flatMap((e) => (e.triggeredAt ? [Math.max(0, e.receivedAt.getTime() - e.triggeredAt.getTime())] : []))
    .sort((a, b) => a - b);
  return {
    topics: byTopic
      .flatMap((t) => (t._max.receivedAt ? [{ topic: t.topic, lastReceivedAt: t._max.receivedAt, events: t._count._all }] : []))
      .sort((a, b) => a.topic.localeCompare(b.topic)),
    lag: lags.length ? { p50: percentile(lags, 0.5), p95: percentile(lags, 0.95), events: lags.length } : null,
    retries: { retried, failing },
    deadLetters: { rows: dead, total: deadTotal, page: current, pages },
    lastReconciliation: await lastReconciliation(shop),
  };
}

async function lastReconciliation(shop: string): Promise<LastReconciliation | null> {
  const run = await prisma.reconciliationRun.findFirst({ where: { shop }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    mode: run.mode,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    watermarkFrom: run.watermarkFrom,
    watermarkTo: run.watermarkTo,
    counts: [
      { kind: "orders", checked: run.ordersChecked, repaired: run.ordersRepaired },
      { kind: "returns", checked: run.returnsChecked, repaired: run.returnsRepaired },
      { kind: "refunds", checked: run.refundsChecked, repaired: run.refundsRepaired },
    ],
    errors: Array.isArray(run.errors) ? run.errors.filter((e): e is string => typeof e === "string") : [],
    bulk: run.bulkOperationId
      ? {
          operationId: run.bulkOperationId,
          status: run.bulkStatus ?? "CREATED",
          objects: run.bulkObjectCount,
          orders: run.bulkRootObjectCount,
          ordersApplied: run.ordersChecked,
          percent: backfillPercent(run),
          fallback: run.bulkFallback,
        }
      : null,
  };
}

/** Orders applied out of the orders Shopify wrote, once the file is complete; a finished run is 100. */
function backfillPercent(run: { status: string; bulkStatus: string | null; bulkRootObjectCount: number; ordersChecked: number }): number | null {
  if (run.bulkStatus !== "COMPLETED") return null;
  if (run.status !== "running" || run.bulkRootObjectCount === 0) return 100;
  return Math.min(100, Math.floor((run.ordersChecked / run.bulkRootObjectCount) * 100));
}

/**
 * Puts a dead letter of this shop back in the queue, due now, with a fresh set of attempts
 * (the cause was presumably fixed; the worker retries it as a new event), and audits who did.
 */
export async function retryDeadLetter(shop: string, eventId: string, actor: string, now: Date): Promise<{ topic: string; webhookId: string }> {
  return prisma.$transaction(async (tx) => {
    const event = await tx.webhookEvent.findFirst({ where: { id: eventId, shop }, select: { topic: true, webhookId: true, status: true, attempts: true } });
    if (!event) throw new DomainError("not_found", `Webhook event ${eventId} was not found in this shop's inbox.`);
    const { count } = await tx.webhookEvent.updateMany({
      where: { id: eventId, shop, status: "dead" },
      data: { status: "pending", attempts: 0, nextAttemptAt: now },
    });
    if (count === 0) throw new DomainError("conflict", `Webhook event ${eventId} (${event.topic}) is ${event.status}, not a dead letter, so it was not retried.`);
    await recordAudit(tx, shop, {
      actor,
      action: "webhook.retried",
      entityType: "webhook_event",
      entityId: eventId,
      data: { topic: event.topic, webhookId: event.webhookId, previousAttempts: event.attempts },
    });
    return { topic: event.topic, webhookId: event.webhookId };
  });
}
