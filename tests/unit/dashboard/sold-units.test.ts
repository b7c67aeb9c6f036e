import { describe, expect, it } from "vitest";
import { soldUnitsFromShopify } from "~/dashboard/sold-units.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";

/** A client whose every order page holds one order of `units` units; counts the calls. */
function countingClient(units: number) {
  let calls = 0;
  const client = {
    request: async () => {
      calls += 1;
      return { orders: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ subtotalLineItemsQuantity: units }] } };
    },
  } as unknown as ShopifyAdminClient;
  return { client, calls: () => calls };
}

const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe("soldUnitsFromShopify", () => {
  it("counts a period once an hour per shop, not on every dashboard view", async () => {
    // GIVEN a clock and a shop's client
    let now = Date.parse("2026-11-26T12:00:00Z");
    const { client, calls } = countingClient(7);
    const source = soldUnitsFromShopify("cache-a.myshopify.com", client, () => now);
    // WHEN the dashboard asks three times within the hour (the range's edges move by minutes)
    const first = await source(range("2026-11-19T12:05:00Z", "2026-11-26T12:05:00Z"));
    now += 20 * 60_000;
    const second = await source(range("2026-11-19T12:25:00Z", "2026-11-26T12:25:00Z"));
    // THEN Shopify is asked once
    expect([first, second]).toEqual([7, 7]);
    expect(calls()).toBe(1);
    // AND after an hour the count is refreshed
    now += 61 * 60_000;
    await source(range("2026-11-19T12:25:00Z", "2026-11-26T12:25:00Z"));
    expect(calls()).toBe(2);
  });

  it("never hands one shop's count to another", async () => {
    const a = countingClient(3);
    const b = countingClient(9);
    const r = range("2026-10-01T00:00:00Z", "2026-10-31T00:00:00Z");
    expect(await soldUnitsFromShopify("cache-b.myshopify.com", a.client)(r)).toBe(3);
    expect(await soldUnitsFromShopify("cache-c.myshopify.com", b.client)(r)).toBe(9);
  });
});
