import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { processDueEvents } from "~/automation/worker.server";
import { money } from "~/lib/money";
import { mirroredDeliveries } from "~/orders/mirror.server";
import { createRefund } from "~/shopify/refunds.server";
import { createShopifyClient, type AdminGraphql } from "~/shopify/client.server";
import { action as fulfillmentsCreate } from "~/routes/webhooks.fulfillments.create";
import { action as fulfillmentsUpdate } from "~/routes/webhooks.fulfillments.update";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { action as ordersUpdated } from "~/routes/webhooks.orders.updated";
import { action as refundsCreate } from "~/routes/webhooks.refunds.create";
import { action as returnsUpdate } from "~/routes/webhooks.returns.update";
import { createSimulator, DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { upsertShopOnInstall } from "~/shops/shops.server";
import { callAction, uniqueShop, webhookRequest } from "../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

type Action = Parameters<typeof callAction>[0];

const ROUTES: Record<string, Action> = {
  "/webhooks/orders/create": ordersCreate,
  "/webhooks/orders/updated": ordersUpdated,
  "/webhooks/fulfillments/create": fulfillmentsCreate,
  "/webhooks/fulfillments/update": fulfillmentsUpdate,
  "/webhooks/refunds/create": refundsCreate,
  "/webhooks/returns/update": returnsUpdate,
};

/**
 * The simulator with its webhooks delivered to the app's real routes, signed with the test
 * app's secret, the shop header pointed at a shop of this test (the HMAC covers the body only).
 */
function simulatorToRoutes(shop: string) {
  const statuses: number[] = [];
  const sim = createSimulator({
    apiSecret: "testApiSecretKey",
    appUrl: "https://my-test-app.myshopify.io",
    scheduler: (run) => queueMicrotask(run),
    retryDelaysMs: [],
    fetch: async (request) => {
      const action = ROUTES[new URL(request.url).pathname];
      if (!action) return new Response(null, { status: 200 });
      const headers = new Headers(request.headers);
      headers.set("X-Shopify-Shop-Domain", shop);
      const response = await callAction(action, new Request(request.url, { method: "POST", headers, body: await request.text() }));
      statuses.push(response.status);
      return response;
    },
  });
  const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) =>
    new Response(JSON.stringify((await sim.graphql(DEMO_SHOP, query, options?.variables ?? {})).body));
  const client = createShopifyClient(graphql as unknown as AdminGraphql, { sleep: async () => {}, random: () => 0 });
  return { sim, client, statuses };
}

const later = () => new Date(Date.now() + 60_000);

describe("the new webhook topics, from the simulator through the routes to the mirror and the ledger", () => {
  it("mirrors an order, its delivery and a refund made outside Aftercare, each once however often it is sent", async () => {
    // GIVEN
    const shop = uniqueShop("topics");
    await upsertShopOnInstall(shop); // the door stores webhooks only for shops it knows
    const { sim, client, statuses } = simulatorToRoutes(shop);
    const order = sim.store.shopState(DEMO_SHOP).orders.find((o) => o.id === FIXTURES.order1001.id);
    const fulfillment = order?.fulfillments[0];
    const sale = order?.transactions[0];
    if (!order || !fulfillment || !sale) throw new Error("order #1001 is not seeded as shipped and paid");
    // WHEN Shopify sends orders/create twice, the carrier delivers the parcel, and the merchant refunds $10 in admin
    sim.webhooks.duplicates = true;
    sim.sendWebhook(DEMO_SHOP, "orders/create");
    sim.deliver(DEMO_SHOP, fulfillment.id, "2026-11-18T15:00:00.000Z");
    await createRefund(client, {
      orderId: order.id,
      idempotencyKey: "admin-refund-1",
      notify: false,
      lines: [],
      transactions: [{ parentTransactionId: sale.id, gateway: sale.gateway, amount: money(1000, "USD") }],
    });
    await sim.webhooks.idle();
    await processDueEvents({ shop, now: later() });
    // THEN every delivery was accepted and each event stored once
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const events = await prisma.webhookEvent.findMany({ where: { shop }, select: { topic: true, status: true, lastError: true } });
    expect(events.filter((e) => e.status !== "processed")).toEqual([]);
    expect(events.map((e) => e.topic).sort()).toEqual(["FULFILLMENTS_UPDATE", "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_UPDATED", "REFUNDS_CREATE"]);
    // … the order is mirrored in its latest state, without the customer's name or email
    const mirrored = await prisma.orderMirror.findFirstOrThrow({ where: { shop } });
    expect(mirrored).toMatchObject({ orderId: order.id, name: "#1001", customerId: FIXTURES.ava.id, currencyCode: "USD", financialStatus: "partially_refunded", lineCount: 2 });
    // … the return window counts from the delivery
    expect(await mirroredDeliveries(shop, order.id)).toEqual(new Map([[fulfillment.id, "2026-11-18T15:00:00.000Z"]]));
    // … and the $10 refund is in the ledger as money moved outside Aftercare
    expect(await prisma.moneyMovement.findMany({ where: { shop }, select: { kind: true, amountMinor: true, status: true, returnCaseId: true } })).toEqual([
      { kind: "external", amountMinor: 1000n, status: "succeeded", returnCaseId: null },
    ]);
  });
});

describe("the new webhook routes", () => {
  it.each(Object.entries(ROUTES))("%s answers 401 to a webhook signed with another secret and stores nothing", async (path, action) => {
    // GIVEN
    const shop = uniqueShop("forged");
    const request = webhookRequest({ topic: path.replace("/webhooks/", ""), shop, payload: { id: 1 }, secret: "not-the-app-secret" });
    // WHEN
    const response = await callAction(action, request);
    // THEN
    expect(response.status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("stores returns/update for the return mirror, after the settling delay of the returns/* topics", async () => {
    // GIVEN
    const shop = uniqueShop("return-update");
    await upsertShopOnInstall(shop); // the door stores webhooks only for shops it knows
    const payload = { id: 945000959, admin_graphql_api_id: "gid://shopify/Return/945000959", status: "open", order: { id: 450789469 } };
    // WHEN
    const response = await callAction(returnsUpdate, webhookRequest({ topic: "returns/update", shop, payload }));
    // THEN
    expect(response.status).toBe(200);
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop } });
    expect(row).toMatchObject({ topic: "RETURNS_UPDATE", status: "pending", lastError: null });
    expect(row.nextAttemptAt.getTime() - row.receivedAt.getTime()).toBe(15_000);
  });
});
