/**
 * The support figures' SQL (ADR 013): each statement filters on the shop first, answers with a
 * handful of rows, and is written in SQL that SQLite and PostgreSQL both accept. The figures
 * themselves are computed in `calculate.ts`.
 *
 * "Solved in a period" means `resolvedAt` in the period and the ticket still solved or closed
 * (a ticket reopened since has no resolution to count until it is solved again).
 */
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import prisma from "~/db.server";
import { durationSpread, toNumber } from "~/metrics/aggregates.server";
import {
  backlog,
  BACKLOG_BUCKETS,
  csat,
  supportRates,
  type Backlog,
  type CsatGroup,
  type DurationSpread,
  type SupportCounts,
  type SupportPeriod,
} from "~/metrics/calculate";
import type { Range } from "~/metrics/period";

const DAY_MS = 86_400_000;

const solvedIn = (shop: string, range: Range) =>
  sql`"shop" = ${shop} AND "resolvedAt" >= ${range.from} AND "resolvedAt" < ${range.to} AND "status" IN ('solved', 'closed')`;

/** Wall-clock hours from opening to the first public agent reply, over tickets opened in the range that have one. */
export function firstResponseSpread(shop: string, range: Range): Promise<DurationSpread> {
  return durationSpread(
    "Ticket",
    "createdAt",
    "firstResponseAt",
    sql`"shop" = ${shop} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} AND "firstResponseAt" IS NOT NULL`,
  );
}

/** Wall-clock hours from opening to solving, over tickets solved in the range. */
export function resolutionSpread(shop: string, range: Range): Promise<DurationSpread> {
  return durationSpread("Ticket", "createdAt", "resolvedAt", solvedIn(shop, range));
}

/**
 * Opened in the range; solved in it; of those, solved at first contact (exactly one public agent
 * reply, never reopened) and reopened at least once. One statement.
 */
export async function supportCounts(shop: string, range: Range): Promise<SupportCounts> {
  const rows = await prisma.$queryRaw<{ opened: unknown; solved: unknown; fcr: unknown; reopened: unknown }[]>(sql`
    SELECT
      (SELECT COUNT(*) FROM "Ticket" o WHERE o."shop" = ${shop} AND o."createdAt" >= ${range.from} AND o."createdAt" < ${range.to}) AS opened,
      COUNT(*) AS solved,
      SUM(CASE WHEN t."reopenCount" = 0 AND (
        SELECT COUNT(*) FROM "TicketMessage" m
        WHERE m."shop" = t."shop" AND m."ticketId" = t."id" AND m."authorType" = 'agent' AND m."visibility" = 'public'
      ) = 1 THEN 1 ELSE 0 END) AS fcr,
      SUM(CASE WHEN t."reopenCount" > 0 THEN 1 ELSE 0 END) AS reopened
    FROM "Ticket" t
    WHERE t."shop" = ${shop} AND t."resolvedAt" >= ${range.from} AND t."resolvedAt" < ${range.to} AND t."status" IN ('solved', 'closed')`);
  const row = rows[0];
  return {
    opened: toNumber(row?.opened),
    solved: toNumber(row?.solved),
    solvedFirstContact: toNumber(row?.fcr),
    solvedReopened: toNumber(row?.reopened),
  };
}

/**
 * Ratings of tickets solved in the range, and how many were 4 or 5: overall (one group, key
 * "all"), per assignee (unassigned as ""), or per stored category.
 */
export async function csatGroups(shop: string, range: Range, by: "all" | "assignee" | "category"): Promise<CsatGroup[]> {
  const key = by === "assignee" ? sql`COALESCE("assignee", '')` : by === "category" ? sql`"category"` : sql`'all'`;
  const rows = await prisma.$queryRaw<{ key: string; ratings: unknown; satisfied: unknown }[]>(sql`
    SELECT ${key} AS key, COUNT(*) AS ratings, SUM(CASE WHEN "csatScore" >= 4 THEN 1 ELSE 0 END) AS satisfied
    FROM "Ticket"
    WHERE ${solvedIn(shop, range)} AND "csatScore" IS NOT NULL
    GROUP BY 1`);
  return rows.map((r) => ({ key: String(r.key), ratings: toNumber(r.ratings), satisfied: toNumber(r.satisfied) }));
}

/** Tickets opened in the range per stored category. */
export async function ticketsByCategory(shop: string, range: Range): Promise<Record<string, number>> {
  const rows = await prisma.$queryRaw<{ category: string; n: unknown }[]>(sql`
    SELECT "category" AS category, COUNT(*) AS n FROM "Ticket"
    WHERE "shop" = ${shop} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to}
    GROUP BY "category"`);
  return Object.fromEntries(rows.map((r) => [r.category, toNumber(r.n)]));
}

/** A timestamp as either driver returns it: a Date, or ISO text (SQLite). */
function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * The open and pending tickets now: how many, the middle one or two and the oldest by opening
 * time (ages grow as opening times shrink, so their median is the median age), and the count
 * per age bucket — two statements, a few rows each.
 */
export async function backlogNow(shop: string, now: Date): Promise<Backlog> {
  const open = sql`"shop" = ${shop} AND "status" IN ('open', 'pending')`;
  const edges = BACKLOG_BUCKETS.slice(1).map((b, i) => sql`WHEN "createdAt" > ${new Date(now.getTime() - b.fromDays * DAY_MS)} THEN ${i}`);
  const [ranked, buckets] = await Promise.all([
    prisma.$queryRaw<{ createdAt: unknown; rn: unknown; n: unknown }[]>(sql`
      SELECT ranked."createdAt" AS "createdAt", ranked.rn AS rn, ranked.n AS n FROM (
        SELECT "createdAt", ROW_NUMBER() OVER (ORDER BY "createdAt" DESC) AS rn, COUNT(*) OVER () AS n
        FROM "Ticket" WHERE ${open}
      ) ranked
      WHERE ranked.rn IN (ranked.n, (ranked.n + 1) / 2, (ranked.n + 2) / 2)`),
    prisma.$queryRaw<{ bucket: unknown; n: unknown }[]>(sql`
      SELECT CASE ${join(edges, " ")} ELSE ${BACKLOG_BUCKETS.length - 1} END AS bucket, COUNT(*) AS n
      FROM "Ticket" WHERE ${open} GROUP BY 1`),
  ]);
  const n = toNumber(ranked[0]?.n);
  const byRank = new Map(ranked.map((r) => [toNumber(r.rn), toDate(r.createdAt)]));
  const middleRanks = n === 0 ? [] : [...new Set([Math.floor((n + 1) / 2), Math.floor((n + 2) / 2)])];
  const counts = new Array<number>(BACKLOG_BUCKETS.length).fill(0);
  for (const row of buckets) counts[toNumber(row.bucket)] = toNumber(row.n);
  return backlog(
    {
      count: n,
      middleCreatedAt: middleRanks.flatMap((rank) => byRank.get(rank) ?? []),
      oldestCreatedAt: byRank.get(n) ?? null,
      bucketCounts: counts,
    },
    now,
  );
}

/** The compared support figures of one period. */
export async function supportPeriod(shop: string, range: Range): Promise<SupportPeriod> {
  const [firstResponse, resolution, counts, overall] = await Promise.all([
    firstResponseSpread(shop, range),
    resolutionSpread(shop, range),
    supportCounts(shop, range),
    csatGroups(shop, range, "all"),
  ]);
  return {
    firstResponse,
    resolution,
    counts,
    rates: supportRates(counts),
    csat: csat(overall[0] ?? { key: "all", ratings: 0, satisfied: 0 }, "All tickets"),
  };
}
