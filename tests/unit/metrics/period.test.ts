import { describe, expect, it } from "vitest";
import { bucketDaysFor, bucketStarts, inRange, periodFor, periodSchema } from "~/metrics/period";

describe("reporting periods", () => {
  it("covers the last N calendar days, today so far included, and compares with the N days before cut at the same time of day", () => {
    const p = periodFor(7, new Date("2026-03-15T12:00:00Z"));
    expect(p.firstDay).toBe("2026-03-09");
    expect(p.current).toEqual({ from: new Date("2026-03-09T00:00:00Z"), to: new Date("2026-03-15T12:00:00Z") });
    expect(p.previous).toEqual({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-08T12:00:00Z") });
  });

  it("draws the days in the shop's time zone", () => {
    // 03:00 UTC on the 16th is the evening of the 15th in Los Angeles (UTC−7 since 8 March).
    const p = periodFor(7, new Date("2026-03-16T03:00:00Z"), "America/Los_Angeles");
    expect(p.firstDay).toBe("2026-03-09");
    expect(p.current.from).toEqual(new Date("2026-03-09T07:00:00Z"));
    // The previous week started before the clocks changed: its midnight is 08:00 UTC.
    expect(p.previous.from).toEqual(new Date("2026-03-02T08:00:00Z"));
  });

  it("is half-open: the boundary instant belongs to the later period", () => {
    const p = periodFor(7, new Date("2026-03-15T12:00:00Z"));
    expect(inRange(new Date("2026-03-09T00:00:00Z"), p.current)).toBe(true);
    expect(inRange(new Date("2026-03-09T00:00:00Z"), p.previous)).toBe(false);
    expect(inRange(new Date("2026-03-08T23:59:59Z"), p.current)).toBe(false);
  });

  it("never lets the previous period overlap the current one", () => {
    const p = periodFor(30, new Date("2026-03-15T23:59:59Z"));
    expect(p.previous.to.getTime()).toBeLessThanOrEqual(p.current.from.getTime());
  });

  it("offers 7, 30 and 90 days, 30 by default, charted by day up to a month and by week beyond", () => {
    expect(periodSchema.parse(undefined)).toBe(30);
    expect(periodSchema.parse("90")).toBe(90);
    expect(periodSchema.safeParse("365").success).toBe(false);
    expect([7, 30, 90].map((d) => bucketDaysFor(d as 7 | 30 | 90))).toEqual([1, 1, 7]);
  });

  it("starts each day's bucket at the shop's midnight, 23 hours apart across the spring change", () => {
    const p = periodFor(7, new Date("2026-03-10T18:00:00Z"), "America/Toronto");
    const starts = bucketStarts(p, 1).map((b) => [b.day, b.start.toISOString()]);
    expect(starts).toHaveLength(7);
    expect(starts.slice(3, 6)).toEqual([
      ["2026-03-07", "2026-03-07T05:00:00.000Z"],
      ["2026-03-08", "2026-03-08T05:00:00.000Z"],
      ["2026-03-09", "2026-03-09T04:00:00.000Z"],
    ]);
  });
});
