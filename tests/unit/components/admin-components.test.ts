import { describe, expect, it } from "vitest";
import { deltaText } from "~/components/KpiCard";
import { niceTicks } from "~/components/charts/parts";
import { actorLabel, duration, percent } from "~/components/format";
import { availableActions } from "~/components/returns/available-actions";
import type { ReturnFacts } from "~/returns/action-table";
import type { ReturnStatus } from "~/returns/status";
import { fromForm, previewPolicy, toForm } from "~/components/settings/policy-form";
import { DEFAULT_POLICY, policyInputSchema } from "~/policy/schemas";

describe("the policy form", () => {
  it("round-trips the policy through what the merchant types: percent, amounts, lists", () => {
    const form = toForm(DEFAULT_POLICY, "USD");
    expect(form).toMatchObject({ storeCreditBonusPercent: "10", manualReviewThreshold: "500.00", keepItemThreshold: "10.00", excludedTags: "no-returns" });
    expect(fromForm(form, "USD")).toEqual(DEFAULT_POLICY);
  });
  it("converts 12.5 % to 1250 basis points and ¥1,200 to 1200 minor units; empty optional amounts mean no threshold", () => {
    const form = { ...toForm(DEFAULT_POLICY, "JPY"), restockingFeePercent: "12.5", returnShippingFee: "1,200", manualReviewThreshold: "" };
    expect(fromForm(form, "JPY")).toMatchObject({ restockingFeeBps: 1250, returnShippingFeeMinor: 1200, manualReviewThresholdMinor: null });
  });
  it("passes text that is not a number through, so the server's message lands on the field", () => {
    const input = fromForm({ ...toForm(DEFAULT_POLICY, "USD"), returnWindowDays: "thirty", returnShippingFee: "4.999" }, "USD");
    expect(input.returnWindowDays).toBe("thirty");
    const parsed = policyInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
  });
  it("previews unsaved numbers, keeping the saved value while a field is not a number yet", () => {
    const preview = previewPolicy({ ...toForm(DEFAULT_POLICY, "USD"), returnWindowDays: "14", restockingFeePercent: "abc" }, "USD", DEFAULT_POLICY);
    expect(preview).toMatchObject({ returnWindowDays: 14, restockingFeeBps: DEFAULT_POLICY.restockingFeeBps });
  });
});

describe("the return page's actions", () => {
  it("offers decisions on a request, receipt and the chosen resolution once approved, closing once resolved", () => {
    const facts = (status: ReturnStatus, resolution: string, more: Partial<ReturnFacts> = {}): ReturnFacts => ({
      id: "rc_1",
      name: "#1001",
      status,
      resolution,
      inShopify: true,
      exchangeItems: resolution === "exchange" ? 1 : 0,
      unitsToReceive: status === "received" ? 0 : 1,
      payout: null,
      moneyMoved: false,
      ...more,
    });
    expect(availableActions(facts("requested", "refund"))).toEqual(["approve", "decline", "fee_override", "cancel", "open_ticket"]);
    expect(availableActions(facts("approved", "store_credit"))[0]).toBe("receive");
    expect(availableActions(facts("received", "exchange"))[0]).toBe("exchange");
    expect(availableActions(facts("resolved", "refund"))[0]).toBe("close");
    expect(availableActions(facts("closed", "refund"))).toEqual(["open_ticket"]);
  });
});

describe("figures in words", () => {
  it("formats deltas, percentages, durations and actors", () => {
    expect(deltaText({ absolute: 2, relative: 0.2 }, "relative")).toBe("+20 %");
    expect(deltaText({ absolute: -0.035, relative: null }, "points")).toBe("−3.5 pts");
    expect(deltaText({ absolute: 5, relative: null }, "relative")).toBe("new");
    expect(percent(0.1234)).toBe("12.3 %");
    expect(percent(null)).toBe("—");
    expect([duration(0.5), duration(5.25), duration(72)]).toEqual(["30 min", "5.3 h", "3.0 days"]);
    expect([actorLabel("system"), actorLabel("staff:42"), actorLabel("webhook")]).toEqual(["Aftercare (automatic)", "Staff 42", "Shopify"]);
  });
  it("names staff actors from the directory's names, and only staff actors", () => {
    const names = { "42": "Sam Novak", system: "Not a person", portal: "Nor this" };
    expect(["staff:42", "staff:77", "system", "portal", "webhook"].map((actor) => actorLabel(actor, names))).toEqual([
      "Sam Novak",
      "Staff 77",
      "Aftercare (automatic)",
      "Customer (returns portal)",
      "Shopify",
    ]);
    expect(actorLabel("staff:constructor", names)).toBe("Staff constructor");
  });
  it("picks round chart ticks", () => {
    expect(niceTicks(9)).toEqual([0, 5]);
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(1)).toEqual([0, 1]);
  });
});
