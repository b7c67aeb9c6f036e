import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/errors";
import { allocateToTransactions, movementKey, planMoneyMovements, refundableOnOrder, type PlanLine, type PlanReturn } from "~/refunds/plan";

const rc = (over: Partial<PlanReturn> = {}): PlanReturn => ({
  id: "rc_1",
  status: "received",
  currencyCode: "USD",
  feeAmountMinor: 500,
  bonusAmountMinor: 414,
  refundAmountMinor: 0,
  storeCreditAmountMinor: 0,
  exchangeDifferenceMinor: 0,
  ...over,
});
const tee: PlanLine = { id: "l1", unitPriceMinor: 2500, unitTaxMinor: 200, quantityRequested: 2, quantityReceived: 2, quantityRefunded: 0, exchangeVariantId: null, exchangeUnitPriceMinor: null };
const mug: PlanLine = { id: "l2", unitPriceMinor: 1800, unitTaxMinor: 144, quantityRequested: 1, quantityReceived: 1, quantityRefunded: 0, exchangeVariantId: null, exchangeUnitPriceMinor: null };
const usd = (amountMinor: number) => ({ amountMinor, currencyCode: "USD" });

describe("planMoneyMovements", () => {
  it("refunds price + tax of the received units less the quoted fee, and records the fee", () => {
    const plan = planMoneyMovements(rc(), [tee, mug], { intent: "refund" });
    expect(plan.movements).toEqual([
      { kind: "refund", amount: usd(6844) },
      { kind: "fee", amount: usd(500) },
    ]);
    expect(plan.worth).toEqual(usd(7344));
    expect(plan.units).toEqual([{ lineId: "l1", quantity: 2 }, { lineId: "l2", quantity: 1 }]);
  });

  it("issues store credit with the quoted bonus as its own movement", () => {
    const plan = planMoneyMovements(rc(), [tee, mug], { intent: "store_credit" });
    expect(plan.movements).toEqual([
      { kind: "store_credit", amount: usd(6844) },
      { kind: "bonus", amount: usd(414) },
      { kind: "fee", amount: usd(500) },
    ]);
  });

  it("scales the fee and the bonus down (rounding down) when only part came back", () => {
    // 1 of 2 tees received: worth 2700 + 1944 = 4644 of 7344
    const plan = planMoneyMovements(rc(), [{ ...tee, quantityReceived: 1 }, mug], { intent: "store_credit" });
    // fee 500 × 4644 / 7344 = 316.17 → 316; bonus 414 × 4644 / 7344 = 261.79 → 261
    expect(plan.movements).toEqual([
      { kind: "store_credit", amount: usd(4328) },
      { kind: "bonus", amount: usd(261) },
      { kind: "fee", amount: usd(316) },
    ]);
  });

  it("pays the requested units when a return is resolved before anything arrives", () => {
    const plan = planMoneyMovements(rc({ status: "approved", feeAmountMinor: 0 }), [{ ...tee, quantityReceived: 0 }], { intent: "refund" });
    expect(plan.movements).toEqual([{ kind: "refund", amount: usd(5400) }]);
  });

  it("caps the refund at what the order can still refund and says so", () => {
    const plan = planMoneyMovements(rc(), [tee, mug], { intent: "refund" }, { refundable: usd(5000) });
    expect(plan.movements[0]).toEqual({ kind: "refund", amount: usd(5000) });
    expect(plan.warnings).toEqual(["The refund was capped at $50.00, what the order can still refund (planned $68.44)."]);
  });

  it("flags a difference from the quote", () => {
    const plan = planMoneyMovements(rc({ refundAmountMinor: 6900 }), [tee, mug], { intent: "refund" });
    expect(plan.warnings).toEqual(["The quote promised a refund of $69.00; the plan pays $68.44."]);
  });

  it("refunds the balance of a cheaper exchange and owes nothing, and names what a dearer one costs", () => {
    const cheaper = planMoneyMovements(rc(), [{ ...tee, exchangeVariantId: "v", exchangeUnitPriceMinor: 2000 }], { intent: "exchange" });
    expect(cheaper.movements).toEqual([{ kind: "exchange_balance", amount: usd(1000) }]);
    const dearer = planMoneyMovements(rc(), [{ ...tee, exchangeVariantId: "v", exchangeUnitPriceMinor: 3000 }], { intent: "exchange" });
    expect(dearer.movements).toEqual([{ kind: "exchange_balance", amount: usd(0) }]);
    expect(dearer.amountDue).toEqual(usd(1000));
  });

  it("accepts a partial refund up to the refund less fees, and refuses more", () => {
    expect(planMoneyMovements(rc(), [tee, mug], { intent: "partial_refund", amountMinor: 2000 }).movements).toEqual([
      { kind: "refund", amount: usd(2000) },
    ]);
    expect(() => planMoneyMovements(rc(), [tee, mug], { intent: "partial_refund", amountMinor: 6845 })).toThrow(
      new DomainError("invalid", "A partial refund of return rc_1 can be at most $68.44."),
    );
  });

  it("refuses to pay a return that is not approved or received, or has nothing left to pay", () => {
    expect(() => planMoneyMovements(rc({ status: "resolved" }), [tee], { intent: "refund" })).toThrow("Return rc_1 is resolved and cannot be refunded.");
    expect(() => planMoneyMovements(rc(), [{ ...tee, quantityRefunded: 2 }], { intent: "refund" })).toThrow(
      "Return rc_1 has no received items left to pay for.",
    );
  });

  it("never takes more out of the order than was paid, nor more than the items are worth (property)", () => {
    const line = fc.record({
      unitPriceMinor: fc.integer({ min: 0, max: 500_000 }),
      unitTaxMinor: fc.integer({ min: 0, max: 50_000 }),
      quantityRequested: fc.integer({ min: 1, max: 20 }),
      received: fc.integer({ min: 0, max: 20 }),
      refunded: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom("refund" as const, "store_credit" as const),
        (specs, fee, bonus, paid, intent) => {
          const lines: PlanLine[] = specs.map((s, i) => {
            const received = Math.min(s.received, s.quantityRequested);
            return {
              id: `l${i}`,
              unitPriceMinor: s.unitPriceMinor,
              unitTaxMinor: s.unitTaxMinor,
              quantityRequested: s.quantityRequested,
              quantityReceived: received,
              quantityRefunded: Math.min(s.refunded, received),
              exchangeVariantId: null,
              exchangeUnitPriceMinor: null,
            };
          });
          let plan;
          try {
            plan = planMoneyMovements(rc({ feeAmountMinor: fee, bonusAmountMinor: bonus }), lines, { intent }, { refundable: usd(paid) });
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError); // nothing left to pay
            return;
          }
          const out = plan.toPayment.amountMinor + plan.toStoreCredit.amountMinor;
          const feeKept = plan.fee.amountMinor;
          expect(out).toBeLessThanOrEqual(paid);
          expect(out + feeKept).toBeLessThanOrEqual(plan.worth.amountMinor);
          expect(plan.bonus.amountMinor).toBeLessThanOrEqual(bonus);
          expect(plan.movements.every((m) => m.amount.amountMinor >= 0 && Number.isSafeInteger(m.amount.amountMinor))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("order transactions", () => {
  const sale = (id: string, amountMinor: number) => ({ id, kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountMinor, parentTransactionId: null });
  const refund = (parent: string | null, amountMinor: number, gateway = "shopify_payments") => ({ id: `r-${amountMinor}`, kind: "REFUND", status: "SUCCESS", gateway, amountMinor, parentTransactionId: parent });

  it("knows what is still refundable: sales minus refunds, store credit refunds included", () => {
    expect(refundableOnOrder([sale("s1", 4644), refund("s1", 1000), refund(null, 500, "shopify_store_credit")], "USD")).toEqual(usd(3144));
  });

  it("fills the sale transactions in order, each up to what it can still refund", () => {
    expect(allocateToTransactions(usd(3000), [sale("s1", 2000), refund("s1", 500), sale("s2", 5000)])).toEqual([
      { parentTransactionId: "s1", gateway: "shopify_payments", amount: usd(1500) },
      { parentTransactionId: "s2", gateway: "shopify_payments", amount: usd(1500) },
    ]);
    expect(() => allocateToTransactions(usd(3000), [sale("s1", 2000)])).toThrow("The order's payments can only take back $20.00 of $30.00.");
  });

  it("derives one key per return and slot, the same every time", () => {
    expect(movementKey("a.myshopify.com", "rc_1", "resolution")).toBe("aftercare:a.myshopify.com:rc_1:resolution");
    expect(movementKey("a.myshopify.com", "rc_1", "resolution")).toBe(movementKey("a.myshopify.com", "rc_1", "resolution"));
  });
});
