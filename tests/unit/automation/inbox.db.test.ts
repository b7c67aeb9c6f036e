import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordWebhook } from "~/automation/inbox.server";
import { newWebhookId, uniqueShop } from "../../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the webhook inbox", () => {
  it("accepts one of two simultaneous deliveries of the same webhook id and calls the other a duplicate", async () => {
    // GIVEN two deliveries of one webhook racing each other
    const shop = uniqueShop("race");
    const webhookId = newWebhookId();
    const delivery = { shop, topic: "APP_SCOPES_UPDATE", webhookId, apiVersion: "2026-10", payload: { previous: [], current: ["read_orders"] } };
    // WHEN
    const outcomes = await Promise.all([recordWebhook(delivery), recordWebhook(delivery)]);
    // THEN
    expect(outcomes.sort()).toEqual(["accepted", "duplicate"]);
    expect(await prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
  });

  it("stores an unparseable Triggered-At as unknown rather than refusing the webhook", async () => {
    // GIVEN
    const shop = uniqueShop("time");
    const webhookId = newWebhookId();
    // WHEN
    const outcome = await recordWebhook({ shop, topic: "SHOP_REDACT", webhookId, apiVersion: "2026-10", triggeredAt: "yesterday", payload: { shop_id: 1, shop_domain: shop } });
    // THEN
    expect(outcome).toBe("accepted");
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row.triggeredAt).toBeNull();
  });

  it("stores a webhook of a topic without a handler as failed, so it ends as a visible dead letter", async () => {
    // GIVEN
    const shop = uniqueShop("topic");
    const webhookId = newWebhookId();
    // WHEN
    const outcome = await recordWebhook({ shop, topic: "PRODUCTS_CREATE", webhookId, apiVersion: "2026-10", payload: { id: 1 } });
    // THEN
    expect(outcome).toBe("invalid_payload");
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "No handler for webhook topic PRODUCTS_CREATE" });
  });
});
