/**
 * A return as the shopper follows it: status in words, a timeline of milestones and what
 * to do now. Visible to the holder of a token for the return's order or to the signed-in
 * customer it belongs to; anyone else gets the same 404 as for no return at all.
 */
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { quoteSchema, type ReturnStatusResponse } from "~/returns/portal-contract";
import type { PortalContext } from "~/returns/portal.server";
import { parseReturnStatus, type ReturnStatus } from "~/returns/status";

const LABELS: Record<ReturnStatus, string> = {
  requested: "Requested",
  needs_review: "In review",
  approved: "Approved — send the items back",
  declined: "Declined",
  received: "Received — we're checking the items",
  resolved: "Completed",
  closed: "Closed",
  canceled: "Canceled",
};

const INSTRUCTIONS: Record<ReturnStatus, string[]> = {
  requested: ["We're processing your request. This page updates as it moves along."],
  needs_review: ["Our team is reviewing your request, usually within one business day. We'll email you when it's decided."],
  approved: ["Pack the items securely with everything they came with.", "Ship them back within 14 days; the instructions are in your email."],
  declined: ["Your return was declined. If you have questions, contact the store."],
  received: ["We've received your items and will complete your refund, credit or exchange shortly."],
  resolved: ["Your return is complete. Thank you!"],
  closed: ["Your return is complete. Thank you!"],
  canceled: ["This return was canceled. You can start a new one if the items are still within the return window."],
};

const NOT_FOUND = "We couldn't find that return.";

/** Status, timeline and instructions of one return the caller may see. */
export async function getPortalReturnStatus(ctx: PortalContext, returnId: string): Promise<ReturnStatusResponse> {
  if (!ctx.token && !ctx.customerId) throw new DomainError("unauthorized", "Please look up your order again.");
  const row = await prisma.returnCase.findFirst({ where: { id: returnId, shop: ctx.shop }, include: { lines: { where: { shop: ctx.shop } } } });
  const mine = row && ((ctx.token && ctx.token.orderId === row.orderId) || (ctx.customerId && row.customerId === ctx.customerId));
  if (!row || !mine) throw new DomainError("not_found", NOT_FOUND);

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
    .map(([s, at]) => ({ status: s, label: LABELS[s], at: at.toISOString() }));
  if (status === "needs_review") timeline.push({ status, label: LABELS[status], at: row.updatedAt.toISOString() });
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const quote = quoteSchema.safeParse(row.quote);
  return {
    returnId: row.id,
    orderName: row.orderName,
    status,
    statusLabel: LABELS[status],
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
    instructions: INSTRUCTIONS[status],
    declineReason: status === "declined" ? row.declineReason : null,
  };
}
