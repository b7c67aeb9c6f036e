/**
 * The shop's clock for every admin page. The zone comes once from the /app layout's loader
 * (the Shop row), never from the browser: the server and the browser then render the same
 * text, and a merchant travelling abroad still sees the shop's days.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { date, dateTime } from "~/components/format";

export type ShopTime = {
  /** The shop's IANA zone, e.g. "America/Los_Angeles". */
  timeZone: string;
  /** "Nov 25, 2026" on the shop's calendar. */
  date: (iso: string) => string;
  /** "Nov 25, 2026, 7:00 PM PST" on the shop's clock. */
  dateTime: (iso: string) => string;
};

const ShopTimeZone = createContext<string | null>(null);

/** Gives the pages below the shop's zone (app/routes/app.tsx feeds it from its loader). */
export function ShopTimeProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <ShopTimeZone.Provider value={timeZone}>{children}</ShopTimeZone.Provider>;
}

/** Dates as the shop reads them. Throws outside ShopTimeProvider: a silent UTC would show the wrong day. */
export function useShopTime(): ShopTime {
  const timeZone = useContext(ShopTimeZone);
  const time = useMemo(
    () => (timeZone === null ? null : { timeZone, date: (iso: string) => date(iso, timeZone), dateTime: (iso: string) => dateTime(iso, timeZone) }),
    [timeZone],
  );
  if (!time) throw new Error("useShopTime() needs a <ShopTimeProvider> above it (app/routes/app.tsx).");
  return time;
}
