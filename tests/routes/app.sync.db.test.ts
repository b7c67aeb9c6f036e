import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DEAD_LETTERS_PER_PAGE, percentile } from "~/automation/reconcile/health.server";
import { action, loader } from "~/routes/app.sync";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

const NOW = Date.now();
const ago = (ms: number) => new Date(NOW - ms);
let webhookNumber = 0;

/** A webhook inbox row of the shop, as the door and the worker leave it. */
async function event(shop: string, seed: { topic?: string; status?: string; attempts?: number; receivedAgoMs?: number; lagMs?: number | null }) {
  webhookNumber += 1;
  const receivedAt = ago(seed.receivedAgoMs ?? 60_000);
  return prisma.webhookEvent.create({
    data: {
      shop,
      topic: seed.topic ?? "ORDERS_UPDATED",
      webhookId: `wh-sync-${shop}-${webhookNumber}`,
      payload: {},
      status: seed.status ?? "processed",
      attempts: seed.attempts ?? 1,
      receivedAt,
      triggeredAt: seed.lagMs === null ? null : new Date(receivedAt.getTime() - (seed.lagMs ?? 1_000)),
      nextAttemptAt: receivedAt,
      lastError: seed.status === "dead" ? "Shopify answered 503" : null,
    },
  });
}

const retry = (shop: string, id: string) => act(action, adminRequest(shop, "/app/sync", { json: { intent: "retry", id } }));

describe("the Sync health page (/app/sync)", () => {
  it("shows a new shop empty: no topics, no lag, no dead letters, no reconciliation", async () => {
    const shop = newShop("sync-empty");
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    expect(data).toEqual({
      topics: [],
      lag: null,
      retries: { retried: 0, failing: 0 },
      deadLetters: { rows: [], total: 0, page: 1, pages: 1 },
      emailDeadLetters: { rows: [], total: 0 },
      lastReconciliation: null,
    });
  });

  it("shows the last event per topic, the lag percentiles of the last day, and the retries", async () => {
    // GIVEN ten orders/updated with lags of 1…10 s, one refunds/create an hour ago that needed 3 attempts,
    // one failing and waiting, and an event two days old (outside the lag's day)
    const shop = newShop("sync-lag");
    for (let i = 1; i <= 10; i += 1) await event(shop, { lagMs: i * 1_000, receivedAgoMs: i * 60_000 });
    await event(shop, { topic: "REFUNDS_CREATE", attempts: 3, receivedAgoMs: 3_600_000, lagMs: null });
    await event(shop, { topic: "REFUNDS_CREATE", status: "failed", attempts: 2, receivedAgoMs: 7_200_000, lagMs: null });
    await event(shop, { lagMs: 999_000, receivedAgoMs: 48 * 3_600_000 });
    // WHEN the page loads
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    // THEN
    expect(data.topics).toEqual([
      { topic: "ORDERS_UPDATED", lastReceivedAt: ago(60_000), events: 11 },
      { topic: "REFUNDS_CREATE", lastReceivedAt: ago(3_600_000), events: 2 },
    ]);
    expect(data.lag).toEqual({ p50: 5_000, p95: 10_000, events: 10 });
    expect(data.retries).toEqual({ retried: 2, failing: 1 });
  });

  it("pages the dead letters, newest first", async () => {
    // GIVEN one more dead letter than a page holds
    const shop = newShop("sync-pages");
    for (let i = 0; i <= DEAD_LETTERS_PER_PAGE; i += 1) await event(shop, { status: "dead", attempts: 8, receivedAgoMs: (i + 1) * 60_000 });
    // WHEN the first and the second page load
    const first = ok(await load(loader, adminRequest(shop, "/app/sync"))).data.deadLetters;
    const second = ok(await load(loader, adminRequest(shop, "/app/sync?page=2"))).data.deadLetters;
    // THEN the second page holds the oldest one
    expect(first).toMatchObject({ total: DEAD_LETTERS_PER_PAGE + 1, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(DEAD_LETTERS_PER_PAGE);
    expect(second.rows.map((r) => r.receivedAt)).toEqual([ago((DEAD_LETTERS_PER_PAGE + 1) * 60_000)]);
  });

  it("puts a dead letter back in the queue, due now, and audits who did it", async () => {
    // GIVEN a dead letter
    const shop = newShop("sync-retry");
    const dead = await event(shop, { topic: "ORDERS_CREATE", status: "dead", attempts: 8 });
    // WHEN staff member 42 clicks Retry
    const answer = ok(await retry(shop, dead.id));
    // THEN it is pending again with fresh attempts, due now, and the audit trail says who
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "The ORDERS_CREATE event is queued again." } });
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { id: dead.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(Math.abs(row.nextAttemptAt.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "webhook.retried" } });
    expect(audit).toMatchObject({ actor: "staff:42", entityType: "webhook_event", entityId: dead.id });
    // AND a second click finds nothing dead to retry
    expect(ok(await retry(shop, dead.id))).toMatchObject({ status: 409 });
  });

  it("never retries another shop's dead letter", async () => {
    // GIVEN shop B's dead letter
    const shopA = newShop("sync-a");
    const shopB = newShop("sync-b");
    const theirs = await event(shopB, { status: "dead", attempts: 8 });
    // WHEN shop A posts Retry with its id
    const answer = ok(await retry(shopA, theirs.id));
    // THEN A is told it does not exist, and B's event and audit trail are untouched
    expect(answer.status).toBe(404);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "dead", attempts: 8 });
    expect(await prisma.auditEvent.count({ where: { shop: { in: [shopA, shopB] }, action: "webhook.retried" } })).toBe(0);
  });

  it("answers 422 to a Retry without an event id", async () => {
    const shop = newShop("sync-invalid");
    expect(ok(await act(action, adminRequest(shop, "/app/sync", { json: { intent: "retry" } }))).status).toBe(422);
  });

  it("runs a reconciliation on request and shows its counts", async () => {
    // GIVEN a shop that never received an order webhook
    const shop = newShop("sync-run");
    // WHEN "Run reconciliation now" is clicked
    const answer = ok(await act(action, adminRequest(shop, "/app/sync", { json: { intent: "reconcile" } })));
    // THEN it succeeded, and the page shows it as the last run
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "Reconciliation finished: 0 repaired." } });
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    expect(data.lastReconciliation).toMatchObject({
      status: "succeeded",
      trigger: "manual",
      mode: "backfill",
      errors: [],
      counts: [
        { kind: "orders", checked: 0, repaired: 0 },
        { kind: "returns", checked: 0, repaired: 0 },
        { kind: "refunds", checked: 0, repaired: 0 },
      ],
    });
  });
});

