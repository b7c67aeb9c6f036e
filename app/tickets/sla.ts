/**
 * The SLA clock — pure, safe for the client. Targets are counted in business minutes: the
 * shop's weekly opening hours in its own time zone, so a ticket that arrives on Friday at
 * 16:30 with a one-hour target is due on Monday at 09:30, and a day that springs forward
 * still opens at 09:00 on the wall clock. While a ticket waits on the shopper the clock
 * stands still (`pauses`, and `resumeDue` when the wait ends).
 */
import { z } from "zod";
import { addDays, localDate, offsetMinutes } from "~/lib/time-zone";
import type { TicketPriority } from "~/tickets/schemas";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening intervals per weekday as [start, end) minutes after local midnight: [[540, 1020]] is 09:00–17:00. */
export type BusinessHours = Readonly<Record<Weekday, readonly (readonly [number, number])[]>>;

const interval = z
  .tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)])
  .refine(([start, end]) => start < end, { error: "An opening interval ends after it starts." });

export const businessHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).max(4)])) as Record<Weekday, z.ZodArray<typeof interval>>)
  .refine((hours) => WEEKDAYS.some((day) => hours[day].length > 0), { error: "Open at least one day a week, or no ticket could ever be due." })
  .refine((hours) => WEEKDAYS.every((day) => sortedDisjoint(hours[day])), { error: "A day's opening intervals must not overlap." });

function sortedDisjoint(intervals: readonly (readonly [number, number])[]): boolean {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  return sorted.every((current, i) => i === 0 || (sorted[i - 1]?.[1] ?? 0) <= current[0]);
}

const NINE_TO_FIVE: readonly [number, number][] = [[9 * 60, 17 * 60]];
/** Monday to Friday, 09:00–17:00: the default until the merchant sets their own hours. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { sun: [], mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE, sat: [] };

/** SLA targets in business minutes, per priority; seeded for every shop and editable per category. */
export const DEFAULT_SLA_TARGETS: Readonly<Record<TicketPriority, { firstResponseMinutes: number; resolutionMinutes: number }>> = {
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  high: { firstResponseMinutes: 4 * 60, resolutionMinutes: 2 * 8 * 60 },
  normal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 8 * 60 },
  low: { firstResponseMinutes: 3 * 8 * 60, resolutionMinutes: 10 * 8 * 60 },
};

const MINUTE = 60_000;
/** How far ahead a due time is searched: a shop open one hour a week still gets a due time for a year's target. */
const MAX_DAYS = 3 * 366;

/** The instant a wall-clock minute of a calendar day happens in the zone (a minute skipped by DST maps to the instant after the gap). */
function wallTimeToInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00.000Z`) + minuteOfDay * MINUTE;
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * MINUTE;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * MINUTE;
  return new Date(guess);
}

function weekday(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00.000Z`).getUTCDay()] ?? "sun";
}

/** The opening intervals of one local day as instants, in order. */
function openings(date: string, hours: BusinessHours, timeZone: string): { start: number; end: number }[] {
  return [...hours[weekday(date)]]
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => ({ start: wallTimeToInstant(date, start, timeZone).getTime(), end: wallTimeToInstant(date, end, timeZone).getTime() }))
    .filter((o) => o.end > o.start);
}

/** Business minutes (fractional) between two instants: the overlap of [from, to) with the opening hours. Zero when `to` is not after `from`. */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours, timeZone: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  let ms = 0;
  // A day before and after the local dates: openings are clipped to [from, to) anyway.
  const last = addDays(localDate(to, timeZone), 1);
  for (let date = addDays(localDate(from, timeZone), -1); date <= last; date = addDays(date, 1)) {
    for (const o of openings(date, hours, timeZone)) {
      const start = Math.max(o.start, from.getTime());
      const end = Math.min(o.end, to.getTime());
      if (end > start) ms += end - start;
    }
  }
  return ms / MINUTE;
}

/**
 * Business minutes between two instants with the clock stopped during `pauses` (the spans the
 * ticket waited on the shopper). Pauses may overlap each other and the range; each business
 * minute is subtracted once.
 */
export function elapsedBusinessMinutes(from: Date, to: Date, hours: BusinessHours, timeZone: string, pauses: readonly { from: Date; to: Date }[] = []): number {
  const merged = mergeSpans(pauses.map((p) => ({ from: Math.max(p.from.getTime(), from.getTime()), to: Math.min(p.to.getTime(), to.getTime()) })).filter((p) => p.to > p.from));
  const paused = merged.reduce((sum, p) => sum + businessMinutesBetween(new Date(p.from), new Date(p.to), hours, timeZone), 0);
  return businessMinutesBetween(from, to, hours, timeZone) - paused;
}

function mergeSpans(spans: { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else out.push({ ...span });
  }
  return out;
}

/** The instant `minutes` business minutes after `start`: when a target counted from `start` falls due. */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours, timeZone: string): Date {
  let remaining = minutes * MINUTE;
  let date = addDays(localDate(start, timeZone), -1);
  for (let day = 0; day < MAX_DAYS; day++, date = addDays(date, 1)) {
    for (const o of openings(date, hours, timeZone)) {
      const from = Math.max(o.start, start.getTime());
      if (o.end <= from) continue;
      if (remaining <= o.end - from) return new Date(from + remaining);
      remaining -= o.end - from;
    }
  }
  throw new RangeError(`No business hours within ${MAX_DAYS} days of ${start.toISOString()}.`);
}

/**
 * The due time after a pause: the business minutes that were left when the clock stopped,
 * counted again from the moment it restarts. A target already missed when the pause began
 * stays missed.
 */
export function resumeDue(due: Date, pausedAt: Date, resumedAt: Date, hours: BusinessHours, timeZone: string): Date {
  if (due.getTime() <= pausedAt.getTime()) return due;
  const left = businessMinutesBetween(pausedAt, due, hours, timeZone);
  return addBusinessMinutes(resumedAt, left, hours, timeZone);
}

export type SlaClock = { status: string; slaDueAt: Date | null; resolutionDueAt: Date | null; firstResponseAt: Date | null; slaPausedAt: Date | null };

/** The deadline a ticket is racing now: the first response until one is given, then the resolution. Null when solved, closed or paused. */
export function currentDue(ticket: SlaClock): { kind: "first_response" | "resolution"; due: Date } | null {
  if (ticket.status !== "open" && ticket.status !== "pending") return null;
  if (ticket.slaPausedAt !== null) return null;
  if (ticket.firstResponseAt === null) return ticket.slaDueAt ? { kind: "first_response", due: ticket.slaDueAt } : null;
  return ticket.resolutionDueAt ? { kind: "resolution", due: ticket.resolutionDueAt } : null;
}

/** "Breaching soon" means due within this many minutes. */
export const BREACHING_SOON_MINUTES = 60;

export type SlaState = { state: "breached"; label: string } | { state: "soon"; label: string; minutesLeft: number } | { state: "on_track" } | { state: "none" };

/** The inbox badge: "Breached", "Due in 25 min" within the hour, else on track (or no running clock). */
export function slaState(ticket: SlaClock, now: Date): SlaState {
  const current = currentDue(ticket);
  if (!current) return { state: "none" };
  const left = (current.due.getTime() - now.getTime()) / MINUTE;
  if (left < 0) return { state: "breached", label: "Breached" };
  if (left <= BREACHING_SOON_MINUTES) {
    const minutesLeft = Math.max(1, Math.ceil(left));
    return { state: "soon", label: `Due in ${minutesLeft} min`, minutesLeft };
  }
  return { state: "on_track" };
}
