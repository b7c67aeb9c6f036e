/**
 * Money is an integer count of the currency's minor unit plus an ISO 4217 code:
 * `{ amountMinor: 1999, currencyCode: "USD" }` is $19.99, `{ 1999, "JPY" }` is ¥1,999.
 *
 * Rounding — one rule, chosen so that nobody is ever paid a fraction the other side
 * did not agree to:
 * - `percentOf` truncates toward zero. A restocking fee rounds down (the shopper never
 *   pays a fraction more than the policy says), a store-credit bonus rounds down (the
 *   merchant never gives a fraction more), and a percentage of a base can never exceed
 *   the base, so a refund computed from what was paid never exceeds what was paid.
 * - `allocate` splits a whole into parts that always sum exactly to the whole (largest
 *   remainder method; ties go to the earlier part, so the result is deterministic).
 * - `minMoney` caps an amount, e.g. a refund at what is still refundable.
 *
 * The database stores BigInt minor units (IDR and VND totals overflow 32 bits); the
 * domain works in JS numbers and converts at the repository edge with `toBigInt` /
 * `fromBigInt`, which throw instead of silently losing precision.
 */
import { DomainError } from "~/lib/errors";

export type Money = { amountMinor: number; currencyCode: string };

const BPS_WHOLE = 10_000;

// ISO 4217 minor units that differ from the usual 2. Intl's own digits come from CLDR
// and differ for a few currencies (e.g. ISK, IDR cash), so we never rely on them.
const ZERO_DECIMAL = new Set([
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** The number of minor-unit digits of a currency (ISO 4217): JPY 0, KWD 3, USD 2. */
export function minorDigits(currencyCode: string): number {
  const code = checkCurrency(currencyCode);
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** A checked Money: a safe integer amount and a three-letter upper-case currency code. */
export function money(amountMinor: number, currencyCode: string): Money {
  return { amountMinor: checkAmount(amountMinor), currencyCode: checkCurrency(currencyCode) };
}

/** Zero in a currency. */
export function zero(currencyCode: string): Money {
  return money(0, currencyCode);
}

/** a + b; both must be in the same currency. */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, "add");
  return money(a.amountMinor + b.amountMinor, a.currencyCode);
}

/** a − b; both must be in the same currency. The result may be negative. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b, "subtract");
  return money(a.amountMinor - b.amountMinor, a.currencyCode);
}

/** The sum of amounts in one currency (zero for an empty list). */
export function sum(amounts: readonly Money[], currencyCode: string): Money {
  return amounts.reduce((total, next) => add(total, next), zero(currencyCode));
}

/** A unit price times a whole quantity (e.g. a line of 3 items). */
export function multiply(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new DomainError("invalid", `Quantity ${quantity} must be a whole number.`);
  }
  return money(unit.amountMinor * quantity, unit.currencyCode);
}

/** The smaller of two amounts in one currency — caps a refund at what is refundable. */
export function minMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, "compare");
  return a.amountMinor <= b.amountMinor ? a : b;
}

/** True when both amounts are in the same currency and equal. */
export function equals(a: Money, b: Money): boolean {
  return a.currencyCode === b.currencyCode && a.amountMinor === b.amountMinor;
}

/** Throws a DomainError naming both currencies when they differ. */
export function assertSameCurrency(a: Money, b: Money, operation = "combine"): void {
  if (a.currencyCode !== b.currencyCode) {
    throw new DomainError(
      "invalid",
      `Cannot ${operation} ${a.currencyCode} and ${b.currencyCode} amounts: convert to one currency first.`,
      { currencies: [a.currencyCode, b.currencyCode] },
    );
  }
}

/**
 * `bps` basis points of `base` (1000 bps = 10 %), truncated toward zero: fees and
 * bonuses round down and the result never exceeds the base in size.
 */
