/**
 * The ticket lifecycle and SLA — pure.
 *
 *   open ⇄ pending;  open | pending → solved → open (the customer writes back) | closed
 *   closed is terminal: a new message after closing starts a new ticket.
 */
import { DomainError } from "~/lib/errors";
import type { TicketPriority, TicketStatus } from "~/tickets/schemas";

export const TICKET_ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ["pending", "solved", "closed"],
  pending: ["open", "solved", "closed"],
  solved: ["open", "closed"],
  closed: [],
};

/** Hours until a first response is due, per priority. */
export const SLA_HOURS: Readonly<Record<TicketPriority, number>> = {
  urgent: 1,
  high: 4,
  normal: 24,
  low: 72,
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

/** When the first response is due for a ticket of this priority opened at `openedAt`. */
export function slaDueAt(priority: TicketPriority, openedAt: Date): Date {
  return new Date(openedAt.getTime() + SLA_HOURS[priority] * 60 * 60 * 1000);
}

/** Whether the SLA is breached at `now`: due, and no first response yet. */
export function isSlaBreached(ticket: { slaDueAt: Date | null; firstResponseAt: Date | null }, now: Date): boolean {
  return ticket.slaDueAt !== null && ticket.firstResponseAt === null && now.getTime() > ticket.slaDueAt.getTime();
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
