/**
 * The facts behind the ticket figures of one period (shop-scoped); figures in `calculate.ts`.
 */
import prisma from "~/db.server";
import { ticketFirstResponse } from "~/metrics/aggregates.server";
import type { TicketFacts } from "~/metrics/calculate";
import type { Range } from "~/metrics/period";

const during = (range: Range) => ({ gte: range.from, lt: range.to });

/**
 * Open tickets now, tickets opened in the period (and the median time to their first
 * response), and tickets solved in it with their agent reply counts.
 */
export async function ticketFacts(shop: string, range: Range): Promise<TicketFacts> {
  const [openNow, opened, firstResponse, solved] = await Promise.all([
    prisma.ticket.count({ where: { shop, status: { in: ["open", "pending"] } } }),
    prisma.ticket.count({ where: { shop, createdAt: during(range) } }),
    ticketFirstResponse(shop, range),
    prisma.ticket.findMany({
      where: { shop, resolvedAt: during(range), status: { in: ["solved", "closed"] } },
      select: { id: true, createdAt: true, resolvedAt: true, csatScore: true },
    }),
  ]);
  const replies = solved.length
    ? await prisma.ticketMessage.groupBy({
        by: ["ticketId"],
        where: { shop, ticketId: { in: solved.map((t) => t.id) }, authorType: "agent", visibility: "public" },
        _count: { _all: true },
      })
    : [];
  const repliesByTicket = new Map(replies.map((r) => [r.ticketId, r._count._all]));
  return {
    openNow,
    opened,
    firstResponse,
    solved: solved.flatMap((t) =>
      t.resolvedAt ? [{ createdAt: t.createdAt, resolvedAt: t.resolvedAt, agentReplies: repliesByTicket.get(t.id) ?? 0, csatScore: t.csatScore }] : [],
    ),
  };
}
