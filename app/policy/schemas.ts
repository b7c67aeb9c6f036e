/**
 * The return policy as a merchant edits it — zod, safe for the client (the settings
 * form validates with the same schema). Messages are written for the merchant.
 */
import { z } from "zod";

const minorAmount = (label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be a whole amount in minor units (cents).` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label} is too large.` });

const basisPoints = (label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be whole basis points (100 = 1 %).` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(10_000, { error: `${label} cannot be more than 100 % (10000 basis points).` });

export const returnReasonSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/, { error: "A reason code uses lower-case letters, digits and underscores, like size_too_small." }),
  label: z.string().trim().min(1, { error: "Every reason needs a label the shopper can read." }).max(100, { error: "A reason label is at most 100 characters." }),
  requiresPhoto: z.boolean(),
});
export type ReturnReason = z.infer<typeof returnReasonSchema>;

const tagList = (label: string) =>
  z.array(z.string().trim().min(1, { error: `${label} cannot contain an empty entry.` }).max(255), { error: `${label} must be a list.` }).max(250);

export const policyInputSchema = z
  .object({
    returnWindowDays: z
      .number({ error: "The return window must be a number of days." })
      .int({ error: "The return window must be a whole number of days." })
      .min(0, { error: "The return window must be between 0 and 365 days." })
      .max(365, { error: "The return window must be between 0 and 365 days." }),
    windowStartsFrom: z.enum(["delivery", "fulfillment"], { error: "The window starts from delivery or from fulfillment." }),
    allowRefund: z.boolean(),
    allowStoreCredit: z.boolean(),
    allowExchange: z.boolean(),
    storeCreditBonusBps: basisPoints("The store-credit bonus"),
    restockingFeeBps: basisPoints("The restocking fee"),
    returnShippingFeeMinor: minorAmount("The return shipping fee"),
    excludedTags: tagList("Excluded tags"),
    excludedProductTypes: tagList("Excluded product types"),
    finalSaleTag: z.string().trim().min(1, { error: "The final-sale tag cannot be empty." }).max(255),
    reasons: z
      .array(returnReasonSchema)
      .min(1, { error: "Offer at least one return reason." })
      .max(50, { error: "Offer at most 50 return reasons." })
      .refine((reasons) => new Set(reasons.map((r) => r.code)).size === reasons.length, {
        error: "Each return reason needs its own code.",
      }),
    autoApprove: z.boolean(),
    manualReviewThresholdMinor: minorAmount("The manual-review threshold").nullable(),
    serialReturnerCount: z
      .number({ error: "The serial-returner count must be a number." })
      .int({ error: "The serial-returner count must be a whole number." })
      .min(1, { error: "The serial-returner count must be at least 1 return." })
      .nullable(),
    serialReturnerDays: z
      .number({ error: "The serial-returner period must be a number of days." })
      .int({ error: "The serial-returner period must be a whole number of days." })
      .min(1, { error: "The serial-returner period must be between 1 and 365 days." })
      .max(365, { error: "The serial-returner period must be between 1 and 365 days." }),
    keepItemThresholdMinor: minorAmount("The keep-the-item threshold").nullable(),
    policyText: z.string().max(10_000, { error: "The policy text is at most 10000 characters." }).nullable(),
  })
  .refine((p) => p.allowRefund || p.allowStoreCredit || p.allowExchange, {
    error: "Turn on at least one resolution: refund, store credit or exchange.",
    path: ["allowRefund"],
  });
export type PolicyInput = z.infer<typeof policyInputSchema>;

/** A sensible starter policy: what a new install runs with until the merchant saves one. */
export const DEFAULT_POLICY: PolicyInput = {
  returnWindowDays: 30,
  windowStartsFrom: "delivery",
  allowRefund: true,
  allowStoreCredit: true,
  allowExchange: true,
  storeCreditBonusBps: 1000,
  restockingFeeBps: 0,
  returnShippingFeeMinor: 0,
  excludedTags: ["no-returns"],
  excludedProductTypes: ["Gift Card"],
  finalSaleTag: "final-sale",
  reasons: [
    { code: "size_too_small", label: "Size too small", requiresPhoto: false },
    { code: "size_too_large", label: "Size too large", requiresPhoto: false },
    { code: "not_as_described", label: "Not as described", requiresPhoto: false },
    { code: "damaged", label: "Arrived damaged", requiresPhoto: true },
    { code: "wrong_item", label: "Wrong item sent", requiresPhoto: true },
    { code: "changed_mind", label: "Changed my mind", requiresPhoto: false },
    { code: "other", label: "Other", requiresPhoto: false },
  ],
  autoApprove: true,
  manualReviewThresholdMinor: 50_000,
  serialReturnerCount: 5,
  serialReturnerDays: 90,
  keepItemThresholdMinor: 1000,
  policyText: null,
};
