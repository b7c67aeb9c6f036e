import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { formatPercent, policyParagraphs } from "~/policy/text";

describe("policyParagraphs", () => {
  it("writes the starter policy in the shopper's words", () => {
    expect(policyParagraphs(DEFAULT_POLICY, { currencyCode: "USD" })).toEqual([
      "You can start a return within 30 days of delivery (or of shipping, when we have no delivery date).",
      "Choose a refund to your original payment method, store credit with a 10% bonus, or an exchange for another size or colour.",
      "Items marked final sale cannot be returned. Gift Card items cannot be returned.",
      "Please add a photo when the reason is arrived damaged or wrong item sent.",
    ]);
  });

  it("names fees and keeps the merchant's own paragraphs last", () => {
    const text = policyParagraphs(
      { ...DEFAULT_POLICY, restockingFeeBps: 1250, returnShippingFeeMinor: 595, allowExchange: false, policyText: "Sale items: 14 days.\n\nThank you!" },
      { currencyCode: "EUR", locale: "en-US" },
    );
    expect(text).toContain("Refunds and store credit are reduced by a restocking fee of 12.5% of the item price and a return shipping fee of €5.95 per return. Exchanges have no fees.");
    expect(text.slice(-2)).toEqual(["Sale items: 14 days.", "Thank you!"]);
  });

  it("formats basis points as percentages", () => {
    expect([formatPercent(1000), formatPercent(1250), formatPercent(5), formatPercent(0)]).toEqual(["10%", "12.5%", "0.05%", "0%"]);
  });
});
