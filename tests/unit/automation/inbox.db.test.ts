import { afterAll, describe, expect, it } from "vitest";
import prisma, { dialect } from "~/db.server";
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

  it("accepts one of a batch's deliveries that share an event id and calls the others duplicates", async () => {
    // GIVEN one event delivered three times at once, under three webhook ids
    const shop = uniqueShop("batch-event");
    const eventId = `ev-${newWebhookId()}`;
    const delivery = () => ({ shop, topic: "APP_SCOPES_UPDATE", webhookId: newWebhookId(), eventId, apiVersion: "2026-10", payload: { previous: [], current: ["read_orders"] } });
    // WHEN they are committed in one group write
    const outcomes = await Promise.all([recordWebhook(delivery()), recordWebhook(delivery()), recordWebhook(delivery())]);
    // THEN
    expect(outcomes.sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    expect(await prisma.webhookEvent.count({ where: { shop, eventId } })).toBe(1);
  });

  it("fails every delivery of a batch whose commit fails and stores none of them, so each is answered with an error and resent", async () => {
    // GIVEN an inbox table that refuses one row (a trigger standing for a failing disk)
    const shop = uniqueShop("batch-fail");
    const poison = newWebhookId();
    const statements =
      dialect === "postgres"
        ? [
            `CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW."webhookId" = '${poison}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER refuse_poison BEFORE INSERT ON "WebhookEvent" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
          ]
        : [`CREATE TRIGGER refuse_poison BEFORE INSERT ON "WebhookEvent" WHEN NEW."webhookId" = '${poison}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`];
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);
    const ids = [newWebhookId(), poison, newWebhookId(), newWebhookId()];
    const delivery = (webhookId: string) => ({ shop, topic: "APP_SCOPES_UPDATE", webhookId, apiVersion: "2026-10", payload: { previous: [], current: ["read_orders"] } });
    try {
      // WHEN four deliveries arrive together with the refused one among them
      const outcomes = await Promise.allSettled(ids.map((id) => recordWebhook(delivery(id))));
      // THEN every one fails (the door answers 500) and none is stored half-way
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_poison${dialect === "postgres" ? ` ON "WebhookEvent"` : ""}`);
      if (dialect === "postgres") await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_poison()`);
    }
    // WHEN Shopify resends them
    const resent = await Promise.all(ids.map((id) => recordWebhook(delivery(id))));
    // THEN each is stored once
    expect(resent).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(4);
  });
});
