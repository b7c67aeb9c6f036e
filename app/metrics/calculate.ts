/**
 * Dashboard figures — pure calculators over plain facts read by the `*.server.ts` queries.
 * Every figure that cannot be computed (nothing to divide by, nothing to take a median of)
 * is `null`, never 0: "no returns yet" and "0 % of returns" are different statements.
 */

/** The median of a list (mean of the middle two for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** part / whole, or null when the whole is 0 (or unknown). */
export function ratio(part: number, whole: number | null): number | null {
  if (whole === null || whole === 0) return null;
  return part / whole;
}

export type Delta = { absolute: number; relative: number | null };

/** Change from the previous period; relative is null when the previous value was 0; null when either side is unknown. */
export function delta(current: number | null, previous: number | null): Delta | null {
  if (current === null || previous === null) return null;
  return { absolute: current - previous, relative: previous === 0 ? null : (current - previous) / previous };
}

/** How many of each key, in first-seen order. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Sum of the groups' counts per key, in first-seen order. */
export function sumBy<T extends { count: number }>(groups: readonly T[], key: (group: T) => string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const group of groups) {
    const k = key(group);
    sums[k] = (sums[k] ?? 0) + group.count;
  }
  return sums;
}

export type ParetoBar = { key: string; label: string; count: number; share: number; cumulativeShare: number };

/**
 * The Pareto of return reasons: counts sorted descending (ties by label, so the chart is
 * stable), each with its share and the cumulative share up to it. The last cumulative
 * share is exactly 1.
 */
