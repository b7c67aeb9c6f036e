/**
 * The shopper's side of their conversations with support, through the storefront portal:
 * read the tickets of an order they may see, write back, rate a solved ticket. Like the rest
 * of the portal (app/returns/portal.server.ts) each function takes a PortalContext and
 * answers the contract's types; the ticket rules themselves (reopening, first response,
 * CSAT) stay in app/tickets/tickets.server.ts. docs/decisions/015 says why and what.
 */
import prisma, { type Prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { portalError } from "~/portal/messages";
import { assertConversationWriteAllowed } from "~/portal/rate-limit.server";
import type { PortalTicket, TicketRatingRequest, TicketReplyRequest, TicketsResponse } from "~/returns/portal-contract";
import { orderGid, type PortalContext } from "~/returns/portal.server";
import { getOrder } from "~/shopify/orders.server";
import { isVisibleToShopper, toPortalTicket, toPortalTickets, type TicketRowForPortal } from "~/tickets/portal-view";
import { authorTypeSchema, ticketCategorySchema, ticketStatusSchema, visibilitySchema } from "~/tickets/schemas";
import { canRateTicket } from "~/tickets/status";
import { addMessage, rateTicket } from "~/tickets/tickets.server";

/** More than an order ever gathers; a bound all the same. */
const MAX_TICKETS = 50;

const MESSAGE_ORDER = [{ createdAt: "asc" }, { id: "asc" }] as const satisfies Prisma.TicketMessageOrderByWithRelationInput[];

/** The tickets of an order: linked to it, or to one of its returns. Never the shop's system tickets. */
function orderTickets(shop: string, orderId: string): Prisma.TicketWhereInput {
  return { shop, category: { not: "system" }, OR: [{ orderId }, { returnCase: { is: { shop, orderId } } }] };
}

/** The tickets of the order the caller may see, with their public messages, most recent activity first. */
export async function listPortalTickets(ctx: PortalContext, orderIdInput: string): Promise<TicketsResponse> {
  requireSession(ctx);
  const orderId = orderGid(orderIdInput);
  if (!(await ownsOrder(ctx, orderId))) throw portalError("not_found", "error_order_not_found");
  const rows = await prisma.ticket.findMany({
    where: { ...orderTickets(ctx.shop, orderId), messages: { some: { shop: ctx.shop, visibility: "public" } } },
    include: { messages: { where: { shop: ctx.shop, visibility: "public" }, orderBy: [...MESSAGE_ORDER] } },
    orderBy: { number: "desc" },
    take: MAX_TICKETS,
  });
  return { tickets: toPortalTickets(rows.map(toRow)) };
}

/**
 * The shopper writes back: a public customer message, which reopens a pending or solved
 * ticket (addMessage keeps that rule). A closed ticket answers 409: a new request it is.
 */
export async function replyFromPortal(ctx: PortalContext, ticketId: string, input: TicketReplyRequest): Promise<PortalTicket> {
  const { ticket, orderId } = await loadShopperTicket(ctx, ticketId);
  if (ticket.status === "closed") throw portalError("conflict", "error_conversation_closed");
  await assertConversationWriteAllowed(ctx.shop, await orderTicketIds(ctx.shop, orderId), ctx.now.getTime());
  try {
    await addMessage(ctx.shop, ticket.id, { authorType: "customer", visibility: "public", body: input.message }, "portal");
  } catch (error) {
    // Closed between our read and the write: the same answer as above.
    if (error instanceof DomainError && error.code === "conflict") throw portalError("conflict", "error_conversation_closed");
    throw error;
  }
  return readPortalTicket(ctx.shop, ticket.id);
}

/**
 * The shopper rates a solved ticket 1–5 with an optional comment (CSAT). Rating again
 * replaces the earlier rating; an unsolved ticket answers 409.
 */
export async function rateFromPortal(ctx: PortalContext, ticketId: string, input: TicketRatingRequest): Promise<PortalTicket> {
  const { ticket, orderId } = await loadShopperTicket(ctx, ticketId);
  if (!canRateTicket(ticket)) throw portalError("conflict", ticket.status === "closed" ? "error_conversation_closed_unsolved" : "error_conversation_not_solved");
  await assertConversationWriteAllowed(ctx.shop, await orderTicketIds(ctx.shop, orderId), ctx.now.getTime());
  try {
    await rateTicket(ctx.shop, ticket.id, { score: input.score, comment: input.comment }, "portal");
  } catch (error) {
    // Reopened between our read and the write.
    if (error instanceof DomainError && error.code === "conflict") throw portalError("conflict", "error_conversation_not_solved");
    throw error;
  }
  return readPortalTicket(ctx.shop, ticket.id);
}

// ── access ────────────────────────────────────────────────────────────────────────────

function requireSession(ctx: PortalContext): void {
  if (!ctx.token && !ctx.customerId) throw portalError("unauthorized", "error_look_up_again");
}

/** The token's order, or the signed-in customer's own order (asked of Shopify, the source of truth). */
async function ownsOrder(ctx: PortalContext, orderId: string): Promise<boolean> {
  if (ctx.token?.orderId === orderId) return true;
  if (!ctx.customerId) return false;
  const order = await getOrder(ctx.client, orderId);
  return order !== null && order.customer?.id === ctx.customerId;
}

/**
 * A ticket of this shop the caller may see: on an order they own, and visible to shoppers.
 * Anything else — no such ticket, another shop's or order's, a system ticket, one with
 * internal notes only — answers the same 404.
 */
async function loadShopperTicket(ctx: PortalContext, ticketId: string): Promise<{ ticket: TicketRowForPortal; orderId: string }> {
  requireSession(ctx);
  const row = await prisma.ticket.findFirst({
    where: { id: ticketId, shop: ctx.shop },
    include: { messages: { where: { shop: ctx.shop }, orderBy: [...MESSAGE_ORDER] }, returnCase: { select: { shop: true, orderId: true } } },
  });
  const orderId = row ? (row.orderId ?? (row.returnCase?.shop === ctx.shop ? row.returnCase.orderId : null)) : null;
  const ticket = row ? toRow(row) : null;
  if (!ticket || !orderId || !isVisibleToShopper(ticket) || !(await ownsOrder(ctx, orderId))) throw portalError("not_found", "error_conversation_not_found");
  return { ticket, orderId };
}

async function orderTicketIds(shop: string, orderId: string): Promise<string[]> {
  const rows = await prisma.ticket.findMany({ where: orderTickets(shop, orderId), select: { id: true }, take: MAX_TICKETS });
  return rows.map((row) => row.id);
}

/** The ticket as the shopper sees it now (after a write the caller was allowed to make). */
async function readPortalTicket(shop: string, ticketId: string): Promise<PortalTicket> {
  const row = await prisma.ticket.findFirstOrThrow({
    where: { id: ticketId, shop },
    include: { messages: { where: { shop, visibility: "public" }, orderBy: [...MESSAGE_ORDER] } },
  });
  return toPortalTicket(toRow(row));
}

type TicketRow = Prisma.TicketGetPayload<{ include: { messages: true } }>;

function toRow(row: TicketRow): TicketRowForPortal {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    category: ticketCategorySchema.parse(row.category),
    status: ticketStatusSchema.parse(row.status),
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    csatScore: row.csatScore,
    csatComment: row.csatComment,
    messages: row.messages.map((m) => ({
      id: m.id,
      authorType: authorTypeSchema.parse(m.authorType),
      authorName: m.authorName,
      visibility: visibilitySchema.parse(m.visibility),
      body: m.body,
      createdAt: m.createdAt,
    })),
  };
}
