import { describe, expect, it } from "vitest";
import { addDays, daysRange, isTimeZone, localDate, offsetMinutes, parseLocalDate, safeTimeZone, startOfDay } from "~/lib/time-zone";

describe("calendar days in the shop's time zone", () => {
  it("knows real zones and falls back to UTC for unknown ones", () => {
    expect(isTimeZone("America/Toronto")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone(null)).toBe("UTC");
    expect(safeTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
  });

  it("reads the offset of a zone at an instant, daylight saving included", () => {
    expect(offsetMinutes(new Date("2026-01-15T12:00:00Z"), "America/Toronto")).toBe(-300);
    expect(offsetMinutes(new Date("2026-07-15T12:00:00Z"), "America/Toronto")).toBe(-240);
    expect(offsetMinutes(new Date("2026-07-15T12:00:00Z"), "Asia/Kathmandu")).toBe(345);
    expect(offsetMinutes(new Date("2026-07-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("puts an instant on the merchant's calendar day, not UTC's", () => {
    // 02:00 UTC on the 26th is still the evening of the 25th in Los Angeles.
    expect(localDate(new Date("2026-11-26T02:00:00Z"), "America/Los_Angeles")).toBe("2026-11-25");
    expect(localDate(new Date("2026-11-26T02:00:00Z"), "UTC")).toBe("2026-11-26");
    expect(localDate(new Date("2026-11-25T20:00:00Z"), "Pacific/Auckland")).toBe("2026-11-26");
  });

  it("finds the instant a day starts, on either side of a daylight-saving change", () => {
    expect(startOfDay("2026-11-26", "America/Los_Angeles").toISOString()).toBe("2026-11-26T08:00:00.000Z");
    expect(startOfDay("2026-07-01", "America/Los_Angeles").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    // Toronto springs forward at 02:00 on 8 March 2026: the day starts at 05:00 UTC, the next at 04:00 UTC.
    expect(startOfDay("2026-03-08", "America/Toronto").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2026-03-09", "America/Toronto").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDay("2026-11-26", "Asia/Kolkata").toISOString()).toBe("2026-11-25T18:30:00.000Z");
  });

  it("starts a day at its first real instant where midnight is skipped", () => {
    // Santiago springs forward at midnight: 6 September 2026 begins at 01:00 local, 04:00 UTC.
    const start = startOfDay("2026-09-06", "America/Santiago");
    expect(localDate(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDate(new Date(start.getTime() - 1), "America/Santiago")).toBe("2026-09-05");
  });

  it("covers whole days with a half-open range", () => {
    const range = daysRange("2026-11-01", "2026-11-30", "America/New_York");
    expect(range.from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });

  it("parses only real calendar days, and steps across months", () => {
    expect(parseLocalDate("2026-02-28")).toBe("2026-02-28");
    expect(parseLocalDate("2026-02-30")).toBeNull();
    expect(parseLocalDate("26-2-3")).toBeNull();
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});
