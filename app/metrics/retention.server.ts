/**
 * The facts behind retention after a return (`retention` in calculate.ts): the period's returns
 * that name a customer, and those customers' orders from the order mirror (orders/* webhooks)
 * placed within the window after the period's first day. Shop-scoped, indexed reads only.
 */
import prisma from "~/db.server";
import { RETENTION_WINDOW_DAYS, type RetentionFacts } from "~/metrics/calculate";
import type { Range } from "~/metrics/period";

// Keeps each `IN (…)` list far below SQLite's and PostgreSQL's bound-parameter limits.
const CUSTOMER_BATCH = 500;

/** The returns of a period with a customer, and the orders those customers placed after the period began, up to the window's end. */
export async function retentionFacts(shop: string, range: Range, windowDays = RETENTION_WINDOW_DAYS): Promise<RetentionFacts> {
  const returnRows = await prisma.returnCase.findMany({
    where: { shop, createdAt: { gte: range.from, lt: range.to }, customerId: { not: null } },
    select: { customerId: true, createdAt: true },
  });
  const returns = returnRows.flatMap((r) => (r.customerId ? [{ customerId: r.customerId, at: r.createdAt }] : []));
  const customerIds = [...new Set(returns.map((r) => r.customerId))];
  const until = new Date(range.to.getTime() + windowDays * 24 * 3_600_000);
  const orders: RetentionFacts["orders"][number][] = [];
  for (let i = 0; i < customerIds.length; i += CUSTOMER_BATCH) {
    const rows = await prisma.orderMirror.findMany({
      where: { shop, customerId: { in: customerIds.slice(i, i + CUSTOMER_BATCH) }, orderCreatedAt: { gt: range.from, lte: until } },
      select: { customerId: true, orderCreatedAt: true },
    });
    for (const row of rows) if (row.customerId) orders.push({ customerId: row.customerId, createdAt: row.orderCreatedAt });
  }
  return { returns, orders };
}
