/**
 * The shopper's side of returns, independent of the door it comes through: the app proxy
 * today, a customer-accounts extension later. Each function takes a PortalContext (who is
 * asking, for which shop, with which Admin client) and answers the portal contract's types.
 */
import { pendingClaims, type ClaimSnapshot, type PendingClaims } from "~/returns/claims.server";
import { getCurrentPolicy, type Policy } from "~/policy/policy.server";
import { evaluateOrderEligibility, type OrderEligibility } from "~/policy/eligibility";
import { formatPercent, policyParagraphs } from "~/policy/text";
import { intlLocale, message, portalError, type PortalLocale } from "~/portal/messages";
import { assertLookupAllowed, lookupSubjectKeys, recordLookupMiss } from "~/portal/rate-limit.server";
import { issuePortalToken, type PortalTokenClaims } from "~/portal/token.server";
import type {
  EligibilityResponse,
  LookupRequest,
  LookupResponse,
  OrderSummary,
  OrdersResponse,
  ResolutionOffer,
  TicketRequest,
  TicketResponse,
} from "~/returns/portal-contract";
import { mirroredDeliveries } from "~/orders/mirror.server";
import { isGuestLookupOn } from "~/shops/guest-lookup.server";
import { getShop } from "~/shops/shops.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { getCustomer } from "~/shopify/customers.server";
import { findOrderByNameAndEmail, getOrder, normalizeOrderName, type Order } from "~/shopify/orders.server";
import { getProductVariants, type ExchangeVariant } from "~/shopify/products.server";
import { createTicket } from "~/tickets/tickets.server";

export interface PortalContext {
  shop: string;
  client: ShopifyAdminClient;
  /** The app secret: signs and verifies portal tokens. */
  secret: string;
  now: Date;
  /** The shopper's language (the block's `locale` parameter, normalized): every sentence the portal answers is in it. */
  locale: PortalLocale;
  /** The signed-in customer (GID) from `logged_in_customer_id`, if any. */
  customerId: string | null;
  /** A verified portal token, if the request carried one. */
  token: PortalTokenClaims | null;
  /** Rate-limit key of the client, null without a trustworthy address (see app/portal/rate-limit.server.ts). */
  clientKey: string | null;
}

export interface JudgedOrder {
  order: Order;
  policy: Policy;
  eligibility: OrderEligibility;
  timeZone: string;
  /** What the eligibility counted: a claim re-checks against it under the order's claim lock. */
  claims: ClaimSnapshot;
}


// ── access ───────────────────────────────────────────────────────────────────────────

/** "5001" or a GID → the order GID. */
export function orderGid(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith("gid://") ? trimmed : `gid://shopify/Order/${trimmed}`;
}

/** Throws unless the caller may see this order: its token's order, or the signed-in customer's own order. */
export function assertOrderAccess(ctx: PortalContext, orderId: string, order?: Pick<Order, "customer"> | null): void {
  if (ctx.token && ctx.token.orderId === orderId) return;
  if (ctx.customerId) {
    // The order is checked once read: another customer's order answers 404, like no order.
    if (order === undefined || order?.customer?.id === ctx.customerId) return;
    throw portalError("not_found", "error_order_not_found");
  }
  if (ctx.token) throw portalError("not_found", "error_order_not_found");
  throw portalError("unauthorized", "error_look_up_again");
}

/** Reads an order the caller may see, with the shop's current policy and every line judged. */
export async function loadJudgedOrder(ctx: PortalContext, orderIdInput: string): Promise<JudgedOrder> {
  const orderId = orderGid(orderIdInput);
  assertOrderAccess(ctx, orderId);
  // Our pending returns are read before Shopify's order (see claims.server.ts): Shopify still
  // counts their units as returnable, we must not.
  const pending = await pendingClaims(ctx.shop, orderId);
  const [order, policy, shopRow, deliveredAt] = await Promise.all([
    getOrder(ctx.client, orderId),
    getCurrentPolicy(ctx.shop),
    getShop(ctx.shop),
    mirroredDeliveries(ctx.shop, orderId),
  ]);
  if (!order) throw portalError("not_found", "error_order_not_found");
  assertOrderAccess(ctx, orderId, order);
  if (order.truncated) throw portalError("invalid", "error_order_too_large");
  const timeZone = shopRow?.ianaTimezone ?? "UTC";
  const eligibility = evaluateOrderEligibility(order, policy, { now: ctx.now, timeZone, pendingQuantities: pending.byLine, deliveredAt, locale: ctx.locale });
  return { order, policy, eligibility, timeZone, claims: claimSnapshot(order, pending) };
}

function claimSnapshot(order: Order, pending: PendingClaims): ClaimSnapshot {
  return { pendingCaseIds: pending.caseIds, shopifyReturnIds: new Set(order.returns.map((r) => r.id)) };
}

