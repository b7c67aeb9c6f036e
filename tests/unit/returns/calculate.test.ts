import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { paidForReturnedUnits, quoteReturn, type QuoteInput, type QuoteLineInput } from "~/returns/calculate";

const usd = (amountMinor: number) => ({ amountMinor, currencyCode: "USD" });

const tee: QuoteLineInput = {
  lineItemId: "gid://shopify/LineItem/1",
  title: "Classic Tee (M)",
  quantity: 1,
  unitPrice: usd(2500),
  lineTax: usd(200),
  lineQuantity: 1,
  takenQuantity: 0,
};
const policy = { restockingFeeBps: 0, returnShippingFeeMinor: 0, storeCreditBonusBps: 1000, allowRefund: true };

describe("quoteReturn", () => {
  it("refunds the price paid after discounts plus the tax charged for the T-shirt", () => {
    // GIVEN / WHEN
    const quote = quoteReturn({ currencyCode: "USD", resolution: "refund", lines: [tee], policy });
    // THEN
    expect(quote.itemsSubtotal).toEqual(usd(2500));
    expect(quote.tax).toEqual(usd(200));
    expect(quote.refundTotal).toEqual(usd(2700));
    expect(quote.storeCreditTotal).toEqual(usd(0));
    expect(quote.explanation).toEqual(["Classic Tee (M) × 1: $25.00 plus $2.00 tax.", "Refund to your original payment method: $27.00."]);
  });

  it("adds the store-credit bonus, rounded down", () => {
    const quote = quoteReturn({ currencyCode: "USD", resolution: "store_credit", lines: [{ ...tee, lineTax: usd(203) }], policy });
    // 2703 × 10 % = 270.3 → 270
    expect(quote.storeCreditBonus).toEqual(usd(270));
    expect(quote.storeCreditTotal).toEqual(usd(2973));
    expect(quote.explanation).toEqual(["Classic Tee (M) × 1: $25.00 plus $2.03 tax.", "Store-credit bonus: +$2.70.", "Store credit: $29.73."]);
  });

  it("explains the same amounts in the shopper's language and format", () => {
    // GIVEN / WHEN the same store-credit quote asked in German
    const quote = quoteReturn({ currencyCode: "USD", resolution: "store_credit", lines: [{ ...tee, lineTax: usd(203) }], policy, locale: "de" });
    // THEN the numbers do not change, the words and the money format do
    expect(quote.storeCreditTotal).toEqual(usd(2973));
    const plain = quote.explanation.map((line) => line.replace(/\s/g, " "));
    expect(plain).toEqual(["Classic Tee (M) × 1: 25,00 $ zzgl. 2,03 $ Steuern.", "Guthaben-Bonus: +2,70 $.", "Shop-Guthaben: 29,73 $."]);
  });

  it("takes the restocking fee (rounded down) and the return shipping fee once per return", () => {
    const mug: QuoteLineInput = { ...tee, lineItemId: "gid://shopify/LineItem/2", title: "Ceramic Mug", unitPrice: usd(1799), lineTax: usd(144) };
    const quote = quoteReturn({
      currencyCode: "USD",
      resolution: "refund",
      lines: [tee, mug],
      policy: { ...policy, restockingFeeBps: 1250, returnShippingFeeMinor: 595 },
    });
    // 2500 × 12.5 % = 312.5 → 312; 1799 × 12.5 % = 224.875 → 224
    expect(quote.lines.map((l) => l.restockingFee.amountMinor)).toEqual([312, 224]);
    expect(quote.restockingFee).toEqual(usd(536));
    expect(quote.returnShippingFee).toEqual(usd(595));
    // 2500 + 200 + 1799 + 144 − 536 − 595
    expect(quote.refundTotal).toEqual(usd(3512));
    expect(quote.explanation).toContain("Restocking fee: −$5.36.");
    expect(quote.explanation).toContain("Return shipping fee: −$5.95.");
  });

  it("splits a line's tax per unit exactly and gives later units the shares left", () => {
    // 3 units, tax 100: shares 34, 33, 33
    const line = { ...tee, unitPrice: usd(1000), lineTax: usd(100), lineQuantity: 3 };
    const first = quoteReturn({ currencyCode: "USD", resolution: "refund", lines: [{ ...line, quantity: 1 }], policy });
    const rest = quoteReturn({ currencyCode: "USD", resolution: "refund", lines: [{ ...line, quantity: 2, takenQuantity: 1 }], policy });
    expect(first.tax).toEqual(usd(34));
    expect(rest.tax).toEqual(usd(66));
  });

  it("never lets the shipping fee push a refund below zero", () => {
    const quote = quoteReturn({
      currencyCode: "USD",
      resolution: "refund",
      lines: [{ ...tee, unitPrice: usd(300), lineTax: usd(0) }],
      policy: { ...policy, returnShippingFeeMinor: 500 },
    });
    expect(quote.returnShippingFee).toEqual(usd(300));
    expect(quote.refundTotal).toEqual(usd(0));
  });

  it("exchanges the T-shirt for size L at the same price with nothing to pay and no fees", () => {
    const quote = quoteReturn({
      currencyCode: "USD",
      resolution: "exchange",
      lines: [{ ...tee, exchange: { variantId: "gid://shopify/ProductVariant/9003", title: "L", unitPrice: usd(2500) } }],
      policy: { ...policy, restockingFeeBps: 1000, returnShippingFeeMinor: 500 },
    });
    expect(quote.exchangeDifference).toEqual(usd(0));
    expect(quote.amountDue).toEqual(usd(0));
    expect(quote.refundTotal).toEqual(usd(0));
    expect(quote.restockingFee).toEqual(usd(0));
    expect(quote.returnShippingFee).toEqual(usd(0));
    expect(quote.explanation).toContain("The new items cost the same: nothing to pay, nothing back.");
  });

  it("charges an upgrade's difference and returns a downgrade's (as credit when refunds are off)", () => {
    const up = quoteReturn({
      currencyCode: "USD",
      resolution: "exchange",
      lines: [{ ...tee, quantity: 1, exchange: { variantId: "v", title: "XL", unitPrice: usd(2900) } }],
      policy,
    });
    expect(up.amountDue).toEqual(usd(400));
    expect(up.exchangeDifference).toEqual(usd(400));
    const down = quoteReturn({
      currencyCode: "USD",
      resolution: "exchange",
      lines: [{ ...tee, exchange: { variantId: "v", title: "XS", unitPrice: usd(2000) } }],
      policy: { ...policy, allowRefund: false },
    });
    expect(down.exchangeDifference).toEqual(usd(-500));
    expect(down.storeCreditTotal).toEqual(usd(500));
    expect(down.refundTotal).toEqual(usd(0));
    expect(down.storeCreditBonus).toEqual(usd(0));
  });

  it("quotes in the order's presentment currency, zero-decimal currencies included", () => {
    const yen = (amountMinor: number) => ({ amountMinor, currencyCode: "JPY" });
    const quote = quoteReturn({
      currencyCode: "JPY",
      resolution: "store_credit",
      lines: [{ ...tee, unitPrice: yen(2999), lineTax: yen(299) }],
      policy: { ...policy, storeCreditBonusBps: 500 },
    });
    // (2999 + 299) × 5 % = 164.9 → 164
    expect(quote.storeCreditTotal).toEqual(yen(3298 + 164));
  });

  it("refuses more units than are left on the line, in words", () => {
    expect(() =>
      quoteReturn({ currencyCode: "USD", resolution: "refund", lines: [{ ...tee, quantity: 2, lineQuantity: 2, takenQuantity: 1 }], policy }),
    ).toThrow("You can return at most 1 of Classic Tee (M).");
  });

  it("asks for the exchange variant when an exchange line has none", () => {
    expect(() => quoteReturn({ currencyCode: "USD", resolution: "exchange", lines: [tee], policy })).toThrow(
      "Choose what to exchange Classic Tee (M) for.",
    );
  });
});

