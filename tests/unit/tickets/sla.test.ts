import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessHoursSchema,
  businessMinutesBetween,
  DEFAULT_BUSINESS_HOURS as NINE_TO_FIVE,
  elapsedBusinessMinutes,
  resumeDue,
  slaState,
  type BusinessHours,
} from "~/tickets/sla";

const at = (iso: string) => new Date(iso);
const ALWAYS: BusinessHours = { sun: [[0, 1440]], mon: [[0, 1440]], tue: [[0, 1440]], wed: [[0, 1440]], thu: [[0, 1440]], fri: [[0, 1440]], sat: [[0, 1440]] };
const WITH_LUNCH: BusinessHours = { ...NINE_TO_FIVE, mon: [[540, 720], [780, 1020]] };

describe("the SLA clock: business minutes between two instants", () => {
  it("counts only the opening hours, across the weekend", () => {
    // GIVEN Mon–Fri 09:00–17:00 UTC; WHEN Friday 16:30 to Monday 09:30; THEN 30 + 30 minutes
    expect(businessMinutesBetween(at("2026-12-04T16:30:00Z"), at("2026-12-07T09:30:00Z"), NINE_TO_FIVE, "UTC")).toBe(60);
    // a whole week is 5 × 8 hours
    expect(businessMinutesBetween(at("2026-12-07T00:00:00Z"), at("2026-12-14T00:00:00Z"), NINE_TO_FIVE, "UTC")).toBe(2400);
    // nothing on a Saturday, nothing when the range is empty or backwards
    expect(businessMinutesBetween(at("2026-12-05T08:00:00Z"), at("2026-12-05T20:00:00Z"), NINE_TO_FIVE, "UTC")).toBe(0);
    expect(businessMinutesBetween(at("2026-12-07T12:00:00Z"), at("2026-12-07T11:00:00Z"), NINE_TO_FIVE, "UTC")).toBe(0);
  });

  it("reads the hours on the shop's wall clock, not UTC's", () => {
    // GIVEN a Toronto shop (UTC-5 in December); WHEN 13:00Z to 15:00Z (08:00–10:00 local); THEN only 09:00–10:00 counts
    expect(businessMinutesBetween(at("2026-12-07T13:00:00Z"), at("2026-12-07T15:00:00Z"), NINE_TO_FIVE, "America/Toronto")).toBe(60);
  });

  it("knows a spring-forward day has 23 hours and a fall-back day 25", () => {
    // New York: clocks go forward on 8 March 2026 and back on 1 November 2026
    expect(businessMinutesBetween(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"), ALWAYS, "America/New_York")).toBe(23 * 60);
    expect(businessMinutesBetween(at("2026-11-01T04:00:00Z"), at("2026-11-02T05:00:00Z"), ALWAYS, "America/New_York")).toBe(25 * 60);
  });

  it("skips a lunch break", () => {
    expect(businessMinutesBetween(at("2026-12-07T11:30:00Z"), at("2026-12-07T13:30:00Z"), WITH_LUNCH, "UTC")).toBe(60);
  });

  it("stops the clock while the ticket waits on the shopper", () => {
    // GIVEN Monday 09:00 to Tuesday 12:00 (8 h + 3 h open), paused Monday 10:00 to Tuesday 09:30 (7 h + 30 min open)
    const pauses = [{ from: at("2026-12-07T10:00:00Z"), to: at("2026-12-08T09:30:00Z") }];
    // THEN 660 − 450 = 210 business minutes ran
    expect(elapsedBusinessMinutes(at("2026-12-07T09:00:00Z"), at("2026-12-08T12:00:00Z"), NINE_TO_FIVE, "UTC", pauses)).toBe(210);
    // overlapping pauses count once
    const twice = [...pauses, { from: at("2026-12-07T11:00:00Z"), to: at("2026-12-07T12:00:00Z") }];
    expect(elapsedBusinessMinutes(at("2026-12-07T09:00:00Z"), at("2026-12-08T12:00:00Z"), NINE_TO_FIVE, "UTC", twice)).toBe(210);
  });
});

describe("the SLA clock: when a target falls due", () => {
  it("carries a Friday-afternoon target over the weekend", () => {
    expect(addBusinessMinutes(at("2026-12-04T16:30:00Z"), 60, NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-07T09:30:00Z"));
  });

  it("starts counting at opening time for a ticket that arrives at night or on a Saturday", () => {
    expect(addBusinessMinutes(at("2026-12-07T03:00:00Z"), 60, NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-07T10:00:00Z"));
    expect(addBusinessMinutes(at("2026-12-05T12:00:00Z"), 30, NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-07T09:30:00Z"));
  });

  it("lands on the same wall-clock time after clocks spring forward or fall back", () => {
    // GIVEN New York, Friday 6 March 2026 16:00 EST (21:00Z) and two business hours
    // THEN Monday 9 March 10:00 EDT = 14:00Z (24-hour arithmetic would say 15:00Z)
    expect(addBusinessMinutes(at("2026-03-06T21:00:00Z"), 120, NINE_TO_FIVE, "America/New_York")).toEqual(at("2026-03-09T14:00:00Z"));
    // GIVEN Friday 30 October 16:00 EDT (20:00Z); THEN Monday 2 November 10:00 EST = 15:00Z
    expect(addBusinessMinutes(at("2026-10-30T20:00:00Z"), 120, NINE_TO_FIVE, "America/New_York")).toEqual(at("2026-11-02T15:00:00Z"));
  });

  it("jumps the lunch break and agrees with the minute count", () => {
    const due = addBusinessMinutes(at("2026-12-07T11:30:00Z"), 60, WITH_LUNCH, "UTC");
    expect(due).toEqual(at("2026-12-07T13:30:00Z"));
    expect(businessMinutesBetween(at("2026-12-07T11:30:00Z"), due, WITH_LUNCH, "UTC")).toBe(60);
  });

  it("spans several days for a long target", () => {
    // 5 business days from Wednesday 10:00 → next Wednesday 10:00
    expect(addBusinessMinutes(at("2026-12-09T10:00:00Z"), 2400, NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-16T10:00:00Z"));
  });

  it("moves the due time by the pause, in business minutes", () => {
    // GIVEN due Monday 13:00, paused Monday 10:00 (3 business hours left), resumed Tuesday 09:30
    // THEN due Tuesday 12:30
    expect(resumeDue(at("2026-12-07T13:00:00Z"), at("2026-12-07T10:00:00Z"), at("2026-12-08T09:30:00Z"), NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-08T12:30:00Z"));
    // GIVEN due Monday 10:00, paused Friday 16:00 (2 business hours left), resumed Saturday; THEN the clock restarts Monday 09:00 → due 11:00
    expect(resumeDue(at("2026-12-07T10:00:00Z"), at("2026-12-04T16:00:00Z"), at("2026-12-05T10:00:00Z"), NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-07T11:00:00Z"));
    // GIVEN a target already missed when the pause began; THEN it stays missed
    expect(resumeDue(at("2026-12-07T09:30:00Z"), at("2026-12-07T10:00:00Z"), at("2026-12-08T10:00:00Z"), NINE_TO_FIVE, "UTC")).toEqual(at("2026-12-07T09:30:00Z"));
  });
});

describe("the inbox SLA badge", () => {
  const base = { status: "open", slaDueAt: at("2026-12-07T10:00:00Z"), resolutionDueAt: at("2026-12-09T10:00:00Z"), firstResponseAt: null, slaPausedAt: null };

  it("says Breached after the due time and 'Due in N min' within the hour", () => {
    expect(slaState(base, at("2026-12-07T10:00:01Z"))).toEqual({ state: "breached", label: "Breached" });
    expect(slaState(base, at("2026-12-07T09:35:00Z"))).toEqual({ state: "soon", label: "Due in 25 min", minutesLeft: 25 });
    expect(slaState(base, at("2026-12-07T08:00:00Z"))).toEqual({ state: "on_track" });
  });

  it("races the resolution target after the first response, and nothing while paused or solved", () => {
    const answered = { ...base, firstResponseAt: at("2026-12-07T09:00:00Z") };
    expect(slaState(answered, at("2026-12-09T09:50:00Z"))).toEqual({ state: "soon", label: "Due in 10 min", minutesLeft: 10 });
    expect(slaState({ ...base, slaPausedAt: at("2026-12-07T09:00:00Z") }, at("2026-12-08T00:00:00Z"))).toEqual({ state: "none" });
    expect(slaState({ ...base, status: "solved" }, at("2026-12-08T00:00:00Z"))).toEqual({ state: "none" });
  });
});

describe("the business hours setting", () => {
  it("refuses a week with no opening hours and overlapping intervals", () => {
    const closed = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
    expect(businessHoursSchema.safeParse(closed).error?.issues[0]?.message).toBe("Open at least one day a week, or no ticket could ever be due.");
    expect(businessHoursSchema.safeParse({ ...closed, mon: [[540, 720], [700, 900]] }).error?.issues[0]?.message).toBe("A day's opening intervals must not overlap.");
    expect(businessHoursSchema.safeParse({ ...closed, mon: [[720, 540]] }).success).toBe(false);
    expect(businessHoursSchema.safeParse(NINE_TO_FIVE).success).toBe(true);
  });
});
