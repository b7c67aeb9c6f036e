import { afterAll, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import type { TopicHandlers } from "~/automation/handlers/index.server";
import type { WebhookHandler } from "~/automation/handlers/types";
import { recordWebhook } from "~/automation/inbox.server";
import { RETRY } from "~/automation/retry";
import { processDueEvents, startWorker } from "~/automation/worker.server";
import { newWebhookId, uniqueShop } from "../../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

const T0 = new Date("2026-11-20T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function handlersWith(scopesUpdate: WebhookHandler<unknown>): TopicHandlers {
  const unexpected = async () => {
    throw new Error("unexpected topic");
  };
  return {
    APP_UNINSTALLED: unexpected,
    APP_SCOPES_UPDATE: scopesUpdate,
    CUSTOMERS_DATA_REQUEST: unexpected,
    CUSTOMERS_REDACT: unexpected,
    SHOP_REDACT: unexpected,
    RETURNS_REQUEST: unexpected,
    RETURNS_APPROVE: unexpected,
    RETURNS_DECLINE: unexpected,
    RETURNS_CANCEL: unexpected,
    RETURNS_CLOSE: unexpected,
    RETURNS_REOPEN: unexpected,
    RETURNS_PROCESS: unexpected,
    RETURNS_UPDATE: unexpected,
    ORDERS_CREATE: unexpected,
    ORDERS_UPDATED: unexpected,
    FULFILLMENTS_CREATE: unexpected,
    FULFILLMENTS_UPDATE: unexpected,
    REFUNDS_CREATE: unexpected,
  };
}

async function scopesUpdateEvent(shop: string, now = T0): Promise<string> {
  const webhookId = newWebhookId();
  await recordWebhook({ shop, topic: "APP_SCOPES_UPDATE", webhookId, apiVersion: "2026-10", payload: { previous: [], current: ["read_orders"] } }, now);
  return webhookId;
}

const failing = (message: string) =>
  handlersWith(async () => {
    throw new Error(message);
  });

describe("the webhook worker", () => {
  it("claims each due event exactly once when two workers run at the same time", async () => {
    // GIVEN five due events
    const shop = uniqueShop("claim");
    const webhookIds = [];
    for (let i = 0; i < 5; i++) webhookIds.push(await scopesUpdateEvent(shop));
    const seen: string[] = [];
    const handlers = handlersWith(async (_shop, _payload, event) => {
      seen.push(event.webhookId);
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    // WHEN two workers process the inbox in parallel
    const results = await Promise.all([processDueEvents({ shop, handlers, now: T0 }), processDueEvents({ shop, handlers, now: T0 })]);
    // THEN
    expect(seen.sort()).toEqual([...webhookIds].sort());
    expect(results[0].claimed + results[1].claimed).toBe(5);
    expect(results[0].processed + results[1].processed).toBe(5);
    const rows = await prisma.webhookEvent.findMany({ where: { shop } });
    expect(rows.map((row) => [row.status, row.attempts, row.processedAt])).toEqual(Array(5).fill(["processed", 1, T0]));
  });

  it("retries a failing event after 30 s, then 60 s, recording the last error each time", async () => {
    // GIVEN
    const shop = uniqueShop("retry");
    const webhookId = await scopesUpdateEvent(shop);
    const lines: string[] = [];
    const options = { shop, handlers: failing("Shopify answered 503"), log: (line: string) => lines.push(line) };
    // WHEN the first attempt fails
    const first = await processDueEvents({ ...options, now: T0 });
    // THEN
    expect(first).toEqual({ claimed: 1, processed: 0, retrying: 1, dead: 0 });
    let row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: at(30_000), lastError: "Shopify answered 503" });
    // WHEN a worker looks again before the retry is due
    const early = await processDueEvents({ ...options, now: at(29_999) });
    // THEN nothing is claimed
    expect(early.claimed).toBe(0);
    // WHEN the retry is due and fails again
    await processDueEvents({ ...options, now: at(30_000) });
    // THEN the delay doubles
    row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: at(30_000 + 60_000) });
    expect(lines).toEqual([
      `Webhook APP_SCOPES_UPDATE ${webhookId} for ${shop} failed (attempt 1 of ${RETRY.maxAttempts}), retrying in 30s: Shopify answered 503`,
      `Webhook APP_SCOPES_UPDATE ${webhookId} for ${shop} failed (attempt 2 of ${RETRY.maxAttempts}), retrying in 60s: Shopify answered 503`,
    ]);
  });

  it("caps the backoff at one hour", async () => {
    // GIVEN an event that has already failed 8 times under a policy allowing 10 attempts
    const shop = uniqueShop("cap");
    const webhookId = await scopesUpdateEvent(shop);
    await prisma.webhookEvent.update({ where: { webhookId }, data: { status: "failed", attempts: 8 } });
    // WHEN the 9th attempt fails (30 s · 2^8 would be over two hours)
    await processDueEvents({ shop, now: at(60_000), handlers: failing("still down"), retry: { ...RETRY, maxAttempts: 10 }, log: () => {} });
    // THEN
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row.nextAttemptAt).toEqual(at(60_000 + 60 * 60_000));
  });

  it("sets an event aside as dead after the last attempt and opens a numbered system ticket naming it", async () => {
    // GIVEN a shop whose ticket counter is at 41, another shop's counter, and an event on its last attempt
    const shop = uniqueShop("dead");
    const otherShop = uniqueShop("other");
    await prisma.shop.create({ data: { shop, nextTicketNumber: 41 } });
    await prisma.shop.create({ data: { shop: otherShop, nextTicketNumber: 7 } });
    const webhookId = await scopesUpdateEvent(shop);
    await prisma.webhookEvent.update({ where: { webhookId }, data: { attempts: RETRY.maxAttempts - 1 } });
    const lines: string[] = [];
    // WHEN
    const result = await processDueEvents({ shop, now: T0, handlers: failing("Cannot read properties of undefined"), log: (line) => lines.push(line) });
    // THEN
    expect(result).toEqual({ claimed: 1, processed: 0, retrying: 0, dead: 1 });
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "dead", attempts: RETRY.maxAttempts, lastError: "Cannot read properties of undefined" });
    const tickets = await prisma.ticket.findMany({ where: { shop }, include: { messages: true } });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      number: 41,
      category: "system",
      channel: "system",
      priority: "high",
      status: "open",
      subject: `Webhook APP_SCOPES_UPDATE failed ${RETRY.maxAttempts} times and was set aside`,
      slaDueAt: at(4 * 60 * 60_000),
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "ticket.created" } });
    expect(audit).toMatchObject({ actor: "system", entityType: "ticket", entityId: tickets[0]?.id, data: { number: 41, category: "system", channel: "system", priority: "high", returnCaseId: null } });
    expect(tickets[0]?.messages).toHaveLength(1);
    expect(tickets[0]?.messages[0]).toMatchObject({ authorType: "system", visibility: "internal" });
    expect(tickets[0]?.messages[0]?.body).toBe(
      [
        `Aftercare could not process the APP_SCOPES_UPDATE webhook ${webhookId} after ${RETRY.maxAttempts} attempts and stopped retrying.`,
        "Last error: Cannot read properties of undefined",
        "The event is kept in the webhook inbox (status dead); support can replay it once the cause is fixed.",
      ].join("\n"),
    );
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).nextTicketNumber).toBe(42);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: otherShop } })).nextTicketNumber).toBe(7);
    expect(await prisma.ticket.count({ where: { shop: otherShop } })).toBe(0);
    expect(lines).toEqual([`Webhook APP_SCOPES_UPDATE ${webhookId} for ${shop} is a dead letter after ${RETRY.maxAttempts} attempts: Cannot read properties of undefined`]);
  });

  it("numbers two dead letters of a shop without a Shop row 1 and 2", async () => {
    // GIVEN two events on their last attempt, in a shop we never saw install
    const shop = uniqueShop("nums");
    const ids = [await scopesUpdateEvent(shop), await scopesUpdateEvent(shop)];
    await prisma.webhookEvent.updateMany({ where: { webhookId: { in: ids } }, data: { attempts: RETRY.maxAttempts - 1 } });
    // WHEN
    await processDueEvents({ shop, now: T0, handlers: failing("boom"), log: () => {} });
    // THEN
    const numbers = (await prisma.ticket.findMany({ where: { shop }, orderBy: { number: "asc" } })).map((ticket) => ticket.number);
    expect(numbers).toEqual([1, 2]);
  });

  it("retries a payload that failed parsing at receipt, and dead-letters it naming the bad field", async () => {
    // GIVEN a scopes update without `current`, received at T0, under a two-attempt policy
    const shop = uniqueShop("garbage");
    const webhookId = newWebhookId();
    await recordWebhook({ shop, topic: "APP_SCOPES_UPDATE", webhookId, apiVersion: "2026-10", payload: { previous: [] } }, T0);
    const handler = vi.fn(async () => {});
    // WHEN the retry is due
    await processDueEvents({ shop, now: at(30_000), handlers: handlersWith(handler), retry: { ...RETRY, maxAttempts: 2 }, log: () => {} });
    // THEN
    expect(handler).not.toHaveBeenCalled();
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    const message = "Invalid APP_SCOPES_UPDATE payload — current: Invalid input: expected array, received undefined";
    expect(row).toMatchObject({ status: "dead", attempts: 2, lastError: message });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop }, include: { messages: true } });
    expect(ticket.messages[0]?.body).toContain(`Last error: ${message}`);
  });

  it("takes back an event whose worker stopped mid-way once its lease ran out", async () => {
    // GIVEN an event claimed by a worker that died (status processing, lease over at T0)
    const shop = uniqueShop("lease");
    const webhookId = await scopesUpdateEvent(shop);
    await prisma.webhookEvent.update({ where: { webhookId }, data: { status: "processing", attempts: 1, nextAttemptAt: T0 } });
    const handler = vi.fn(async () => {});
    // WHEN a worker looks before and at the end of the lease
    const before = await processDueEvents({ shop, now: at(-1), handlers: handlersWith(handler) });
    const after = await processDueEvents({ shop, now: T0, handlers: handlersWith(handler) });
    // THEN
    expect(before.claimed).toBe(0);
    expect(after).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } })).attempts).toBe(2);
  });

  it("drops a compliance payload once processed, keeping the webhook id for duplicates", async () => {
    // GIVEN
    const shop = uniqueShop("drop");
    const webhookId = newWebhookId();
    await recordWebhook(
      { shop, topic: "CUSTOMERS_REDACT", webhookId, apiVersion: "2026-10", payload: { shop_id: 1, shop_domain: shop, customer: { id: 5, email: "x@example.com" }, orders_to_redact: [] } },
      T0,
    );
    const handlers: TopicHandlers = { ...handlersWith(async () => {}), CUSTOMERS_REDACT: async () => {} };
    // WHEN
    await processDueEvents({ shop, now: T0, handlers });
    // THEN
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "processed", payload: { redacted: true } });
  });

  it("processes due events on its interval until stopped", async () => {
    // GIVEN
    const shop = uniqueShop("loop");
    const webhookId = await scopesUpdateEvent(shop, new Date());
    const handler = vi.fn(async () => {});
    // WHEN
    const stop = startWorker({ intervalMs: 10, shop, handlers: handlersWith(handler) });
    await vi.waitFor(async () => {
      expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } })).status).toBe("processed");
    });
    await stop();
    // THEN
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
