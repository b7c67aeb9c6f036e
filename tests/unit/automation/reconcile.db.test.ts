/**
 * Reconciliation against the store simulator: things happen "in Shopify admin" whose webhooks
 * never reach the app, and a run reads them back through the gateway and repairs the mirror,
 * the returns queue and the ledger — once.
 */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { currentWatermark, reconcileShop, WATERMARK_OVERLAP_MS } from "~/automation/reconcile/run.server";
import { ShopifyUnavailableError } from "~/shopify/errors";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { startOrdersBackfill } from "~/shopify/bulk.server";
import { DEMO_SHOP, FIXTURES } from "../../support/shopify-sim";
import { pickString } from "../../sim/support";
import { uniqueShop } from "../../support/factories";
import { openShopifyReturn, processInShopifyAdmin, simClient, type SimClient } from "../refunds/support";

const o = FIXTURES.order1001;

afterAll(async () => {
  await prisma.$disconnect();
});

/** The merchant processes a return in Shopify admin: the items and $46.44 back to the card — and no webhook arrives. */
async function returnAndRefundInShopifyAdmin(sim: SimClient): Promise<{ returnId: string; refundId: string }> {
  const shopify = await openShopifyReturn(sim.sim);
  return { returnId: shopify.returnId, refundId: await processInShopifyAdmin(sim, shopify) };
}

/** A client whose every call fails as when Shopify is down. */
const unavailable: ShopifyAdminClient = {
  request: async () => {
    throw new ShopifyUnavailableError("OrdersUpdatedSince", "server_error", 4, "Shopify answered 503");
  },
};

const quiet = { log: () => {} };

/** What a run needs beyond the client: the simulator serves the bulk result file, and polls do not wait. */
function withSim(s: SimClient) {
  return { ...quiet, fetch: (input: RequestInfo | URL) => s.sim.handler(new Request(input)), sleep: async () => {} };
}

