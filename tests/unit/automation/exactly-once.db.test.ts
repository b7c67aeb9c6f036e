import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordWebhook } from "~/automation/inbox.server";
import { RETRY } from "~/automation/retry";
import { processDueEvents } from "~/automation/worker.server";
import { newWebhookId, uniqueShop } from "../../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

const T0 = new Date("2026-11-20T10:00:00.000Z");
const RETRY_DUE = new Date(T0.getTime() + RETRY.baseDelayMs + 1_000);

async function dataRequest(shop: string): Promise<string> {
  const webhookId = newWebhookId();
  await recordWebhook(
    {
      shop,
      topic: "CUSTOMERS_DATA_REQUEST",
      webhookId,
      apiVersion: "2026-10",
      payload: { shop_id: 1, shop_domain: shop, customer: { id: 191167, email: "jane@example.com" }, orders_requested: [299938], data_request: { id: 9999 } },
    },
    T0,
  );
  return webhookId;
}

const crash = () => {
  throw new Error("worker killed between the effect and the mark");
};

describe("exactly-once webhook effects", () => {
  it("opens one data-request ticket when the worker dies after the ticket and before the event is marked processed", async () => {
    // GIVEN a customers/data_request in the inbox of an installed shop
    const shop = uniqueShop("once");
    await prisma.shop.create({ data: { shop } });
    const webhookId = await dataRequest(shop);
    // WHEN the first attempt dies after the handler's effect, before the mark
    const first = await processDueEvents({ shop, now: T0, afterEffect: crash, log: () => undefined });
    // THEN nothing of it is left: no ticket, and the event waits for its retry
    expect(first).toEqual({ claimed: 1, processed: 0, retrying: 1, dead: 0 });
    expect(await prisma.ticket.count({ where: { shop } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { shop, action: "customer.data_requested" } })).toBe(0);
    // WHEN the retry runs to the end
    const second = await processDueEvents({ shop, now: RETRY_DUE });
    // THEN one ticket and one audit event, and the event is processed
    expect(second).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    expect(await prisma.ticket.count({ where: { shop } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { shop, action: "customer.data_requested" } })).toBe(1);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({ status: "processed", attempts: 2 });
  });

  it("rolls back app/scopes_update's change with the crashed attempt and applies it once on the retry", async () => {
    // GIVEN a shop whose scopes change
    const shop = uniqueShop("once-scopes");
    await prisma.shop.create({ data: { shop, scopes: "read_orders" } });
    await recordWebhook({ shop, topic: "APP_SCOPES_UPDATE", webhookId: newWebhookId(), apiVersion: "2026-10", payload: { previous: ["read_orders"], current: ["read_orders", "write_returns"] } }, T0);
    // WHEN the first attempt dies before the mark
    await processDueEvents({ shop, now: T0, afterEffect: crash, log: () => undefined });
    // THEN the shop is as it was
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).scopes).toBe("read_orders");
    // WHEN the retry runs
    await processDueEvents({ shop, now: RETRY_DUE });
    // THEN
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).scopes).toBe("read_orders,write_returns");
  });

  it("processes each of many events once with four workers claiming at the same time", async () => {
    // GIVEN 40 data requests
    const shop = uniqueShop("once-many");
    await prisma.shop.create({ data: { shop } });
    for (let i = 0; i < 40; i++) await dataRequest(shop);
    // WHEN four workers drain the inbox in parallel, in batches of 5
    const drain = async () => {
      let processed = 0;
      for (;;) {
        const result = await processDueEvents({ shop, now: T0, limit: 5 });
        processed += result.processed;
        if (result.claimed === 0) return processed;
      }
    };
    const counts = await Promise.all([drain(), drain(), drain(), drain()]);
    // THEN 40 processed in all, one ticket each
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await prisma.ticket.count({ where: { shop } })).toBe(40);
    expect(await prisma.webhookEvent.count({ where: { shop, status: "processed", attempts: 1 } })).toBe(40);
  });
});
