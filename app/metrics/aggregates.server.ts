/**
 * The dashboard's aggregates that Prisma's query API cannot express without bringing every
 * row back: counts per chart bucket, medians of durations, and the value exchanged. Each is
 * one SQL statement that answers with a handful of rows, written in SQL both SQLite and
 * PostgreSQL accept; the one difference (how to subtract two timestamps) is chosen once.
 * Every statement filters on the shop first, and every value is a bound parameter.
 * docs/decisions/013-dashboard-aggregates-in-sql.md says why.
 */
import { join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import prisma, { dialect } from "~/db.server";
import { percentileRank, type DurationSpread, type DurationStat } from "~/metrics/calculate";
import type { Range } from "~/metrics/period";

/** Numbers as either driver returns them: number, bigint, or a decimal's string (PostgreSQL numeric). */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value === null || value === undefined) return 0;
  return Number(String(value));
}

/** Seconds from one timestamp column to another of the same row. The columns are ours, never input. */
export function secondsBetween(start: ColumnName, end: ColumnName): Sql {
  return dialect === "postgres"
    ? raw(`EXTRACT(EPOCH FROM ("${end}" - "${start}"))`)
    : // Prisma's SQLite adapter stores DateTime as ISO-8601 text, which julianday() reads.
      raw(`((julianday("${end}") - julianday("${start}")) * 86400.0)`);
}

export type ColumnName = "createdAt" | "requestedAt" | "resolvedAt" | "firstResponseAt";

/**
 * How many rows there are, and the median of `end − start` over them, in one statement: the
 * rows are numbered in order of the duration and only the middle one or two come back.
 */
async function durationStat(table: "ReturnCase" | "Ticket", start: ColumnName, end: ColumnName, where: Sql): Promise<DurationStat> {
  const seconds = secondsBetween(start, end);
  const rows = await prisma.$queryRaw<{ seconds: unknown; n: unknown }[]>(sql`
    SELECT ranked.seconds AS seconds, ranked.n AS n FROM (
      SELECT ${seconds} AS seconds, ROW_NUMBER() OVER (ORDER BY ${seconds}) AS rn, COUNT(*) OVER () AS n
      FROM ${raw(`"${table}"`)} WHERE ${where}
    ) ranked
    WHERE ranked.rn IN ((ranked.n + 1) / 2, (ranked.n + 2) / 2)`);
  if (rows.length === 0) return { count: 0, medianHours: null };
  // julianday() is a floating-point day count: round to the millisecond both databases store.
  const middle = rows.map((r) => Math.round(toNumber(r.seconds) * 1000) / 1000);
  return { count: toNumber(rows[0]?.n), medianHours: middle.reduce((a, b) => a + b, 0) / middle.length / 3600 };
}

/** Returns resolved in the range, and the median time from request to resolution. */
export function returnResolution(shop: string, range: Range): Promise<DurationStat> {
  return durationStat("ReturnCase", "requestedAt", "resolvedAt", sql`"shop" = ${shop} AND "resolvedAt" >= ${range.from} AND "resolvedAt" < ${range.to}`);
}

/** Tickets opened in the range that have had a first response, and the median time to it. */
export function ticketFirstResponse(shop: string, range: Range): Promise<DurationStat> {
  return durationStat(
    "Ticket",
    "createdAt",
    "firstResponseAt",
    sql`"shop" = ${shop} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} AND "firstResponseAt" IS NOT NULL`,
  );
}

/**
 * Returns opened per chart bucket: bucket i holds [starts[i], starts[i + 1]), the last one up
 * to `range.to`. One CASE over the bucket edges, grouped: a row per bucket, not per return.
 */
export async function returnsPerBucket(shop: string, range: Range, starts: readonly Date[]): Promise<number[]> {
  const counts = new Array<number>(starts.length).fill(0);
  if (starts.length === 0) return counts;
  const edges = starts.slice(1).map((edge, i) => sql`WHEN "createdAt" < ${edge} THEN ${i}`);
  const bucket = edges.length ? sql`CASE ${join(edges, " ")} ELSE ${starts.length - 1} END` : sql`${0}`;
  const rows = await prisma.$queryRaw<{ bucket: unknown; n: unknown }[]>(sql`
    SELECT ${bucket} AS bucket, COUNT(*) AS n FROM "ReturnCase"
    WHERE "shop" = ${shop} AND "createdAt" >= ${starts[0] ?? range.from} AND "createdAt" < ${range.to}
    GROUP BY 1`);
  for (const row of rows) {
    const index = toNumber(row.bucket);
    if (index >= 0 && index < counts.length) counts[index] = toNumber(row.n);
  }
  return counts;
}

/**
 * The value of the items exchanged (kept as a sale) by exchange returns resolved in the
 * range, per currency: what came back, or before receipt what was asked, at its unit price.
 */
export async function exchangedValue(shop: string, range: Range): Promise<{ currencyCode: string; amountMinor: number }[]> {
  const rows = await prisma.$queryRaw<{ currencyCode: string; amount: unknown }[]>(sql`
    SELECT rc."currencyCode" AS "currencyCode",
           SUM(l."unitPriceMinor" * CASE WHEN l."quantityReceived" > 0 THEN l."quantityReceived" ELSE l."quantityRequested" END) AS amount
    FROM "ReturnCase" rc JOIN "ReturnLine" l ON l."returnCaseId" = rc."id" AND l."shop" = rc."shop"
    WHERE rc."shop" = ${shop} AND rc."resolution" = 'exchange' AND rc."resolvedAt" >= ${range.from} AND rc."resolvedAt" < ${range.to}
    GROUP BY rc."currencyCode"`);
  return rows.map((r) => ({ currencyCode: r.currencyCode, amountMinor: toNumber(r.amount) }));
}

/**
 * How many rows there are, with the median and the nearest-rank 90th percentile of
 * `end − start` over them, in one statement: the rows are numbered in order of the duration
 * and only the middle one or two and the ⌈0.9·n⌉-th come back (integer division does the
 * ceiling: ⌈9n/10⌉ = (9n + 9) / 10).
 */
export async function durationSpread(table: "ReturnCase" | "Ticket", start: ColumnName, end: ColumnName, where: Sql): Promise<DurationSpread> {
  const seconds = secondsBetween(start, end);
  const rows = await prisma.$queryRaw<{ seconds: unknown; rn: unknown; n: unknown }[]>(sql`
    SELECT ranked.seconds AS seconds, ranked.rn AS rn, ranked.n AS n FROM (
      SELECT ${seconds} AS seconds, ROW_NUMBER() OVER (ORDER BY ${seconds}) AS rn, COUNT(*) OVER () AS n
      FROM ${raw(`"${table}"`)} WHERE ${where}
    ) ranked
    WHERE ranked.rn IN ((ranked.n + 1) / 2, (ranked.n + 2) / 2, (9 * ranked.n + 9) / 10)`);
  if (rows.length === 0) return { count: 0, medianHours: null, p90Hours: null };
  const n = toNumber(rows[0]?.n);
  const byRank = new Map(rows.map((r) => [toNumber(r.rn), Math.round(toNumber(r.seconds) * 1000) / 1000 / 3600]));
  const middle = [...new Set([Math.floor((n + 1) / 2), Math.floor((n + 2) / 2)])].map((rank) => byRank.get(rank) ?? 0);
  return { count: n, medianHours: middle.reduce((a, b) => a + b, 0) / middle.length, p90Hours: byRank.get(percentileRank(0.9, n)) ?? null };
}
