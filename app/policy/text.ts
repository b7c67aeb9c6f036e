/**
 * The return policy in the words a shopper reads — pure and client-safe, so the admin
 * settings page can show it as a live preview of the form it is editing and the portal
 * shows exactly the same sentences. One paragraph per entry; the merchant's own text
 * comes last, unchanged.
 */
import { formatMoney } from "~/lib/money";
import type { PolicyInput } from "~/policy/schemas";

export type PolicyTextInput = Pick<
  PolicyInput,
  | "returnWindowDays"
  | "windowStartsFrom"
  | "allowRefund"
  | "allowStoreCredit"
  | "allowExchange"
  | "storeCreditBonusBps"
  | "restockingFeeBps"
  | "returnShippingFeeMinor"
  | "excludedProductTypes"
  | "reasons"
  | "policyText"
>;

/** The policy as paragraphs for shoppers; `currencyCode` prices the return shipping fee. */
export function policyParagraphs(policy: PolicyTextInput, options: { currencyCode: string; locale?: string }): string[] {
  const paragraphs: string[] = [];
  const days = policy.returnWindowDays;
  if (days === 0) {
    paragraphs.push(
      policy.windowStartsFrom === "delivery"
        ? "You can start a return on the day your order is delivered."
        : "You can start a return on the day your order ships.",
    );
  } else {
    const unit = days === 1 ? "day" : "days";
    paragraphs.push(
      policy.windowStartsFrom === "delivery"
        ? `You can start a return within ${days} ${unit} of delivery (or of shipping, when we have no delivery date).`
        : `You can start a return within ${days} ${unit} of your order shipping.`,
    );
  }

  const options_: string[] = [];
  if (policy.allowRefund) options_.push("a refund to your original payment method");
  if (policy.allowStoreCredit) {
    options_.push(
      policy.storeCreditBonusBps > 0 ? `store credit with a ${formatPercent(policy.storeCreditBonusBps)} bonus` : "store credit",
    );
  }
  if (policy.allowExchange) options_.push("an exchange for another size or colour");
  if (options_.length > 0) paragraphs.push(`Choose ${joinOr(options_)}.`);

  const fees: string[] = [];
  if (policy.restockingFeeBps > 0) fees.push(`a restocking fee of ${formatPercent(policy.restockingFeeBps)} of the item price`);
  if (policy.returnShippingFeeMinor > 0) {
    fees.push(`a return shipping fee of ${formatMoney({ amountMinor: policy.returnShippingFeeMinor, currencyCode: options.currencyCode }, options.locale ?? "en-US")} per return`);
  }
  if (fees.length > 0) {
    paragraphs.push(`Refunds and store credit are reduced by ${joinAnd(fees)}. Exchanges have no fees.`);
  }

  const exclusions = [`Items marked final sale cannot be returned.`];
  if (policy.excludedProductTypes.length > 0) {
    exclusions.push(`${joinAnd(policy.excludedProductTypes.map((t) => t.trim()))} items cannot be returned.`);
  }
  paragraphs.push(exclusions.join(" "));

  const photoReasons = policy.reasons.filter((r) => r.requiresPhoto).map((r) => lowerFirst(r.label.trim()));
  if (photoReasons.length > 0) {
    paragraphs.push(`Please add a photo when the reason is ${joinOr(photoReasons)}.`);
  }

  const own = policy.policyText?.trim();
  if (own) paragraphs.push(...own.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  return paragraphs;
}

/** 1000 bps → "10%", 1250 → "12.5%". */
export function formatPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = bps % 100;
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

function joinOr(items: string[]): string {
  return joinWith(items, "or");
}

function joinAnd(items: string[]): string {
  return joinWith(items, "and");
}

function joinWith(items: string[], word: string): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, ${word} ${items[items.length - 1]}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
