import { describe, expect, it } from "vitest";
import {
  automationRate,
  comparison,
  delta,
  median,
  moneyMix,
  pareto,
  ratio,
  returnMetrics,
  ticketMetrics,
  timeSeries,
} from "~/metrics/calculate";
import { bucketStarts, periodFor } from "~/metrics/period";

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("median", () => {
  it("takes the middle value of an odd list and the mean of the middle two of an even one", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([7])).toBe(7);
  });
  it("is null for an empty list, not 0", () => {
    expect(median([])).toBeNull();
  });
});

describe("ratio and delta", () => {
  it("is null when there is nothing to divide by", () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
    expect(ratio(3, 12)).toBe(0.25);
  });
  it("compares with the previous period, relative only when the previous value was not 0", () => {
    expect(delta(12, 10)).toEqual({ absolute: 2, relative: 0.2 });
    expect(delta(5, 0)).toEqual({ absolute: 5, relative: null });
    expect(delta(null, 3)).toBeNull();
  });
});

describe("the Pareto of return reasons", () => {
  it("sorts counts descending, ties by label, with shares and a cumulative share ending at exactly 1", () => {
    const bars = pareto({ other: 1, damaged: 5, size_too_small: 3, wrong_item: 1, changed_mind: 0 }, { damaged: "Arrived damaged", wrong_item: "Wrong item sent" });
    expect(bars).toEqual([
      { key: "damaged", label: "Arrived damaged", count: 5, share: 0.5, cumulativeShare: 0.5 },
      { key: "size_too_small", label: "Size too small", count: 3, share: 0.3, cumulativeShare: 0.8 },
      { key: "other", label: "Other", count: 1, share: 0.1, cumulativeShare: 0.9 },
      { key: "wrong_item", label: "Wrong item sent", count: 1, share: 0.1, cumulativeShare: 1 },
    ]);
  });
  it("ends at exactly 1 even when thirds do not add up in floating point", () => {
    const bars = pareto({ a: 1, b: 1, c: 1 });
    expect(bars.map((b) => b.cumulativeShare)).toEqual([1 / 3, 2 / 3, 1]);
  });
  it("is empty without reasons", () => {
    expect(pareto({})).toEqual([]);
  });
});

describe("automation rate", () => {
  it("counts decisions by Aftercare (system) or the shopper's portal as automatic, staff and Shopify as manual", () => {
    expect(automationRate([{ actor: "system" }, { actor: "portal" }, { actor: "staff:1" }, { actor: "webhook" }])).toBe(0.5);
    expect(automationRate([])).toBeNull();
  });
});

describe("money mix", () => {
  it("splits refunds, store credit and exchanges in the shop's currency; revenue kept = credit + exchanges, without the bonus", () => {
    const mix = moneyMix(
      [
        { kind: "refund", currencyCode: "USD", amountMinor: 12_000 },
        { kind: "store_credit", currencyCode: "USD", amountMinor: 8_000 },
        { kind: "bonus", currencyCode: "USD", amountMinor: 800 },
        { kind: "fee", currencyCode: "USD", amountMinor: 500 },
        { kind: "exchange_balance", currencyCode: "USD", amountMinor: 300 },
        { kind: "store_credit", currencyCode: "CAD", amountMinor: 1_000 },
        { kind: "refund", currencyCode: "CAD", amountMinor: 9_999 },
      ],
      [
        { currencyCode: "USD", amountMinor: 4_500 },
        { currencyCode: "CAD", amountMinor: 2_000 },
      ],
      "USD",
    );
    expect(mix).toEqual({ currencyCode: "USD", refunds: 12_000, storeCredit: 8_000, bonus: 800, exchanges: 4_500, fees: 500, revenueKept: 12_500, otherCurrencies: { CAD: 3_000 } });
  });
});

