import type { ShopifyAdminClient } from "./client.server";
import { fromMoneyBag, fromMoneyV2, type Money, type MoneyPair } from "./money";

const GET_CUSTOMER = `#graphql
  query GetCustomer($id: ID!) {
    customer(id: $id) {
      id
      displayName
      defaultEmailAddress { emailAddress }
      numberOfOrders
      amountSpent { amount currencyCode }
      storeCreditAccounts(first: 10) {
        nodes { id balance { amount currencyCode } }
      }
      orders(first: 10, sortKey: CREATED_AT, reverse: true) {
        nodes {
          id
          name
          createdAt
          displayFinancialStatus
          displayFulfillmentStatus
          currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        }
      }
    }
  }
`;

export interface Customer {
  id: string;
  displayName: string;
  email: string | null;
  numberOfOrders: number;
  amountSpent: Money;
  /** One account per currency the customer holds store credit in. */
  storeCreditAccounts: { id: string; balance: Money }[];
  recentOrders: {
    id: string;
    name: string;
    createdAt: string;
    financialStatus: string | null;
    fulfillmentStatus: string;
    total: MoneyPair;
  }[];
}

/** Reads a customer's context for the back office: spend, order count, store credit, recent orders. */
export async function getCustomer(client: ShopifyAdminClient, customerId: string): Promise<Customer | null> {
  const data = await client.request(GET_CUSTOMER, { id: customerId });
  const customer = data.customer;
  if (!customer) return null;
  return {
    id: customer.id,
    displayName: customer.displayName,
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    // UnsignedInt64 arrives as a string; no customer has 2^53 orders.
    numberOfOrders: Number(customer.numberOfOrders),
    amountSpent: fromMoneyV2(customer.amountSpent),
    storeCreditAccounts: customer.storeCreditAccounts.nodes.map((account) => ({
      id: account.id,
      balance: fromMoneyV2(account.balance),
    })),
    recentOrders: customer.orders.nodes.map((o) => ({
      id: o.id,
      name: o.name,
      createdAt: o.createdAt,
      financialStatus: o.displayFinancialStatus ?? null,
      fulfillmentStatus: o.displayFulfillmentStatus,
      total: fromMoneyBag(o.currentTotalPriceSet),
    })),
  };
}
