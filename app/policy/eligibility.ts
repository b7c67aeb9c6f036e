/**
 * The return policy engine — pure. Given an order as Shopify reports it, the shop's
 * policy and "today" in the shop's time zone, it says for each line how many units can
 * be returned now, and for every "no" a sentence the shopper understands.
 *
 * Rules, in the order they are checked (the first that applies is the one explained):
 * 1. not_fulfilled — no unit of the line has shipped;
 * 2. final_sale — the product carries the policy's final-sale tag;
 * 3. excluded_tag / excluded_product_type — the merchant excluded the product;
 * 4. already_returned — every shipped unit is already returned, refunded or requested;
 * 5. outside_window — the window (days from delivery, else from fulfillment) has ended. The
 *    delivery date is the fulfillment mirror's when it has one (context.deliveredAt), else the order's.
 *
 * The window is counted in calendar days in the shop's time zone and is inclusive: an
 * item delivered on March 1 with a 30-day window can be returned until the end of
 * March 31 in the shop's time zone. Each fulfillment has its own window, so a line
 * shipped in two parcels may be partly returnable.
 */
import type { Money } from "~/lib/money";
import { intlLocale, message, plural, type PortalLocale } from "~/portal/messages";
import type { PolicyInput } from "~/policy/schemas";
import type { Order, OrderLine } from "~/shopify/orders.server";

export type IneligibleReason =
  | "outside_window"
  | "final_sale"
  | "excluded_tag"
  | "excluded_product_type"
  | "already_returned"
  | "not_fulfilled";

export type EligibilityRules = Pick<
  PolicyInput,
  "returnWindowDays" | "windowStartsFrom" | "finalSaleTag" | "excludedTags" | "excludedProductTypes"
>;

/** Units of one fulfillment line that can go into a Shopify returnRequest. */
export interface ReturnSource {
  fulfillmentLineItemId: string;
  quantity: number;
}

export interface LineEligibility {
  lineItemId: string;
  title: string;
  variantTitle: string | null;
  imageUrl: string | null;
  productId: string | null;
  variantId: string | null;
  sku: string | null;
  quantity: number;
  returnableQuantity: number;
  /** Units already returned, refunded or requested (the quote's per-unit shares start after them). */
  takenQuantity: number;
  /** Per unit, after the order's discounts, in the presentment currency. */
  unitPrice: Money;
  /** Tax charged on the whole line, presentment currency. */
  lineTax: Money;
  eligible: boolean;
  reason: IneligibleReason | null;
  message: string | null;
  /** YYYY-MM-DD, last day a return can be started (the latest of the line's fulfillments). */
  windowEndsOn: string | null;
  /** Where the returnable units come from, in-window fulfillments only. */
  sources: ReturnSource[];
}

export interface OrderEligibility {
  orderId: string;
  today: string;
  lines: LineEligibility[];
  /** The latest window end over the order's fulfillments, or null when nothing shipped. */
  windowEndsOn: string | null;
}

export interface EligibilityContext {
  now: Date;
  /** IANA zone of the shop ("America/New_York"). */
  timeZone: string;
  /** Units per order line already in a return of ours that Shopify does not know about yet. */
  pendingQuantities?: ReadonlyMap<string, number>;
  /** The shopper's language for the "why not" sentences (default English). */
  locale?: PortalLocale;
  /**
   * Delivery times from the fulfillment mirror (fulfillments/* webhooks), fulfillment GID → ISO
   * time. They win over the order as read: a carrier's "delivered" reaches us by webhook even when
   * the order read carries no delivery date.
   */
  deliveredAt?: ReadonlyMap<string, string>;
}

// Shopify returns that no longer hold units.
const INACTIVE_RETURN_STATUSES = new Set(["CANCELED", "DECLINED"]);

