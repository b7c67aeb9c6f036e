import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { handleRefundsCreate } from "~/automation/handlers/refunds-create.server";
import { parsePayload } from "~/automation/payloads";
import { movementKey } from "~/refunds/plan";
import { performReturnAction } from "~/returns/actions.server";
import { DEMO_SHOP, FIXTURES, type Simulator } from "../../support/shopify-sim";
import { refundPayload } from "../../support/shopify-sim/payloads";
import { rejection } from "../../support/errors";
import { uniqueShop } from "../../support/factories";
import { movementsOf, openShopifyReturn, processInShopifyAdmin, receivedReturnCase, refundEvents, simClient } from "./support";

const AGENT = "staff:42";
const NOW = new Date("2026-11-20T10:00:00.000Z");
const o = FIXTURES.order1001;

afterAll(async () => {
  await prisma.$disconnect();
});

/** The refunds/create body Shopify sends for the refund the simulator made, as its webhooks reference documents it. */
function refundsCreateBody(sim: Simulator, refundId: string): Record<string, unknown> {
  const state = sim.store.shopState(DEMO_SHOP);
  const refund = state.nodes.get(refundId);
  if (refund?.__typename !== "Refund") throw new Error(`no refund ${refundId}`);
  return refundPayload(state, refund);
}

/** What the worker does with a refunds/create delivery: parse it, then run the handler. */
async function receiveRefund(shop: string, body: unknown): Promise<void> {
  const parsed = parsePayload("REFUNDS_CREATE", body);
  if (!parsed.ok) throw new Error(parsed.error);
  await handleRefundsCreate(shop, parsed.payload, { webhookId: "wh-refund", triggeredAt: null, now: NOW });
}

/** A refund body of order #1001, as Shopify documents refunds/create. */
function refundBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 929361464,
    order_id: Number(o.id.split("/").pop()),
    created_at: "2026-11-19T09:00:00Z",
    processed_at: "2026-11-19T09:00:00Z",
    note: "Refunded at the counter",
    return: null,
    refund_line_items: [{ id: 1, line_item_id: 2, quantity: 1, restock_type: "no_restock", subtotal: 25.0, total_tax: 2.0 }],
    transactions: [{ id: 1072844685, kind: "refund", status: "success", gateway: "bogus", amount: "27.00", currency: "USD" }],
    ...overrides,
  };
}

