import { afterAll, describe, expect, it } from "vitest";
import prisma, { createPrismaClient, dialect } from "~/db.server";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`the database (${process.env.AFTERCARE_TEST_DB})`, () => {
  it.skipIf(dialect !== "sqlite")("gives every SQLite connection a server's page cache and a memory map, again after a reconnect", async () => {
    const client = createPrismaClient(process.env.DATABASE_URL ?? "");
    const settings = async () => [
      await client.$queryRawUnsafe<{ cache_size: bigint }[]>("PRAGMA cache_size"),
      await client.$queryRawUnsafe<{ mmap_size: bigint }[]>("PRAGMA mmap_size"),
    ];
    try {
      expect(await settings()).toEqual([[{ cache_size: -32768n }], [{ mmap_size: 1073741824n }]]);
      await client.$disconnect();
      expect(await settings()).toEqual([[{ cache_size: -32768n }], [{ mmap_size: 1073741824n }]]);
    } finally {
      await client.$disconnect();
    }
  });

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
