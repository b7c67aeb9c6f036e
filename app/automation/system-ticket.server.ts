import type { Prisma } from "~/db.server";
import { createSystemTicket, type SystemTicketInput } from "~/tickets/tickets.server";

export type { SystemTicketInput };

/** A Prisma client or the client of an interactive transaction. */
export type DbClient = Prisma.TransactionClient;

export type OpenSystemTicket = (
  db: DbClient,
  shop: string,
  input: SystemTicketInput,
  now?: Date,
) => Promise<{ id: string; number: number }>;

/**
 * Opens a `system` ticket inside the caller's transaction, so "this webhook is dead" and
 * "a ticket says so" commit together. Injectable, so worker tests can observe it.
 */
export const openSystemTicket: OpenSystemTicket = async (db, shop, input, now = new Date()) => {
  const ticket = await createSystemTicket(shop, input, { tx: db, now });
  return { id: ticket.id, number: ticket.number };
};
