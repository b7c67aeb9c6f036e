/**
 * A draft return checked against the order and the policy, then priced. Everything the
 * shopper can get wrong is refused here with a sentence they understand (422), before
 * anything is stored: the quote endpoint and the request workflow share this check.
 */
import type { DomainError } from "~/lib/errors";
import { ineligibleMessage, type LineEligibility } from "~/policy/eligibility";
import { intlLocale, localizedError, message, plural, portalError, reasonLabel, type MessageKey } from "~/portal/messages";
import type { ReturnReason } from "~/policy/schemas";
import { quoteReturn, type QuoteLineInput } from "~/returns/calculate";
import { exchangeOptionsFor, lineLabel, loadJudgedOrder, type JudgedOrder, type PortalContext } from "~/returns/portal.server";
import type { PortalResolution, Quote, QuoteRequest } from "~/returns/portal-contract";
import { photoExists } from "~/portal/photos.server";
import type { ExchangeVariant } from "~/shopify/products.server";

export interface PreparedLine {
  request: QuoteRequest["lines"][number];
  eligibility: LineEligibility;
  reason: ReturnReason;
  exchange: ExchangeVariant | null;
}

export interface PreparedReturn {
  judged: JudgedOrder;
  resolution: PortalResolution;
  lines: PreparedLine[];
  quote: Quote;
}

const NOT_OFFERED: Record<PortalResolution, MessageKey> = {
  refund: "error_refund_not_offered",
  store_credit: "error_store_credit_not_offered",
  exchange: "error_exchange_not_offered",
};

/** Validates a draft return against the order and the current policy, and quotes it exactly. */
export async function prepareReturn(ctx: PortalContext, input: QuoteRequest): Promise<PreparedReturn> {
  const judged = await loadJudgedOrder(ctx, input.orderId);
  const { order, policy, eligibility } = judged;

  const allowed = { refund: policy.allowRefund, store_credit: policy.allowStoreCredit, exchange: policy.allowExchange }[input.resolution];
  if (!allowed) throw portalError("invalid", NOT_OFFERED[input.resolution]);

  const seen = new Set<string>();
  const variants = input.resolution === "exchange" ? await exchangeOptionsFor(ctx, judged) : new Map<string, ExchangeVariant[]>();
  const lines = input.lines.map((requested): PreparedLine => {
    if (seen.has(requested.lineItemId)) throw portalError("invalid", "error_item_listed_twice");
    seen.add(requested.lineItemId);
    const line = eligibility.lines.find((l) => l.lineItemId === requested.lineItemId);
    if (!line) throw portalError("invalid", "error_item_not_in_order");
    const label = lineLabel(line);
    if (!line.eligible) throw notReturnable(order, policy, line, label);
    if (requested.quantity > line.returnableQuantity) {
      const max = line.returnableQuantity;
      throw localizedError("invalid", (locale) => plural(locale, "error_quantity", max, { max, item: label }));
    }
    const reason = policy.reasons.find((r) => r.code === requested.reasonCode);
    if (!reason) throw portalError("invalid", "error_reason_not_listed", { item: label });
    const photoIds = requested.photoIds ?? [];
    if (reason.requiresPhoto && photoIds.length === 0) {
      throw localizedError("invalid", (locale) => message(locale, "error_photo_required", { item: label, reason: reasonLabel(locale, reason) }));
    }
    for (const photoId of photoIds) {
      if (!photoExists(ctx.shop, photoId)) throw portalError("invalid", "error_photo_not_found");
    }

    let exchange: ExchangeVariant | null = null;
    if (input.resolution === "exchange") {
      if (!requested.exchangeVariantId) throw portalError("invalid", "error_exchange_missing", { item: label });
      const options = line.productId ? (variants.get(line.productId) ?? []) : [];
      exchange = options.find((v) => v.id === requested.exchangeVariantId) ?? null;
      if (!exchange) throw portalError("invalid", "error_exchange_unavailable", { item: label });
      if (!exchange.availableForSale || exchange.available < requested.quantity) {
        throw portalError("invalid", "error_exchange_out_of_stock", { product: line.title, variant: exchange.title });
      }
    }
    return { request: requested, eligibility: line, reason, exchange };
  });

  const quote = quoteReturn({
    locale: intlLocale(ctx.locale),
    currencyCode: order.currency.presentment,
    resolution: input.resolution,
    policy,
    lines: lines.map(
      (l): QuoteLineInput => ({
        lineItemId: l.eligibility.lineItemId,
        title: lineLabel(l.eligibility),
        quantity: l.request.quantity,
        unitPrice: l.eligibility.unitPrice,
        lineTax: l.eligibility.lineTax,
        lineQuantity: l.eligibility.quantity,
        takenQuantity: l.eligibility.takenQuantity,
        exchange: l.exchange ? { variantId: l.exchange.id, title: l.exchange.title, unitPrice: l.exchange.price } : null,
      }),
    ),
  });
  return { judged, resolution: input.resolution, lines, quote };
}

/** The quote endpoint: validate and price, store nothing. */
export async function quotePortalReturn(ctx: PortalContext, input: QuoteRequest): Promise<Quote> {
  return (await prepareReturn(ctx, input)).quote;
}

/** 422 for a line the policy refuses: the item, then why — both in the shopper's language. */
function notReturnable(order: JudgedOrder["order"], policy: JudgedOrder["policy"], line: LineEligibility, label: string): DomainError {
  const orderLine = order.lines.find((l) => l.id === line.lineItemId);
  return localizedError("invalid", (locale) =>
    message(locale, "error_item_not_returnable", {
      item: label,
      why:
        line.reason && orderLine
          ? ineligibleMessage(line.reason, { line: orderLine, policy, windowEndsOn: line.windowEndsOn }, locale)
          : message(locale, "error_item_not_returnable_default"),
    }),
  );
}
