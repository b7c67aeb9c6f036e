import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { unauthenticated } from "~/shopify.server";
import { createShopifyClient, type AdminGraphql, type RetryOptions, type ShopifyAdminClient } from "~/shopify/client.server";

/**
 * The Admin API client a background handler uses for a shop: its offline token, refreshed
 * by the library when it has expired. Null when the shop has no offline session — it
 * uninstalled the app, and its webhooks can still be in the inbox.
 */
export async function offlineAdminClient(shop: string): Promise<ShopifyAdminClient | null> {
  try {
    const { admin } = await unauthenticated.admin(shop);
    return backgroundAdminClient(shop, admin.graphql);
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

/**
 * A client for work nobody is waiting on (the webhook worker, the rules sweep, scheduled
 * reconciliation): it leaves most of the shop's rate limit to the staff and shoppers using the
 * app, whose requests share the same bucket (`backgroundWaitMs` in the gateway).
 */
export function backgroundAdminClient(shop: string, graphql: AdminGraphql, options: Partial<Omit<RetryOptions, "background">> = {}): ShopifyAdminClient {
  return createShopifyClient(graphql, { ...options, background: { shop } });
}
