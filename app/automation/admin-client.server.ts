import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { unauthenticated } from "~/shopify.server";
import { createShopifyClient, type ShopifyAdminClient } from "~/shopify/client.server";

/**
 * The Admin API client a background handler uses for a shop: its offline token, refreshed
 * by the library when it has expired. Null when the shop has no offline session — it
 * uninstalled the app, and its webhooks can still be in the inbox.
 */
export async function offlineAdminClient(shop: string): Promise<ShopifyAdminClient | null> {
  try {
    const { admin } = await unauthenticated.admin(shop);
    return createShopifyClient(admin.graphql);
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}
