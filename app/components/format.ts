/**
 * Words and numbers as the back office shows them — pure, safe for the client.
 */
import { formatMoney, type Money } from "~/lib/money";
import { safeTimeZone } from "~/lib/time-zone";
import type { ReturnStatus } from "~/returns/status";
import { staffUserId, unnamedStaff } from "~/staff/names";

export type Tone = "info" | "success" | "warning" | "critical" | "attention" | "new" | undefined;

export const RETURN_STATUS_LABEL: Record<ReturnStatus, string> = {
  requested: "Requested",
  needs_review: "Needs review",
  approved: "Approved",
  declined: "Declined",
  received: "Received",
  resolved: "Resolved",
  closed: "Closed",
  canceled: "Canceled",
};

export const RETURN_STATUS_TONE: Record<ReturnStatus, Tone> = {
  requested: "attention",
  needs_review: "warning",
  approved: "info",
  declined: undefined,
  received: "info",
  resolved: "success",
  closed: undefined,
  canceled: undefined,
};

export const RESOLUTION_LABEL: Record<string, string> = {
  refund: "Refund",
  store_credit: "Store credit",
  exchange: "Exchange",
  keep: "Keep the item",
};

export const CHANNEL_LABEL: Record<string, string> = { portal: "Returns portal", admin: "Admin", shopify: "Shopify", webhook: "Shopify" };

export const MOVEMENT_KIND_LABEL: Record<string, string> = {
  refund: "Refund to original payment",
  store_credit: "Store credit",
  bonus: "Store-credit bonus",
  fee: "Fee",
  exchange_balance: "Exchange balance",
};

export const MOVEMENT_STATUS_TONE: Record<string, Tone> = { pending: "attention", succeeded: "success", failed: "critical" };

export const TICKET_STATUS_TONE: Record<string, Tone> = { open: "attention", pending: "info", solved: "success", closed: undefined };
export const TICKET_PRIORITY_TONE: Record<string, Tone> = { low: undefined, normal: undefined, high: "warning", urgent: "critical" };

export const TICKET_CATEGORY_LABEL: Record<string, string> = {
  return_exception: "Return exception",
  damaged: "Damaged item",
  fraud_review: "Fraud review",
  payment_failure: "Payment failure",
  system: "System",
  question_billing: "Billing question",
  question_fulfillment: "Fulfillment question",
  question_order: "Order question",
};

/** "size_too_small" → "Size too small". */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Who did it, in words: "Aftercare (automatic)", "Customer (portal)", "Shopify", and a staff
 * member by the name `staffNames` gives their user id ("Sam Novak"), else "Staff 42".
 */
export function actorLabel(actor: string, staffNames: Readonly<Record<string, string>> = {}): string {
  if (actor === "system") return "Aftercare (automatic)";
  if (actor === "portal") return "Customer (returns portal)";
  if (actor === "webhook") return "Shopify";
  const userId = staffUserId(actor);
  if (userId) {
    // Own keys only: "staff:constructor" must not read Object.prototype.
    const name = Object.hasOwn(staffNames, userId) ? staffNames[userId] : undefined;
    return name ?? unnamedStaff(userId);
  }
  return actor;
}

const ACTION_WORDS: Record<string, string> = {
  "return.requested": "Return requested",
  "return.needs_review": "Held for review",
  "return.approved": "Approved",
  "return.declined": "Declined",
  "return.received": "Marked received",
  "return.resolved": "Resolved",
  "return.closed": "Closed",
  "return.canceled": "Canceled",
  "return.mirrored": "Mirrored from Shopify",
  "return.linked": "Linked to its Shopify return",
  "ticket.created": "Ticket opened",
};

/** An audit action in words: "return.approved" → "Approved", "money.refund_succeeded" → "Money refund succeeded". */
export function actionLabel(action: string): string {
  return ACTION_WORDS[action] ?? humanize(action.replace(/\./g, " "));
}

export function money(value: Money, locale = "en"): string {
  return formatMoney(value, locale);
}

export function percent(value: number | null, digits = 1): string {
  if (value === null) return "—";
  return `${(value * 100).toFixed(digits)} %`;
}

/** Hours as the agent thinks of them: "45 min", "5.2 h", "3.1 days". */
export function duration(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const DATE_OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
// dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };

function formatIn(cache: Map<string, Intl.DateTimeFormat>, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const zone = safeTimeZone(timeZone);
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { ...options, timeZone: zone });
    cache.set(zone, format);
  }
  return format;
}

/** The calendar day of an instant in the shop's zone: "Nov 25, 2026" (an unknown zone reads as UTC). */
export function date(iso: string, timeZone: string): string {
  return formatIn(dateFormats, DATE_OPTIONS, timeZone).format(new Date(iso));
}

/** An instant on the shop's clock, with the zone's short name: "Nov 25, 2026, 7:00 PM PST" (an unknown zone reads as UTC). */
export function dateTime(iso: string, timeZone: string): string {
  return formatIn(dateTimeFormats, DATE_TIME_OPTIONS, timeZone).format(new Date(iso));
}
