/**
 * Reporting periods — pure. A period is the last N calendar days in the shop's time zone,
 * today included (so far); the comparison period is the N days before it, cut at the same
 * time of day, so a delta compares like with like. Charts bucket by the shop's days.
 */
import { z } from "zod";
import { addDays, localDate, startOfDay, type LocalDate } from "~/lib/time-zone";

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export const periodSchema = z
  .enum(["7", "30", "90"], { error: "Pick a period of 7, 30 or 90 days." })
  .default("30")
  .transform((value) => Number(value) as PeriodDays);

/** A half-open time range [from, to). */
export type Range = { from: Date; to: Date };

export type Period = { days: PeriodDays; timeZone: string; firstDay: LocalDate; current: Range; previous: Range };

/**
 * The last `days` calendar days in `timeZone` up to `now` (today is the last, partial day),
 * and the `days` days before them, as long as the current period has lasted so far.
 */
export function periodFor(days: PeriodDays, now: Date, timeZone = "UTC"): Period {
  const firstDay = addDays(localDate(now, timeZone), -(days - 1));
  const from = startOfDay(firstDay, timeZone);
  const previousFrom = startOfDay(addDays(firstDay, -days), timeZone);
  const elapsed = now.getTime() - from.getTime();
  return {
    days,
    timeZone,
    firstDay,
    current: { from, to: now },
    previous: { from: previousFrom, to: new Date(Math.min(from.getTime(), previousFrom.getTime() + elapsed)) },
  };
}

/** Whether `at` falls in the half-open range. */
export function inRange(at: Date, range: Range): boolean {
  const t = at.getTime();
  return t >= range.from.getTime() && t < range.to.getTime();
}

/** The bucket width a period is charted in: days up to a month, weeks beyond. */
export function bucketDaysFor(days: PeriodDays): number {
  return days > 30 ? 7 : 1;
}

/**
 * Where the chart's buckets start: every `bucketDays` of the shop's days from the period's
 * first day, each at that day's local midnight (a day is 23 or 25 hours when the clocks
 * change). The last bucket ends at the period's end.
 */
export function bucketStarts(period: Period, bucketDays: number): { day: LocalDate; start: Date }[] {
  const starts: { day: LocalDate; start: Date }[] = [];
  for (let offset = 0; offset < period.days; offset += bucketDays) {
    const day = addDays(period.firstDay, offset);
    starts.push({ day, start: startOfDay(day, period.timeZone) });
  }
  return starts;
}
