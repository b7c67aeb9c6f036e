import { formatMoney } from "~/lib/money";
import { upsertShopOnInstall } from "~/shops/shops.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { listRecentOrders } from "~/shopify/orders.server";
import { getShop } from "~/shopify/shop.server";

export type HomeOrder = {
  id: string;
  name: string;
  createdAt: string;
  customer: string | null;
  total: string;
  financialStatus: string | null;
  fulfillmentStatus: string;
};

export type HomeData = {
  shop: { name: string; domain: string; currencyCode: string; timezone: string; plan: string };
  recentOrders: HomeOrder[];
};

const RECENT_ORDERS = 10;

/**
 * The admin home: who the shop is and its newest orders, read through the Admin API.
 * Also keeps our Shop row in step with Shopify (currency and time zone judge every
 * return window and every amount), so the first visit after install records the shop.
 */
export async function loadHome(shop: string, client: ShopifyAdminClient, scopes: string | null, locale = "en"): Promise<HomeData> {
  const [info, orders] = await Promise.all([getShop(client), listRecentOrders(client, { first: RECENT_ORDERS })]);
  await upsertShopOnInstall(shop, {
    name: info.name,
    email: info.email,
    currencyCode: info.currencyCode,
    ianaTimezone: info.ianaTimezone,
    scopes,
  });
  return {
    shop: {
      name: info.name,
      domain: info.myshopifyDomain,
      currencyCode: info.currencyCode,
      timezone: info.ianaTimezone,
      plan: info.plan.displayName,
    },
    recentOrders: orders.map((order) => ({
      id: order.id,
      name: order.name,
      createdAt: order.createdAt,
      customer: order.customerDisplayName,
      total: formatMoney(order.total.presentment, locale),
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus,
    })),
  };
}
