/**
 * The return quote — pure maths in exact minor units of the order's presentment
 * currency (what the shopper paid in). docs/decisions/007-quote-rounding-and-fees.md.
 *
 * Per returned unit the shopper gets back what they paid: the unit price after the
 * order's discounts plus that unit's share of the tax charged on the line. The line's
 * tax is split over its units with `allocate` (shares sum exactly to the tax); a return
 * takes the shares after the units already returned, so two returns of one unit each
 * get exactly what one return of two units would.
 *
 * Fees (refund and store credit only — exchanges have none, to keep the sale):
 * - restocking fee: basis points of the item price, rounded down, computed cumulatively
 *   over the line's units (fee of units k+1…k+q = fee(k+q) − fee(k)) so splitting never
 *   changes the total;
 * - return shipping fee: once per return, never more than the value returned.
 * Store credit adds the bonus: basis points of the credit, rounded down.
 * Exchange: the price difference (new variant's current price − price paid) per unit;
 * more expensive → amount due, cheaper → the difference back (refund if the policy
 * allows refunds, else store credit without bonus).
 *
 * Guarantees (property-tested): nothing is negative; refund + credit before bonus never
 * exceeds what was paid for the returned units; splitting a return never pays more.
 */
import { DomainError } from "~/lib/errors";
import { add, allocate, formatMoney, minMoney, money, multiply, percentOf, subtract, sum, zero, type Money } from "~/lib/money";
import { intlLocale, localizedError, message, normalizeLocale, plural, portalError, type MessageKey } from "~/portal/messages";
import type { PortalResolution, Quote, QuoteLine } from "~/returns/portal-contract";

export interface QuoteLineInput {
  lineItemId: string;
  /** For the explanation: "Classic Tee (M)". */
  title: string;
  quantity: number;
  /** Per unit, after the order's discounts. */
  unitPrice: Money;
  /** Tax charged on the whole order line (all `lineQuantity` units). */
  lineTax: Money;
  lineQuantity: number;
  /** Units of the line already returned, refunded or requested before this return. */
  takenQuantity: number;
  exchange?: { variantId: string; title: string; unitPrice: Money } | null;
}

export interface QuotePolicy {
  restockingFeeBps: number;
  returnShippingFeeMinor: number;
  storeCreditBonusBps: number;
  /** Where a cheaper exchange's difference goes: refund when allowed, else store credit. */
  allowRefund: boolean;
}

export interface QuoteInput {
  currencyCode: string;
  resolution: PortalResolution;
  lines: QuoteLineInput[];
  policy: QuotePolicy;
  /** Language and formatting of the explanation sentences only (en, fr, de or es, else English; default en-US). */
  locale?: string;
}

