import type { Range } from "~/metrics/period";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { countSoldUnits } from "~/shopify/orders.server";
import type { SoldUnitsSource } from "./dashboard.server";

const HOUR_MS = 3_600_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { units: number | null; expires: number }>();

/**
 * Units sold, counted from the shop's orders in the Admin API (up to 40 pages of 250 for
 * one period) — too costly to repeat on every dashboard view. A count is kept for an hour
 * per shop and period, its edges rounded to the hour: the return rate then trails new
 * orders by at most an hour.
 */
export function soldUnitsFromShopify(shop: string, client: ShopifyAdminClient, now: () => number = Date.now): SoldUnitsSource {
  return async (range: Range) => {
    const from = Math.floor(range.from.getTime() / HOUR_MS) * HOUR_MS;
    const to = Math.floor(range.to.getTime() / HOUR_MS) * HOUR_MS;
    const key = `${shop}|${from}|${to}`;
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.units;
    const units = await countSoldUnits(client, { from: new Date(from), to: new Date(to) });
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, { units, expires: now() + HOUR_MS });
    return units;
  };
}
