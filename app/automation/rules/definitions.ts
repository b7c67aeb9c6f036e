/**
 * The automation rules a merchant can switch on, their parameters and defaults — pure and
 * safe for the client (the admin page renders from these). A rule set is one object
 * `{ <ruleKey>: { enabled, ...params } }`, saved as a new version each time
 * (docs/decisions/024-rules-engine.md).
 */
import { z } from "zod";

export const RULE_KEYS = ["auto_approve", "refund_on_receipt", "green_return", "review_signal", "sla_escalation", "notify_shopper"] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** Whether a stored string names a rule this version of the app knows. */
export function isRuleKey(value: string): value is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(value);
}

const minor = (label: string) =>
  z
    .number({ error: `${label} must be an amount.` })
    .int({ error: `${label} must be a whole number of minor units.` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label} is too large.` });

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(min, { error: `${label} must be between ${min} and ${max}.` })
    .max(max, { error: `${label} must be between ${min} and ${max}.` });

export const ruleSetSchema = z.object({
  auto_approve: z.object({ enabled: z.boolean() }),
  refund_on_receipt: z.object({ enabled: z.boolean(), maxValueMinor: minor("The refund-on-receipt cap").nullable() }),
  green_return: z.object({ enabled: z.boolean(), maxValueMinor: minor("The keep-the-item limit") }),
  review_signal: z
    .object({
      enabled: z.boolean(),
      serialCount: whole("The serial-returner count", 1, 1000).nullable(),
      serialDays: whole("The serial-returner period", 1, 365),
      valueThresholdMinor: minor("The review threshold").nullable(),
    })
    .refine((r) => !r.enabled || r.serialCount !== null || r.valueThresholdMinor !== null, {
      error: "Set a returns count or a value threshold for the review signal, or switch it off.",
      path: ["serialCount"],
    }),
  sla_escalation: z.object({
    enabled: z.boolean(),
    // null: unassign, so the ticket goes back to the shared queue
    fallbackAssignee: z.string().trim().min(1).nullable(),
  }),
  notify_shopper: z.object({ enabled: z.boolean() }),
});

export type RuleSetRules = z.output<typeof ruleSetSchema>;

/** What each rule does, for the admin page and the audit trail. */
export const RULE_TITLES: Readonly<Record<RuleKey, { title: string; description: string }>> = {
  auto_approve: { title: "Auto-approve within policy", description: "Approve a portal request at once when no policy exception applies." },
  refund_on_receipt: {
    title: "Refund or credit on receipt",
    description: "When a return is marked received, pay out the resolution the shopper chose (refund, store credit or exchange).",
  },
  green_return: { title: "Green return: keep the item", description: "Refund or credit an approved return worth up to the limit without asking for the item back." },
  review_signal: {
    title: "Review serial returners and high values",
    description: "Open a review ticket, with the reasons, for a return by a frequent returner or above a value.",
  },
  sla_escalation: {
    title: "Escalate tickets past their SLA",
    description: "Raise an open ticket's priority one step and reassign it (or return it to the queue) once its first response is overdue.",
  },
  notify_shopper: { title: "Tell the shopper when money moves", description: "Post a message in the shopper's portal conversation when a refund, credit or exchange succeeds." },
};

/**
 * The starting rule set of a shop, migrated from its policy: auto-approve keeps the policy's
 * switch, so behaviour is unchanged; everything that moves money or writes to shoppers
 * starts off, with the policy's thresholds as its parameters.
 */
export function rulesFromPolicy(policy: {
  autoApprove: boolean;
  keepItemThresholdMinor: number | null;
  serialReturnerCount: number | null;
  serialReturnerDays: number;
  manualReviewThresholdMinor: number | null;
}): RuleSetRules {
  return {
    auto_approve: { enabled: policy.autoApprove },
    refund_on_receipt: { enabled: false, maxValueMinor: null },
    green_return: { enabled: false, maxValueMinor: policy.keepItemThresholdMinor ?? 0 },
    review_signal: {
      enabled: false,
      serialCount: policy.serialReturnerCount,
      serialDays: policy.serialReturnerDays,
      valueThresholdMinor: policy.manualReviewThresholdMinor,
    },
    sla_escalation: { enabled: false, fallbackAssignee: null },
    notify_shopper: { enabled: false },
  };
}
