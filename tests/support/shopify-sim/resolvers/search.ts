/**
 * The subset of Shopify's search syntax the app uses on `orders(query:)` and `customers(query:)`:
 * `field:value` terms separated by spaces or the `AND` connective, all ANDed; values may be
 * quoted ("…" or '…', a backslash escapes the next character); dates accept > >= < <=.
 * Unknown fields match nothing is NOT what Shopify does (it ignores them), so they are ignored here too.
 * `OR`, `NOT`, `-` and parentheses are refused loudly: answering them as AND would lie to a test.
 */
import { fulfillmentStatus, financialStatus } from "../order-math";
import type { CustomerRecord, OrderRecord } from "../store";

interface Term {
  field: string;
  value: string;
}

const TOKEN = /\s*(?:(\w+):(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|((?:[^\s\\]|\\.)+))|(AND)\b|(\S+))/gy;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}

function terms(query: string): Term[] {
  const out: Term[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(query); m; m = TOKEN.exec(query)) {
    if (m[5]) continue;
    if (m[6] !== undefined) throw new Error(`The simulator's search does not support ${JSON.stringify(m[6])} in ${JSON.stringify(query)}`);
    out.push({ field: m[1]!.toLowerCase(), value: unescape(m[2] ?? m[3] ?? m[4] ?? "").trim() });
    if (TOKEN.lastIndex >= query.length) break;
  }
  return out;
}

function compareDate(actual: string, expr: string): boolean {
  // The value after the operator may be quoted, as in Shopify's own examples: updated_at:>'2026-12-01T00:00:00Z'.
  const m = /^(>=|<=|>|<)?(?:'([^']*)'|"([^"]*)"|(.+))$/.exec(expr);
  if (!m) return false;
  const date = m[2] ?? m[3] ?? m[4] ?? "";
  const t = Date.parse(actual);
  const v = Date.parse(date);
  if (Number.isNaN(v)) return false;
  switch (m[1]) {
    case ">":
      return t > v;
    case ">=":
      return t >= v;
    case "<":
      return t < v;
    case "<=":
      return t <= v;
    default:
      return actual.slice(0, 10) === date;
  }
}

function numericTail(gid: string | null): string | null {
  return gid ? gid.slice(gid.lastIndexOf("/") + 1) : null;
}

export function orderMatches(order: OrderRecord, query: string | null): boolean {
  if (!query) return true;
  return terms(query).every(({ field, value }) => {
    switch (field) {
      case "name":
        return order.name.toLowerCase() === (value.startsWith("#") ? value : `#${value}`).toLowerCase();
      case "email":
        return (order.email ?? "").toLowerCase() === value.toLowerCase();
      case "customer_id":
        return numericTail(order.customerId) === numericTail(value);
      case "id":
        return numericTail(order.id) === numericTail(value);
      case "tag":
        return order.tags.some((t) => t.toLowerCase() === value.toLowerCase());
      case "financial_status":
        return financialStatus(order).toLowerCase() === value.toLowerCase();
      case "fulfillment_status": {
        const status = fulfillmentStatus(order);
        const v = value.toLowerCase();
        if (v === "shipped") return status === "FULFILLED";
        if (v === "unshipped") return status === "UNFULFILLED";
        if (v === "partial") return status === "PARTIALLY_FULFILLED";
        return status.toLowerCase() === v;
      }
      case "created_at":
        return compareDate(order.createdAt, value);
      case "processed_at":
        return compareDate(order.processedAt, value);
      case "updated_at":
        return compareDate(order.updatedAt, value);
      default:
        return true;
    }
  });
}

export function customerMatches(customer: CustomerRecord, query: string | null): boolean {
  if (!query) return true;
  return terms(query).every(({ field, value }) => {
    switch (field) {
      case "email":
        return customer.email.toLowerCase() === value.toLowerCase();
      case "id":
        return numericTail(customer.id) === numericTail(value);
      default:
        return true;
    }
  });
}