/** Judges every line of an order against the policy, with a reason and a sentence for each "no". */
export function evaluateOrderEligibility(order: Order, policy: EligibilityRules, context: EligibilityContext): OrderEligibility {
  const today = calendarDate(context.now, context.timeZone);
  const fulfillmentById = new Map(order.fulfillments.map((f) => [f.id, f]));

  const returnedByLine = new Map<string, number>();
  for (const ret of order.returns) {
    if (INACTIVE_RETURN_STATUSES.has(ret.status)) continue;
    for (const line of ret.lines) {
      if (line.lineItemId) returnedByLine.set(line.lineItemId, (returnedByLine.get(line.lineItemId) ?? 0) + line.quantity);
    }
  }
  const refundedByLine = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const line of refund.lines) refundedByLine.set(line.lineItemId, (refundedByLine.get(line.lineItemId) ?? 0) + line.quantity);
  }

  let orderWindowEnd: string | null = null;
  const lines = order.lines.map((line): LineEligibility => {
    // Shopify's returnable fulfillments: shipped units not yet in a return, per fulfillment.
    const parts = order.returnableFulfillments.flatMap((rf) =>
      rf.lines
        .filter((l) => l.lineItemId === line.id && l.returnableQuantity > 0)
        .map((l) => {
          const fulfillment = fulfillmentById.get(rf.fulfillmentId);
          const start = fulfillment ? windowStart(fulfillment, policy.windowStartsFrom, context.deliveredAt) : null;
          const endsOn = start ? addDays(calendarDate(new Date(start), context.timeZone), policy.returnWindowDays) : null;
          return { fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: l.returnableQuantity, endsOn };
        }),
    );
    // A line with nothing returnable left still shipped: its window is the order's latest.
    const shippedEnds = parts.map((p) => p.endsOn).filter((d): d is string => d !== null);
    const fallbackEnd = latestWindowEnd(order, policy, context.timeZone, context.deliveredAt);
    const windowEndsOn = shippedEnds.length ? shippedEnds.reduce((a, b) => (a > b ? a : b)) : fallbackEnd;
    if (windowEndsOn && (!orderWindowEnd || windowEndsOn > orderWindowEnd)) orderWindowEnd = windowEndsOn;

    const taken = Math.max(returnedByLine.get(line.id) ?? 0, refundedByLine.get(line.id) ?? 0) + (context.pendingQuantities?.get(line.id) ?? 0);
    const unitsLeft = Math.max(0, line.quantity - taken);
    const shippedReturnable = parts.reduce((s, p) => s + p.quantity, 0);
    const inWindow = parts.filter((p) => p.endsOn !== null && today <= p.endsOn);
    const inWindowQuantity = Math.min(unitsLeft, inWindow.reduce((s, p) => s + p.quantity, 0));

    const base = {
      lineItemId: line.id,
      title: line.title,
      variantTitle: line.variantTitle,
      imageUrl: line.imageUrl,
      productId: line.product?.id ?? null,
      variantId: line.variant?.id ?? null,
      sku: line.sku,
      quantity: line.quantity,
      takenQuantity: Math.min(line.quantity, taken),
      unitPrice: line.unitPrice.presentment,
      lineTax: line.tax.presentment,
      windowEndsOn,
    };
    const no = (reason: IneligibleReason): LineEligibility => ({
      ...base,
      returnableQuantity: 0,
      eligible: false,
      reason,
      message: ineligibleMessage(reason, { line, policy, windowEndsOn }, context.locale),
      sources: [],
    });

    const everShipped = fallbackEnd !== null && (shippedReturnable > 0 || taken > 0 || lineWasShipped(order, line));
    if (!everShipped) return no("not_fulfilled");
    const tags = new Set((line.product?.tags ?? []).map((t) => t.trim().toLowerCase()));
    if (tags.has(policy.finalSaleTag.trim().toLowerCase())) return no("final_sale");
    if (policy.excludedTags.some((t) => tags.has(t.trim().toLowerCase()))) return no("excluded_tag");
    const productType = line.product?.productType.trim().toLowerCase() ?? "";
    if (productType && policy.excludedProductTypes.some((t) => t.trim().toLowerCase() === productType)) return no("excluded_product_type");
    if (unitsLeft === 0 || shippedReturnable === 0) return no("already_returned");
    if (inWindowQuantity === 0) return no("outside_window");

    return {
      ...base,
      returnableQuantity: inWindowQuantity,
      eligible: true,
      reason: null,
      message: null,
      sources: takeSources(inWindow, inWindowQuantity),
    };
  });

  return { orderId: order.id, today, lines, windowEndsOn: orderWindowEnd };
}

