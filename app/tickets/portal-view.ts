/**
 * A ticket as the shopper reads it in the storefront portal — pure, so the rules of what a
 * shopper may see are tested without a database:
 * - public messages only: an internal note between agents never leaves the admin;
 * - the shopper is "customer" with no name (the portal says "You"), an agent keeps the name
 *   they signed with (else the portal says "Support"), the system has no name;
 * - `system` tickets (a dead webhook, a data-request export) are the merchant's bookkeeping,
 *   and a ticket nobody has written to the shopper on yet (an agent's internal ticket about a
 *   return, a review held for a person) has nothing to show: neither is listed.
 */
import type { PortalTicket } from "~/returns/portal-contract";
import type { AuthorType, TicketCategory, TicketStatus, Visibility } from "~/tickets/schemas";
import { canRateTicket } from "~/tickets/status";

export interface TicketRowForPortal {
  id: string;
  number: number;
  subject: string;
  category: TicketCategory;
  status: TicketStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  csatScore: number | null;
  csatComment: string | null;
  messages: { id: string; authorType: AuthorType; authorName: string | null; visibility: Visibility; body: string; createdAt: Date }[];
}

/** Whether the shopper sees this ticket at all: not a system ticket, and at least one public message. */
export function isVisibleToShopper(ticket: Pick<TicketRowForPortal, "category" | "messages">): boolean {
  return ticket.category !== "system" && ticket.messages.some((m) => m.visibility === "public");
}

/** The shopper's view of one ticket: public messages oldest first, what they may do next, their rating. */
export function toPortalTicket(ticket: TicketRowForPortal): PortalTicket {
  const messages = ticket.messages
    .filter((m) => m.visibility === "public")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const last = messages[messages.length - 1];
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    lastActivityAt: (last?.createdAt ?? ticket.createdAt).toISOString(),
    canReply: ticket.status !== "closed",
    canRate: canRateTicket(ticket),
    rating: ticket.csatScore === null ? null : { score: ticket.csatScore, comment: ticket.csatComment },
    messages: messages.map((m) => ({
      id: m.id,
      author: m.authorType,
      authorName: m.authorType === "agent" ? (m.authorName?.trim() || null) : null,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** The shopper's tickets for the list: visible ones only, most recent activity first. */
export function toPortalTickets(tickets: TicketRowForPortal[]): PortalTicket[] {
  return tickets
    .filter(isVisibleToShopper)
    .map(toPortalTicket)
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.number - a.number);
}
