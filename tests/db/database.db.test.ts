import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`the database (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("stores money beyond 32 bits and JSON lists exactly", async () => {
    // GIVEN an IDR return worth more than 2^31 minor units
    const shop = `db-${Date.now()}-${Math.random().toString(36).slice(2)}.myshopify.com`;
    const amount = 3_500_000_000_00n;
    // WHEN
    const created = await prisma.moneyMovement.create({
      data: {
        shop,
        orderId: "gid://shopify/Order/1",
        kind: "refund",
        amountMinor: amount,
        currencyCode: "IDR",
        idempotencyKey: "refund-1",
        actor: "system",
      },
    });
    const policy = await prisma.policy.create({
      data: { shop, version: 1, excludedTags: ["gift-card"], excludedProductTypes: [], reasons: [] },
    });
    // THEN
    const read = await prisma.moneyMovement.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.amountMinor).toBe(amount);
    const readPolicy = await prisma.policy.findUniqueOrThrow({ where: { id: policy.id } });
    expect(readPolicy.excludedTags).toEqual(["gift-card"]);
  });

  it("refuses a second ledger row with the same idempotency key in one shop", async () => {
    // GIVEN
    const shop = `db-${Date.now()}-${Math.random().toString(36).slice(2)}.myshopify.com`;
    const row = { shop, orderId: "gid://shopify/Order/1", kind: "refund", amountMinor: 100n, currencyCode: "USD", idempotencyKey: "k", actor: "system" };
    await prisma.moneyMovement.create({ data: row });
    // WHEN / THEN
    await expect(prisma.moneyMovement.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
    const count = await prisma.moneyMovement.count({ where: { shop } });
    expect(count).toBe(1);
  });
});
