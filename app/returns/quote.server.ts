/**
 * A draft return checked against the order and the policy, then priced. Everything the
 * shopper can get wrong is refused here with a sentence they understand (422), before
 * anything is stored: the quote endpoint and the request workflow share this check.
 */
import { DomainError } from "~/lib/errors";
import type { LineEligibility } from "~/policy/eligibility";
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

const RESOLUTION_WORDS: Record<PortalResolution, string> = {
  refund: "Refunds",
  store_credit: "Store credit",
  exchange: "Exchanges",
};

/** Validates a draft return against the order and the current policy, and quotes it exactly. */
export async function prepareReturn(ctx: PortalContext, input: QuoteRequest): Promise<PreparedReturn> {
  const judged = await loadJudgedOrder(ctx, input.orderId);
  const { order, policy, eligibility } = judged;

  const allowed = { refund: policy.allowRefund, store_credit: policy.allowStoreCredit, exchange: policy.allowExchange }[input.resolution];
  if (!allowed) throw new DomainError("invalid", `${RESOLUTION_WORDS[input.resolution]} are not offered by this store. Please choose another option.`);

  const seen = new Set<string>();
  const variants = input.resolution === "exchange" ? await exchangeOptionsFor(ctx, judged) : new Map<string, ExchangeVariant[]>();
  const lines = input.lines.map((requested): PreparedLine => {
    if (seen.has(requested.lineItemId)) throw new DomainError("invalid", "Each item can only be listed once.");
    seen.add(requested.lineItemId);
    const line = eligibility.lines.find((l) => l.lineItemId === requested.lineItemId);
    if (!line) throw new DomainError("invalid", "One of the items you chose is not part of this order.");
    const label = lineLabel(line);
    if (!line.eligible) throw new DomainError("invalid", `${label}: ${line.message ?? "This item cannot be returned."}`);
    if (requested.quantity > line.returnableQuantity) {
      throw new DomainError("invalid", `You can return at most ${line.returnableQuantity} of ${label}.`);
    }
    const reason = policy.reasons.find((r) => r.code === requested.reasonCode);
    if (!reason) throw new DomainError("invalid", `Choose a reason from the list for ${label}.`);
    const photoIds = requested.photoIds ?? [];
    if (reason.requiresPhoto && photoIds.length === 0) {
      throw new DomainError("invalid", `Please add a photo of ${label}: "${reason.label}" needs one.`);
    }
    for (const photoId of photoIds) {
      if (!photoExists(ctx.shop, photoId)) throw new DomainError("invalid", "A photo could not be found. Please upload it again.");
    }

    let exchange: ExchangeVariant | null = null;
    if (input.resolution === "exchange") {
      if (!requested.exchangeVariantId) throw new DomainError("invalid", `Choose what to exchange ${label} for.`);
      const options = line.productId ? (variants.get(line.productId) ?? []) : [];
      exchange = options.find((v) => v.id === requested.exchangeVariantId) ?? null;
      if (!exchange) throw new DomainError("invalid", `That option is not available as an exchange for ${label}.`);
      if (!exchange.availableForSale || exchange.available < requested.quantity) {
        throw new DomainError("invalid", `${line.title} in ${exchange.title} is out of stock. Please choose another option.`);
      }
    }
    return { request: requested, eligibility: line, reason, exchange };
  });

  const quote = quoteReturn({
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