export function percentOf(base: Money, bps: number): Money {
  checkBps(bps);
  // BigInt: amount × bps can pass 2^53 for large IDR totals; BigInt division truncates.
  const part = (BigInt(base.amountMinor) * BigInt(bps)) / BigInt(BPS_WHOLE);
  return money(Number(part), base.currencyCode);
}

/**
 * Splits `total` in proportion to non-negative integer `weights` (e.g. line prices);
 * the parts always sum exactly to `total`, leftover minor units go to the parts with
 * the largest remainders, ties to the earlier part.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) throw new DomainError("invalid", "Cannot allocate an amount across no parts.");
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new DomainError("invalid", `Allocation weight ${weight} must be a whole number of at least 0.`);
    }
  }
  const weightSum = weights.reduce((acc, w) => acc + BigInt(w), 0n);
  if (weightSum === 0n) throw new DomainError("invalid", "Cannot allocate an amount across parts that all weigh 0.");

  // Work on the magnitude so a negative total splits into mirror-image parts.
  const sign = total.amountMinor < 0 ? -1n : 1n;
  const whole = BigInt(Math.abs(total.amountMinor));
  const shares = weights.map((weight, index) => {
    const exact = whole * BigInt(weight);
    return { index, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = whole - shares.reduce((acc, s) => acc + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((s) => money(Number(sign * s.floor), total.currencyCode));
}

/** Formats for people, with the currency's ISO 4217 minor digits: "$1,234.50", "￥1,234". */
export function formatMoney(value: Money, locale: string): string {
  const digits = minorDigits(value.currencyCode);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: value.currencyCode,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toDecimalString(value) as `${number}`);
}

/** The exact decimal string Shopify's MoneyV2 / MoneyInput use: 1999 USD → "19.99", 1999 JPY → "1999". */
export function toDecimalString(value: Money): string {
  checkAmount(value.amountMinor);
  const digits = minorDigits(value.currencyCode);
  const negative = value.amountMinor < 0;
  const magnitude = Math.abs(value.amountMinor).toString();
  if (digits === 0) return `${negative ? "-" : ""}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Parses a decimal amount exactly (no floating point): "19.99" USD → 1999. Trailing
 * zeros beyond the currency's digits are accepted ("1000.0" JPY, as Shopify sends it);
 * any other extra precision throws rather than rounding money silently.
 */
export function parseDecimal(amount: string, currencyCode: string): Money {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new DomainError("invalid", `"${amount}" is not a decimal amount.`);
  const [, minus, integerPart = "0", fraction = ""] = match;
  const digits = minorDigits(currencyCode);
  const kept = fraction.slice(0, digits);
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new DomainError("invalid", `"${amount}" has more precision than ${currencyCode} allows (${digits} decimal places).`);
  }
  const minor = BigInt(integerPart + kept.padEnd(digits, "0"));
  return money(fromBigInt(minus ? -minor : minor), currencyCode);
}

/** A safe integer amount as the BigInt the database stores. */
export function toBigInt(amountMinor: number): bigint {
  return BigInt(checkAmount(amountMinor));
}

/** A BigInt from the database as a JS number; throws if it would lose precision. */
export function fromBigInt(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError("invalid", `Amount ${value} minor units is outside the safe integer range.`);
  }
  return Number(value);
}

function checkAmount(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new DomainError("invalid", `Amount ${amountMinor} must be a whole number of minor units within the safe integer range.`);
  }
  // -0 and 0 are the same money; keep the stored form canonical.
  return amountMinor === 0 ? 0 : amountMinor;
}

function checkCurrency(currencyCode: string): string {
  if (!/^[A-Z]{3}$/.test(currencyCode)) {
    throw new DomainError("invalid", `Currency code "${currencyCode}" must be three upper-case letters (ISO 4217).`);
  }
  return currencyCode;
}

function checkBps(bps: number): void {
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS_WHOLE) {
    throw new DomainError("invalid", `Basis points ${bps} must be a whole number between 0 and 10000.`);
  }
}