describe("refunds made outside Aftercare", () => {
  it("records a refund made in Shopify admin as an external movement linked to the return it names", async () => {
    // GIVEN a received return that the merchant processes in Shopify admin instead
    const shop = uniqueShop("admin-refund");
    const { sim, client } = simClient();
    const shopify = await openShopifyReturn(sim);
    const rc = await receivedReturnCase(shop, shopify);
    const refundId = await processInShopifyAdmin({ sim, client }, shopify);
    // WHEN refunds/create arrives
    await receiveRefund(shop, refundsCreateBody(sim, refundId));
    // THEN the ledger has the $46.44 Shopify paid, on this return, already succeeded
    expect(await movementsOf(shop, rc.id)).toEqual([{ kind: "external", amountMinor: 4644, status: "succeeded", shopifyId: refundId, attempts: 0 }]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "money.external.recorded" } });
    expect(audit).toMatchObject({ actor: "webhook", entityType: "return", entityId: rc.id });
  });

  it("never pays a return again that Shopify already refunded (the payout guard)", async () => {
    // GIVEN the return was processed and refunded in Shopify admin, and refunds/create was recorded
    const shop = uniqueShop("guard");
    const { sim, client } = simClient();
    const shopify = await openShopifyReturn(sim);
    const rc = await receivedReturnCase(shop, shopify);
    await receiveRefund(shop, refundsCreateBody(sim, await processInShopifyAdmin({ sim, client }, shopify)));
    // WHEN an agent then clicks refund in Aftercare
    const refused = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }));
    // THEN nothing more is paid, and the agent is told why
    expect(refused.code).toBe("conflict");
    expect(refused.message).toBe("Return #1001 was already refunded $46.44 in Shopify (outside Aftercare), so Aftercare will not pay it again. Check the order in Shopify admin.");
    expect(refundEvents(sim)).toHaveLength(1);
    expect((await movementsOf(shop, rc.id)).map((m) => m.kind)).toEqual(["external"]);
  });

  it("does not finish an unpaid payout of a return that was closed in Shopify meanwhile", async () => {
    // GIVEN our refund row was written but never confirmed, and then the merchant closed the return in Shopify
    const shop = uniqueShop("closed");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    await prisma.moneyMovement.create({
      data: {
        shop, returnCaseId: rc.id, orderId: o.id, kind: "refund", amountMinor: 4144n, currencyCode: "USD",
        idempotencyKey: movementKey(shop, rc.id, "resolution"), status: "pending", attempts: 1, actor: AGENT, createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    await prisma.moneyMovement.updateMany({ where: { shop, returnCaseId: rc.id }, data: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    await prisma.returnCase.update({ where: { id: rc.id }, data: { status: "closed", closedAt: new Date() } });
    // WHEN the agent retries the refund
    const refused = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client, now: new Date(Date.now() + 3 * 60_000) }));
    // THEN nothing is paid
    expect(refused.message).toBe("Return #1001 was closed in Shopify before Aftercare paid it, so Aftercare will not pay it now. Check the order in Shopify admin.");
    expect(refundEvents(sim)).toHaveLength(0);
  });

  it("leaves Aftercare's own refund to its ledger row when its refunds/create echo arrives", async () => {
    // GIVEN Aftercare refunded the return
    const shop = uniqueShop("echo");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client });
    const refundId = refundEvents(sim)[0]?.subjectId ?? "";
    // WHEN Shopify's refunds/create for it arrives, twice
    await receiveRefund(shop, refundsCreateBody(sim, refundId));
    await receiveRefund(shop, refundsCreateBody(sim, refundId));
    // THEN no external movement was added
    expect((await movementsOf(shop, rc.id)).map((m) => m.kind).sort()).toEqual(["fee", "refund"]);
  });

  it("records a repeated delivery once, and links a refund that names no return to the order's open return", async () => {
    // GIVEN an open return of #1001 in Aftercare, and a refund of another shop's same order
    const shop = uniqueShop("dupe");
    const other = uniqueShop("other");
    const rc = await receivedReturnCase(shop, null, { status: "approved" });
    // WHEN the same refund is delivered twice, and once to the other shop
    await receiveRefund(shop, refundBody());
    await receiveRefund(shop, refundBody());
    await receiveRefund(other, refundBody());
    // THEN
    expect(await movementsOf(shop, rc.id)).toEqual([{ kind: "external", amountMinor: 2700, status: "succeeded", shopifyId: "gid://shopify/Refund/929361464", attempts: 0 }]);
    expect(await prisma.moneyMovement.findMany({ where: { shop: other } })).toMatchObject([{ kind: "external", returnCaseId: null }]);
  });

  it("waits while an Aftercare payment on the order is unconfirmed, so its refund is not taken for someone else's", async () => {
    // GIVEN a refund row of ours still pending (its answer was lost)
    const shop = uniqueShop("pending");
    const rc = await receivedReturnCase(shop, null);
    await prisma.moneyMovement.create({
      data: { shop, returnCaseId: rc.id, orderId: o.id, kind: "refund", amountMinor: 2700n, currencyCode: "USD", idempotencyKey: `k-${shop}`, status: "pending", attempts: 1, actor: AGENT },
    });
    // WHEN refunds/create arrives
    const waiting = receiveRefund(shop, refundBody());
    // THEN the handler throws (the inbox retries later) and nothing was recorded
    await expect(waiting).rejects.toThrow(/^Refund gid:\/\/shopify\/Refund\/929361464 on order .* arrived while an Aftercare payment on that order is still unconfirmed/);
    expect(await prisma.moneyMovement.count({ where: { shop, kind: "external" } })).toBe(0);
  });

  it("waits for the return a refund names until the return is mirrored", async () => {
    // GIVEN no return 945000959 in Aftercare yet
    const shop = uniqueShop("unknown-return");
    // WHEN
    const waiting = receiveRefund(shop, refundBody({ return: { id: 945000959, admin_graphql_api_id: "gid://shopify/Return/945000959" } }));
    // THEN
    await expect(waiting).rejects.toThrow(
      "Refund gid://shopify/Refund/929361464 pays Shopify return gid://shopify/Return/945000959, which Aftercare has not mirrored yet; it is looked at again once the return is known.",
    );
    expect(await prisma.moneyMovement.count({ where: { shop } })).toBe(0);
  });

  it("records nothing for a refund that moved no money (its only transaction failed)", async () => {
    // GIVEN
    const shop = uniqueShop("failed");
    // WHEN
    await receiveRefund(shop, refundBody({ transactions: [{ id: 1, kind: "refund", status: "failure", amount: "27.00", currency: "USD" }] }));
    // THEN
    expect(await prisma.moneyMovement.count({ where: { shop } })).toBe(0);
  });
});
