/** The hand-checked data set of the retention tests (pure and database). */
import type { RetentionFacts } from "~/metrics/calculate";

const at = (iso: string) => new Date(iso);
const c = (name: string) => `gid://shopify/Customer/${name}`;

/**
 * A fixed October 2026 (UTC) with hand-checked outcomes, 90-day window:
 * - ava  returns Oct 5, orders Nov 20 (46 days later)                        → retained
 * - ben  returns Oct 10, ordered Oct 9 (before) and Jan 9 (day 91)           → not retained
 * - cara returns Oct 2 and Oct 28, orders Jan 20 (84 days after the second)  → retained
 * - dan  returns Oct 15 12:00, orders at that instant and at exactly +90 days → retained (the window's last instant counts)
 * - eve  returns Oct 20, never orders                                         → not retained
 * 5 customers, 3 retained: 60 %.
 */
export const OCTOBER: RetentionFacts = {
  returns: [
    { customerId: c("ava"), at: at("2026-10-05T09:00:00Z") },
    { customerId: c("ben"), at: at("2026-10-10T00:00:00Z") },
    { customerId: c("cara"), at: at("2026-10-02T10:00:00Z") },
    { customerId: c("cara"), at: at("2026-10-28T10:00:00Z") },
    { customerId: c("dan"), at: at("2026-10-15T12:00:00Z") },
    { customerId: c("eve"), at: at("2026-10-20T08:00:00Z") },
  ],
  orders: [
    { customerId: c("ava"), createdAt: at("2026-11-20T15:00:00Z") },
    { customerId: c("ben"), createdAt: at("2026-10-09T18:00:00Z") },
    { customerId: c("ben"), createdAt: at("2027-01-09T00:00:00Z") },
    { customerId: c("cara"), createdAt: at("2027-01-20T10:00:00Z") },
    { customerId: c("dan"), createdAt: at("2026-10-15T12:00:00Z") },
    { customerId: c("dan"), createdAt: at("2027-01-13T12:00:00Z") },
  ],
};
