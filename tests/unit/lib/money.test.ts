import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/errors";
import {
  add,
  allocate,
  formatMoney,
  fromBigInt,
  minMoney,
  minorDigits,
  money,
  multiply,
  parseDecimal,
  percentOf,
  subtract,
  sum,
  toBigInt,
  toDecimalString,
} from "~/lib/money";

const currency = fc.constantFrom("USD", "EUR", "JPY", "KWD", "IDR");
const amount = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

describe("money constructors", () => {
  it("builds a checked amount in a currency", () => {
    // GIVEN / WHEN
    const value = money(1999, "USD");
    // THEN
    expect(value).toEqual({ amountMinor: 1999, currencyCode: "USD" });
  });

  it("refuses fractional minor units", () => {
    // GIVEN / WHEN / THEN
    expect(() => money(19.99, "USD")).toThrow(
      new DomainError("invalid", "Amount 19.99 must be a whole number of minor units within the safe integer range."),
    );
  });

  it("refuses an amount beyond the safe integer range", () => {
    // GIVEN / WHEN / THEN
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, "IDR")).toThrow(/safe integer range/);
  });

  it("refuses a currency code that is not three upper-case letters", () => {
    // GIVEN / WHEN / THEN
    expect(() => money(1, "usd")).toThrow('Currency code "usd" must be three upper-case letters (ISO 4217).');
  });

  it("knows the ISO 4217 minor digits of the currencies it meets", () => {
    // GIVEN / WHEN / THEN
    expect(["JPY", "KRW", "USD", "EUR", "IDR", "KWD", "BHD", "JOD", "OMR", "TND"].map(minorDigits)).toEqual([
      0, 0, 2, 2, 2, 3, 3, 3, 3, 3,
    ]);
  });
});

describe("adding and subtracting", () => {
  it("adds and subtracts amounts in one currency", () => {
    // GIVEN
    const paid = money(5000, "EUR");
    const fee = money(750, "EUR");
    // WHEN / THEN
    expect(subtract(paid, fee)).toEqual(money(4250, "EUR"));
    expect(add(paid, fee)).toEqual(money(5750, "EUR"));
    expect(subtract(fee, paid)).toEqual(money(-4250, "EUR"));
    expect(sum([paid, fee, fee], "EUR")).toEqual(money(6500, "EUR"));
    expect(sum([], "EUR")).toEqual(money(0, "EUR"));
    expect(multiply(money(1299, "EUR"), 3)).toEqual(money(3897, "EUR"));
  });

  it("refuses to add two currencies and names both", () => {
    // GIVEN
    const usd = money(100, "USD");
    const cad = money(100, "CAD");
    // WHEN / THEN
    expect(() => add(usd, cad)).toThrow("Cannot add USD and CAD amounts: convert to one currency first.");
    expect(() => subtract(usd, cad)).toThrow("Cannot subtract USD and CAD amounts: convert to one currency first.");
    expect(() => minMoney(usd, cad)).toThrow("Cannot compare USD and CAD amounts: convert to one currency first.");
  });

  it("caps an amount at a maximum with minMoney", () => {
    // GIVEN / WHEN / THEN
    expect(minMoney(money(2500, "USD"), money(1999, "USD"))).toEqual(money(1999, "USD"));
    expect(minMoney(money(1000, "USD"), money(1999, "USD"))).toEqual(money(1000, "USD"));
  });
});

describe("percentOf (basis points, truncated toward zero)", () => {
  it("rounds a 10 % bonus and a 15 % fee down to whole minor units", () => {
    // GIVEN / WHEN / THEN
    expect(percentOf(money(1999, "USD"), 1000)).toEqual(money(199, "USD")); // 199.9 → 199
    expect(percentOf(money(3333, "USD"), 1500)).toEqual(money(499, "USD")); // 499.95 → 499
    expect(percentOf(money(1999, "USD"), 10_000)).toEqual(money(1999, "USD"));
    expect(percentOf(money(1999, "USD"), 0)).toEqual(money(0, "USD"));
    expect(percentOf(money(-1999, "USD"), 1000)).toEqual(money(-199, "USD"));
  });

  it("stays exact beyond 2^53 intermediate products (large IDR totals)", () => {
    // GIVEN 90 trillion IDR minor units × 9999 bps overflows a double's exact range
    const base = money(9_000_000_000_000_00, "IDR");
    // WHEN / THEN
    expect(percentOf(base, 9999)).toEqual(money(899_910_000_000_000, "IDR"));
  });

  it("refuses basis points outside 0–10000", () => {
    // GIVEN / WHEN / THEN
    expect(() => percentOf(money(100, "USD"), 10_001)).toThrow("Basis points 10001 must be a whole number between 0 and 10000.");
    expect(() => percentOf(money(100, "USD"), 12.5)).toThrow(/Basis points 12.5/);
  });

  it("never exceeds the base in size and never flips sign (property)", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), currency, (minor, bps, code) => {
        const part = percentOf(money(minor, code), bps).amountMinor;
        expect(Math.abs(part)).toBeLessThanOrEqual(Math.abs(minor));
        expect(minor >= 0 ? part >= 0 : part <= 0).toBe(true);
        // truncation: at most one minor unit below the exact value
        expect(Math.abs(minor * bps / 10_000 - part)).toBeLessThan(1);
      }),
    );
  });
});

