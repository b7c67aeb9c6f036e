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

/**
 * An amount of an order in both of Shopify's currencies. The simulator stores every order
 * amount in the buyer's (presentment) currency; an order paid in another currency than the
 * shop's (`shopCurrency`, Shopify Markets) converts to shop money at its fixed rate. A bare
 * currency code means both are the same.
 */
export function moneyBag(minor: number, currency: CurrencyCode | OrderCurrencies): MoneyBag {
  const order: OrderCurrencies = typeof currency === "string" ? { currencyCode: currency } : currency;
  const presentment = moneyV2(minor, order.currencyCode);
  if (!order.shopCurrency || order.shopCurrency.code === order.currencyCode) return { shopMoney: presentment, presentmentMoney: { ...presentment } };
  return { shopMoney: moneyV2(Math.round(minor * order.shopCurrency.rate), order.shopCurrency.code), presentmentMoney: presentment };
}

/** What moneyBag needs of an order: its presentment currency and, when different, the shop's. */
export interface OrderCurrencies {
  currencyCode: CurrencyCode;
  shopCurrency?: { code: CurrencyCode; rate: number };
}

/** "$12.50" / "€12.50" for human-readable userError messages. */
export function display(minor: number, currencyCode: CurrencyCode): string {
  const symbol = currencyCode === "EUR" ? "€" : "$";
  return `${symbol}${(minor / 100).toFixed(2)}`;
}
