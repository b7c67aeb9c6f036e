/**
 * The settings form ⇄ the policy — pure. The form holds what the merchant types (percent,
 * amounts in the shop's currency, comma-separated lists); the policy holds basis points and
 * minor units. Text that is not a number is passed through as it is, so the server's
 * schema answers with its own message on the field instead of the form guessing.
 */
import { parseDecimal, toDecimalString } from "~/lib/money";
import type { PolicyInput, ReturnReason } from "~/policy/schemas";

export type PolicyForm = {
  returnWindowDays: string;
  windowStartsFrom: "delivery" | "fulfillment";
  allowRefund: boolean;
  allowStoreCredit: boolean;
  allowExchange: boolean;
  storeCreditBonusPercent: string;
  restockingFeePercent: string;
  returnShippingFee: string;
  excludedTags: string;
  excludedProductTypes: string;
  finalSaleTag: string;
  reasons: ReturnReason[];
  autoApprove: boolean;
  manualReviewThreshold: string;
  serialReturnerCount: string;
  serialReturnerDays: string;
  keepItemThreshold: string;
  policyText: string;
};

const bpsToPercent = (bps: number) => String(bps / 100);
const amount = (minor: number | null, currency: string) => (minor === null ? "" : toDecimalString({ amountMinor: minor, currencyCode: currency }));

/** The stored policy as the form shows it. */
export function toForm(policy: PolicyInput, currency: string): PolicyForm {
  return {
    returnWindowDays: String(policy.returnWindowDays),
    windowStartsFrom: policy.windowStartsFrom,
    allowRefund: policy.allowRefund,
    allowStoreCredit: policy.allowStoreCredit,
    allowExchange: policy.allowExchange,
    storeCreditBonusPercent: bpsToPercent(policy.storeCreditBonusBps),
    restockingFeePercent: bpsToPercent(policy.restockingFeeBps),
    returnShippingFee: amount(policy.returnShippingFeeMinor, currency),
    excludedTags: policy.excludedTags.join(", "),
    excludedProductTypes: policy.excludedProductTypes.join(", "),
    finalSaleTag: policy.finalSaleTag,
    reasons: policy.reasons.map((r) => ({ ...r })),
    autoApprove: policy.autoApprove,
    manualReviewThreshold: amount(policy.manualReviewThresholdMinor, currency),
    serialReturnerCount: policy.serialReturnerCount === null ? "" : String(policy.serialReturnerCount),
    serialReturnerDays: String(policy.serialReturnerDays),
    keepItemThreshold: amount(policy.keepItemThresholdMinor, currency),
    policyText: policy.policyText ?? "",
  };
}

function whole(text: string): number | string {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}

function percentToBps(text: string): number | string {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return text;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

function minor(text: string, currency: string, optional: boolean): number | string | null {
  if (text.trim() === "") return optional ? null : 0;
  try {
    return parseDecimal(text.replace(/,/g, ""), currency).amountMinor;
  } catch {
    return text;
  }
}

function list(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The form as the policy input the server validates (numbers where the text was a number). */
export function fromForm(form: PolicyForm, currency: string): Record<keyof PolicyInput, unknown> {
  return {
    returnWindowDays: whole(form.returnWindowDays),
    windowStartsFrom: form.windowStartsFrom,
    allowRefund: form.allowRefund,
    allowStoreCredit: form.allowStoreCredit,
    allowExchange: form.allowExchange,
    storeCreditBonusBps: percentToBps(form.storeCreditBonusPercent),
    restockingFeeBps: percentToBps(form.restockingFeePercent),
    returnShippingFeeMinor: minor(form.returnShippingFee, currency, false),
    excludedTags: list(form.excludedTags),
    excludedProductTypes: list(form.excludedProductTypes),
    finalSaleTag: form.finalSaleTag,
    reasons: form.reasons,
    autoApprove: form.autoApprove,
    manualReviewThresholdMinor: minor(form.manualReviewThreshold, currency, true),
    serialReturnerCount: form.serialReturnerCount.trim() === "" ? null : whole(form.serialReturnerCount),
    serialReturnerDays: whole(form.serialReturnerDays),
    keepItemThresholdMinor: minor(form.keepItemThreshold, currency, true),
    policyText: form.policyText.trim() === "" ? null : form.policyText,
  };
}

/** What the live preview renders while the merchant types: the form's values, the saved ones where a field is not a number yet. */
export function previewPolicy(form: PolicyForm, currency: string, saved: PolicyInput): PolicyInput {
  const input = fromForm(form, currency);
  const num = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
  return {
    ...saved,
    returnWindowDays: num(input.returnWindowDays, saved.returnWindowDays),
    windowStartsFrom: form.windowStartsFrom,
    allowRefund: form.allowRefund,
    allowStoreCredit: form.allowStoreCredit,
    allowExchange: form.allowExchange,
    storeCreditBonusBps: num(input.storeCreditBonusBps, saved.storeCreditBonusBps),
    restockingFeeBps: num(input.restockingFeeBps, saved.restockingFeeBps),
    returnShippingFeeMinor: num(input.returnShippingFeeMinor, saved.returnShippingFeeMinor),
    excludedProductTypes: list(form.excludedProductTypes),
    reasons: form.reasons.filter((r) => r.label.trim() !== ""),
    policyText: form.policyText.trim() === "" ? null : form.policyText,
  };
}
