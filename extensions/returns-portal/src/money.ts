/**
 * Money for people. Amounts arrive as integer minor units; the currency's ISO 4217 digits
 * (JPY 0, KWD 3, else 2) decide where the point goes — Intl's CLDR digits differ for a few
 * currencies, so they are never trusted. Mirrors app/lib/money.ts (a test keeps them equal).
 */
import type { PortalMoney } from "./types";

const ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";

/** ISO 4217 minor-unit digits: JPY 0, KWD 3, USD 2. */
export function minorDigits(currencyCode: string): number {
  return ZERO.includes(currencyCode) ? 0 : THREE.includes(currencyCode) ? 3 : 2;
}

/** 1999 USD in "en" → "$19.99"; 1999 JPY → "¥1,999"; 1999 KWD in "fr" → "1,999 KWD". */
export function formatMoney(money: PortalMoney, locale: string): string {
  const digits = minorDigits(money.currencyCode);
  const negative = money.amountMinor < 0;
  const abs = String(Math.abs(money.amountMinor)).padStart(digits + 1, "0");
  // Built as a decimal string so no float ever rounds a cent away.
  const decimal = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: money.currencyCode,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(((negative ? "-" : "") + decimal) as unknown as number);
}

/** 1000 basis points → "10 %" in the shopper's locale. */
export function formatPercent(bps: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bps / 10000);
}
