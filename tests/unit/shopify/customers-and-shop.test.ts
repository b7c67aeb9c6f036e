import { describe, expect, it } from "vitest";
import { getCustomer } from "~/shopify/customers.server";
import { getShop } from "~/shopify/shop.server";
import { clientByOperation } from "./fake-graphql";

describe("getCustomer", () => {
  it("maps spend, order count and store credit balances to minor units", async () => {
    // GIVEN a customer with credit in two currencies
    const { client, sent } = clientByOperation({
      GetCustomer: {
        data: {
          customer: {
            id: "gid://shopify/Customer/5",
            displayName: "Ada Lovelace",
            defaultEmailAddress: { emailAddress: "ada@example.com" },
            numberOfOrders: "12",
            amountSpent: { amount: "1234.5", currencyCode: "EUR" },
            storeCreditAccounts: {
              nodes: [
                { id: "gid://shopify/StoreCreditAccount/1", balance: { amount: "20.0", currencyCode: "EUR" } },
                { id: "gid://shopify/StoreCreditAccount/2", balance: { amount: "3000", currencyCode: "JPY" } },
              ],
            },
            orders: {
              nodes: [
                {
                  id: "gid://shopify/Order/1001",
                  name: "#1001",
                  createdAt: "2026-10-01T09:00:00Z",
                  displayFinancialStatus: "PAID",
                  displayFulfillmentStatus: "FULFILLED",
                  currentTotalPriceSet: { shopMoney: { amount: "40.00", currencyCode: "EUR" }, presentmentMoney: { amount: "40.00", currencyCode: "EUR" } },
                },
              ],
            },
          },
        },
      },
    });
    // WHEN read
    const customer = await getCustomer(client, "gid://shopify/Customer/5");
    // THEN
    expect(sent[0]?.variables).toEqual({ id: "gid://shopify/Customer/5" });
    expect(customer).toEqual({
      id: "gid://shopify/Customer/5",
      displayName: "Ada Lovelace",
      email: "ada@example.com",
      numberOfOrders: 12,
      amountSpent: { amountMinor: 123450, currencyCode: "EUR" },
      storeCreditAccounts: [
        { id: "gid://shopify/StoreCreditAccount/1", balance: { amountMinor: 2000, currencyCode: "EUR" } },
        { id: "gid://shopify/StoreCreditAccount/2", balance: { amountMinor: 3000, currencyCode: "JPY" } },
      ],
      recentOrders: [
        {
          id: "gid://shopify/Order/1001",
          name: "#1001",
          createdAt: "2026-10-01T09:00:00Z",
          financialStatus: "PAID",
          fulfillmentStatus: "FULFILLED",
          total: { shop: { amountMinor: 4000, currencyCode: "EUR" }, presentment: { amountMinor: 4000, currencyCode: "EUR" } },
        },
      ],
    });
  });

  it("answers null for an unknown customer", async () => {
    const { client } = clientByOperation({ GetCustomer: { data: { customer: null } } });
    await expect(getCustomer(client, "gid://shopify/Customer/404")).resolves.toBeNull();
  });
});

describe("getShop", () => {
  it("reads the shop's identity, currency, time zone and plan", async () => {
    const { client } = clientByOperation({
      GetShop: {
        data: {
          shop: {
            name: "Demo",
            myshopifyDomain: "demo.myshopify.com",
            currencyCode: "EUR",
            ianaTimezone: "Europe/Paris",
            email: "owner@example.com",
            plan: { publicDisplayName: "Basic", partnerDevelopment: false, shopifyPlus: false },
          },
        },
      },
    });
    await expect(getShop(client)).resolves.toEqual({
      name: "Demo",
      myshopifyDomain: "demo.myshopify.com",
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
      email: "owner@example.com",
      plan: { displayName: "Basic", partnerDevelopment: false, shopifyPlus: false },
    });
  });
});
