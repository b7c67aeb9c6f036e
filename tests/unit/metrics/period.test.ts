import { describe, expect, it } from "vitest";
import { bucketDaysFor, inRange, periodFor, periodSchema } from "~/metrics/period";

describe("reporting periods", () => {
  it("compares the last N days with the N days before them", () => {
    const p = periodFor(7, new Date("2026-03-15T12:00:00Z"));
    expect(p.current).toEqual({ from: new Date("2026-03-08T12:00:00Z"), to: new Date("2026-03-15T12:00:00Z") });
    expect(p.previous).toEqual({ from: new Date("2026-03-01T12:00:00Z"), to: new Date("2026-03-08T12:00:00Z") });
  });
  it("is half-open: the boundary instant belongs to the later period", () => {
    const p = periodFor(7, new Date("2026-03-15T12:00:00Z"));
    expect(inRange(new Date("2026-03-08T12:00:00Z"), p.current)).toBe(true);
    expect(inRange(new Date("2026-03-08T12:00:00Z"), p.previous)).toBe(false);
  });
  it("offers 7, 30 and 90 days, 30 by default, charted by day up to a month and by week beyond", () => {
    expect(periodSchema.parse(undefined)).toBe(30);
    expect(periodSchema.parse("90")).toBe(90);
    expect(periodSchema.safeParse("365").success).toBe(false);
    expect([7, 30, 90].map((d) => bucketDaysFor(d as 7 | 30 | 90))).toEqual([1, 1, 7]);
  });
});
