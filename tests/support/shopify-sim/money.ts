import type { CurrencyCode } from "./store";

/**
 * Shopify serialises `Decimal` money amounts the way Ruby's BigDecimal prints them:
 * "25.0", "19.99", "19.9" — never "25.00". Apps must parse, not string-compare, and the
 * simulator keeps that quirk so code written against it survives the real API.
 */
export function formatDecimal(minor: number): string {
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  let fraction = cents.toString().padStart(2, "0");
  if (fraction.endsWith("0")) fraction = fraction.slice(0, 1);
  return `${negative ? "-" : ""}${units}.${fraction}`;
}

/** Parses a Shopify `Decimal`/`Money` string ("12.5", "12.50", "12") into minor units; null if malformed. */
export function parseDecimal(value: string): number | null {
  const match = /^(-)?(\d+)(?:\.(\d{1,2})0*)?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, units = "0", fraction = ""] = match;
  const minor = Number(units) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -minor : minor;
}

export interface MoneyV2 {
  amount: string;
  currencyCode: CurrencyCode;
}

export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

export function moneyV2(minor: number, currencyCode: CurrencyCode): MoneyV2 {
  return { amount: formatDecimal(minor), currencyCode };
}

/** Presentment currency equals shop currency in the simulator (no multi-currency checkout). */
export function moneyBag(minor: number, currencyCode: CurrencyCode): MoneyBag {
  const money = moneyV2(minor, currencyCode);
  return { shopMoney: money, presentmentMoney: { ...money } };
}

/** "$12.50" / "€12.50" for human-readable userError messages. */
export function display(minor: number, currencyCode: CurrencyCode): string {
  const symbol = currencyCode === "EUR" ? "€" : "$";
  return `${symbol}${(minor / 100).toFixed(2)}`;
}
