/**
 * Store credit outside a refund: the bonus Aftercare adds on top of store credit issued by
 * `returnProcess`. `storeCreditAccountCredit` documents no idempotency (DESIGN.md §7), so
 * the caller writes a ledger row first and reads `listStoreCreditCredits` before calling again.
 */
import type { ShopifyAdminClient } from "./client.server";
import { assertNoUserErrors, ShopifyMissingDataError } from "./errors";
import type { CurrencyCode, MoneyInput } from "~/types/admin.types";
import { fromMoneyV2, toDecimalString, type Money } from "./money";

const STORE_CREDIT_ACCOUNT_CREDIT = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        id
        createdAt
        amount { amount currencyCode }
        balanceAfterTransaction { amount currencyCode }
        account { id }
      }
      userErrors { field message code }
    }
  }
`;

const LIST_STORE_CREDIT_CREDITS = `#graphql
  query ListStoreCreditCredits($customerId: ID!) {
    customer(id: $customerId) {
      id
      storeCreditAccounts(first: 3) {
        nodes {
          id
          balance { amount currencyCode }
          transactions(first: 25, reverse: true) {
            nodes {
              __typename
              ... on StoreCreditAccountCreditTransaction { id createdAt event amount { amount currencyCode } }
            }
          }
        }
      }
    }
  }
`;

export interface StoreCreditCredit {
  id: string;
  accountId: string;
  createdAt: string;
  amount: Money;
  balanceAfter: Money;
}

/** Credits a customer's store credit account in the amount's currency (Shopify creates the account on first use). */
export async function creditStoreCredit(
  client: ShopifyAdminClient,
  input: { customerId: string; amount: Money; expiresAt?: Date; notify?: boolean },
): Promise<StoreCreditCredit> {
  const data = await client.request(STORE_CREDIT_ACCOUNT_CREDIT, {
    // An owner (customer) id: Shopify uses, or opens, the owner's account in this currency.
    id: input.customerId,
    creditInput: {
      creditAmount: moneyInput(input.amount),
      notify: input.notify ?? true,
      ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
    },
  });
  const payload = assertNoUserErrors(data.storeCreditAccountCredit, "StoreCreditAccountCredit");
  const t = payload.storeCreditAccountTransaction;
  if (!t) throw new ShopifyMissingDataError("StoreCreditAccountCredit", "storeCreditAccountCredit.storeCreditAccountTransaction");
  return {
    id: t.id,
    accountId: t.account.id,
    createdAt: t.createdAt,
    amount: fromMoneyV2(t.amount),
    balanceAfter: fromMoneyV2(t.balanceAfterTransaction),
  };
}

export interface StoreCreditHistoryEntry {
  id: string;
  accountId: string;
  createdAt: string;
  /** Shopify's StoreCreditSystemEvent: ADJUSTMENT for a manual/API credit, ORDER_REFUND for a refund. */
  event: string;
  amount: Money;
}

/** The customer's newest store credit credits (all accounts), newest first; null when there is no such customer. */
export async function listStoreCreditCredits(client: ShopifyAdminClient, customerId: string): Promise<StoreCreditHistoryEntry[] | null> {
  const data = await client.request(LIST_STORE_CREDIT_CREDITS, { customerId });
  if (!data.customer) return null;
  return data.customer.storeCreditAccounts.nodes.flatMap((account) =>
    account.transactions.nodes.flatMap((t) =>
      t.__typename === "StoreCreditAccountCreditTransaction" && "id" in t
        ? [{ id: t.id, accountId: account.id, createdAt: t.createdAt, event: t.event, amount: fromMoneyV2(t.amount) }]
        : [],
    ),
  );
}

// ~/lib/money has already checked the code is three upper-case letters; Shopify answers an
// unknown one with a userError, which the ledger records.
function moneyInput(value: Money): MoneyInput {
  return { amount: toDecimalString(value), currencyCode: value.currencyCode as CurrencyCode };
}
