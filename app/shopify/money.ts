/**
 * Money crosses the gateway once: Shopify's `MoneyV2 { amount: Decimal string, currencyCode }`
 * becomes integer minor units here (exact string arithmetic in ~/lib/money), and goes back
 * to a decimal string only when we send it.
 */
import { parseDecimal, toDecimalString, type Money } from "~/lib/money";

export type { Money };
export { toDecimalString };

/** What the Admin API returns for money (`MoneyV2`). */
export interface MoneyV2Like {
  amount: string;
  currencyCode: string;
}

/** Converts Shopify's MoneyV2 to minor units: `{amount: "12.50", currencyCode: "USD"}` → 1250 USD. */
export function fromMoneyV2(value: MoneyV2Like): Money {
  return parseDecimal(value.amount, value.currencyCode);
}

/** Converts minor units back to a MoneyV2-shaped input (`MoneyInput`). */
export function toMoneyInput(value: Money): MoneyV2Like {
  return { amount: toDecimalString(value), currencyCode: value.currencyCode };
}

/** An amount in the shop's currency and in the currency the buyer paid in. */
export interface MoneyPair {
  shop: Money;
  presentment: Money;
}

/** Converts Shopify's `MoneyBag` (shopMoney + presentmentMoney) to minor units. */
export function fromMoneyBag(bag: { shopMoney: MoneyV2Like; presentmentMoney: MoneyV2Like }): MoneyPair {
  return { shop: fromMoneyV2(bag.shopMoney), presentment: fromMoneyV2(bag.presentmentMoney) };
}