// ── properties ────────────────────────────────────────────────────────────────────────

const lineArb = fc
  .record({
    unit: fc.integer({ min: 0, max: 1_000_000 }),
    lineQuantity: fc.integer({ min: 1, max: 20 }),
    tax: fc.integer({ min: 0, max: 500_000 }),
    exchangeUnit: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain((l) =>
    fc.record({
      base: fc.constant(l),
      taken: fc.integer({ min: 0, max: l.lineQuantity - 1 }),
    }),
  )
  .chain(({ base, taken }) =>
    fc.record({
      base: fc.constant(base),
      taken: fc.constant(taken),
      quantity: fc.integer({ min: 1, max: base.lineQuantity - taken }),
    }),
  );

const policyArb = fc.record({
  restockingFeeBps: fc.integer({ min: 0, max: 10_000 }),
  returnShippingFeeMinor: fc.integer({ min: 0, max: 100_000 }),
  storeCreditBonusBps: fc.integer({ min: 0, max: 10_000 }),
  allowRefund: fc.boolean(),
});
const resolutionArb = fc.constantFrom("refund" as const, "store_credit" as const, "exchange" as const);

function toInput(
  lines: { base: { unit: number; lineQuantity: number; tax: number; exchangeUnit: number }; taken: number; quantity: number }[],
  resolution: QuoteInput["resolution"],
  p: QuoteInput["policy"],
): QuoteInput {
  return {
    currencyCode: "USD",
    resolution,
    policy: p,
    lines: lines.map((l, i) => ({
      lineItemId: `gid://shopify/LineItem/${i}`,
      title: `Item ${i}`,
      quantity: l.quantity,
      unitPrice: usd(l.base.unit),
      lineTax: usd(l.base.tax),
      lineQuantity: l.base.lineQuantity,
      takenQuantity: l.taken,
      exchange: { variantId: `v${i}`, title: "Other", unitPrice: usd(l.base.exchangeUnit) },
    })),
  };
}

/** What the shopper nets: money back + credit − what they must pay. */
const net = (q: ReturnType<typeof quoteReturn>) => q.refundTotal.amountMinor + q.storeCreditTotal.amountMinor - q.amountDue.amountMinor;

describe("quote properties", () => {
  it("is never negative and never pays back more than was paid for the units (bonus aside)", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), resolutionArb, policyArb, (lines, resolution, p) => {
        const q = quoteReturn(toInput(lines, resolution, p));
        for (const m of [q.refundTotal, q.storeCreditTotal, q.storeCreditBonus, q.restockingFee, q.returnShippingFee, q.amountDue, q.tax]) {
          expect(m.amountMinor).toBeGreaterThanOrEqual(0);
        }
        const paid = paidForReturnedUnits(q).amountMinor;
        expect(q.refundTotal.amountMinor + q.storeCreditTotal.amountMinor - q.storeCreditBonus.amountMinor).toBeLessThanOrEqual(paid);
      }),
    );
  });

  it("never pays more for a return split in two than for the same return in one", () => {
    fc.assert(
      fc.property(lineArb, fc.integer({ min: 0, max: 100 }), resolutionArb, policyArb, (line, cutPercent, resolution, p) => {
        fc.pre(line.quantity >= 2);
        const first = Math.max(1, Math.min(line.quantity - 1, Math.floor((line.quantity * cutPercent) / 100)));
        const whole = quoteReturn(toInput([line], resolution, p));
        const a = quoteReturn(toInput([{ ...line, quantity: first }], resolution, p));
        const b = quoteReturn(toInput([{ ...line, taken: line.taken + first, quantity: line.quantity - first }], resolution, p));
        expect(net(a) + net(b)).toBeLessThanOrEqual(net(whole));
        // The tax shares add up exactly.
        expect(a.tax.amountMinor + b.tax.amountMinor).toBe(whole.tax.amountMinor);
      }),
    );
  });

  it("never pays more when the lines of one return are split across two returns", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), resolutionArb, policyArb, (lines, cut, resolution, p) => {
        const k = Math.min(cut, lines.length - 1);
        const whole = quoteReturn(toInput(lines, resolution, p));
        const a = quoteReturn(toInput(lines.slice(0, k), resolution, p));
        const b = quoteReturn(toInput(lines.slice(k), resolution, p));
        // Exchanges too: upgrades and downgrades net out inside one return, and a capped
        // difference back (≤ paid) is superadditive, so a split never nets more.
        expect(net(a) + net(b)).toBeLessThanOrEqual(net(whole));
      }),
    );
  });
});
