import { handleShopRedact } from "~/compliance/shop-redact.server";

/**
 * Erases every row of these shops in every table (and their photos), as shop/redact does. A
 * worker's database outlives the test files it runs, so a file that works in the simulator's
 * shops (DEMO_SHOP, EU_SHOP) erases them before it starts — whatever an earlier file left there,
 * such as a return holding a Shopify return id that this file's fresh simulator hands out
 * again — and after it ends, so the files after it find them as they were.
 */
export async function eraseShops(...shops: string[]): Promise<void> {
  for (const shop of shops) {
    await handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, { webhookId: `test-erase-${shop}`, triggeredAt: null, now: new Date() });
  }
}
