import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { TOPIC_HANDLERS } from "~/automation/handlers/index.server";
import { parsePayload, type WebhookTopic } from "~/automation/payloads";
import { mirroredDeliveries } from "~/orders/mirror.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

const NOW = new Date("2026-11-20T10:00:00.000Z");

/** Parses a documented body for its topic and runs the topic's handler, as the worker does. */
async function deliver(shop: string, topic: "ORDERS_CREATE" | "ORDERS_UPDATED" | "FULFILLMENTS_CREATE" | "FULFILLMENTS_UPDATE", body: unknown): Promise<void> {
  await run(shop, topic, body);
}

async function run<T extends WebhookTopic>(shop: string, topic: T, body: unknown): Promise<void> {
  const parsed = parsePayload(topic, body);
  if (!parsed.ok) throw new Error(parsed.error);
  await TOPIC_HANDLERS[topic](shop, parsed.payload, { webhookId: `wh-${topic}`, triggeredAt: null, now: NOW });
}

function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 5001,
    admin_graphql_api_id: "gid://shopify/Order/5001",
    name: "#1001",
    email: "ava.lee@example.com",
    created_at: "2026-11-01T09:00:00Z",
    updated_at: "2026-11-01T09:00:00Z",
    processed_at: "2026-11-01T09:00:00Z",
    currency: "USD",
    total_price: "46.44",
    total_price_set: { shop_money: { amount: "46.44", currency_code: "USD" }, presentment_money: { amount: "46.44", currency_code: "USD" } },
    financial_status: "paid",
    fulfillment_status: null,
    customer: { id: 7001, email: "ava.lee@example.com", first_name: "Ava", last_name: "Lee" },
    line_items: [{ id: 1 }, { id: 2 }],
    shipping_address: { address1: "1 Main St" },
    ...overrides,
  };
}

function fulfillmentBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 8001,
    order_id: 5001,
    status: "success",
    shipment_status: "in_transit",
    created_at: "2026-11-02T09:00:00Z",
    updated_at: "2026-11-02T15:00:00Z",
    tracking_company: "USPS",
    line_items: [{ id: 1, quantity: 1 }],
    ...overrides,
  };
}

