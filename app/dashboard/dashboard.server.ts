/**
 * The admin dashboard: the return and ticket figures of a period next to the previous one,
 * the Pareto of return reasons and the returns-over-time series, in the shop's currency and
 * over the shop's calendar days.
 */
import { actorLabel } from "~/components/format";
import { safeTimeZone } from "~/lib/time-zone";
import {
  CATEGORY_GROUP_LABEL,
  categoryGroups,
  comparison,
  csat,
  csatByCategoryGroup,
  pareto,
  retention,
  returnMetrics,
  supportTrend,
  ticketMetrics,
  timeSeries,
  type Backlog,
  type Comparison,
  type CsatFigure,
  type ParetoBar,
  type Retention,
  type ReturnMetrics,
  type SupportPeriod,
  type SupportTrend,
  type TicketMetrics,
  type TimeBucket,
} from "~/metrics/calculate";
import { bucketDaysFor, bucketStarts, periodFor, type PeriodDays, type Range } from "~/metrics/period";
import { exchangedValue, returnResolution, returnsPerBucket, ticketFirstResponse } from "~/metrics/aggregates.server";
import { decisionActors, hasAnyReturn, movementSums, returnCounts, returnedUnits, returnsOpened, unitsByReason } from "~/metrics/returns.server";
import { retentionFacts } from "~/metrics/retention.server";
import { ticketFacts } from "~/metrics/tickets.server";
import { backlogNow, csatGroups, supportPeriod, ticketsByCategory } from "~/metrics/support.server";
import { reasonLabels } from "~/returns/queries.server";
import { shopOrRecord } from "~/shops/install.server";
import { staffNames } from "~/staff/directory.server";
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
  support: SupportData;
};

/** The support team's figures: the period's, the previous period's, each trend, and the backlog now. */
export type SupportData = {
  current: SupportPeriod;
  previous: SupportPeriod;
  trend: SupportTrend;
  backlog: Backlog;
  csatByAgent: CsatFigure[];
  csatByCategory: CsatFigure[];
  /** tickets opened in the period per category group, as a Pareto */
  categories: ParetoBar[];
};

/** Everything the support section shows, read in a few grouped statements. */
export async function loadSupport(shop: string, current: Range, previous: Range, now: Date): Promise<SupportData> {
  const [cur, prev, open, byAgent, byCategory, categories] = await Promise.all([
    supportPeriod(shop, current),
    supportPeriod(shop, previous),
    backlogNow(shop, now),
    csatGroups(shop, current, "assignee"),
    csatGroups(shop, current, "category"),
    ticketsByCategory(shop, current),
  ]);
  // Assignees are actor ids ("staff:102"): the merchant reads them by name, as in the inbox.
  const names = await staffNames(shop, byAgent.map((g) => g.key));
  return {
    current: cur,
    previous: prev,
    trend: supportTrend(cur, prev),
    backlog: open,
    csatByAgent: byAgent.map((g) => csat(g, g.key === "" ? "Unassigned" : actorLabel(g.key, names))).sort((a, b) => b.ratings - a.ratings || a.label.localeCompare(b.label)),
    csatByCategory: csatByCategoryGroup(byCategory),
    categories: pareto(categoryGroups(categories), { ...CATEGORY_GROUP_LABEL }),
  };
}

export type DashboardOptions = { now?: Date; soldUnits?: SoldUnitsSource; scopes?: string | null };

/**
 * Reads only what the dashboard shows: a few grouped queries per period, each answering with
 * a handful of rows, and the shop as recorded at install (its time zone draws the days).
 */
export async function loadDashboard(shop: string, client: ShopifyAdminClient, days: PeriodDays, options: DashboardOptions = {}): Promise<DashboardData> {
  const info = await shopOrRecord(shop, client, options.scopes ?? null);
  const timeZone = safeTimeZone(info.ianaTimezone);
  const now = options.now ?? new Date();
  const period = periodFor(days, now, timeZone);
  const bucketDays = bucketDaysFor(days);
  const starts = bucketStarts(period, bucketDays);
  const soldUnits: SoldUnitsSource = options.soldUnits ?? (async () => null);
  const [anyReturn, labels, perBucket, current, previous, tickets, retainedNow, retainedBefore, support] = await Promise.all([
    hasAnyReturn(shop),
    reasonLabels(shop),
    returnsPerBucket(shop, period.current, starts.map((b) => b.start)),
    periodFacts(shop, period.current, soldUnits),
    comparisonFacts(shop, period.previous, soldUnits),
    ticketFacts(shop, period.current),
    retentionFacts(shop, period.current),
    retentionFacts(shop, period.previous),
    loadSupport(shop, period.current, period.previous, now),
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
    support,
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
