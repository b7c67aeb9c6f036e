import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/errors";
import { fromMoneyBag, fromMoneyV2, toDecimalString, toMoneyInput } from "~/shopify/money";

const parse = (amount: string, currencyCode: string) => fromMoneyV2({ amount, currencyCode }).amountMinor;

describe("money at the gateway", () => {
  it.each([
    ["12.50", "USD", 1250],
    ["10", "USD", 1000],
    ["10.5", "USD", 1050],
    ["0.01", "EUR", 1],
    ["-3.20", "USD", -320],
    ["-0.00", "USD", 0],
    ["1500", "JPY", 1500],
    ["1500.0", "JPY", 1500],
    ["1.234", "KWD", 1234],
    ["10.5", "KWD", 10500],
    ["0.005", "BHD", 5],
    ["7.25", "TND", 7250],
    ["90071992547409.91", "USD", 9007199254740991],
  ])("reads %s %s as %i minor units", (amount, currency, minor) => {
    // GIVEN Shopify's decimal string WHEN parsed THEN the minor units are exact
    expect(parse(amount, currency)).toBe(minor);
  });

  it("keeps the currency with the amount when reading a MoneyV2", () => {
    expect(fromMoneyV2({ amount: "19.99", currencyCode: "GBP" })).toEqual({ amountMinor: 1999, currencyCode: "GBP" });
  });

  it("reads both sides of a MoneyBag", () => {
    // GIVEN a price paid in yen by a shop that books in dollars
    const bag = { shopMoney: { amount: "10.07", currencyCode: "USD" }, presentmentMoney: { amount: "1500.0", currencyCode: "JPY" } };
    // WHEN read THEN each side has its own minor units
    expect(fromMoneyBag(bag)).toEqual({
      shop: { amountMinor: 1007, currencyCode: "USD" },
      presentment: { amountMinor: 1500, currencyCode: "JPY" },
    });
  });

  it.each([
    ["12.505", "USD", '"12.505" has more precision than USD allows (2 decimal places).'],
    ["1500.5", "JPY", '"1500.5" has more precision than JPY allows (0 decimal places).'],
    ["12,50", "EUR", '"12,50" is not a decimal amount.'],
    ["1e3", "USD", '"1e3" is not a decimal amount.'],
    ["", "USD", '"" is not a decimal amount.'],
    ["90071992547409.92", "USD", "Amount 9007199254740992 minor units is outside the safe integer range."],
  ])("refuses %s %s rather than round it", (amount, currency, message) => {
    expect(() => parse(amount, currency)).toThrow(new DomainError("invalid", message));
  });

  it.each([
    [1250, "USD", "12.50"],
    [1000, "USD", "10.00"],
    [5, "USD", "0.05"],
    [-5, "USD", "-0.05"],
    [-320, "EUR", "-3.20"],
    [0, "USD", "0.00"],
    [1500, "JPY", "1500"],
    [-1500, "JPY", "-1500"],
    [1234, "KWD", "1.234"],
    [5, "OMR", "0.005"],
  ])("writes %i %s back as %s", (minor, currency, text) => {
    expect(toDecimalString({ amountMinor: minor, currencyCode: currency })).toBe(text);
  });

  it("sends a MoneyInput with the exact decimal string", () => {
    expect(toMoneyInput({ amountMinor: 1234, currencyCode: "KWD" })).toEqual({ amount: "1.234", currencyCode: "KWD" });
  });

  it("round-trips every amount it writes", () => {
    for (const [minor, currency] of [[123456, "USD"], [-1, "KWD"], [987, "JPY"]] as const) {
      expect(parse(toDecimalString({ amountMinor: minor, currencyCode: currency }), currency)).toBe(minor);
    }
  });
});

describe("money leaving the gateway", () => {
  it("refuses to write a fractional number of minor units", () => {
    expect(() => toDecimalString({ amountMinor: 12.5, currencyCode: "USD" })).toThrow(
      new DomainError("invalid", "Amount 12.5 must be a whole number of minor units within the safe integer range."),
    );
  });
});
