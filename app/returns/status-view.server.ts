/**
 * A return as the shopper follows it: status in words, a timeline of milestones and what
 * to do now. Visible to the holder of a token for the return's order or to the signed-in
 * customer it belongs to; anyone else gets the same 404 as for no return at all.
 */
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import { message, portalError, type MessageKey, type PortalLocale } from "~/portal/messages";
import { quoteSchema, type OrderReturnsResponse, type ReturnStatusResponse } from "~/returns/portal-contract";
import { assertOrderAccess, orderGid, type PortalContext } from "~/returns/portal.server";
import { getOrder } from "~/shopify/orders.server";
import { parseReturnStatus, type ReturnStatus } from "~/returns/status";

const LABELS: Record<ReturnStatus, MessageKey> = {
  requested: "status_requested",
  needs_review: "status_needs_review",
  approved: "status_approved",
  declined: "status_declined",
  received: "status_received",
  resolved: "status_resolved",
  closed: "status_closed",
  canceled: "status_canceled",
};

const INSTRUCTIONS: Record<ReturnStatus, MessageKey[]> = {
  requested: ["instruction_requested"],
  needs_review: ["instruction_needs_review"],
  approved: ["instruction_pack", "instruction_ship"],
  declined: ["instruction_declined"],
  received: ["instruction_received"],
  resolved: ["instruction_complete"],
  closed: ["instruction_complete"],
  canceled: ["instruction_canceled"],
};

/** A status in the shopper's words and language. */
export function statusLabel(status: ReturnStatus, locale: PortalLocale = "en"): string {
  return message(locale, LABELS[status]);
}

/** What the shopper does (or waits for) now, in their language. */
export function statusInstructions(status: ReturnStatus, locale: PortalLocale = "en"): string[] {
  return INSTRUCTIONS[status].map((key) => message(locale, key));
}

/** Status, timeline and instructions of one return the caller may see. */
export async function getPortalReturnStatus(ctx: PortalContext, returnId: string): Promise<ReturnStatusResponse> {
  if (!ctx.token && !ctx.customerId) throw portalError("unauthorized", "error_look_up_again");
  const row = await prisma.returnCase.findFirst({ where: { id: returnId, shop: ctx.shop }, include: { lines: { where: { shop: ctx.shop } } } });
  const mine = row && ((ctx.token && ctx.token.orderId === row.orderId) || (ctx.customerId && row.customerId === ctx.customerId));
  if (!row || !mine) throw portalError("not_found", "error_return_not_found");

  const status = parseReturnStatus(row.status);
  const milestones: [ReturnStatus, Date | null][] = [
    ["requested", row.requestedAt],
    ["approved", row.approvedAt],
    ["declined", row.declinedAt],
    ["received", row.receivedAt],
    ["resolved", row.resolvedAt],
    ["closed", row.closedAt],
    ["canceled", row.canceledAt],
  ];
  const timeline = milestones
    .filter((m): m is [ReturnStatus, Date] => m[1] !== null)
    .map(([s, at]) => ({ status: s, label: statusLabel(s, ctx.locale), at: at.toISOString() }));
  if (status === "needs_review") timeline.push({ status, label: statusLabel(status, ctx.locale), at: row.updatedAt.toISOString() });
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const quote = quoteSchema.safeParse(row.quote);
  return {
    returnId: row.id,
    orderName: row.orderName,
    status,
    statusLabel: statusLabel(status, ctx.locale),
    resolution: row.resolution,
    lines: row.lines.map((l) => ({
      title: l.title,
      variantTitle: l.variantTitle,
      quantity: l.quantityRequested,
      reason: l.reasonCode,
      exchangeVariantTitle: l.exchangeVariantTitle,
    })),
    quote: quote.success ? quote.data : null,
    timeline,
    instructions: statusInstructions(status, ctx.locale),
    declineReason: status === "declined" ? row.declineReason : null,
  };
}

/** More returns than an order ever gathers; a bound all the same. */
const MAX_ORDER_RETURNS = 50;

/**
 * The returns of one order the caller may see, newest first: whatever started them (the
 * portal, an agent, Shopify's own return flow mirrored in), so the order-status block shows
 * every return, not only the ones this browser made. Access as for the order's tickets: the
 * token's order, or the signed-in customer's own order as Shopify says (the source of truth).
 */
export async function listPortalOrderReturns(ctx: PortalContext, orderIdInput: string): Promise<OrderReturnsResponse> {
  const orderId = orderGid(orderIdInput);
  assertOrderAccess(ctx, orderId);
  if (ctx.token?.orderId !== orderId) assertOrderAccess(ctx, orderId, await getOrder(ctx.client, orderId));
  const rows = await prisma.returnCase.findMany({
    where: { shop: ctx.shop, orderId },
    include: { lines: { where: { shop: ctx.shop }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: MAX_ORDER_RETURNS,
  });
  return {
    returns: rows.map((row) => {
      const status = parseReturnStatus(row.status);
      const money = (amount: bigint) => ({ amountMinor: fromBigInt(amount), currencyCode: row.currencyCode });
      return {
        returnId: row.id,
        status,
        statusLabel: statusLabel(status, ctx.locale),
        resolution: row.resolution,
        lines: row.lines.map((l) => ({ title: l.title, variantTitle: l.variantTitle, quantity: l.quantityRequested, exchangeVariantTitle: l.exchangeVariantTitle })),
        refundTotal: money(row.refundAmountMinor),
        storeCreditTotal: money(row.storeCreditAmountMinor + row.bonusAmountMinor),
        requestedAt: row.requestedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        resolvedAt: row.resolvedAt?.toISOString() ?? null,
      };
    }),
  };
}
