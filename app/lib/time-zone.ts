/**
 * Calendar days in the shop's time zone — pure, safe for the client. The admin shows and
 * filters by the merchant's days, not by UTC's: "today" in Los Angeles starts eight hours
 * after UTC's. Built on Intl only (the IANA zone data ships with Node and every browser), so
 * daylight saving time is handled by the platform rather than by us.
 */

/** "YYYY-MM-DD": a calendar day, with no time zone of its own. */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone ("America/Toronto" yes, "Mars/Olympus" no). */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone if Intl knows it, else UTC: a shop row with a zone this runtime lacks still renders. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : "UTC";
}

/** The wall-clock reading of an instant in a zone, as if that reading were UTC (milliseconds). */
function wallClockMs(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(at)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The zone's offset from UTC at an instant, in minutes (Toronto in winter: -300). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return Math.round((wallClockMs(whole, timeZone) - whole.getTime()) / 60_000);
}

/** The calendar day an instant falls on in the zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  return new Date(wallClockMs(at, timeZone)).toISOString().slice(0, 10);
}

/** Parses "YYYY-MM-DD" (a real calendar day) or returns null. */
export function parseLocalDate(value: string): LocalDate | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === value ? value : null;
}

/** The day `days` days after (or before) a calendar day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant a calendar day starts in the zone. Where midnight does not exist (a zone that
 * springs forward at 00:00, as Santiago does), the day starts at its first real minute.
 */
export function startOfDay(date: LocalDate, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  // Guess with the offset at UTC midnight, then correct once with the offset at the guess:
  // exact wherever local midnight exists.
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  if (localDate(new Date(guess), timeZone) === date) return new Date(guess);
  // Midnight was skipped: the guess is still on the day before. The day starts at the
  // transition, within the next few hours; find its minute by bisection.
  let before = guess;
  let after = guess + 4 * 3_600_000;
  while (after - before > 60_000) {
    const mid = before + Math.floor((after - before) / 120_000) * 60_000;
    if (localDate(new Date(mid), timeZone) === date) after = mid;
    else before = mid;
  }
  return new Date(after);
}

/** The half-open range of instants [start of `from`, start of the day after `to`) for whole calendar days in the zone. */
export function daysRange(from: LocalDate, to: LocalDate, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDay(from, timeZone), to: startOfDay(addDays(to, 1), timeZone) };
}
