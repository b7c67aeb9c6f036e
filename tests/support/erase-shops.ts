import prisma from "~/db.server";
import { eraseShopRows } from "~/compliance/shop-redact.server";

/** A hook that erases shops gets this long: every table, in one transaction, on a crowded machine. */
export const ERASE_TIMEOUT_MS = 60_000;

/**
 * Deletes every row of these shops in every table, as shop/redact does (photo files are left
 * alone: other workers' files may be using the same shop's photo folder). A worker's database
 * outlives the test files it runs, so a file that works in the simulator's shops (DEMO_SHOP,
 * EU_SHOP) erases them before it starts — whatever an earlier file left there, such as a
 * return holding a Shopify return id that this file's fresh simulator hands out again — and
 * after it ends, so the files after it find them as they were.
 */
export async function eraseShops(...shops: string[]): Promise<void> {
  for (const shop of shops) {
    await prisma.$transaction((tx) => eraseShopRows(tx, shop), { timeout: ERASE_TIMEOUT_MS });
  }
}
