/**
 * The facts behind the return figures of one period, read with a handful of indexed,
 * shop-scoped queries (and, where Prisma would return every row, the SQL aggregates of
 * `aggregates.server.ts`); the figures themselves are computed by `calculate.ts`.
 */
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import { MIX_KINDS, type MovementSum } from "~/metrics/calculate";
import type { Range } from "~/metrics/period";
import type { MovementKind } from "~/refunds/plan";

/** Statuses in which nothing came back: they count as requests, not as returned units. */
const NOT_RETURNED = ["declined", "canceled"];

const during = (range: Range) => ({ gte: range.from, lt: range.to });

/** How many returns were opened in the period, per status and resolution (an index-only count). */
export async function returnCounts(shop: string, range: Range): Promise<{ status: string; resolution: string; count: number }[]> {
  const groups = await prisma.returnCase.groupBy({ by: ["status", "resolution"], where: { shop, createdAt: during(range) }, _count: { _all: true } });
  return groups.map((g) => ({ status: g.status, resolution: g.resolution, count: g._count._all }));
}

/** Units of declined or canceled returns of the period: asked back, never returned. */
async function unitsNotReturned(shop: string, range: Range): Promise<number> {
  const notReturned = await prisma.returnLine.aggregate({
    where: { shop, createdAt: during(range), returnCase: { shop, status: { in: NOT_RETURNED }, createdAt: during(range) } },
    _sum: { quantityRequested: true },
  });
  return notReturned._sum.quantityRequested ?? 0;
}

/**
 * Units asked back in the period, per reason code (every request, declined ones too: the
 * reasons shoppers gave), and the units actually returned (without declined or canceled
 * returns). Lines are dated by their own createdAt, written with their return's.
 */
export async function unitsByReason(shop: string, range: Range): Promise<{ byReason: Record<string, number>; returnedUnits: number }> {
  const [all, notReturned] = await Promise.all([
    prisma.returnLine.groupBy({ by: ["reasonCode"], where: { shop, createdAt: during(range) }, _sum: { quantityRequested: true } }),
    unitsNotReturned(shop, range),
  ]);
  const byReason = Object.fromEntries(all.map((g) => [g.reasonCode, g._sum.quantityRequested ?? 0]));
  const total = Object.values(byReason).reduce((n, units) => n + units, 0);
  return { byReason, returnedUnits: total - notReturned };
}

/** The units actually returned in the period, without the split by reason. */
export async function returnedUnits(shop: string, range: Range): Promise<number> {
  const [all, notReturned] = await Promise.all([
    prisma.returnLine.aggregate({ where: { shop, createdAt: during(range) }, _sum: { quantityRequested: true } }),
    unitsNotReturned(shop, range),
  ]);
  return (all._sum.quantityRequested ?? 0) - notReturned;
}

/** How many returns were opened in the period (an index-only count). */
export function returnsOpened(shop: string, range: Range): Promise<number> {
  return prisma.returnCase.count({ where: { shop, createdAt: during(range) } });
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
 * Succeeded money movements of the period, summed per kind and currency, for the kinds the
 * money mix shows. One query per kind: each is an index-only range scan of
 * (shop, kind, createdAt, …), where a single GROUP BY kind made SQLite walk every movement
 * of the shop.
 */
export async function movementSums(shop: string, range: Range, kinds: readonly MovementKind[] = MIX_KINDS): Promise<MovementSum[]> {
  const perKind = await Promise.all(
    kinds.map(async (kind) => {
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

/** Whether the shop has ever had a return (a new shop sees the empty state instead of zeros). */
export async function hasAnyReturn(shop: string): Promise<boolean> {
  return (await prisma.returnCase.findFirst({ where: { shop }, select: { id: true } })) !== null;
}
