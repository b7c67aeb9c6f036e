import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import {
  assertLookupAllowed,
  DatabaseLookupFailureStore,
  LOOKUP_SUBJECT_MAX_MISSES,
  LOOKUP_WINDOW_MS,
  recordLookupMiss,
} from "~/portal/rate-limit.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

const store = new DatabaseLookupFailureStore();
// Real time: the store prunes every shop's expired rows, so a fixed past date would be pruned
// by another test file sharing the database.
const NOW = Date.now();

describe("the database-backed lookup rate limit", () => {
  it("stops a client after five misses in the window and tells it when to come back", async () => {
    // GIVEN five misses one minute apart
    const shop = uniqueShop("limit");
    const keys = { client: `${shop}|ip:abc`, subjects: [`${shop}|order:n1`] };
    for (let i = 0; i < 5; i++) await recordLookupMiss(keys, NOW - (5 - i) * 60_000, store);
    // WHEN the client tries again, for another order
    const error = await assertLookupAllowed({ ...keys, subjects: [`${shop}|order:n2`] }, NOW, store).catch((e: unknown) => e);
    // THEN 429, until the oldest miss leaves the 15-minute window (10 minutes from now)
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 600 } });
  });

  it("stops guesses at one order number after ten misses, whichever clients sent them", async () => {
    // GIVEN ten misses on one order number, each from a different client
    const shop = uniqueShop("subject");
    const order = `${shop}|order:n1`;
    for (let i = 0; i < LOOKUP_SUBJECT_MAX_MISSES; i++) await recordLookupMiss({ client: `${shop}|ip:c${i}`, subjects: [order] }, NOW - 1000 + i, store);
    // THEN a fresh client (or none at all) is refused for that number, and may still try another
    await expect(assertLookupAllowed({ client: `${shop}|ip:fresh`, subjects: [order] }, NOW, store)).rejects.toMatchObject({ code: "rate_limited" });
    await expect(assertLookupAllowed({ client: null, subjects: [order] }, NOW, store)).rejects.toMatchObject({ code: "rate_limited" });
    await expect(assertLookupAllowed({ client: `${shop}|ip:fresh`, subjects: [`${shop}|order:n2`] }, NOW, store)).resolves.toBeUndefined();
  });

  it("counts only this shop's misses for this client", async () => {
    // GIVEN four misses in shop A and five by the same IP hash in shop B
    const shopA = uniqueShop("a");
    const shopB = uniqueShop("b");
    for (let i = 0; i < 4; i++) await recordLookupMiss({ client: `${shopA}|ip:same`, subjects: [] }, NOW - i * 1_000, store);
    for (let i = 0; i < 5; i++) await recordLookupMiss({ client: `${shopB}|ip:same`, subjects: [] }, NOW - i * 1_000, store);
    // THEN shop A's client may still try; shop B's may not
    await expect(assertLookupAllowed({ client: `${shopA}|ip:same`, subjects: [] }, NOW, store)).resolves.toBeUndefined();
    await expect(assertLookupAllowed({ client: `${shopB}|ip:same`, subjects: [] }, NOW, store)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("prunes misses that left the window, of every shop", async () => {
    // GIVEN an old miss in a shop that has gone quiet
    const quiet = `${uniqueShop("quiet")}|ip:old`;
    await store.recordMisses([quiet], NOW - LOOKUP_WINDOW_MS - 60_000);
    // WHEN a miss is recorded in another shop
    const busy = `${uniqueShop("busy")}|ip:new`;
    await store.recordMisses([busy], NOW);
    // THEN the expired row is gone and the new one is stored
    expect(await prisma.portalLookupFailure.count({ where: { clientKey: quiet } })).toBe(0);
    expect(await prisma.portalLookupFailure.count({ where: { clientKey: busy } })).toBe(1);
  });

  it("keeps at most the cap of rows per shop within the window, dropping the oldest, and leaves other shops alone", async () => {
    // GIVEN a store capped at 6 rows per shop, and a neighbour shop with 3 rows
    const capped = new DatabaseLookupFailureStore(6);
    const shop = uniqueShop("flood");
    const neighbour = uniqueShop("neighbour");
    await capped.recordMisses([`${neighbour}|ip:n1`, `${neighbour}|order:n1`, `${neighbour}|email:n1`], NOW - 5_000);
    // WHEN a guesser with fresh keys every time makes four misses (three rows each)
    for (let i = 0; i < 4; i++) await capped.recordMisses([`${shop}|ip:${i}`, `${shop}|order:${i}`, `${shop}|email:${i}`], NOW + i);
    // THEN the shop holds 6 rows, the two newest misses; the neighbour keeps its 3
    const rows = await prisma.portalLookupFailure.findMany({ where: { shop }, select: { clientKey: true } });
    expect(rows.map((r) => r.clientKey).sort()).toEqual([`${shop}|email:2`, `${shop}|email:3`, `${shop}|ip:2`, `${shop}|ip:3`, `${shop}|order:2`, `${shop}|order:3`]);
    expect(await prisma.portalLookupFailure.count({ where: { shop: neighbour } })).toBe(3);
  });
});
