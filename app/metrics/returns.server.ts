/**
 * The facts behind the return figures of one period, read with a handful of indexed,
 * shop-scoped queries; the figures themselves are computed by `calculate.ts`.
 */
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import type { MovementSum, ResolvedFact } from "~/metrics/calculate";
import { MOVEMENT_KINDS } from "~/refunds/plan";
import type { Range } from "~/metrics/period";

/** Statuses in which nothing came back: they count as requests, not as returned units. */
const NOT_RETURNED = ["declined", "canceled"];

const during = (range: Range) => ({ gte: range.from, lt: range.to });

/** How many returns were opened in the period, per status and resolution (an index-only count). */
export async function returnCounts(shop: string, range: Range): Promise<{ status: string; resolution: string; count: number }[]> {
  const groups = await prisma.returnCase.groupBy({ by: ["status", "resolution"], where: { shop, createdAt: during(range) }, _count: { _all: true } });
  return groups.map((g) => ({ status: g.status, resolution: g.resolution, count: g._count._all }));
}

/** When each return of the period was opened (the returns-over-time chart). */
export async function returnTimestamps(shop: string, range: Range): Promise<Date[]> {
  const rows = await prisma.returnCase.findMany({ where: { shop, createdAt: during(range) }, select: { createdAt: true } });
  return rows.map((r) => r.createdAt);
}

/**
 * Units asked back in the period, per reason code (every request, declined ones too: the
 * reasons shoppers gave), and the units actually returned (without declined or canceled
 * returns). Lines are dated by their own createdAt, written with their return's.
 */
export async function unitsByReason(shop: string, range: Range): Promise<{ byReason: Record<string, number>; returnedUnits: number }> {
  const [all, notReturned] = await Promise.all([
    prisma.returnLine.groupBy({ by: ["reasonCode"], where: { shop, createdAt: during(range) }, _sum: { quantityRequested: true } }),
    prisma.returnLine.aggregate({
      where: { shop, createdAt: during(range), returnCase: { shop, status: { in: NOT_RETURNED }, createdAt: during(range) } },
      _sum: { quantityRequested: true },
    }),
  ]);
  const byReason = Object.fromEntries(all.map((g) => [g.reasonCode, g._sum.quantityRequested ?? 0]));
  const total = Object.values(byReason).reduce((n, units) => n + units, 0);
  return { byReason, returnedUnits: total - (notReturned._sum.quantityRequested ?? 0) };
}

/** Returns resolved in the period, with when they were requested (median time to resolution). */
export async function returnsResolved(shop: string, range: Range): Promise<ResolvedFact[]> {
  const rows = await prisma.returnCase.findMany({
    where: { shop, resolvedAt: during(range) },
    select: { requestedAt: true, resolvedAt: true },
  });
  return rows.flatMap((r) => (r.resolvedAt ? [{ requestedAt: r.requestedAt, resolvedAt: r.resolvedAt }] : []));
}

/** Who approved or declined the returns decided in the period (audit actors, one per decision). */
export async function decisionActors(shop: string, range: Range): Promise<{ actor: string }[]> {
  const groups = await prisma.auditEvent.groupBy({
    by: ["actor"],
    where: { shop, createdAt: during(range), entityType: "return", action: { in: ["return.approved", "return.declined"] } },
    _count: { _all: true },
  });
  return groups.flatMap((g) => Array.from({ length: g._count._all }, () => ({ actor: g.actor })));
}

/**
 * Succeeded money movements of the period, summed per kind and currency. One query per
 * kind: each is an index-only range scan of (shop, kind, createdAt, …), where a single
 * GROUP BY kind made SQLite walk every movement of the shop.
 */
export async function movementSums(shop: string, range: Range): Promise<MovementSum[]> {
  const perKind = await Promise.all(
    MOVEMENT_KINDS.map(async (kind) => {
      const groups = await prisma.moneyMovement.groupBy({
        by: ["currencyCode"],
        where: { shop, kind, status: "succeeded", createdAt: during(range) },
        _sum: { amountMinor: true },
      });
      return groups.map((g) => ({ kind, currencyCode: g.currencyCode, amountMinor: fromBigInt(g._sum.amountMinor ?? 0n) }));
    }),
  );
  return perKind.flat();
}

/** The value of the items exchanged (kept as a sale) by exchange returns resolved in the period, per currency. */
export async function exchangedValue(shop: string, range: Range): Promise<{ currencyCode: string; amountMinor: number }[]> {
  const rows = await prisma.returnCase.findMany({
    where: { shop, resolution: "exchange", resolvedAt: during(range) },
    select: { currencyCode: true, lines: { where: { shop }, select: { unitPriceMinor: true, quantityRequested: true, quantityReceived: true } } },
  });
  const totals = new Map<string, bigint>();
  for (const row of rows) {
    for (const line of row.lines) {
      // What came back is what was exchanged; before receipt, what was asked.
      const units = BigInt(line.quantityReceived > 0 ? line.quantityReceived : line.quantityRequested);
      totals.set(row.currencyCode, (totals.get(row.currencyCode) ?? 0n) + line.unitPriceMinor * units);
    }
  }
  return [...totals].map(([currencyCode, amount]) => ({ currencyCode, amountMinor: fromBigInt(amount) }));
}

/** Whether the shop has ever had a return (a new shop sees the empty state instead of zeros). */
export async function hasAnyReturn(shop: string): Promise<boolean> {
  return (await prisma.returnCase.findFirst({ where: { shop }, select: { id: true } })) !== null;
}
