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
import { FIXTURES } from "../../support/shopify-sim";
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

describe("reconciliation", () => {
  it("backfills every order Shopify shows into the mirror on the first run, and the second run repairs nothing", async () => {
    // GIVEN a shop whose order webhooks never arrived
    const shop = uniqueShop("recon-backfill");
    const { client } = simClient();
    // WHEN the first run and then a second one run
    const first = await reconcileShop(shop, { client, trigger: "schedule", ...quiet });
    const second = await reconcileShop(shop, { client, trigger: "schedule", ...quiet });
    // THEN the first mirrored every order, as a backfill; the second found nothing to repair
    const mirrored = await prisma.orderMirror.count({ where: { shop } });
    expect(first).toMatchObject({ status: "succeeded", mode: "backfill", watermarkFrom: null, errors: [] });
    expect(mirrored).toBeGreaterThan(1);
    expect(first.ordersRepaired).toBe(mirrored);
    expect(second).toMatchObject({ status: "succeeded", mode: "incremental", ordersRepaired: 0, refundsRepaired: 0, returnsRepaired: 0 });
    expect(await prisma.orderMirror.findFirst({ where: { shop, orderId: o.id } })).toMatchObject({ name: o.name, currencyCode: "USD" });
  });

  it("repairs a return and a refund made in Shopify admin whose webhooks were missed, once", async () => {
    // GIVEN a reconciled shop, then a return processed and refunded in Shopify admin with no webhook
    const shop = uniqueShop("recon-missed");
    const sim = simClient();
    await reconcileShop(shop, { client: sim.client, trigger: "schedule", ...quiet });
    // (the seeded store's own earlier refunds were backfilled as external movements then)
    const before = { movements: await prisma.moneyMovement.count({ where: { shop } }), returns: await prisma.returnCase.count({ where: { shop } }) };
    const { returnId, refundId } = await returnAndRefundInShopifyAdmin(sim);
    // WHEN the next run runs, and then another
    const repair = await reconcileShop(shop, { client: sim.client, trigger: "manual", ...quiet });
    const again = await reconcileShop(shop, { client: sim.client, trigger: "manual", ...quiet });
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
    const { client, sim } = simClient();
    const queries: unknown[] = [];
    const watching: ShopifyAdminClient = {
      request: async (operation, variables) => {
        if (operation.includes("OrdersUpdatedSince")) queries.push(variables?.query ?? null);
        return client.request(operation, variables);
      },
    };
    const ten = new Date(sim.store.now());
    await reconcileShop(shop, { client: watching, trigger: "schedule", now: () => ten, ...quiet });
    // WHEN a second run runs an hour later
    const eleven = new Date(ten.getTime() + 3_600_000);
    const second = await reconcileShop(shop, { client: watching, trigger: "schedule", now: () => eleven, ...quiet });
    // THEN it reads from 10:00 less the overlap, and the watermark is now 11:00
    expect(second).toMatchObject({ mode: "incremental", watermarkFrom: ten, watermarkTo: eleven });
    // (the backfill may take several pages, all unfiltered)
    expect([...new Set(queries)]).toEqual([null, `updated_at:>'${new Date(ten.getTime() - WATERMARK_OVERLAP_MS).toISOString()}'`]);
    expect(await currentWatermark(shop)).toEqual(eleven);
  });

  it("keeps the watermark where it was when a run fails, and records why", async () => {
    // GIVEN a reconciled shop
    const shop = uniqueShop("recon-fail");
    const { client } = simClient();
    const first = await reconcileShop(shop, { client, trigger: "schedule", ...quiet });
    // WHEN Shopify is down for the next run
    const failed = await reconcileShop(shop, { client: unavailable, trigger: "schedule", ...quiet });
    // THEN the run is failed with its reason, and the watermark is still the first run's
    expect(failed.status).toBe("failed");
    expect(failed.errors).toEqual([expect.stringContaining("Reading orders from Shopify failed")]);
    const row = await prisma.reconciliationRun.findUniqueOrThrow({ where: { id: failed.runId } });
    expect(row).toMatchObject({ status: "failed", finishedAt: expect.any(Date) });
    expect(await currentWatermark(shop)).toEqual(first.watermarkTo);
    // AND the run after it starts from the same place
    const next = await reconcileShop(shop, { client, trigger: "schedule", ...quiet });
    expect(next.watermarkFrom).toEqual(first.watermarkTo);
  });

  it("refuses to start while another run of the same shop is running, but not for another shop", async () => {
    // GIVEN a run of shop A that is still running
    const shopA = uniqueShop("recon-busy-a");
    const shopB = uniqueShop("recon-busy-b");
    const { client } = simClient();
    await prisma.reconciliationRun.create({ data: { shop: shopA, trigger: "schedule", mode: "backfill", watermarkTo: new Date(), errors: [] } });
    // WHEN A and B are asked to run
    // THEN A is refused with the reason, B runs
    await expect(reconcileShop(shopA, { client, trigger: "manual", ...quiet })).rejects.toMatchObject({ code: "conflict" });
    expect((await reconcileShop(shopB, { client, trigger: "manual", ...quiet })).status).toBe("succeeded");
  });
});