// ── lookup and orders ────────────────────────────────────────────────────────────────

/**
 * Finds a guest's order by number + email and issues a portal token. "No such order" and
 * "wrong email" answer the same 404 and count as a miss for the rate limit.
 */
export async function lookupOrder(ctx: PortalContext, input: LookupRequest): Promise<LookupResponse> {
  // The merchant turned guest lookup off: say so, and count no miss (nothing was guessed).
  if (!(await isGuestLookupOn(ctx.shop))) throw portalError("forbidden", "error_lookup_off");
  const nowMs = ctx.now.getTime();
  const typedName = input.orderNumber.replace(/\s+/g, "");
  const name = normalizeOrderName(typedName);
  const wanted = normalizeEmail(input.email);
  const keys = { client: ctx.clientKey, subjects: lookupSubjectKeys(ctx.shop, { orderName: name ?? typedName, email: wanted }, ctx.secret) };
  await assertLookupAllowed(keys, nowMs);

  // One search matches number and email together, so a known number with a wrong email costs
  // what an unknown number costs: the answer's timing does not tell which numbers exist.
  const order = name ? await findOrderByNameAndEmail(ctx.client, name, wanted) : null;
  if (!order) {
    await recordLookupMiss(keys, nowMs);
    throw portalError("not_found", "error_lookup_not_found");
  }

  const judged = await judge(ctx, order);
  const { token, expiresAt } = issuePortalToken(
    { shop: ctx.shop, orderId: order.id, customerId: ctx.customerId },
    { secret: ctx.secret, now: ctx.now },
  );
  return { token, expiresAt: expiresAt.toISOString(), order: summarize(order, judged.eligibility) };
}

/** The signed-in customer's recent orders (no token needed for their own). */
export async function listCustomerOrders(ctx: PortalContext): Promise<OrdersResponse> {
  if (!ctx.customerId) throw portalError("unauthorized", "error_sign_in");
  const customer = await getCustomer(ctx.client, ctx.customerId);
  if (!customer) return { orders: [] };
  return {
    orders: customer.recentOrders.map((o) => ({
      id: o.id,
      name: o.name,
      createdAt: o.createdAt,
      total: o.total.presentment,
      fulfillmentStatus: o.fulfillmentStatus,
      returnableItemCount: null,
      itemCount: null,
    })),
  };
}

async function judge(ctx: PortalContext, order: Order): Promise<JudgedOrder> {
  const [policy, shopRow, pending, deliveredAt] = await Promise.all([
    getCurrentPolicy(ctx.shop),
    getShop(ctx.shop),
    pendingClaims(ctx.shop, order.id),
    mirroredDeliveries(ctx.shop, order.id),
  ]);
  const timeZone = shopRow?.ianaTimezone ?? "UTC";
  return {
    order,
    policy,
    timeZone,
    eligibility: evaluateOrderEligibility(order, policy, { now: ctx.now, timeZone, pendingQuantities: pending.byLine, deliveredAt, locale: ctx.locale }),
    claims: claimSnapshot(order, pending),
  };
}

function summarize(order: Order, eligibility: OrderEligibility): OrderSummary {
  return {
    id: order.id,
    name: order.name,
    createdAt: order.createdAt,
    total: order.total.presentment,
    fulfillmentStatus: order.fulfillmentStatus,
    returnableItemCount: eligibility.lines.reduce((s, l) => s + l.returnableQuantity, 0),
    itemCount: order.lines.reduce((s, l) => s + l.quantity, 0),
  };
}

/** Email as shoppers type it: surrounding spaces and letter case do not matter. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ── eligibility ──────────────────────────────────────────────────────────────────────

/** Each line of an order: returnable quantity or the reason why not, plus reasons, resolutions and policy text. */
export async function getPortalEligibility(ctx: PortalContext, orderId: string): Promise<EligibilityResponse> {
  const judged = await loadJudgedOrder(ctx, orderId);
  const { order, policy, eligibility } = judged;
  const currencyCode = order.currency.presentment;
  const options = await exchangeOptionsFor(ctx, judged);
  return {
    order: summarize(order, eligibility),
    lines: eligibility.lines.map((l) => ({
      id: l.lineItemId,
      title: l.title,
      variantTitle: l.variantTitle,
      imageUrl: l.imageUrl,
      quantity: l.quantity,
      returnableQuantity: l.returnableQuantity,
      unitPrice: l.unitPrice,
      eligible: l.eligible,
      reason: l.reason,
      message: l.message,
      windowEndsOn: l.windowEndsOn,
      exchangeOptions: l.eligible && l.productId
        ? (options.get(l.productId) ?? [])
            .filter((v) => v.id !== l.variantId && v.availableForSale && v.available > 0)
            .map((v) => ({ variantId: v.id, title: v.title, price: v.price, available: Math.min(v.available, 10) }))
        : [],
    })),
    reasons: policy.reasons.map((r) => ({ code: r.code, label: r.label, requiresPhoto: r.requiresPhoto })),
    resolutions: resolutionOffers(policy, ctx.locale),
    windowEndsOn: eligibility.windowEndsOn,
    policyText: policyParagraphs(policy, { currencyCode, locale: intlLocale(ctx.locale) }),
    fees: {
      restockingFeeBps: policy.restockingFeeBps,
      returnShippingFee: { amountMinor: policy.returnShippingFeeMinor, currencyCode },
    },
  };
}