export function pareto(counts: Record<string, number>, labels: Record<string, string> = {}): ParetoBar[] {
  const entries = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, label: labels[key] ?? humanizeCode(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const total = entries.reduce((n, e) => n + e.count, 0);
  let running = 0;
  return entries.map((entry, index) => {
    running += entry.count;
    return {
      ...entry,
      share: entry.count / total,
      // Division of the running sum (not a sum of rounded shares): the last is exactly 1.
      cumulativeShare: index === entries.length - 1 ? 1 : running / total,
    };
  });
}

/** "size_too_small" → "Size too small", for a reason the current policy no longer lists. */
export function humanizeCode(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A chart bucket: the shop's calendar day it starts on, the instant that day starts, its count. */
export type TimeBucket = { day: string; start: string; count: number };

/** The chart's buckets with their counts (counts[i] for starts[i]; missing counts are 0). */
export function timeSeries(starts: readonly { day: string; start: Date }[], counts: readonly number[]): TimeBucket[] {
  return starts.map((bucket, i) => ({ day: bucket.day, start: bucket.start.toISOString(), count: counts[i] ?? 0 }));
}

// ── returns ──────────────────────────────────────────────────────────────────────────

/** Returns opened in a period, counted per status and resolution. */
export type ReturnGroup = { status: string; resolution: string; count: number };
/** A count, with the median of a duration across what was counted (null when nothing was). */
export type DurationStat = { count: number; medianHours: number | null };
export type DecisionFact = { actor: string };
export type MovementSum = { kind: string; currencyCode: string; amountMinor: number };

/** Actors that decide without a person: our automation and the shopper's own portal flow. */
export const AUTOMATED_ACTORS: ReadonlySet<string> = new Set(["system", "portal"]);

/** Share of approve/decline decisions made without a person (audit actor system or portal). */
export function automationRate(decisions: readonly DecisionFact[]): number | null {
  const automated = decisions.filter((d) => AUTOMATED_ACTORS.has(d.actor)).length;
  return ratio(automated, decisions.length);
}

/** The movement kinds the money mix adds up (an exchange's balance is part of the exchanged value). */
export const MIX_KINDS = ["refund", "store_credit", "bonus", "fee"] as const;

export type MoneyMix = {
  currencyCode: string;
  refunds: number;
  storeCredit: number;
  bonus: number;
  exchanges: number;
  fees: number;
  /** Store credit (without the bonus, which the merchant gives on top) plus the value exchanged: money that stayed in the shop. */
  revenueKept: number;
  /** Amounts in other currencies, not converted (no rate is ours to choose): currency → revenue kept. */
  otherCurrencies: Record<string, number>;
};

/**
 * Refunds vs store credit vs exchanges in the shop's currency, from succeeded ledger sums
 * per kind and currency plus the value of items exchanged. Movements in another
 * presentment currency are reported aside, never added to the shop's figure.
 */
export function moneyMix(sums: readonly MovementSum[], exchangedValue: readonly { currencyCode: string; amountMinor: number }[], shopCurrency: string): MoneyMix {
  const mix: MoneyMix = { currencyCode: shopCurrency, refunds: 0, storeCredit: 0, bonus: 0, exchanges: 0, fees: 0, revenueKept: 0, otherCurrencies: {} };
  const keptElsewhere = (currency: string, amount: number) => {
    mix.otherCurrencies[currency] = (mix.otherCurrencies[currency] ?? 0) + amount;
  };
  for (const s of sums) {
    if (s.currencyCode !== shopCurrency) {
      if (s.kind === "store_credit") keptElsewhere(s.currencyCode, s.amountMinor);
      continue;
    }
    if (s.kind === "refund") mix.refunds += s.amountMinor;
    else if (s.kind === "store_credit") mix.storeCredit += s.amountMinor;
    else if (s.kind === "bonus") mix.bonus += s.amountMinor;
    else if (s.kind === "fee") mix.fees += s.amountMinor;
  }
  for (const e of exchangedValue) {
    if (e.currencyCode !== shopCurrency) keptElsewhere(e.currencyCode, e.amountMinor);
    else mix.exchanges += e.amountMinor;
  }
  mix.revenueKept = mix.storeCredit + mix.exchanges;
  return mix;
}

export type ReturnMetrics = {
  returns: number;
  returnedUnits: number;
  soldUnits: number | null;
  returnRate: number | null;
  byStatus: Record<string, number>;
  byResolution: Record<string, number>;
  automationRate: number | null;
  decisions: number;
  medianResolutionHours: number | null;
  resolvedCount: number;
  money: MoneyMix;
};

export type ReturnFacts = {
  returns: readonly ReturnGroup[];
  returnedUnits: number;
  soldUnits: number | null;
  decisions: readonly DecisionFact[];
  /** returns resolved in the period, with the median time from request to resolution */
  resolved: DurationStat;
  movementSums: readonly MovementSum[];
  exchangedValue: readonly { currencyCode: string; amountMinor: number }[];
};

/** The return figures of one period. Return rate = returned units / sold units (null when sold units are unknown or 0). */
export function returnMetrics(facts: ReturnFacts, shopCurrency: string): ReturnMetrics {
  return {
    returns: facts.returns.reduce((n, g) => n + g.count, 0),
    returnedUnits: facts.returnedUnits,
    soldUnits: facts.soldUnits,
    returnRate: ratio(facts.returnedUnits, facts.soldUnits),
    byStatus: sumBy(facts.returns, (g) => g.status),
    byResolution: sumBy(facts.returns, (g) => g.resolution),
    automationRate: automationRate(facts.decisions),
    decisions: facts.decisions.length,
    medianResolutionHours: facts.resolved.medianHours,
    resolvedCount: facts.resolved.count,
    money: moneyMix(facts.movementSums, facts.exchangedValue, shopCurrency),
  };
}

/** The figures the dashboard compares with the previous period, and only those. */
export type Comparison = {
  returns: number;
  returnRate: number | null;
  revenueKept: number;
  refunds: number;
  automationRate: number | null;
  medianResolutionHours: number | null;
  medianFirstResponseHours: number | null;
};

export type ComparisonFacts = {
  returns: number;
  returnedUnits: number;
  soldUnits: number | null;
  decisions: readonly DecisionFact[];
  resolved: DurationStat;
  firstResponse: DurationStat;
  /** sums of the refund and store-credit kinds at least (others are ignored) */
  movementSums: readonly MovementSum[];
  exchangedValue: readonly { currencyCode: string; amountMinor: number }[];
};

/** The previous period's side of every delta, by the same rules as the current period's figures. */
export function comparison(facts: ComparisonFacts, shopCurrency: string): Comparison {
  const mix = moneyMix(facts.movementSums, facts.exchangedValue, shopCurrency);
  return {
    returns: facts.returns,
    returnRate: ratio(facts.returnedUnits, facts.soldUnits),
    revenueKept: mix.revenueKept,
    refunds: mix.refunds,
    automationRate: automationRate(facts.decisions),
    medianResolutionHours: facts.resolved.medianHours,
    medianFirstResponseHours: facts.firstResponse.medianHours,
  };
}

// ── retention ────────────────────────────────────────────────────────────────────────

/** How long after a return a new order counts as the customer staying. */
export const RETENTION_WINDOW_DAYS = 90;

export type RetentionFacts = {
  /** returns of the period that name a customer, dated when they were opened */
  returns: readonly { customerId: string; at: Date }[];
  /** those customers' orders (from the order mirror), dated when they were placed */
  orders: readonly { customerId: string; createdAt: Date }[];
};

export type Retention = {
  /** distinct customers who opened a return in the period */
  customers: number;
  /** of them, those who placed an order after one of those returns, within the window */
  retained: number;
  /** retained / customers; null without a returning customer */
  rate: number | null;
  windowDays: number;
};

/**
 * Retention after a return: of the customers who opened a return in the period, the share who
 * ordered again within `windowDays` after one of those returns (an order placed after the
 * return was opened, up to now for the most recent ones). Guest returns name no customer and
 * are left out.
 */
export function retention(facts: RetentionFacts, windowDays = RETENTION_WINDOW_DAYS): Retention {
  const windowMs = windowDays * 24 * 3_600_000;
  const returnsBy = new Map<string, number[]>();
  for (const r of facts.returns) returnsBy.set(r.customerId, [...(returnsBy.get(r.customerId) ?? []), r.at.getTime()]);
  const retained = new Set<string>();
  for (const o of facts.orders) {
    const placed = o.createdAt.getTime();
    const starts = returnsBy.get(o.customerId) ?? [];
    if (starts.some((start) => placed > start && placed <= start + windowMs)) retained.add(o.customerId);
  }
  return { customers: returnsBy.size, retained: retained.size, rate: ratio(retained.size, returnsBy.size), windowDays };
}

// ── tickets ──────────────────────────────────────────────────────────────────────────

export type TicketFacts = {
  /** open or pending right now */
  openNow: number;
  /** tickets opened in the period */
  opened: number;
  /** tickets opened in the period that had a first response, with the median time to it */
  firstResponse: DurationStat;
  /** tickets solved in the period, with how many public agent replies they took */
  solved: readonly { createdAt: Date; resolvedAt: Date; agentReplies: number; csatScore: number | null }[];
};

export type TicketMetrics = {
  openNow: number;
  opened: number;
  solved: number;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
  /** Share of solved tickets (that had at least one agent reply) solved with exactly one. */
  firstContactResolution: number | null;
  csatAverage: number | null;
  csatResponses: number;
};

/** The ticket figures of one period. */
export function ticketMetrics(facts: TicketFacts): TicketMetrics {
  const resolutions = facts.solved.map((t) => t.resolvedAt.getTime() - t.createdAt.getTime());
  const answered = facts.solved.filter((t) => t.agentReplies > 0);
  const scores = facts.solved.flatMap((t) => (t.csatScore === null ? [] : [t.csatScore]));
  const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);
  return {
    openNow: facts.openNow,
    opened: facts.opened,
    solved: facts.solved.length,
    medianFirstResponseHours: facts.firstResponse.medianHours,
    medianResolutionHours: hours(median(resolutions)),
    firstContactResolution: ratio(answered.filter((t) => t.agentReplies === 1).length, answered.length),
    csatAverage: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    csatResponses: scores.length,
  };
}

// ── support ──────────────────────────────────────────────────────────────────────────

/**
 * The rank (1-based, over values sorted ascending) of the nearest-rank percentile `p` of `n`
 * values: ⌈p·n⌉, at least 1. The SQL aggregates pick the same row, so both sides agree.
 */
export function percentileRank(p: number, n: number): number {
  return Math.max(1, Math.ceil(Math.round(p * n * 1e9) / 1e9));
}

/** The nearest-rank percentile of a list (p90 of 10 values is the 9th smallest); null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[percentileRank(p, sorted.length) - 1] ?? null;
}

/** A duration's spread over what was counted: median and 90th percentile, in hours (null when nothing was counted). */
export type DurationSpread = { count: number; medianHours: number | null; p90Hours: number | null };

/** Counts behind the support rates of one period (tickets solved in it, unless said otherwise). */
export type SupportCounts = {
  /** tickets opened in the period */
  opened: number;
  /** tickets solved in the period */
  solved: number;
  /** of them, solved with exactly one public agent reply and never reopened */
  solvedFirstContact: number;
  /** of them, reopened at least once before this solve */
  solvedReopened: number;
};

/** CSAT counts of one group (an agent, a category, or everyone): ratings, and how many were 4 or 5. */
export type CsatGroup = { key: string; ratings: number; satisfied: number };

export type CsatFigure = { key: string; label: string; ratings: number; satisfied: number; score: number | null };

/** Share of ratings of 4 or 5 (the usual CSAT), with how many ratings there were; null without ratings. */
export function csat(group: CsatGroup, label = group.key): CsatFigure {
  return { key: group.key, label, ratings: group.ratings, satisfied: group.satisfied, score: ratio(group.satisfied, group.ratings) };
}

export type SupportRates = {
  /** solved / opened in the period (can exceed 1 when older tickets are solved) */
  resolutionRate: number | null;
  /** solved tickets that needed exactly one agent reply and were never reopened / solved tickets */
  firstContactResolution: number | null;
  /** solved tickets that had been reopened / solved tickets */
  reopenRate: number | null;
};

export function supportRates(c: SupportCounts): SupportRates {
  return {
    resolutionRate: ratio(c.solved, c.opened),
    firstContactResolution: ratio(c.solvedFirstContact, c.solved),
    reopenRate: ratio(c.solvedReopened, c.solved),
  };
}

/** The age buckets of the backlog, in days: [from, to). */
export const BACKLOG_BUCKETS = [
  { key: "lt1d", label: "Under 1 day", fromDays: 0, toDays: 1 },
  { key: "1to3d", label: "1–3 days", fromDays: 1, toDays: 3 },
  { key: "3to7d", label: "3–7 days", fromDays: 3, toDays: 7 },
  { key: "gt7d", label: "Over 7 days", fromDays: 7, toDays: Infinity },
] as const;

export type Backlog = {
  /** open or pending tickets now */
  count: number;
  medianAgeHours: number | null;
  oldestAgeHours: number | null;
  buckets: { key: string; label: string; count: number }[];
};

/**
 * The backlog from the open tickets' opening times (only the middle one or two and the
 * oldest are needed) and the per-bucket counts: ages are measured to `now`.
 */
export function backlog(facts: { count: number; middleCreatedAt: readonly Date[]; oldestCreatedAt: Date | null; bucketCounts: readonly number[] }, now: Date): Backlog {
  const ageHours = (d: Date) => (now.getTime() - d.getTime()) / 3_600_000;
  const middle = facts.middleCreatedAt.map(ageHours);
  return {
    count: facts.count,
    medianAgeHours: middle.length ? middle.reduce((a, b) => a + b, 0) / middle.length : null,
    oldestAgeHours: facts.oldestCreatedAt ? ageHours(facts.oldestCreatedAt) : null,
    buckets: BACKLOG_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: facts.bucketCounts[i] ?? 0 })),
  };
}

