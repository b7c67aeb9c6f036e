/** Loads the facts a live rule run judges, scoped to the shop. */
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import { movementKey } from "~/refunds/plan";
import { ticketPrioritySchema } from "~/tickets/schemas";
import type { MoneyFacts, ReturnFacts, TicketFacts } from "./evaluate";
import { priorReturns, returnFacts } from "./facts";

/** A return's facts, or null when the shop has no such return. */
export async function loadReturnFacts(shop: string, returnId: string, serialDays: number): Promise<ReturnFacts | null> {
  const row = await prisma.returnCase.findFirst({ where: { id: returnId, shop }, include: { lines: true } });
  if (!row) return null;
  const paid = await prisma.moneyMovement.count({
    where: { shop, returnCaseId: row.id, idempotencyKey: movementKey(shop, row.id, "resolution"), status: { in: ["pending", "succeeded"] } },
  });
  const since = new Date(row.createdAt.getTime() - serialDays * 24 * 60 * 60 * 1000);
  const others =
    row.customerId || row.customerEmail
      ? await prisma.returnCase.findMany({
          where: { shop, createdAt: { gte: since, lte: row.createdAt }, ...(row.customerId ? { customerId: row.customerId } : { customerEmail: row.customerEmail }) },
          select: { id: true, customerId: true, customerEmail: true, status: true, createdAt: true },
        })
      : [];
  const open = await prisma.ticket.count({ where: { shop, returnCaseId: row.id, category: { not: "system" }, status: { in: ["open", "pending"] } } });
  return returnFacts(row, { paidOut: paid > 0, recentReturns: priorReturns(row, others, serialDays), hasOpenTicket: open > 0 });
}

/** A ticket's facts at `now`, or null. */
export async function loadTicketFacts(shop: string, ticketId: string, now: Date): Promise<TicketFacts | null> {
  const t = await prisma.ticket.findFirst({ where: { id: ticketId, shop } });
  if (!t) return null;
  return {
    ticketId: t.id,
    number: t.number,
    status: t.status,
    priority: ticketPrioritySchema.parse(t.priority),
    assignee: t.assignee,
    slaDueAt: t.slaDueAt?.toISOString() ?? null,
    firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
    now: now.toISOString(),
  };
}

/** A ledger row's facts, or null. */
export async function loadMoneyFacts(shop: string, movementId: string): Promise<MoneyFacts | null> {
  const m = await prisma.moneyMovement.findFirst({ where: { id: movementId, shop }, include: { returnCase: { select: { orderName: true } } } });
  if (!m) return null;
  return {
    movementId: m.id,
    kind: m.kind,
    status: m.status,
    amountMinor: fromBigInt(m.amountMinor),
    currencyCode: m.currencyCode,
    orderName: m.returnCase?.orderName ?? m.orderId,
    returnCaseId: m.returnCaseId,
  };
}
