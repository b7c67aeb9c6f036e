import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { assertLookupAllowed, DatabaseLookupFailureStore, LOOKUP_WINDOW_MS } from "~/portal/rate-limit.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

const store = new DatabaseLookupFailureStore();
const NOW = Date.parse("2026-11-26T12:00:00Z");

describe("the database-backed lookup rate limit", () => {
  it("stops a client after five misses in the window and tells it when to come back", async () => {
    // GIVEN five misses one minute apart
    const key = `${uniqueShop("limit")}|ip:abc`;
    for (let i = 0; i < 5; i++) await store.recordMiss(key, NOW - (5 - i) * 60_000);
    // WHEN the client tries again
    const error = await assertLookupAllowed(key, NOW, store).catch((e: unknown) => e);
    // THEN 429, until the oldest miss leaves the 15-minute window (10 minutes from now)
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 600 } });
  });

  it("counts only this shop's misses for this client, and a success forgives them", async () => {
    // GIVEN four misses in shop A and five by the same IP hash in shop B
    const keyA = `${uniqueShop("a")}|ip:same`;
    const keyB = `${uniqueShop("b")}|ip:same`;
    for (let i = 0; i < 4; i++) await store.recordMiss(keyA, NOW - i * 1_000);
    for (let i = 0; i < 5; i++) await store.recordMiss(keyB, NOW - i * 1_000);
    // THEN shop A's client may still try; shop B's may not
    await expect(assertLookupAllowed(keyA, NOW, store)).resolves.toBeUndefined();
    await expect(assertLookupAllowed(keyB, NOW, store)).rejects.toMatchObject({ code: "rate_limited" });
    // WHEN shop B's client then finds its order
    await store.clear(keyB);
    // THEN its misses are gone and shop A's are untouched
    expect(await store.missesSince(keyB, 0)).toEqual([]);
    expect(await store.missesSince(keyA, 0)).toHaveLength(4);
  });

  it("prunes misses that left the window", async () => {
    // GIVEN an old miss
    const key = `${uniqueShop("prune")}|ip:old`;
    await store.recordMiss(key, NOW - LOOKUP_WINDOW_MS - 60_000);
    // WHEN a new miss is recorded
    await store.recordMiss(key, NOW);
    // THEN only the new one is stored
    expect(await prisma.portalLookupFailure.count({ where: { clientKey: key } })).toBe(1);
  });
});
