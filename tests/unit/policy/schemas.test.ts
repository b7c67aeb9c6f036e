import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_POLICY, policyInputSchema } from "~/policy/schemas";

function fieldErrors(input: unknown) {
  const parsed = policyInputSchema.safeParse(input);
  if (parsed.success) return {};
  return z.flattenError(parsed.error).fieldErrors;
}

describe("the policy schema", () => {
  it("accepts the starter policy as it is", () => {
    // GIVEN / WHEN / THEN
    expect(policyInputSchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it("starts merchants on a 30-day window, 10 % store-credit bonus and the seven common reasons", () => {
    // GIVEN / WHEN / THEN
    expect(DEFAULT_POLICY).toMatchObject({
      returnWindowDays: 30,
      windowStartsFrom: "delivery",
      allowRefund: true,
      allowStoreCredit: true,
      allowExchange: true,
      storeCreditBonusBps: 1000,
      restockingFeeBps: 0,
      returnShippingFeeMinor: 0,
      finalSaleTag: "final-sale",
      excludedTags: ["no-returns"],
      excludedProductTypes: ["Gift Card"],
      autoApprove: true,
      manualReviewThresholdMinor: 50_000,
      serialReturnerCount: 5,
      serialReturnerDays: 90,
      keepItemThresholdMinor: 1000,
    });
    expect(DEFAULT_POLICY.reasons.map((r) => `${r.code}${r.requiresPhoto ? " (photo)" : ""}`)).toEqual([
      "size_too_small",
      "size_too_large",
      "not_as_described",
      "damaged (photo)",
      "wrong_item (photo)",
      "changed_mind",
      "other",
    ]);
  });

  it("explains a window beyond 365 days and fractional days", () => {
    // GIVEN / WHEN / THEN
    expect(fieldErrors({ ...DEFAULT_POLICY, returnWindowDays: 366 }).returnWindowDays).toEqual(["The return window must be between 0 and 365 days."]);
    expect(fieldErrors({ ...DEFAULT_POLICY, returnWindowDays: -1 }).returnWindowDays).toEqual(["The return window must be between 0 and 365 days."]);
    expect(fieldErrors({ ...DEFAULT_POLICY, returnWindowDays: 1.5 }).returnWindowDays).toEqual(["The return window must be a whole number of days."]);
    expect(fieldErrors({ ...DEFAULT_POLICY, returnWindowDays: "30" }).returnWindowDays).toEqual(["The return window must be a number of days."]);
  });

  it("accepts the edges: a 0-day window, 0 and 10000 basis points", () => {
    // GIVEN / WHEN / THEN
    expect(policyInputSchema.safeParse({ ...DEFAULT_POLICY, returnWindowDays: 0, storeCreditBonusBps: 0, restockingFeeBps: 10_000 }).success).toBe(true);
    expect(policyInputSchema.safeParse({ ...DEFAULT_POLICY, returnWindowDays: 365 }).success).toBe(true);
  });

  it("explains basis points above 100 % and negative thresholds", () => {
    // GIVEN / WHEN
    const errors = fieldErrors({ ...DEFAULT_POLICY, restockingFeeBps: 10_001, storeCreditBonusBps: -5, manualReviewThresholdMinor: -1, returnShippingFeeMinor: 9.5 });
    // THEN
    expect(errors).toEqual({
      restockingFeeBps: ["The restocking fee cannot be more than 100 % (10000 basis points)."],
      storeCreditBonusBps: ["The store-credit bonus cannot be negative."],
      manualReviewThresholdMinor: ["The manual-review threshold cannot be negative."],
      returnShippingFeeMinor: ["The return shipping fee must be a whole amount in minor units (cents)."],
    });
  });

  it("allows switching the optional thresholds off with null", () => {
    // GIVEN / WHEN / THEN
    expect(
      policyInputSchema.safeParse({ ...DEFAULT_POLICY, manualReviewThresholdMinor: null, serialReturnerCount: null, keepItemThresholdMinor: null }).success,
    ).toBe(true);
  });

  it("requires reasons with a readable label and unique lower_snake codes", () => {
    // GIVEN / WHEN / THEN
    expect(fieldErrors({ ...DEFAULT_POLICY, reasons: [] }).reasons).toEqual(["Offer at least one return reason."]);
    expect(
      fieldErrors({ ...DEFAULT_POLICY, reasons: [{ code: "other", label: "A", requiresPhoto: false }, { code: "other", label: "B", requiresPhoto: true }] }).reasons,
    ).toEqual(["Each return reason needs its own code."]);
    const bad = policyInputSchema.safeParse({ ...DEFAULT_POLICY, reasons: [{ code: "Too Small", label: " ", requiresPhoto: false }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      "A reason code uses lower-case letters, digits and underscores, like size_too_small.",
      "Every reason needs a label the shopper can read.",
    ]);
  });

  it("requires at least one resolution", () => {
    // GIVEN / WHEN / THEN
    expect(fieldErrors({ ...DEFAULT_POLICY, allowRefund: false, allowStoreCredit: false, allowExchange: false }).allowRefund).toEqual([
      "Turn on at least one resolution: refund, store credit or exchange.",
    ]);
  });
});