describe("allocate (largest remainder)", () => {
  it("splits 100 into three equal weights as 34 + 33 + 33", () => {
    // GIVEN / WHEN / THEN
    expect(allocate(money(100, "USD"), [1, 1, 1]).map((m) => m.amountMinor)).toEqual([34, 33, 33]);
  });

  it("gives leftover units to the largest remainders, not simply the first part", () => {
    // GIVEN weights 1 : 2 : 7 of 1001 → exact 100.1, 200.2, 700.7
    // WHEN
    const parts = allocate(money(1001, "EUR"), [1, 2, 7]);
    // THEN the one leftover unit goes to 700.7
    expect(parts.map((m) => m.amountMinor)).toEqual([100, 200, 701]);
  });

  it("splits a negative total into mirror-image parts and gives zero weights nothing", () => {
    // GIVEN / WHEN / THEN
    expect(allocate(money(-100, "USD"), [1, 0, 1, 1]).map((m) => m.amountMinor)).toEqual([-34, 0, -33, -33]);
  });

  it("refuses weights that are all zero, negative, or absent", () => {
    // GIVEN / WHEN / THEN
    expect(() => allocate(money(100, "USD"), [0, 0])).toThrow("Cannot allocate an amount across parts that all weigh 0.");
    expect(() => allocate(money(100, "USD"), [1, -1])).toThrow("Allocation weight -1 must be a whole number of at least 0.");
    expect(() => allocate(money(100, "USD"), [])).toThrow("Cannot allocate an amount across no parts.");
  });

  it("always sums exactly to the whole, each part within one unit of its exact share (property)", () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        currency,
        (minor, weights, code) => {
          const parts = allocate(money(minor, code), weights);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((acc, p) => acc + p.amountMinor, 0)).toBe(minor);
          parts.forEach((part, i) => {
            expect(part.currencyCode).toBe(code);
            expect(Math.abs(part.amountMinor - (minor * (weights[i] ?? 0)) / weightSum)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe("formatting and parsing", () => {
  it("formats with the currency's minor digits", () => {
    // GIVEN / WHEN / THEN
    expect(formatMoney(money(123450, "USD"), "en-US")).toBe("$1,234.50");
    expect(formatMoney(money(1234, "JPY"), "en-US")).toBe("¥1,234");
    expect(formatMoney(money(1234, "KWD"), "en-US")).toBe("KWD\u00a01.234"); // Intl separates a code with a no-break space
    expect(formatMoney(money(-5, "EUR"), "en-US")).toBe("-€0.05");
    expect(formatMoney(money(123456, "EUR"), "de-DE")).toBe("1.234,56\u00a0€");
  });

  it("formats amounts beyond a double's exact decimal range without drift", () => {
    // GIVEN / WHEN / THEN
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, "USD"), "en-US")).toBe("$90,071,992,547,409.91");
  });

  it("writes and reads Shopify's decimal strings exactly", () => {
    // GIVEN / WHEN / THEN
    expect(toDecimalString(money(1999, "USD"))).toBe("19.99");
    expect(toDecimalString(money(5, "USD"))).toBe("0.05");
    expect(toDecimalString(money(-1234, "KWD"))).toBe("-1.234");
    expect(toDecimalString(money(1999, "JPY"))).toBe("1999");
    expect(parseDecimal("19.99", "USD")).toEqual(money(1999, "USD"));
    expect(parseDecimal("10.0", "USD")).toEqual(money(1000, "USD"));
    expect(parseDecimal("1000.0", "JPY")).toEqual(money(1000, "JPY"));
    expect(parseDecimal("-0.5", "KWD")).toEqual(money(-500, "KWD"));
    expect(() => parseDecimal("19.999", "USD")).toThrow('"19.999" has more precision than USD allows (2 decimal places).');
    expect(() => parseDecimal("1e3", "USD")).toThrow('"1e3" is not a decimal amount.');
  });

  it("round-trips any amount through its decimal string (property)", () => {
    fc.assert(
      fc.property(amount, currency, (minor, code) => {
        expect(parseDecimal(toDecimalString(money(minor, code)), code)).toEqual(money(minor, code));
      }),
    );
  });
});

describe("BigInt at the repository edge", () => {
  it("converts safe integers both ways", () => {
    // GIVEN / WHEN / THEN
    expect(toBigInt(350_000_000_000)).toBe(350_000_000_000n);
    expect(fromBigInt(350_000_000_000n)).toBe(350_000_000_000);
    expect(fromBigInt(-1n)).toBe(-1);
  });

  it("throws instead of losing precision", () => {
    // GIVEN / WHEN / THEN
    expect(() => fromBigInt(9_007_199_254_740_993n)).toThrow(
      "Amount 9007199254740993 minor units is outside the safe integer range.",
    );
    expect(() => toBigInt(0.5)).toThrow(/whole number of minor units/);
  });
});