describe("the Sync health page during a bulk backfill", () => {
  const runRow = (shop: string, seed: { status: string; bulkStatus: string; objects: number; orders: number; applied: number; fallback?: string }) =>
    prisma.reconciliationRun.create({
      data: {
        shop,
        trigger: "schedule",
        mode: "backfill",
        status: seed.status,
        watermarkTo: new Date(NOW),
        startedAt: new Date(NOW),
        errors: [],
        bulkOperationId: "gid://shopify/BulkOperation/77",
        bulkStatus: seed.bulkStatus,
        bulkObjectCount: seed.objects,
        bulkRootObjectCount: seed.orders,
        ordersChecked: seed.applied,
        bulkFallback: seed.fallback ?? null,
      },
    });

  it("shows the objects Shopify has written so far and no percentage while the bulk query runs", async () => {
    // GIVEN a backfill whose bulk query is still running at 1,200 objects
    const shop = newShop("sync-bulk-running");
    await runRow(shop, { status: "running", bulkStatus: "RUNNING", objects: 1200, orders: 300, applied: 0 });
    // WHEN the page loads
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    // THEN
    expect(data.lastReconciliation?.bulk).toEqual({
      operationId: "gid://shopify/BulkOperation/77",
      status: "RUNNING",
      objects: 1200,
      orders: 300,
      ordersApplied: 0,
      percent: null,
      fallback: null,
    });
  });

  it("shows how many of the file's orders are applied once Shopify completed it, and 100 when the run finished", async () => {
    // GIVEN a backfill applying a completed file of 400 orders, 100 applied; and another shop's finished one
    const shop = newShop("sync-bulk-applying");
    await runRow(shop, { status: "running", bulkStatus: "COMPLETED", objects: 1500, orders: 400, applied: 100 });
    const done = newShop("sync-bulk-done");
    await runRow(done, { status: "succeeded", bulkStatus: "COMPLETED", objects: 1500, orders: 400, applied: 400 });
    // WHEN the pages load
    const applying = ok(await load(loader, adminRequest(shop, "/app/sync"))).data.lastReconciliation?.bulk;
    const finished = ok(await load(loader, adminRequest(done, "/app/sync"))).data.lastReconciliation?.bulk;
    // THEN a quarter, then all
    expect(applying).toMatchObject({ percent: 25, ordersApplied: 100, orders: 400 });
    expect(finished).toMatchObject({ percent: 100 });
  });

  it("says why a backfill read pages instead of its failed bulk query", async () => {
    const shop = newShop("sync-bulk-fallback");
    const fallback = "Shopify's bulk query gid://shopify/BulkOperation/77 ended FAILED (TIMEOUT). The backfill read the orders page by page instead.";
    await runRow(shop, { status: "succeeded", bulkStatus: "FAILED", objects: 20, orders: 10, applied: 400, fallback });
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    expect(data.lastReconciliation?.bulk).toMatchObject({ status: "FAILED", percent: null, fallback });
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(percentile([7], 0.5)).toBe(7);
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });
});
