/**
 * The merchant's switch for the portal's order number + email lookup (docs/decisions/027).
 * On by default and on for a shop we have no row for: guests, shops without customer
 * accounts and the EU right of withdrawal all need it. The storefront block learns it from an
 * app-data metafield (Liquid cannot ask us), so a change is written there too.
 */
import { recordAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { setAppBooleanMetafield } from "~/shopify/app-metafields.server";

/** The metafield key the block reads: `app.metafields.aftercare.guest_lookup`. */
const GUEST_LOOKUP_METAFIELD_KEY = "guest_lookup";

/** Whether guests may look an order up by number and email in this shop's portal. */
export async function isGuestLookupOn(shop: string): Promise<boolean> {
  const row = await prisma.shop.findUnique({ where: { shop }, select: { guestLookup: true } });
  return row?.guestLookup ?? true;
}

/**
 * Turns the lookup on or off: Shopify first (the block must hide or show the form as the
 * server answers), then our row with its audit event. A failed Shopify call changes nothing.
 */
export async function setGuestLookup(shop: string, client: ShopifyAdminClient, on: boolean, actor: string): Promise<void> {
  await setAppBooleanMetafield(client, GUEST_LOOKUP_METAFIELD_KEY, on);
  await prisma.$transaction(async (tx) => {
    const updated = await tx.shop.updateMany({ where: { shop }, data: { guestLookup: on } });
    if (updated.count === 0) await tx.shop.create({ data: { shop, guestLookup: on } });
    await recordAudit(tx, shop, { actor, action: on ? "portal.guest_lookup_on" : "portal.guest_lookup_off", entityType: "shop", entityId: shop });
  });
}
