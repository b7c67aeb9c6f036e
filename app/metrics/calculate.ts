/**
 * Dashboard figures — pure calculators over plain facts read by the `*.server.ts` queries.
 * Every figure that cannot be computed (nothing to divide by, nothing to take a median of)
 * is `null`, never 0: "no returns yet" and "0 % of returns" are different statements.
 */
import type { Range } from "~/metrics/period";

const DAY_MS = 86_400_000;

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

export type TimeBucket = { start: string; count: number };

/** Counts of timestamps per bucket of `bucketDays` days across the range (empty buckets included). */
export function timeSeries(timestamps: readonly Date[], range: Range, bucketDays: number): TimeBucket[] {
  const width = bucketDays * DAY_MS;
  const from = range.from.getTime();
  const buckets = Math.max(1, Math.ceil((range.to.getTime() - from) / width));
  const counts = new Array<number>(buckets).fill(0);
  for (const at of timestamps) {
    const index = Math.floor((at.getTime() - from) / width);
    if (index >= 0 && index < buckets) counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ start: new Date(from + i * width).toISOString(), count }));
}

// ── returns ──────────────────────────────────────────────────────────────────────────

/** Returns opened in a period, counted per status and resolution. */
export type ReturnGroup = { status: string; resolution: string; count: number };
export type ResolvedFact = { requestedAt: Date; resolvedAt: Date };
export type DecisionFact = { actor: string };
export type MovementSum = { kind: string; currencyCode: string; amountMinor: number };

/** Actors that decide without a person: our automation and the shopper's own portal flow. */
export const AUTOMATED_ACTORS: ReadonlySet<string> = new Set(["system", "portal"]);

/** Share of approve/decline decisions made without a person (audit actor system or portal). */
export function automationRate(decisions: readonly DecisionFact[]): number | null {
  const automated = decisions.filter((d) => AUTOMATED_ACTORS.has(d.actor)).length;
  return ratio(automated, decisions.length);
}

/** Median hours from request to resolution over the returns resolved in the period. */
export function medianResolutionHours(resolved: readonly ResolvedFact[]): number | null {
  const m = median(resolved.map((r) => r.resolvedAt.getTime() - r.requestedAt.getTime()));
  return m === null ? null : m / 3_600_000;
}

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
  resolved: readonly ResolvedFact[];
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
    medianResolutionHours: medianResolutionHours(facts.resolved),
    resolvedCount: facts.resolved.length,
    money: moneyMix(facts.movementSums, facts.exchangedValue, shopCurrency),
  };
}

// ── tickets ──────────────────────────────────────────────────────────────────────────

export type TicketFacts = {
  /** open or pending right now */
  openNow: number;
  /** tickets opened in the period */
  opened: readonly { createdAt: Date; firstResponseAt: Date | null }[];
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
  const firstResponses = facts.opened.flatMap((t) => (t.firstResponseAt ? [t.firstResponseAt.getTime() - t.createdAt.getTime()] : []));
  const resolutions = facts.solved.map((t) => t.resolvedAt.getTime() - t.createdAt.getTime());
  const answered = facts.solved.filter((t) => t.agentReplies > 0);
  const scores = facts.solved.flatMap((t) => (t.csatScore === null ? [] : [t.csatScore]));
  const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);
  return {
    openNow: facts.openNow,
    opened: facts.opened.length,
    solved: facts.solved.length,
    medianFirstResponseHours: hours(median(firstResponses)),
    medianResolutionHours: hours(median(resolutions)),
    firstContactResolution: ratio(answered.filter((t) => t.agentReplies === 1).length, answered.length),
    csatAverage: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    csatResponses: scores.length,
  };
}