describe("returns over time", () => {
  it("pairs each bucket's start with its count, empty buckets at 0", () => {
    const starts = ["2026-03-01", "2026-03-02", "2026-03-03"].map((day) => ({ day, start: at(`${day}T05:00:00Z`) }));
    expect(timeSeries(starts, [2, 0])).toEqual([
      { day: "2026-03-01", start: "2026-03-01T05:00:00.000Z", count: 2 },
      { day: "2026-03-02", start: "2026-03-02T05:00:00.000Z", count: 0 },
      { day: "2026-03-03", start: "2026-03-03T05:00:00.000Z", count: 0 },
    ]);
  });
  it("charts a 90-day period in 13 weekly buckets, the last one six days long", () => {
    const period = periodFor(90, at("2026-06-01T12:00:00Z"));
    const series = timeSeries(bucketStarts(period, 7), []);
    expect(series).toHaveLength(13);
    expect(series[12]).toMatchObject({ day: "2026-05-27", start: "2026-05-27T00:00:00.000Z" });
  });
});

describe("return metrics of a period", () => {
  it("computes the return rate as returned units / sold units, null while sold units are unknown", () => {
    const facts = {
      returns: [
        { status: "resolved", resolution: "refund", count: 2 },
        { status: "declined", resolution: "store_credit", count: 1 },
      ],
      returnedUnits: 6,
      soldUnits: 240,
      decisions: [{ actor: "system" }, { actor: "system" }, { actor: "staff:9" }],
      resolved: { count: 0, medianHours: null },
      movementSums: [],
      exchangedValue: [],
    };
    const m = returnMetrics(facts, "EUR");
    expect(m).toMatchObject({
      returns: 3,
      returnedUnits: 6,
      returnRate: 0.025,
      byStatus: { resolved: 2, declined: 1 },
      byResolution: { refund: 2, store_credit: 1 },
      automationRate: 2 / 3,
      medianResolutionHours: null,
    });
    expect(m.money.currencyCode).toBe("EUR");
    expect(returnMetrics({ ...facts, soldUnits: null }, "EUR").returnRate).toBeNull();
  });
});

describe("the previous period's side of the deltas", () => {
  it("computes each compared figure by the current period's rules, other currencies and kinds left out", () => {
    const c = comparison(
      {
        returns: 4,
        returnedUnits: 3,
        soldUnits: 120,
        decisions: [{ actor: "portal" }, { actor: "staff:3" }],
        resolved: { count: 2, medianHours: 30 },
        firstResponse: { count: 0, medianHours: null },
        movementSums: [
          { kind: "refund", currencyCode: "USD", amountMinor: 1200 },
          { kind: "store_credit", currencyCode: "USD", amountMinor: 800 },
          { kind: "store_credit", currencyCode: "EUR", amountMinor: 999 },
        ],
        exchangedValue: [{ currencyCode: "USD", amountMinor: 500 }],
      },
      "USD",
    );
    expect(c).toEqual({ returns: 4, returnRate: 0.025, revenueKept: 1300, refunds: 1200, automationRate: 0.5, medianResolutionHours: 30, medianFirstResponseHours: null });
  });
});

describe("ticket metrics of a period", () => {
  it("gives open tickets, median first response and resolution, first-contact resolution and CSAT", () => {
    const t0 = at("2026-03-01T00:00:00Z").getTime();
    const d = (h: number) => new Date(t0 + h * H);
    const m = ticketMetrics({
      openNow: 4,
      opened: 3,
      firstResponse: { count: 2, medianHours: 3 },
      solved: [
        { createdAt: d(0), resolvedAt: d(2), agentReplies: 1, csatScore: 5 },
        { createdAt: d(0), resolvedAt: d(8), agentReplies: 3, csatScore: 2 },
        { createdAt: d(0), resolvedAt: d(20), agentReplies: 1, csatScore: null },
        { createdAt: d(0), resolvedAt: d(1), agentReplies: 0, csatScore: null },
      ],
    });
    expect(m).toEqual({
      openNow: 4,
      opened: 3,
      solved: 4,
      medianFirstResponseHours: 3,
      medianResolutionHours: 5,
      firstContactResolution: 2 / 3,
      csatAverage: 3.5,
      csatResponses: 2,
    });
  });
});
