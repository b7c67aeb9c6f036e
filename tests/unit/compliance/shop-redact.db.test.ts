import { createRequire } from "node:module";
import type { Prisma } from "~/db.server";
import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordWebhook } from "~/automation/inbox.server";
import { processDueEvents } from "~/automation/worker.server";
import { handleShopRedact } from "~/compliance/shop-redact.server";
import { newWebhookId, uniqueShop } from "../../support/shopify-app";
import { photoFilesOf, withTempPhotoDir } from "../../support/photos";
import { SHOP_ROWS, seedCustomer, seedCustomerPhotos } from "./seed";

withTempPhotoDir();

afterAll(async () => {
  await prisma.$disconnect();
});

// The generated client is CommonJS in node_modules/.prisma, loaded as app/db.server.ts does.
const { Prisma: Generated } = createRequire(import.meta.url)(".prisma/client-sqlite") as { Prisma: { dmmf: typeof Prisma.dmmf } };

const NOW = new Date("2026-11-20T10:00:00.000Z");

/** One row in every table for the shop: a customer's footprint and photos plus policy, job, session, staff member. */
async function seedShop(shop: string) {
  await seedCustomerPhotos(shop, await seedCustomer(shop, { customerNumber: "191167", email: "jane@example.com", name: "Jane Doe", orderNumber: "299938" }));
  const policy = await prisma.policy.create({ data: { shop, version: 1, excludedTags: [], excludedProductTypes: [], reasons: [] } });
  // A return judged by the policy: ReturnCase → Policy is onDelete: Restrict.
  await prisma.returnCase.create({
    data: { shop, channel: "admin", resolution: "refund", orderId: "gid://shopify/Order/2", orderName: "#2", currencyCode: "EUR", decision: [], policyId: policy.id, policyVersion: 1 },
  });
  await prisma.job.create({ data: { shop, kind: "reconcile", payload: {} } });
  await prisma.reconciliationRun.create({ data: { shop, trigger: "schedule", mode: "backfill", watermarkTo: new Date(), errors: [] } });
  await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "shpat_test" } });
  await prisma.staffMember.create({ data: { shop, userId: "42", name: "Sam Novak", email: "sam@example.com" } });
  await prisma.ruleSet.create({ data: { shop, version: 1, rules: {}, createdBy: "system" } });
  // The help desk: settings, SLA targets, a macro and a tag on one of the shop's tickets.
  await prisma.helpdeskSettings.create({ data: { shop, businessHours: {} } });
  await prisma.slaPolicy.create({ data: { shop, category: "any", priority: "normal", firstResponseMinutes: 60, resolutionMinutes: 120 } });
  await prisma.macro.create({ data: { shop, name: "Thanks", body: "Thanks!" } });
  const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop } });
  await prisma.ticketTag.create({ data: { shop, ticketId: ticket.id, tag: "vip" } });
  await prisma.ruleRun.create({
    data: { shop, ruleKey: "review_signal", ruleSetVersion: 1, entityType: "return", entityId: "rc_1", trigger: "return.requested", facts: {}, decision: "skip", reasons: [], outcome: "skipped" },
  });
}

async function countsFor(shop: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [model, rows] of Object.entries(SHOP_ROWS)) counts[model] = (await rows(shop)).length;
  return counts;
}

describe("shop/redact", () => {
  it("lists every Prisma model in the test's row finder", () => {
    // GIVEN the models of the generated client
    const models = Generated.dmmf.datamodel.models;
    // THEN each has a shop column and a row finder here
    expect(Object.keys(SHOP_ROWS).sort()).toEqual(models.map((model) => model.name).sort());
    expect(models.filter((model) => !model.fields.some((field) => field.name === "shop")).map((model) => model.name)).toEqual([]);
  });

  it("deletes every row of the shop in every model, and no row of another shop", async () => {
    // GIVEN both shops hold rows in every model, and the shop/redact itself is in the inbox
    const shop = uniqueShop("erase");
    const otherShop = uniqueShop("keep");
    await seedShop(shop);
    await seedShop(otherShop);
    const webhookId = newWebhookId();
    await recordWebhook({ shop, topic: "SHOP_REDACT", webhookId, apiVersion: "2026-10", payload: { shop_id: 1, shop_domain: shop } }, NOW);
    const before = await countsFor(shop);
    const otherBefore = await countsFor(otherShop);
    expect(Object.entries(before).filter(([, count]) => count === 0)).toEqual([]);
    // WHEN the worker processes the shop/redact with the real handler
    const result = await processDueEvents({ shop, now: NOW });
    // THEN
    expect(result).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    const after = await countsFor(shop);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    expect(await countsFor(otherShop)).toEqual(otherBefore);
    // ... and the files go with the rows: none of the shop's photos is left on disk, all of the other shop's are
    expect(photoFilesOf(shop)).toEqual([]);
    expect(photoFilesOf(otherShop)).toHaveLength(4);
  });

  it("refuses to erase anything when the payload names another shop than the signed header", async () => {
    // GIVEN
    const shop = uniqueShop("mismatch");
    await seedShop(shop);
    const before = await countsFor(shop);
    // WHEN / THEN
    await expect(
      handleShopRedact(shop, { shop_id: "1", shop_domain: "someone-else.myshopify.com" }, { webhookId: "wh-x", triggeredAt: null, now: NOW }),
    ).rejects.toThrow(`shop/redact for ${shop} names shop_domain someone-else.myshopify.com; nothing was erased`);
    expect(await countsFor(shop)).toEqual(before);
  });

  it("erases nothing twice: a second delivery finds an empty shop and succeeds", async () => {
    // GIVEN a shop already erased
    const shop = uniqueShop("again");
    await seedShop(shop);
    const context = { webhookId: "wh-y", triggeredAt: null, now: NOW };
    await handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, context);
    // WHEN
    await handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, context);
    // THEN
    expect(Object.values(await countsFor(shop))).toEqual(Array(Object.keys(SHOP_ROWS).length).fill(0));
  });
});
