/**
 * Who holds which units of an order. What is returnable is judged from two reads taken
 * outside any transaction: Shopify's order (its returns and returnable fulfillments) and
 * our returns that have not reached Shopify yet ("pending"). Two requests judged at the
 * same moment both see a unit as free, so a claim is re-checked inside its own write
 * transaction after taking the order's claim lock: whatever neither read counted — our
 * returns written since, and Shopify returns we learned of since — is subtracted from
 * what was returnable when the request was judged.
 *
 * The pending read must come BEFORE the Shopify read: a return that reaches Shopify in
 * between is then counted twice (a refusal the shopper can retry), never not at all.
 */
import type { Tx } from "~/db.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { evaluateOrderEligibility } from "~/policy/eligibility";
import { getCurrentPolicy } from "~/policy/policy.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { getOrder } from "~/shopify/orders.server";

/** Statuses that hold no units: Shopify does not count them either. */
const RELEASED = ["canceled", "declined"];

/** What the judgement that a claim relies on had already counted. */
export interface ClaimSnapshot {
  /** Our returns without a Shopify return, counted as pending. */
  pendingCaseIds: ReadonlySet<string>;
  /** The order's Shopify returns, counted by Shopify's own figures. */
  shopifyReturnIds: ReadonlySet<string>;
}

export interface PendingClaims {
  /** Units per order line in our returns that Shopify does not know of yet. */
  byLine: Map<string, number>;
  caseIds: Set<string>;
}

/** Units of an order held by our returns that never reached Shopify (a failed call, an exchange awaiting resolution). */
export async function pendingClaims(shop: string, orderId: string, options: { exceptCaseId?: string } = {}): Promise<PendingClaims> {
  const cases = await prisma.returnCase.findMany({
    where: { shop, orderId, shopifyReturnId: null, status: { notIn: RELEASED }, ...(options.exceptCaseId ? { id: { not: options.exceptCaseId } } : {}) },
    select: { id: true, lines: { where: { shop }, select: { orderLineItemId: true, quantityRequested: true } } },
  });
  const byLine = new Map<string, number>();
  for (const c of cases) for (const l of c.lines) byLine.set(l.orderLineItemId, (byLine.get(l.orderLineItemId) ?? 0) + l.quantityRequested);
  return { byLine, caseIds: new Set(cases.map((c) => c.id)) };
}

/**
 * Takes the order's claim lock for the rest of the transaction: the first write of every
 * transaction that claims units. PostgreSQL holds the row lock until commit, so claims on
 * one order queue here; SQLite allows one writer at a time anyway.
 */
export async function lockOrderClaims(tx: Tx, shop: string, orderId: string): Promise<void> {
  // One statement that both dialects speak: the row may not exist yet, and two first
  // claims must not race on creating it.
  await tx.$executeRaw`INSERT INTO "OrderClaimLock" ("shop", "orderId", "claims") VALUES (${shop}, ${orderId}, 1)
    ON CONFLICT ("shop", "orderId") DO UPDATE SET "claims" = "OrderClaimLock"."claims" + 1`;
}

export interface WantedUnits {
  lineItemId: string;
  quantity: number;
  /** Returnable when judged (from the snapshot's reads). */
  available: number;
}

/**
 * Under the claim lock: the wanted lines that no longer fit, each with what is left. Units
 * in returns the snapshot did not count (written or mirrored since) are taken off.
 */
export async function claimShortfalls(
  tx: Tx,
  shop: string,
  orderId: string,
  snapshot: ClaimSnapshot,
  wanted: readonly WantedUnits[],
  options: { exceptCaseId?: string } = {},
): Promise<{ lineItemId: string; left: number }[]> {
  const cases = await tx.returnCase.findMany({
    where: { shop, orderId, status: { notIn: RELEASED }, ...(options.exceptCaseId ? { id: { not: options.exceptCaseId } } : {}) },
    select: { id: true, shopifyReturnId: true, lines: { where: { shop }, select: { orderLineItemId: true, quantityRequested: true } } },
  });
  const unseen = new Map<string, number>();
  for (const c of cases) {
    const counted = snapshot.pendingCaseIds.has(c.id) || (c.shopifyReturnId !== null && snapshot.shopifyReturnIds.has(c.shopifyReturnId));
    if (counted) continue;
    for (const l of c.lines) unseen.set(l.orderLineItemId, (unseen.get(l.orderLineItemId) ?? 0) + l.quantityRequested);
  }
  return wanted.flatMap((w) => {
    const left = Math.max(0, w.available - (unseen.get(w.lineItemId) ?? 0));
    return w.quantity > left ? [{ lineItemId: w.lineItemId, left }] : [];
  });
}

/**
 * Units of each order line that no return holds, judged now from our pending returns and
 * Shopify's order (window and policy aside: an agent may grant an exception, never a unit
 * twice). `exceptCaseId` leaves out the return being granted. Re-check with claimShortfalls.
 */
export async function judgeFreeUnits(
  client: ShopifyAdminClient,
  shop: string,
  orderId: string,
  exceptCaseId: string,
): Promise<{ free: Map<string, number>; snapshot: ClaimSnapshot }> {
  const pending = await pendingClaims(shop, orderId, { exceptCaseId });
  const [order, policy] = await Promise.all([getOrder(client, orderId), getCurrentPolicy(shop)]);
  if (!order) throw new DomainError("not_found", `Order ${orderId} was not found in Shopify.`);
  const judged = evaluateOrderEligibility(order, policy, { now: new Date(), timeZone: "UTC", pendingQuantities: pending.byLine });
  return {
    free: new Map(judged.lines.map((l) => [l.lineItemId, l.quantity - l.takenQuantity])),
    snapshot: { pendingCaseIds: pending.caseIds, shopifyReturnIds: new Set(order.returns.map((r) => r.id)) },
  };
}