describe("reconciliation", () => {
  it("backfills every order Shopify shows into the mirror on the first run, and the second run repairs nothing", async () => {
    // GIVEN a shop whose order webhooks never arrived
    const shop = uniqueShop("recon-backfill");
    const sim = simClient();
    const { client } = sim;
    // WHEN the first run and then a second one run
    const first = await reconcileShop(shop, { client, trigger: "schedule", ...withSim(sim) });
    const firstSent = sim.sent.splice(0);
    const second = await reconcileShop(shop, { client, trigger: "schedule", ...withSim(sim) });
    // THEN the first mirrored every order through one bulk query, as a backfill; the second read pages and found nothing to repair
    const mirrored = await prisma.orderMirror.count({ where: { shop } });
    expect(first).toMatchObject({ status: "succeeded", mode: "backfill", watermarkFrom: null, errors: [], bulk: { status: "COMPLETED", fallback: null, reused: false } });
    expect(firstSent.filter((n) => n.startsWith("Bulk"))).toEqual(["BulkQueriesRecent", "BulkQueryStart", "BulkQueryStatus", "BulkQueryStatus"]);
    expect(firstSent).not.toContain("OrdersUpdatedSince");
    expect(sim.sent).toContain("OrdersUpdatedSince");
    expect(sim.sent.filter((n) => n.startsWith("Bulk"))).toEqual([]);
    expect(second.bulk).toBeNull();
    const row = await prisma.reconciliationRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(row).toMatchObject({ bulkOperationId: first.bulk?.operationId, bulkStatus: "COMPLETED", bulkFallback: null, bulkRootObjectCount: mirrored });
    expect(row.bulkObjectCount).toBeGreaterThan(mirrored);
    expect(mirrored).toBeGreaterThan(1);
    expect(first.ordersRepaired).toBe(mirrored);
    expect(second).toMatchObject({ status: "succeeded", mode: "incremental", ordersRepaired: 0, refundsRepaired: 0, returnsRepaired: 0 });
    expect(await prisma.orderMirror.findFirst({ where: { shop, orderId: o.id } })).toMatchObject({ name: o.name, currencyCode: "USD" });
  });

  it("repairs a return and a refund made in Shopify admin whose webhooks were missed, once", async () => {
    // GIVEN a reconciled shop, then a return processed and refunded in Shopify admin with no webhook
    const shop = uniqueShop("recon-missed");
    const sim = simClient();
    await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    // (the seeded store's own earlier refunds were backfilled as external movements then)
    const before = { movements: await prisma.moneyMovement.count({ where: { shop } }), returns: await prisma.returnCase.count({ where: { shop } }) };
    const { returnId, refundId } = await returnAndRefundInShopifyAdmin(sim);
    // WHEN the next run runs, and then another
    const repair = await reconcileShop(shop, { client: sim.client, trigger: "manual", ...withSim(sim) });
    const again = await reconcileShop(shop, { client: sim.client, trigger: "manual", ...withSim(sim) });
    // THEN the return is in the queue, its refund in the ledger as external, the order's mirror is current
    expect(repair).toMatchObject({ status: "succeeded", returnsRepaired: 1, refundsRepaired: 1, errors: [] });
    expect(repair.ordersRepaired).toBeGreaterThanOrEqual(1);
    const rc = await prisma.returnCase.findFirstOrThrow({ where: { shop, shopifyReturnId: returnId } });
    expect(rc.channel).toBe("shopify");
    const movements = await prisma.moneyMovement.findMany({ where: { shop, returnCaseId: rc.id } });
    expect(movements.map((m) => ({ kind: m.kind, amountMinor: Number(m.amountMinor), shopifyId: m.shopifyId, returnCaseId: m.returnCaseId }))).toEqual([
      { kind: "external", amountMinor: 4644, shopifyId: refundId, returnCaseId: rc.id },
    ]);
    const order = await prisma.orderMirror.findFirstOrThrow({ where: { shop, orderId: o.id } });
    expect(order.financialStatus).toBe("refunded");
    // AND the run after it checks the same order again (the overlap) but repairs nothing
    expect(again).toMatchObject({ status: "succeeded", ordersRepaired: 0, refundsRepaired: 0, returnsRepaired: 0 });
    expect(again.refundsChecked).toBe(1);
    expect(await prisma.moneyMovement.count({ where: { shop } })).toBe(before.movements + 1);
    expect(await prisma.returnCase.count({ where: { shop } })).toBe(before.returns + 1);
  });

  it("starts each run where the last succeeded one ended, and reads orders updated since then (less the overlap)", async () => {
    // GIVEN a first run at 10:00
    const shop = uniqueShop("recon-mark");
    const simc = simClient();
    const { client, sim } = simc;
    const queries: unknown[] = [];
    const watching: ShopifyAdminClient = {
      request: async (operation, variables) => {
        if (operation.includes("OrdersUpdatedSince")) queries.push(variables?.query ?? null);
        return client.request(operation, variables);
      },
    };
    const ten = new Date(sim.store.now());
    await reconcileShop(shop, { client: watching, trigger: "schedule", now: () => ten, ...withSim(simc) });
    // WHEN a second run runs an hour later
    const eleven = new Date(ten.getTime() + 3_600_000);
    const second = await reconcileShop(shop, { client: watching, trigger: "schedule", now: () => eleven, ...withSim(simc) });
    // THEN it reads from 10:00 less the overlap, and the watermark is now 11:00
    expect(second).toMatchObject({ mode: "incremental", watermarkFrom: ten, watermarkTo: eleven });
    // (the backfill read everything through the bulk query, not pages)
    expect([...new Set(queries)]).toEqual([`updated_at:>'${new Date(ten.getTime() - WATERMARK_OVERLAP_MS).toISOString()}'`]);
    expect(await currentWatermark(shop)).toEqual(eleven);
  });

  it("keeps the watermark where it was when a run fails, and records why", async () => {
    // GIVEN a reconciled shop
    const shop = uniqueShop("recon-fail");
    const sim = simClient();
    const { client } = sim;
    const first = await reconcileShop(shop, { client, trigger: "schedule", ...withSim(sim) });
    // WHEN Shopify is down for the next run
    const failed = await reconcileShop(shop, { client: unavailable, trigger: "schedule", ...quiet });
    // THEN the run is failed with its reason, and the watermark is still the first run's
    expect(failed.status).toBe("failed");
    expect(failed.errors).toEqual([expect.stringContaining("Reading orders from Shopify failed")]);
    const row = await prisma.reconciliationRun.findUniqueOrThrow({ where: { id: failed.runId } });
    expect(row).toMatchObject({ status: "failed", finishedAt: expect.any(Date) });
    expect(await currentWatermark(shop)).toEqual(first.watermarkTo);
    // AND the run after it starts from the same place
    const next = await reconcileShop(shop, { client, trigger: "schedule", ...withSim(sim) });
    expect(next.watermarkFrom).toEqual(first.watermarkTo);
  });

  it("refuses to start while another run of the same shop is running, but not for another shop", async () => {
    // GIVEN a run of shop A that is still running
    const shopA = uniqueShop("recon-busy-a");
    const shopB = uniqueShop("recon-busy-b");
    const sim = simClient();
    const { client } = sim;
    await prisma.reconciliationRun.create({ data: { shop: shopA, trigger: "schedule", mode: "backfill", watermarkTo: new Date(), errors: [] } });
    // WHEN A and B are asked to run
    // THEN A is refused with the reason, B runs
    await expect(reconcileShop(shopA, { client, trigger: "manual", ...withSim(sim) })).rejects.toMatchObject({ code: "conflict" });
    expect((await reconcileShop(shopB, { client, trigger: "manual", ...withSim(sim) })).status).toBe("succeeded");
  });

  it("repairs a return, its refund and the order on the first run through the bulk query, when their webhooks were missed before install", async () => {
    // GIVEN a return processed and refunded in Shopify admin before the shop was ever reconciled
    const shop = uniqueShop("recon-bulk-missed");
    const sim = simClient();
    const { returnId, refundId } = await returnAndRefundInShopifyAdmin(sim);
    // WHEN the first run backfills
    const first = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    // THEN the bulk query served it: the return is in the queue, the refund in the ledger as external, the order mirrored as refunded
    expect(first).toMatchObject({ status: "succeeded", mode: "backfill", errors: [], bulk: { status: "COMPLETED", fallback: null } });
    expect(sim.sent).not.toContain("OrdersUpdatedSince");
    const rc = await prisma.returnCase.findFirstOrThrow({ where: { shop, shopifyReturnId: returnId } });
    expect(rc.channel).toBe("shopify");
    const movement = await prisma.moneyMovement.findFirstOrThrow({ where: { shop, shopifyId: refundId } });
    expect({ kind: movement.kind, amountMinor: Number(movement.amountMinor), returnCaseId: movement.returnCaseId }).toEqual({ kind: "external", amountMinor: 4644, returnCaseId: rc.id });
    expect(await prisma.orderMirror.findFirstOrThrow({ where: { shop, orderId: o.id } })).toMatchObject({ financialStatus: "refunded", lineCount: 2 });
    // AND the counts cover every order, return and refund of the store
    const store = sim.sim.store.shopState(DEMO_SHOP);
    expect(first).toMatchObject({
      ordersChecked: store.orders.length,
      returnsChecked: store.orders.flatMap((x) => x.returnIds).length,
      refundsChecked: store.orders.flatMap((x) => x.refundIds).length,
    });
  });

  it("falls back to reading pages when Shopify's bulk query fails, says so, and still backfills everything", async () => {
    // GIVEN a store whose bulk query will end FAILED
    const shop = uniqueShop("recon-bulk-failed");
    const sim = simClient();
    sim.sim.store.shopState(DEMO_SHOP).bulkFailNext = "INTERNAL_SERVER_ERROR";
    // WHEN the first run backfills
    const first = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    // THEN the run read pages instead, succeeded, and its report and row say why
    const orders = sim.sim.store.shopState(DEMO_SHOP).orders.length;
    expect(first).toMatchObject({ status: "succeeded", mode: "backfill", errors: [], ordersChecked: orders, ordersRepaired: orders });
    expect(first.bulk?.fallback).toBe(
      `Shopify's bulk query ${first.bulk?.operationId} ended FAILED (INTERNAL_SERVER_ERROR). The backfill read the orders page by page instead.`,
    );
    expect(sim.sent).toContain("OrdersUpdatedSince");
    expect(await prisma.reconciliationRun.findUniqueOrThrow({ where: { id: first.runId } })).toMatchObject({ bulkStatus: "FAILED", bulkFallback: first.bulk?.fallback });
    expect(await prisma.orderMirror.count({ where: { shop } })).toBe(orders);
    // AND the watermark is set: the next run is paged, not another bulk query
    const before = sim.sent.length;
    const second = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    expect(second).toMatchObject({ mode: "incremental", bulk: null });
    expect(sim.sent.slice(before).filter((n) => n.startsWith("Bulk"))).toEqual([]);
  });

  it("takes over its own backfill query still running from an earlier run instead of starting a second, and marks the data as of its start", async () => {
    // GIVEN a backfill bulk query a run started before its process died
    const shop = uniqueShop("recon-bulk-reuse");
    const sim = simClient();
    const started = await startOrdersBackfill(sim.client);
    if (started.kind !== "started") throw new Error("the simulator refused the backfill query");
    sim.sent.splice(0);
    // WHEN the next run backfills
    const run = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    // THEN it followed that operation, started none, and the watermark is the operation's creation
    expect(run).toMatchObject({ status: "succeeded", bulk: { operationId: started.operation.id, reused: true, status: "COMPLETED", fallback: null } });
    expect(sim.sent).not.toContain("BulkQueryStart");
    expect(run.watermarkTo).toEqual(started.operation.createdAt);
    expect(await currentWatermark(shop)).toEqual(started.operation.createdAt);
    expect(await prisma.orderMirror.count({ where: { shop } })).toBe(sim.sim.store.shopState(DEMO_SHOP).orders.length);
  });

  it("reads pages when the bulk query is still running after twenty minutes of polls, and says so", async () => {
    // GIVEN a store whose bulk query never finishes, and a run whose pauses are counted, not waited
    const shop = uniqueShop("recon-bulk-slow");
    const sim = simClient();
    sim.sim.store.shopState(DEMO_SHOP).bulkStalled = true;
    const pauses: number[] = [];
    // WHEN the first run backfills
    const run = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim), sleep: async (ms) => void pauses.push(ms) });
    // THEN it polled with growing pauses up to twenty minutes in all, then read pages
    expect(pauses.slice(0, 6)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000]);
    const waited = pauses.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(20 * 60_000);
    expect(waited - (pauses.at(-1) ?? 0)).toBeLessThan(20 * 60_000);
    expect(run).toMatchObject({ status: "succeeded", errors: [], bulk: { status: "RUNNING" } });
    expect(run.bulk?.fallback).toBe(`Shopify's bulk query ${run.bulk?.operationId} was still running after 20 minutes. The backfill read the orders page by page instead.`);
    expect(await prisma.orderMirror.count({ where: { shop } })).toBe(sim.sim.store.shopState(DEMO_SHOP).orders.length);
  });

  it("reads pages when another bulk query holds the shop's one slot", async () => {
    // GIVEN some other bulk query of the app running on the shop
    const shop = uniqueShop("recon-bulk-busy");
    const sim = simClient();
    const other = await sim.sim.graphql(DEMO_SHOP, `mutation { bulkOperationRunQuery(query: "{ customers { nodes { id } } }", groupObjects: false) { bulkOperation { id } userErrors { message } } }`);
    const otherId = pickString(other.body, "data", "bulkOperationRunQuery", "bulkOperation", "id");
    // WHEN the first run backfills
    const run = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim) });
    // THEN it did not touch that operation and read pages, saying so
    expect(run).toMatchObject({ status: "succeeded", errors: [] });
    expect(run.bulk?.fallback).toBe(`Another bulk query (${otherId}) is running on this shop. The backfill read the orders page by page instead.`);
    expect(sim.sent).not.toContain("BulkQueryStart");
    expect(await prisma.orderMirror.count({ where: { shop } })).toBe(sim.sim.store.shopState(DEMO_SHOP).orders.length);
  });

  it("fails the run and keeps no watermark when the bulk file breaks off after orders were applied", async () => {
    // GIVEN a result file cut in the middle of a line after the first orders
    const shop = uniqueShop("recon-bulk-cut");
    const sim = simClient();
    const cut = async (input: RequestInfo | URL) => {
      const text = await (await sim.sim.handler(new Request(input))).text();
      const lines = text.split("\n");
      return new Response(`${lines.slice(0, 4).join("\n")}\n{"id":"gid://shopify/Order/`);
    };
    // WHEN the first run backfills
    const run = await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...withSim(sim), fetch: cut });
    // THEN the run failed naming the operation, and the next run is a backfill again
    expect(run.status).toBe("failed");
    expect(run.errors).toEqual([expect.stringMatching(/^Reading orders from Shopify failed: The result of Shopify's bulk query gid:\/\/shopify\/BulkOperation\/\d+ broke off after \d+ orders: Line \d+ of the bulk result is not JSON\.$/)]);
    expect(await currentWatermark(shop)).toBeNull();
  });
});
