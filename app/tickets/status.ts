/**
 * The ticket lifecycle — pure. The SLA clock lives in ./sla.ts.
 *
 *   open ⇄ pending;  open | pending → solved → open (the customer writes back) | closed
 *   closed is terminal: a new message after closing starts a new ticket.
 */
import { DomainError } from "~/lib/errors";
import type { TicketStatus } from "~/tickets/schemas";

export const TICKET_ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ["pending", "solved", "closed"],
  pending: ["open", "solved", "closed"],
  solved: ["open", "closed"],
  closed: [],
};

const VERBS: Readonly<Record<TicketStatus, string>> = {
  open: "reopened",
  pending: "set to pending",
  solved: "solved",
  closed: "closed",
};

/** Whether a ticket may move from one status to another. */
export function canTransitionTicket(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_ALLOWED_TRANSITIONS[from].includes(to);
}

/** Throws a conflict naming the ticket when the table forbids the move: "Ticket #12 is closed and cannot be reopened." */
export function assertTicketTransition(ticket: { number: number; status: TicketStatus }, to: TicketStatus): void {
  if (canTransitionTicket(ticket.status, to)) return;
  const message =
    ticket.status === to
      ? `Ticket #${ticket.number} is already ${to}.`
      : `Ticket #${ticket.number} is ${ticket.status} and cannot be ${VERBS[to]}.`;
  throw new DomainError("conflict", message, { ticketNumber: ticket.number, from: ticket.status, to });
}

/**
 * Whether the customer may rate a ticket (CSAT): once it is solved, and still after it is
 * closed if it was solved first (closing is bookkeeping, the answer stood). A ticket closed
 * without being solved, or reopened, has no answer to rate yet.
 */
export function canRateTicket(ticket: { status: TicketStatus; resolvedAt: Date | null }): boolean {
  return ticket.status === "solved" || (ticket.status === "closed" && ticket.resolvedAt !== null);
}

/** Throws a conflict naming the ticket unless it may be rated, e.g. "Ticket #12 is open; it can be rated once it is solved." */
export function assertTicketRatable(ticket: { number: number; status: TicketStatus; resolvedAt: Date | null }): void {
  if (canRateTicket(ticket)) return;
  const message =
    ticket.status === "closed"
      ? `Ticket #${ticket.number} was closed without being solved and cannot be rated.`
      : `Ticket #${ticket.number} is ${ticket.status}; it can be rated once it is solved.`;
  throw new DomainError("conflict", message, { ticketNumber: ticket.number, status: ticket.status });
}
