import { describe, expect, it } from "vitest";
import {
  backlog,
  categoryGroups,
  csat,
  percentile,
  percentileRank,
  supportRates,
  supportTrend,
  type SupportPeriod,
} from "~/metrics/calculate";

const H = 3_600_000;

describe("support maths", () => {
  it("takes the nearest-rank percentile: p90 of ten values is the 9th, of four the 4th, of one the only", () => {
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 100], 0.9)).toBe(100);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.9)).toBeNull();
    // ⌈0.55 · 100⌉ = 55, not 56 from floating-point noise (0.55 · 100 is 55.00000000000001 in doubles)
    expect(percentileRank(0.55, 100)).toBe(55);
    expect(percentileRank(0.9, 11)).toBe(10);
  });

  it("divides first-contact and reopened solves by solved tickets, and solved by opened", () => {
    // GIVEN 8 opened, 10 solved (older tickets too), 6 at first contact, 1 reopened
    expect(supportRates({ opened: 8, solved: 10, solvedFirstContact: 6, solvedReopened: 1 })).toEqual({ resolutionRate: 1.25, firstContactResolution: 0.6, reopenRate: 0.1 });
    // AND nothing solved or opened is null, not 0
    expect(supportRates({ opened: 0, solved: 0, solvedFirstContact: 0, solvedReopened: 0 })).toEqual({ resolutionRate: null, firstContactResolution: null, reopenRate: null });
  });

  it("gives CSAT as the share of 4 and 5 ratings, null without ratings", () => {
    expect(csat({ key: "Ana", ratings: 8, satisfied: 6 })).toEqual({ key: "Ana", label: "Ana", ratings: 8, satisfied: 6, score: 0.75 });
    expect(csat({ key: "all", ratings: 0, satisfied: 0 }).score).toBeNull();
  });

  it("measures backlog ages to now from the middle and oldest opening times", () => {
    const now = new Date(Date.parse("2026-03-10T00:00:00Z"));
    const ago = (hours: number) => new Date(now.getTime() - hours * H);
    expect(backlog({ count: 4, middleCreatedAt: [ago(10), ago(30)], oldestCreatedAt: ago(200), bucketCounts: [1, 2, 0, 1] }, now)).toEqual({
      count: 4,
      medianAgeHours: 20,
      oldestAgeHours: 200,
      buckets: [
        { key: "lt1d", label: "Under 1 day", count: 1 },
        { key: "1to3d", label: "1–3 days", count: 2 },
        { key: "3to7d", label: "3–7 days", count: 0 },
        { key: "gt7d", label: "Over 7 days", count: 1 },
      ],
    });
  });

  it("folds stored ticket categories into billing, fulfillment, order questions, returns and other", () => {
    expect(
      categoryGroups({ question_billing: 3, payment_failure: 1, question_fulfillment: 2, damaged: 2, question_order: 5, return_exception: 1, fraud_review: 1, system: 1, something_new: 1 }),
    ).toEqual({ billing: 4, fulfillment: 4, order_questions: 5, returns: 2, other: 2 });
  });

  it("compares each support figure with the previous period: hours as differences, rates in points", () => {
    const period = (fr: number, res: number, fcr: number, score: number | null): SupportPeriod => ({
      firstResponse: { count: 10, medianHours: fr, p90Hours: fr * 3 },
      resolution: { count: 10, medianHours: res, p90Hours: res * 2 },
      counts: { opened: 10, solved: 10, solvedFirstContact: fcr, solvedReopened: 1 },
      rates: supportRates({ opened: 10, solved: 10, solvedFirstContact: fcr, solvedReopened: 1 }),
      csat: { key: "all", label: "All", ratings: 4, satisfied: 3, score },
    });
    const trend = supportTrend(period(2, 20, 6, 0.75), period(4, 16, 5, null));
    expect(trend.firstResponseMedian).toEqual({ absolute: -2, relative: -0.5 });
    expect(trend.firstResponseP90).toEqual({ absolute: -6, relative: -0.5 });
    expect(trend.resolutionMedian).toEqual({ absolute: 4, relative: 0.25 });
    expect(trend.firstContactResolution?.absolute).toBeCloseTo(0.1, 10);
    expect(trend.reopenRate).toEqual({ absolute: 0, relative: 0 });
    // a previous period without ratings has nothing to compare with
    expect(trend.csat).toBeNull();
  });
});