/** The sentence a shopper reads for a line that cannot be returned, in their language (default English). */
export function ineligibleMessage(
  reason: IneligibleReason,
  facts: { line: Pick<OrderLine, "quantity" | "product">; policy: Pick<EligibilityRules, "returnWindowDays">; windowEndsOn: string | null },
  locale: PortalLocale = "en",
): string {
  const days = facts.policy.returnWindowDays;
  switch (reason) {
    case "not_fulfilled":
      return message(locale, "why_not_fulfilled");
    case "final_sale":
      return message(locale, "why_final_sale");
    case "excluded_tag":
      return message(locale, "why_excluded_tag");
    case "excluded_product_type": {
      const type = facts.line.product?.productType.trim();
      return type ? message(locale, "why_excluded_product_type", { type }) : message(locale, "why_excluded_product_type_unnamed");
    }
    case "already_returned":
      return message(locale, facts.line.quantity === 1 ? "why_already_returned_one" : "why_already_returned_other");
    case "outside_window":
      return facts.windowEndsOn
        ? plural(locale, "why_outside_window_on", days, { days, date: formatCalendarDate(facts.windowEndsOn, intlLocale(locale)) })
        : plural(locale, "why_outside_window", days, { days });
  }
}

// ── dates, in the shop's calendar ────────────────────────────────────────────────────

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "2026-03-03" → "March 3, 2026". */
export function formatCalendarDate(date: string, locale = "en-US"): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }).format(new Date(Date.UTC(y, m - 1, d)));
}

function windowStart(
  fulfillment: Order["fulfillments"][number],
  from: EligibilityRules["windowStartsFrom"],
  mirrored: ReadonlyMap<string, string> | undefined,
): string {
  if (from !== "delivery") return fulfillment.createdAt;
  return mirrored?.get(fulfillment.id) ?? fulfillment.deliveredAt ?? fulfillment.createdAt;
}

function latestWindowEnd(order: Order, policy: EligibilityRules, timeZone: string, mirrored: ReadonlyMap<string, string> | undefined): string | null {
  const shipped = order.fulfillments.filter((f) => f.status !== "CANCELLED" && f.status !== "ERROR" && f.status !== "FAILURE");
  if (shipped.length === 0) return null;
  return shipped
    .map((f) => addDays(calendarDate(new Date(windowStart(f, policy.windowStartsFrom, mirrored)), timeZone), policy.returnWindowDays))
    .reduce((a, b) => (a > b ? a : b));
}

// Shopify drops fully returned units from returnable fulfillments; a line that is no
// longer there but whose order is fulfilled was shipped (and then returned or refunded).
function lineWasShipped(order: Order, line: OrderLine): boolean {
  return order.fulfillmentStatus === "FULFILLED" || (order.fulfillments.length > 0 && line.currentQuantity < line.quantity);
}

function takeSources(parts: { fulfillmentLineItemId: string; quantity: number }[], wanted: number): ReturnSource[] {
  const sources: ReturnSource[] = [];
  let left = wanted;
  for (const part of parts) {
    if (left === 0) break;
    const quantity = Math.min(part.quantity, left);
    sources.push({ fulfillmentLineItemId: part.fulfillmentLineItemId, quantity });
    left -= quantity;
  }
  return sources;
}