describe("the order mirror", () => {
  it("keeps an order's facts in minor units and counts the customer's orders, with no name, email or address", async () => {
    // GIVEN
    const shop = uniqueShop("mirror");
    // WHEN two orders of one customer are created
    await deliver(shop, "ORDERS_CREATE", orderBody());
    await deliver(shop, "ORDERS_CREATE", orderBody({ id: 5002, name: "#1002", created_at: "2026-11-05T09:00:00Z", updated_at: "2026-11-05T09:00:00Z" }));
    // THEN
    const row = await prisma.orderMirror.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: "gid://shopify/Order/5001" } } });
    expect(row).toMatchObject({
      name: "#1001",
      customerId: "gid://shopify/Customer/7001",
      orderCreatedAt: new Date("2026-11-01T09:00:00Z"),
      shopifyUpdatedAt: new Date("2026-11-01T09:00:00Z"),
      totalMinor: 4644n,
      currencyCode: "USD",
      financialStatus: "paid",
      fulfillmentStatus: null,
      lineCount: 2,
    });
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/ava|Lee|Main St/i);
    expect(await prisma.customerMirror.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: "gid://shopify/Customer/7001" } } })).toMatchObject({ ordersCount: 2 });
  });

  it("applies a newer orders/updated and ignores a duplicate and an older one that arrives late", async () => {
    // GIVEN the order as created, then refunded at 12:00
    const shop = uniqueShop("stale");
    await deliver(shop, "ORDERS_CREATE", orderBody());
    await deliver(shop, "ORDERS_UPDATED", orderBody({ updated_at: "2026-11-03T12:00:00Z", financial_status: "refunded" }));
    // WHEN the same update comes twice and an update of 10:00 (partially refunded) arrives after it
    await deliver(shop, "ORDERS_UPDATED", orderBody({ updated_at: "2026-11-03T12:00:00Z", financial_status: "refunded" }));
    await deliver(shop, "ORDERS_UPDATED", orderBody({ updated_at: "2026-11-03T10:00:00Z", financial_status: "partially_refunded" }));
    // and the orders/create of the first state arrives last of all
    await deliver(shop, "ORDERS_CREATE", orderBody());
    // THEN the mirror holds the 12:00 state
    const rows = await prisma.orderMirror.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ financialStatus: "refunded", shopifyUpdatedAt: new Date("2026-11-03T12:00:00Z") });
    expect(await prisma.customerMirror.findFirstOrThrow({ where: { shop } })).toMatchObject({ ordersCount: 1 });
  });

  it("moves the count when a merchant gives the order to another customer, and leaves other shops alone", async () => {
    // GIVEN the same order id in two shops
    const shop = uniqueShop("moved");
    const other = uniqueShop("other");
    await deliver(shop, "ORDERS_CREATE", orderBody());
    await deliver(other, "ORDERS_CREATE", orderBody());
    // WHEN the order is reassigned in one shop
    await deliver(shop, "ORDERS_UPDATED", orderBody({ updated_at: "2026-11-04T09:00:00Z", customer: { id: 7002 } }));
    // THEN
    const counts = await prisma.customerMirror.findMany({ where: { shop }, orderBy: { customerId: "asc" } });
    expect(counts.map((c) => [c.customerId, c.ordersCount])).toEqual([
      ["gid://shopify/Customer/7001", 0],
      ["gid://shopify/Customer/7002", 1],
    ]);
    expect(await prisma.orderMirror.findFirstOrThrow({ where: { shop: other } })).toMatchObject({ customerId: "gid://shopify/Customer/7001" });
  });
});

describe("the fulfillment mirror", () => {
  it("records the delivery date from fulfillments/update and keeps it through later updates", async () => {
    // GIVEN a shipped parcel
    const shop = uniqueShop("deliver");
    await deliver(shop, "FULFILLMENTS_CREATE", fulfillmentBody());
    expect(await mirroredDeliveries(shop, "gid://shopify/Order/5001")).toEqual(new Map());
    // WHEN the carrier reports it delivered, then a later update (a tracking note) comes
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "delivered", updated_at: "2026-11-04T16:30:00Z" }));
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "delivered", updated_at: "2026-11-06T08:00:00Z" }));
    // THEN the window counts from the delivery
    expect(await mirroredDeliveries(shop, "gid://shopify/Order/5001")).toEqual(new Map([["gid://shopify/Fulfillment/8001", "2026-11-04T16:30:00.000Z"]]));
  });

  it("ignores an in-transit update that arrives after the delivery it preceded", async () => {
    // GIVEN the delivery was applied
    const shop = uniqueShop("late");
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "delivered", updated_at: "2026-11-04T16:30:00Z" }));
    // WHEN the older in-transit update and a duplicate of the delivery arrive
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "in_transit", updated_at: "2026-11-03T07:00:00Z" }));
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "delivered", updated_at: "2026-11-04T16:30:00Z" }));
    // THEN
    const rows = await prisma.fulfillmentMirror.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ shipmentStatus: "delivered", deliveredAt: new Date("2026-11-04T16:30:00Z"), shopifyUpdatedAt: new Date("2026-11-04T16:30:00Z") });
  });

  it("drops the delivery date when a newer update takes the delivery back", async () => {
    // GIVEN
    const shop = uniqueShop("undo");
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "delivered", updated_at: "2026-11-04T16:30:00Z" }));
    // WHEN the carrier corrects itself
    await deliver(shop, "FULFILLMENTS_UPDATE", fulfillmentBody({ shipment_status: "failure", updated_at: "2026-11-05T09:00:00Z" }));
    // THEN
    expect(await mirroredDeliveries(shop, "gid://shopify/Order/5001")).toEqual(new Map());
  });
});