/** The ticket categories the dashboard groups by, and which stored categories fall in each. */
export const CATEGORY_GROUPS: Readonly<Record<string, string>> = {
  question_billing: "billing",
  payment_failure: "billing",
  question_fulfillment: "fulfillment",
  damaged: "fulfillment",
  question_order: "order_questions",
  return_exception: "returns",
  fraud_review: "returns",
  system: "other",
};

export const CATEGORY_GROUP_LABEL: Readonly<Record<string, string>> = {
  billing: "Billing",
  fulfillment: "Fulfillment",
  order_questions: "Order questions",
  returns: "Returns",
  other: "Other",
};

/** Stored category counts folded into the dashboard's groups (an unknown category is "other"). */
export function categoryGroups(counts: Record<string, number>): Record<string, number> {
  const grouped: Record<string, number> = {};
  for (const [category, n] of Object.entries(counts)) {
    const group = CATEGORY_GROUPS[category] ?? "other";
    grouped[group] = (grouped[group] ?? 0) + n;
  }
  return grouped;
}

/** CSAT groups folded the same way (per category group). */
export function csatByCategoryGroup(groups: readonly CsatGroup[]): CsatFigure[] {
  const folded = new Map<string, CsatGroup>();
  for (const g of groups) {
    const key = CATEGORY_GROUPS[g.key] ?? "other";
    const into = folded.get(key) ?? { key, ratings: 0, satisfied: 0 };
    folded.set(key, { key, ratings: into.ratings + g.ratings, satisfied: into.satisfied + g.satisfied });
  }
  return [...folded.values()].map((g) => csat(g, CATEGORY_GROUP_LABEL[g.key] ?? humanizeCode(g.key))).sort((a, b) => b.ratings - a.ratings || a.label.localeCompare(b.label));
}

