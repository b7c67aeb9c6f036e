import { afterAll, describe, expect, it } from "vitest";
import prisma, { createPrismaClient } from "~/db.server";

// SQLite only (the unit project runs on SQLite): the connection tuning of ADR 013.
afterAll(async () => {
  await prisma.$disconnect();
});

describe("SQLite connections", () => {
  it("gives every SQLite connection a server's page cache and a memory map, again after a reconnect", async () => {
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
});
