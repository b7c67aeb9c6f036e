import type { ShopifyAdminClient } from "~/shopify/client.server";
import { getShop as getShopFromShopify } from "~/shopify/shop.server";
import { getShop, upsertShopOnInstall, type Shop } from "./shops.server";

/**
 * Records the shop as Shopify describes it (name, currency, time zone, scopes) and marks it
 * installed. Runs from shopify-app-remix's afterAuth hook, i.e. once per new session — on
 * install, on reinstall (clearing uninstalledAt) and when the offline token is replaced.
 */
export async function recordShopFromShopify(shop: string, client: ShopifyAdminClient, scopes: string | null): Promise<Shop> {
  const info = await getShopFromShopify(client);
  return upsertShopOnInstall(shop, {
    name: info.name,
    email: info.email,
    currencyCode: info.currencyCode,
    ianaTimezone: info.ianaTimezone,
    scopes,
  });
}

/** The shop as we recorded it; a shop authenticated before the afterAuth hook existed is recorded now, once. */
export async function shopOrRecord(shop: string, client: ShopifyAdminClient, scopes: string | null): Promise<Shop> {
  return (await getShop(shop)) ?? recordShopFromShopify(shop, client, scopes);
}