/** The exact amounts of a return: refund, store credit with bonus, fees and exchange difference. */
export function quoteReturn(input: QuoteInput): Quote {
  const { currencyCode, resolution, policy } = input;
  const lang = normalizeLocale(input.locale);
  const fmt = (m: Money) => formatMoney(m, input.locale ?? intlLocale(lang));
  const say = (key: MessageKey, amount?: Money) => message(lang, key, amount ? { amount: fmt(amount) } : {});
  if (input.lines.length === 0) throw portalError("invalid", "field_items_missing");

  const explanation: string[] = [];
  const lines: QuoteLine[] = input.lines.map((line) => {
    checkLine(line, currencyCode);
    const shares = allocate(line.lineTax, Array.from({ length: line.lineQuantity }, () => 1));
    const tax = sum(shares.slice(line.takenQuantity, line.takenQuantity + line.quantity), currencyCode);
    const itemsAmount = multiply(line.unitPrice, line.quantity);
    const restockingFee =
      resolution === "exchange"
        ? zero(currencyCode)
        : subtract(
            percentOf(multiply(line.unitPrice, line.takenQuantity + line.quantity), policy.restockingFeeBps),
            percentOf(multiply(line.unitPrice, line.takenQuantity), policy.restockingFeeBps),
          );
    const exchange = resolution === "exchange" ? line.exchange ?? null : null;
    if (resolution === "exchange" && !exchange) {
      throw portalError("invalid", "error_exchange_missing", { item: line.title });
    }
    const exchangeDifference = exchange
      ? multiply(subtract(exchange.unitPrice, line.unitPrice), line.quantity)
      : zero(currencyCode);
    const parts = { item: line.title, quantity: line.quantity, amount: fmt(itemsAmount), tax: fmt(tax) };
    explanation.push(message(lang, tax.amountMinor > 0 ? "quote_line_tax" : "quote_line", parts));
    return {
      lineItemId: line.lineItemId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      tax,
      itemsAmount,
      restockingFee,
      exchangeVariantId: exchange?.variantId ?? null,
      exchangeUnitPrice: exchange?.unitPrice ?? null,
      exchangeDifference,
    };
  });

  const itemsSubtotal = sum(lines.map((l) => l.itemsAmount), currencyCode);
  const tax = sum(lines.map((l) => l.tax), currencyCode);
  const paid = add(itemsSubtotal, tax);
  const nothing = zero(currencyCode);

  if (resolution === "exchange") {
    const difference = sum(lines.map((l) => l.exchangeDifference), currencyCode);
    const back = difference.amountMinor < 0 ? minMoney(money(-difference.amountMinor, currencyCode), paid) : nothing;
    const due = difference.amountMinor > 0 ? difference : nothing;
    if (difference.amountMinor === 0) explanation.push(say("quote_exchange_same"));
    else if (due.amountMinor > 0) explanation.push(say("quote_exchange_more", due));
    else explanation.push(say(policy.allowRefund ? "quote_exchange_less_refund" : "quote_exchange_less_credit", back));
    explanation.push(say("quote_exchange_tax"));
    return {
      currencyCode,
      resolution,
      lines,
      itemsSubtotal,
      tax,
      restockingFee: nothing,
      returnShippingFee: nothing,
      storeCreditBonus: nothing,
      exchangeDifference: difference,
      refundTotal: policy.allowRefund ? back : nothing,
      storeCreditTotal: policy.allowRefund ? nothing : back,
      amountDue: due,
      explanation,
    };
  }

  const restockingFee = sum(lines.map((l) => l.restockingFee), currencyCode);
  const afterRestocking = subtract(paid, restockingFee);
  const returnShippingFee = minMoney(money(policy.returnShippingFeeMinor, currencyCode), afterRestocking);
  const value = subtract(afterRestocking, returnShippingFee);
  if (restockingFee.amountMinor > 0) explanation.push(say("quote_restocking_fee", restockingFee));
  if (returnShippingFee.amountMinor > 0) explanation.push(say("quote_return_shipping_fee", returnShippingFee));

  if (resolution === "refund") {
    explanation.push(say("quote_refund", value));
    return {
      currencyCode,
      resolution,
      lines,
      itemsSubtotal,
      tax,
      restockingFee,
      returnShippingFee,
      storeCreditBonus: nothing,
      exchangeDifference: nothing,
      refundTotal: value,
      storeCreditTotal: nothing,
      amountDue: nothing,
      explanation,
    };
  }

  const storeCreditBonus = percentOf(value, policy.storeCreditBonusBps);
  const storeCreditTotal = add(value, storeCreditBonus);
  if (storeCreditBonus.amountMinor > 0) explanation.push(say("quote_store_credit_bonus", storeCreditBonus));
  explanation.push(say("quote_store_credit", storeCreditTotal));
  return {
    currencyCode,
    resolution,
    lines,
    itemsSubtotal,
    tax,
    restockingFee,
    returnShippingFee,
    storeCreditBonus,
    exchangeDifference: nothing,
    refundTotal: nothing,
    storeCreditTotal,
    amountDue: nothing,
    explanation,
  };
}

/** What the shopper paid for the returned units (items after discounts + their tax). */
export function paidForReturnedUnits(quote: Pick<Quote, "itemsSubtotal" | "tax">): Money {
  return add(quote.itemsSubtotal, quote.tax);
}

function checkLine(line: QuoteLineInput, currencyCode: string): void {
  for (const m of [line.unitPrice, line.lineTax, ...(line.exchange ? [line.exchange.unitPrice] : [])]) {
    if (m.currencyCode !== currencyCode) {
      throw new DomainError("invalid", `Line ${line.lineItemId} is priced in ${m.currencyCode}, the quote in ${currencyCode}.`);
    }
  }
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw portalError("invalid", "error_quantity_none", { item: line.title });
  }
  if (line.unitPrice.amountMinor < 0 || line.lineTax.amountMinor < 0 || (line.exchange && line.exchange.unitPrice.amountMinor < 0)) {
    throw new DomainError("invalid", `Line ${line.lineItemId} has a negative price or tax.`);
  }
  if (line.takenQuantity < 0 || line.takenQuantity + line.quantity > line.lineQuantity) {
    const left = Math.max(0, line.lineQuantity - line.takenQuantity);
    throw localizedError("invalid", (locale) => plural(locale, "error_quantity", left, { max: left, item: line.title }));
  }
}
