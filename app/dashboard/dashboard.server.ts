/**
 * The admin dashboard: the return and ticket figures of a period next to the previous one,
 * the Pareto of return reasons and the returns-over-time series, in the shop's currency and
 * over the shop's calendar days.
 */
import { safeTimeZone } from "~/lib/time-zone";
import {
  comparison,
  pareto,
  retention,
  returnMetrics,
  ticketMetrics,
  timeSeries,
  type Comparison,
  type ParetoBar,
  type Retention,
  type ReturnMetrics,
  type TicketMetrics,
  type TimeBucket,
} from "~/metrics/calculate";
import { bucketDaysFor, bucketStarts, periodFor, type PeriodDays, type Range } from "~/metrics/period";
import { exchangedValue, returnResolution, returnsPerBucket, ticketFirstResponse } from "~/metrics/aggregates.server";
import { decisionActors, hasAnyReturn, movementSums, returnCounts, returnedUnits, returnsOpened, unitsByReason } from "~/metrics/returns.server";
import { retentionFacts } from "~/metrics/retention.server";
import { ticketFacts } from "~/metrics/tickets.server";
import { reasonLabels } from "~/returns/queries.server";
import { shopOrRecord } from "~/shops/install.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";

/** Units sold in a range, from wherever the shop's orders are known; null when unknown. */
export type SoldUnitsSource = (range: Range) => Promise<number | null>;

export type DashboardData = {
  shop: { name: string; domain: string; currencyCode: string; timezone: string };
  period: { days: PeriodDays; from: string; to: string; previousFrom: string; bucketDays: number };
  isEmpty: boolean;
  returns: ReturnMetrics;
  tickets: TicketMetrics;
  /** the previous period's side of each delta */
  previous: Comparison;
  pareto: ParetoBar[];
  series: TimeBucket[];
  /** Customers who ordered again within 90 days of a return opened in the period, and the same for the previous period. */
  retention: { current: Retention; previous: Retention };
};

export type DashboardOptions = { now?: Date; soldUnits?: SoldUnitsSource; scopes?: string | null };

/**
 * Reads only what the dashboard shows: a few grouped queries per period, each answering with
 * a handful of rows, and the shop as recorded at install (its time zone draws the days).
 */
export async function loadDashboard(shop: string, client: ShopifyAdminClient, days: PeriodDays, options: DashboardOptions = {}): Promise<DashboardData> {
  const info = await shopOrRecord(shop, client, options.scopes ?? null);
  const timeZone = safeTimeZone(info.ianaTimezone);
  const period = periodFor(days, options.now ?? new Date(), timeZone);
  const bucketDays = bucketDaysFor(days);
  const starts = bucketStarts(period, bucketDays);
  const soldUnits: SoldUnitsSource = options.soldUnits ?? (async () => null);
  const [anyReturn, labels, perBucket, current, previous, tickets, retainedNow, retainedBefore] = await Promise.all([
    hasAnyReturn(shop),
    reasonLabels(shop),
    returnsPerBucket(shop, period.current, starts.map((b) => b.start)),
    periodFacts(shop, period.current, soldUnits),
    comparisonFacts(shop, period.previous, soldUnits),
    ticketFacts(shop, period.current),
    retentionFacts(shop, period.current),
    retentionFacts(shop, period.previous),
  ]);
  return {
    shop: { name: info.name ?? shop, domain: info.shop, currencyCode: info.currencyCode, timezone: timeZone },
    period: {
      days,
      from: period.current.from.toISOString(),
      to: period.current.to.toISOString(),
      previousFrom: period.previous.from.toISOString(),
      bucketDays,
    },
    isEmpty: !anyReturn,
    returns: returnMetrics(current.facts, info.currencyCode),
    tickets: ticketMetrics(tickets),
    previous: comparison(previous, info.currencyCode),
    pareto: pareto(current.byReason, labels),
    series: timeSeries(starts, perBucket),
    retention: { current: retention(retainedNow), previous: retention(retainedBefore) },
  };
}

async function periodFacts(shop: string, range: Range, soldUnits: SoldUnitsSource) {
  const [returns, units, resolved, decisions, sums, exchanged, sold] = await Promise.all([
    returnCounts(shop, range),
    unitsByReason(shop, range),
    returnResolution(shop, range),
    decisionActors(shop, range),
    movementSums(shop, range),
    exchangedValue(shop, range),
    soldUnits(range),
  ]);
  return {
    byReason: units.byReason,
    facts: { returns, returnedUnits: units.returnedUnits, soldUnits: sold, decisions, resolved, movementSums: sums, exchangedValue: exchanged },
  };
}

/** Only what the deltas need from the previous period: totals and medians, no breakdowns. */
async function comparisonFacts(shop: string, range: Range, soldUnits: SoldUnitsSource) {
  const [returns, units, resolved, firstResponse, decisions, sums, exchanged, sold] = await Promise.all([
    returnsOpened(shop, range),
    returnedUnits(shop, range),
    returnResolution(shop, range),
    ticketFirstResponse(shop, range),
    decisionActors(shop, range),
    movementSums(shop, range, ["refund", "store_credit"]),
    exchangedValue(shop, range),
    soldUnits(range),
  ]);
  return { returns, returnedUnits: units, soldUnits: sold, resolved, firstResponse, decisions, movementSums: sums, exchangedValue: exchanged };
}
