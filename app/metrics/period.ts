/**
 * Reporting periods — pure. A period is the last N days up to now; the comparison period is
 * the N days before it, of the same length, so a delta compares like with like.
 */
import { z } from "zod";

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export const periodSchema = z
  .enum(["7", "30", "90"], { error: "Pick a period of 7, 30 or 90 days." })
  .default("30")
  .transform((value) => Number(value) as PeriodDays);

/** A half-open time range [from, to). */
export type Range = { from: Date; to: Date };

export type Period = { days: PeriodDays; current: Range; previous: Range };

const DAY_MS = 86_400_000;

/** The last `days` days up to `now`, and the `days` days before them. */
export function periodFor(days: PeriodDays, now: Date): Period {
  const to = now.getTime();
  const from = to - days * DAY_MS;
  return {
    days,
    current: { from: new Date(from), to: new Date(to) },
    previous: { from: new Date(from - days * DAY_MS), to: new Date(from) },
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
