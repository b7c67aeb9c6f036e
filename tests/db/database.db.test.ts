import { createRequire } from "node:module";
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

type DmmfModel = { name: string; dbName: string | null; fields: { name: string; kind: string; dbName?: string | null }[] };

describe(`the migrated tables (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("have exactly the columns prisma/schema.prisma declares, so no migration dropped another's column", async () => {
    // GIVEN the test database, built only by applying prisma/migrations (or prisma/postgres/migrations)
    // Both generated clients carry the one datamodel (scripts/prisma-postgres.mjs derives the other).
    const generated: { Prisma: { dmmf: { datamodel: { models: DmmfModel[] } } } } = createRequire(import.meta.url)(".prisma/client-sqlite");
    const models = generated.Prisma.dmmf.datamodel.models;
    for (const model of models) {
      const table = model.dbName ?? model.name;
      // WHEN its columns are read from the database itself
      const rows: { name: string }[] =
        process.env.AFTERCARE_TEST_DB === "postgres"
          ? await prisma.$queryRawUnsafe(`SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, table)
          : await prisma.$queryRawUnsafe(`SELECT name FROM pragma_table_info(?)`, table);
      // THEN they are the model's scalar fields, no more and no fewer
      const declared = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => f.dbName ?? f.name);
      expect(rows.map((r) => r.name).sort(), table).toEqual([...declared].sort());
    }
  });
});