/** The resolutions the policy offers, with the store-credit bonus, labelled in `locale` (default English). */
export function resolutionOffers(
  policy: Pick<Policy, "allowRefund" | "allowStoreCredit" | "allowExchange" | "storeCreditBonusBps">,
  locale: PortalLocale = "en",
): ResolutionOffer[] {
  const offers: ResolutionOffer[] = [];
  if (policy.allowRefund) offers.push({ kind: "refund", bonusBps: 0, label: message(locale, "offer_refund") });
  if (policy.allowStoreCredit) {
    const bonus = policy.storeCreditBonusBps;
    offers.push({
      kind: "store_credit",
      bonusBps: bonus,
      label: bonus > 0
        ? message(locale, "offer_store_credit_bonus", { percent: formatPercent(bonus, locale === "en" ? undefined : locale) })
        : message(locale, "offer_store_credit"),
    });
  }
  if (policy.allowExchange) offers.push({ kind: "exchange", bonusBps: 0, label: message(locale, "offer_exchange") });
  return offers;
}

/**
 * Variants of the eligible lines' products. Variant prices are in the shop's currency, so
 * exchanges are offered only when the order was paid in it (no conversion guesses).
 */
export async function exchangeOptionsFor(ctx: PortalContext, judged: JudgedOrder): Promise<Map<string, ExchangeVariant[]>> {
  const { order, policy, eligibility } = judged;
  if (!policy.allowExchange || order.currency.presentment !== order.currency.shop) return new Map();
  const productIds = eligibility.lines.filter((l) => l.eligible && l.productId).map((l) => l.productId as string);
  return getProductVariants(ctx.client, productIds, order.currency.shop);
}

// ── tickets ──────────────────────────────────────────────────────────────────────────

/**
 * A shopper's exception request ("please take this back anyway") or question, as a ticket
 * with the order and customer context. Needs a portal token or a signed-in customer.
 */
export async function createPortalTicket(ctx: PortalContext, input: TicketRequest): Promise<TicketResponse> {
  if (!ctx.token && !ctx.customerId) throw portalError("unauthorized", "error_look_up_again");
  const orderId = input.orderId ? orderGid(input.orderId) : (ctx.token?.orderId ?? null);
  let order: Order | null = null;
  if (orderId) {
    assertOrderAccess(ctx, orderId);
    order = await getOrder(ctx.client, orderId);
    if (!order) throw portalError("not_found", "error_order_not_found");
    assertOrderAccess(ctx, orderId, order);
  }
  const lines = (input.lineItemIds ?? []).map((id) => {
    const line = order?.lines.find((l) => l.id === id);
    if (!line) throw portalError("invalid", "error_item_not_in_order");
    return line;
  });
  const body = [
    input.message,
    ...(lines.length ? ["", "Items:", ...lines.map((l) => `- ${l.title}${l.variantTitle ? ` (${l.variantTitle})` : ""} × ${l.quantity}`)] : []),
  ].join("\n");
  const ticket = await createTicket(ctx.shop, {
    subject: input.kind === "exception" ? `Return exception: ${input.subject}` : input.subject,
    category: input.kind === "exception" ? "return_exception" : "question_order",
    channel: "portal",
    priority: "normal",
    orderId: order?.id ?? null,
    orderName: order?.name ?? null,
    customerId: order?.customer?.id ?? ctx.customerId,
    customerEmail: order?.email ?? order?.customer?.email ?? null,
    customerName: order?.customer?.displayName ?? null,
    locale: ctx.locale,
    firstMessage: { authorType: "customer", visibility: "public", body },
    actor: "portal",
  });
  return {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    // The reply is read in the portal, with the order (docs/decisions/015), and comes by email when SMTP is set up.
    message: message(ctx.locale, "ticket_received", { number: ticket.number }),
  };
}

/** "Classic Tee (M)". */
export function lineLabel(line: { title: string; variantTitle: string | null }): string {
  return line.variantTitle && line.variantTitle !== "Default Title" ? `${line.title} (${line.variantTitle})` : line.title;
}
