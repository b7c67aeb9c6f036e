/**
 * The return policy in the words a shopper reads — pure and client-safe, so the admin
 * settings page can show it as a live preview of the form it is editing and the portal
 * shows exactly the same sentences. One paragraph per entry; the merchant's own text
 * comes last, unchanged.
 */
import { formatMoney } from "~/lib/money";
import { intlLocale, joinList, message, normalizeLocale, plural, reasonLabel, type MessageKey, type MessageParams } from "~/portal/messages";
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

/**
 * The policy as paragraphs for shoppers; `currencyCode` prices the return shipping fee and
 * `locale` (a BCP 47 tag, default US English) picks the language — en, fr, de or es, else
 * English — and formats the amounts.
 */
export function policyParagraphs(policy: PolicyTextInput, options: { currencyCode: string; locale?: string }): string[] {
  const lang = normalizeLocale(options.locale);
  const formatLocale = options.locale ?? intlLocale(lang);
  const say = (key: MessageKey, params?: MessageParams) => message(lang, key, params);
  const percent = (bps: number) => formatPercent(bps, lang === "en" ? undefined : formatLocale);
  const paragraphs: string[] = [];
  const days = policy.returnWindowDays;
  const fromDelivery = policy.windowStartsFrom === "delivery";
  if (days === 0) {
    paragraphs.push(say(fromDelivery ? "policy_window_delivery_same_day" : "policy_window_shipping_same_day"));
  } else {
    paragraphs.push(plural(lang, fromDelivery ? "policy_window_delivery" : "policy_window_shipping", days, { days }));
  }

  const choices: string[] = [];
  if (policy.allowRefund) choices.push(say("policy_option_refund"));
  if (policy.allowStoreCredit) {
    choices.push(
      policy.storeCreditBonusBps > 0
        ? say("policy_option_store_credit_bonus", { percent: percent(policy.storeCreditBonusBps) })
        : say("policy_option_store_credit"),
    );
  }
  if (policy.allowExchange) choices.push(say("policy_option_exchange"));
  if (choices.length > 0) paragraphs.push(say("policy_choose", { options: joinList(lang, choices, "or") }));

  const fees: string[] = [];
  if (policy.restockingFeeBps > 0) fees.push(say("policy_fee_restocking", { percent: percent(policy.restockingFeeBps) }));
  if (policy.returnShippingFeeMinor > 0) {
    const amount = formatMoney({ amountMinor: policy.returnShippingFeeMinor, currencyCode: options.currencyCode }, formatLocale);
    fees.push(say("policy_fee_return_shipping", { amount }));
  }
  if (fees.length > 0) paragraphs.push(say("policy_fees", { fees: joinList(lang, fees, "and") }));

  const exclusions = [say("policy_final_sale")];
  if (policy.excludedProductTypes.length > 0) {
    exclusions.push(say("policy_excluded_types", { types: joinList(lang, policy.excludedProductTypes.map((t) => t.trim()), "and") }));
  }
  paragraphs.push(exclusions.join(" "));

  // English runs the reason into the sentence; the other languages quote it as it is labelled.
  const photoReasons = policy.reasons
    .filter((r) => r.requiresPhoto)
    .map((r) => reasonLabel(lang, { code: r.code, label: r.label.trim() }))
    .map((label) => say("policy_reason_quoted", { reason: lang === "en" ? lowerFirst(label) : label }));
  if (photoReasons.length > 0) paragraphs.push(say("policy_photo", { reasons: joinList(lang, photoReasons, "or") }));

  const own = policy.policyText?.trim();
  if (own) paragraphs.push(...own.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  return paragraphs;
}

/** 1000 bps → "10%", 1250 → "12.5%"; with a locale, that language's way ("10 %" in French). */
export function formatPercent(bps: number, locale?: string): string {
  if (locale) return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bps / 10_000);
  const whole = Math.trunc(bps / 100);
  const rest = bps % 100;
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
