/**
 * The admin dashboard: the return and ticket figures of a period next to the previous one,
 * the Pareto of return reasons and the returns-over-time series. Also keeps our Shop row in
 * step with Shopify, as the home did (currency and time zone judge every amount).
 */
import {
  pareto,
  returnMetrics,
  ticketMetrics,
  timeSeries,
  type ParetoBar,
  type ReturnMetrics,
  type TicketMetrics,
  type TimeBucket,
} from "~/metrics/calculate";
import { bucketDaysFor, periodFor, type PeriodDays, type Range } from "~/metrics/period";
import {
  decisionActors,
  exchangedValue,
  hasAnyReturn,
  movementSums,
  returnCounts,
  returnsResolved,
  returnTimestamps,
  unitsByReason,
} from "~/metrics/returns.server";
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
  returns: { current: ReturnMetrics; previous: ReturnMetrics };
  tickets: { current: TicketMetrics; previous: TicketMetrics };
  pareto: ParetoBar[];
  series: TimeBucket[];
};

export type DashboardOptions = { now?: Date; soldUnits?: SoldUnitsSource; scopes?: string | null };

/** Reads only what the dashboard shows: a few grouped queries per period, and the shop as recorded at install. */
export async function loadDashboard(shop: string, client: ShopifyAdminClient, days: PeriodDays, options: DashboardOptions = {}): Promise<DashboardData> {
  const period = periodFor(days, options.now ?? new Date());
  const soldUnits: SoldUnitsSource = options.soldUnits ?? (async () => null);
  const [info, anyReturn, labels, timestamps, current, previous, currentTickets, previousTickets] = await Promise.all([
    shopOrRecord(shop, client, options.scopes ?? null),
    hasAnyReturn(shop),
    reasonLabels(shop),
    returnTimestamps(shop, period.current),
    periodFacts(shop, period.current, soldUnits),
    periodFacts(shop, period.previous, soldUnits),
    ticketFacts(shop, period.current),
    ticketFacts(shop, period.previous),
  ]);
  const bucketDays = bucketDaysFor(days);
  return {
    shop: { name: info.name ?? shop, domain: info.shop, currencyCode: info.currencyCode, timezone: info.ianaTimezone },
    period: {
      days,
      from: period.current.from.toISOString(),
      to: period.current.to.toISOString(),
      previousFrom: period.previous.from.toISOString(),
      bucketDays,
    },
    isEmpty: !anyReturn,
    returns: { current: returnMetrics(current.facts, info.currencyCode), previous: returnMetrics(previous.facts, info.currencyCode) },
    tickets: { current: ticketMetrics(currentTickets), previous: ticketMetrics(previousTickets) },
    pareto: pareto(current.byReason, labels),
    series: timeSeries(timestamps, period.current, bucketDays),
  };
}

async function periodFacts(shop: string, range: Range, soldUnits: SoldUnitsSource) {
  const [returns, units, resolved, decisions, sums, exchanged, sold] = await Promise.all([
    returnCounts(shop, range),
    unitsByReason(shop, range),
    returnsResolved(shop, range),
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
