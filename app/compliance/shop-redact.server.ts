import type { Prisma } from "~/db.server";
import type { ShopRedactPayload } from "~/automation/payloads";
import type { WebhookHandler } from "~/automation/handlers/types";
import { eventTransaction } from "~/automation/event-transaction.server";
import type { DbClient } from "~/automation/system-ticket.server";
import { eraseShopPhotos } from "./photo-erasure.server";

/**
 * Every table, in an order the foreign keys accept: children before the rows they
 * restrict (MoneyMovement and Ticket before ReturnCase, ReturnCase before Policy).
 * Typed over every Prisma model, so a new model does not compile until it is listed here.
 */
const ERASE_SHOP: { [Model in Uncapitalize<Prisma.ModelName>]: (db: DbClient, shop: string) => Promise<{ count: number }> } = {
  ticketAttachment: (db, shop) => db.ticketAttachment.deleteMany({ where: { shop } }),
  ticketMessage: (db, shop) => db.ticketMessage.deleteMany({ where: { shop } }),
  ticketTag: (db, shop) => db.ticketTag.deleteMany({ where: { shop } }),
  ticket: (db, shop) => db.ticket.deleteMany({ where: { shop } }),
  moneyMovement: (db, shop) => db.moneyMovement.deleteMany({ where: { shop } }),
  returnLine: (db, shop) => db.returnLine.deleteMany({ where: { shop } }),
  returnCase: (db, shop) => db.returnCase.deleteMany({ where: { shop } }),
  orderClaimLock: (db, shop) => db.orderClaimLock.deleteMany({ where: { shop } }),
  policy: (db, shop) => db.policy.deleteMany({ where: { shop } }),
  ruleSet: (db, shop) => db.ruleSet.deleteMany({ where: { shop } }),
  ruleRun: (db, shop) => db.ruleRun.deleteMany({ where: { shop } }),
  auditEvent: (db, shop) => db.auditEvent.deleteMany({ where: { shop } }),
  job: (db, shop) => db.job.deleteMany({ where: { shop } }),
  emailDelivery: (db, shop) => db.emailDelivery.deleteMany({ where: { shop } }),
  portalLookupFailure: (db, shop) => db.portalLookupFailure.deleteMany({ where: { shop } }),
  webhookEvent: (db, shop) => db.webhookEvent.deleteMany({ where: { shop } }),
  session: (db, shop) => db.session.deleteMany({ where: { shop } }),
  staffMember: (db, shop) => db.staffMember.deleteMany({ where: { shop } }),
  helpdeskSettings: (db, shop) => db.helpdeskSettings.deleteMany({ where: { shop } }),
  slaPolicy: (db, shop) => db.slaPolicy.deleteMany({ where: { shop } }),
  macro: (db, shop) => db.macro.deleteMany({ where: { shop } }),
  // Empty by now: eraseShop deletes each photo's file, then its row, before this runs.
  photoUpload: (db, shop) => db.photoUpload.deleteMany({ where: { shop } }),
  orderMirror: (db, shop) => db.orderMirror.deleteMany({ where: { shop } }),
  customerMirror: (db, shop) => db.customerMirror.deleteMany({ where: { shop } }),
  fulfillmentMirror: (db, shop) => db.fulfillmentMirror.deleteMany({ where: { shop } }),
  reconciliationRun: (db, shop) => db.reconciliationRun.deleteMany({ where: { shop } }),
  shop: (db, shop) => db.shop.deleteMany({ where: { shop } }),
};

/**
 * shop/redact: 48 hours after an uninstall Shopify asks us to erase the shop. Every photo
 * file of the shop goes first (a file that cannot be deleted throws before any row changed,
 * and the retry finds every remaining photo by its row), then every row of that shop in
 * every table, in one transaction — including this very webhook's inbox row, so the
 * worker's "processed" mark finds the row gone, which it accepts: a redelivery would erase
 * nothing again.
 */
export const handleShopRedact: WebhookHandler<ShopRedactPayload> = async (shop, payload, event) => {
  // The most destructive thing the app does: the signed shop header and the payload must agree.
  if (payload.shop_domain !== shop) {
    throw new Error(`shop/redact for ${shop} names shop_domain ${payload.shop_domain}; nothing was erased`);
  }
  await eraseShopPhotos(shop);
  await eventTransaction(event, (tx) => eraseShopRows(tx, shop), { timeout: 30_000 });
};

/** Deletes every row of the shop in every table (files untouched); returns how many rows per model. */
export async function eraseShopRows(tx: DbClient, shop: string): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const [model, erase] of Object.entries(ERASE_SHOP)) {
    deleted[model] = (await erase(tx, shop)).count;
  }
  return deleted;
}