/** The support figures of one period that are compared with the previous one. */
export type SupportPeriod = {
  firstResponse: DurationSpread;
  resolution: DurationSpread;
  counts: SupportCounts;
  rates: SupportRates;
  csat: CsatFigure;
};

export type SupportTrend = {
  firstResponseMedian: Delta | null;
  firstResponseP90: Delta | null;
  resolutionMedian: Delta | null;
  resolutionP90: Delta | null;
  resolutionRate: Delta | null;
  firstContactResolution: Delta | null;
  reopenRate: Delta | null;
  csat: Delta | null;
  opened: Delta | null;
};

/** Each support figure against the previous period of equal length. */
export function supportTrend(current: SupportPeriod, previous: SupportPeriod): SupportTrend {
  return {
    firstResponseMedian: delta(current.firstResponse.medianHours, previous.firstResponse.medianHours),
    firstResponseP90: delta(current.firstResponse.p90Hours, previous.firstResponse.p90Hours),
    resolutionMedian: delta(current.resolution.medianHours, previous.resolution.medianHours),
    resolutionP90: delta(current.resolution.p90Hours, previous.resolution.p90Hours),
    resolutionRate: delta(current.rates.resolutionRate, previous.rates.resolutionRate),
    firstContactResolution: delta(current.rates.firstContactResolution, previous.rates.firstContactResolution),
    reopenRate: delta(current.rates.reopenRate, previous.rates.reopenRate),
    csat: delta(current.csat.score, previous.csat.score),
    opened: delta(current.counts.opened, previous.counts.opened),
  };
}
