/**
 * The automation form ⇄ the rule set — pure. Amounts are typed in the shop's currency and
 * sent as minor units; text that is not a number goes to the server as it is, so the
 * server's schema answers with its own message on the field.
 */
import { parseDecimal, toDecimalString } from "~/lib/money";
import type { RuleSetRules } from "~/automation/rules/definitions";

export type RulesForm = {
  autoApprove: boolean;
  refundOnReceipt: boolean;
  refundCap: string;
  greenReturn: boolean;
  greenMax: string;
  reviewSignal: boolean;
  serialCount: string;
  serialDays: string;
  reviewThreshold: string;
  slaEscalation: boolean;
  fallbackAssignee: string;
  notifyShopper: boolean;
};

const amount = (minor: number | null, currency: string) => (minor === null ? "" : toDecimalString({ amountMinor: minor, currencyCode: currency }));

/** The stored rules as the form shows them. */
export function toRulesForm(rules: RuleSetRules, currency: string): RulesForm {
  return {
    autoApprove: rules.auto_approve.enabled,
    refundOnReceipt: rules.refund_on_receipt.enabled,
    refundCap: amount(rules.refund_on_receipt.maxValueMinor, currency),
    greenReturn: rules.green_return.enabled,
    greenMax: amount(rules.green_return.maxValueMinor, currency),
    reviewSignal: rules.review_signal.enabled,
    serialCount: rules.review_signal.serialCount === null ? "" : String(rules.review_signal.serialCount),
    serialDays: String(rules.review_signal.serialDays),
    reviewThreshold: amount(rules.review_signal.valueThresholdMinor, currency),
    slaEscalation: rules.sla_escalation.enabled,
    fallbackAssignee: rules.sla_escalation.fallbackAssignee ?? "",
    notifyShopper: rules.notify_shopper.enabled,
  };
}

function minor(text: string, currency: string, optional: boolean): number | string | null {
  if (text.trim() === "") return optional ? null : 0;
  try {
    return parseDecimal(text.replace(/,/g, ""), currency).amountMinor;
  } catch {
    return text;
  }
}

function whole(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

/** The form as the rule set the server validates. */
export function fromRulesForm(form: RulesForm, currency: string): Record<keyof RuleSetRules, Record<string, unknown>> {
  return {
    auto_approve: { enabled: form.autoApprove },
    refund_on_receipt: { enabled: form.refundOnReceipt, maxValueMinor: minor(form.refundCap, currency, true) },
    green_return: { enabled: form.greenReturn, maxValueMinor: minor(form.greenMax, currency, false) },
    review_signal: {
      enabled: form.reviewSignal,
      serialCount: form.serialCount.trim() === "" ? null : whole(form.serialCount),
      serialDays: whole(form.serialDays),
      valueThresholdMinor: minor(form.reviewThreshold, currency, true),
    },
    sla_escalation: { enabled: form.slaEscalation, fallbackAssignee: form.fallbackAssignee === "" ? null : form.fallbackAssignee },
    notify_shopper: { enabled: form.notifyShopper },
  };
}
