/**
 * Finishing a return in Shopify: `returnProcess` (confirmed quantities, exchange items and
 * the money: card refund and/or store credit), `returnCreate` (a return that carries
 * exchange items — the only way to add them), and the read the money ledger reconciles by.
 *
 * `returnProcess` and `returnCreate` document no idempotency (DESIGN.md §7): the gateway
 * never repeats them after a 5xx, and the caller records a ledger row before calling and
 * reads `getReturnState` before calling again.
 */
import type { ShopifyAdminClient } from "./client.server";
import { assertNoUserErrors, ShopifyMissingDataError } from "./errors";
import type { CurrencyCode, MoneyInput } from "~/types/admin.types";
import { fromMoneyBag, toDecimalString, type Money, type MoneyPair } from "./money";

const RETURN_PROCESS = `#graphql
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return {
        id
        status
        refunds(first: 5, reverse: true) {
          nodes { id createdAt totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } }
        }
      }
      userErrors { field message code }
    }
  }
`;

const RETURN_CREATE = `#graphql
  mutation ReturnCreateWithExchange($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return {
        id
        name
        status
        returnLineItems(first: 25) {
          nodes { id quantity ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } } }
        }
        exchangeLineItems(first: 10) { nodes { id variantId quantity } }
      }
      userErrors { field message code }
    }
  }
`;

const GET_RETURN_STATE = `#graphql
  query GetReturnState($id: ID!) {
    return(id: $id) {
      id
      name
      status
      order { id }
      returnLineItems(first: 25) {
        nodes {
          id
          quantity
          processedQuantity
          ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } }
        }
      }
      exchangeLineItems(first: 10) { nodes { id variantId quantity processedQuantity } }
      refunds(first: 10) {
        nodes {
          id
          createdAt
          totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          transactions(first: 5) { nodes { id gateway kind status amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } }
        }
      }
    }
  }
`;

const GET_ORDER_OPEN_RETURNS = `#graphql
  query GetOrderOpenReturns($id: ID!) {
    order(id: $id) {
      id
      returns(first: 10, query: "status:OPEN") {
        nodes {
          id
          name
          status
          returnLineItems(first: 15) {
            nodes { id quantity processedQuantity ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } } }
          }
          exchangeLineItems(first: 10) { nodes { id variantId quantity processedQuantity } }
        }
      }
    }
  }
`;

export interface ReturnStateLine {
  id: string;
  quantity: number;
  processedQuantity: number;
  fulfillmentLineItemId: string | null;
  lineItemId: string | null;
}

export interface ReturnStateRefund {
  id: string;
  createdAt: string | null;
  total: MoneyPair;
  /** Money to the original payment (all gateways but store credit). */
  toPayment: Money;
  /** Money to store credit (`shopify_store_credit` REFUND transactions). */
  toStoreCredit: Money;
}

export interface ReturnState {
  id: string;
  name: string;
  status: string;
  orderId: string;
  lines: ReturnStateLine[];
  exchangeLines: { id: string; variantId: string | null; quantity: number; processedQuantity: number }[];
  refunds: ReturnStateRefund[];
}

/** Store-credit refunds are REFUND transactions on this gateway. */
export const STORE_CREDIT_GATEWAY = "shopify_store_credit";

/** Reads a return as the ledger needs it: lines and what was processed, exchange items, refunds split by method. */
export async function getReturnState(client: ShopifyAdminClient, returnId: string): Promise<ReturnState | null> {
  const data = await client.request(GET_RETURN_STATE, { id: returnId });
  const ret = data.return;
  if (!ret) return null;
  return {
    id: ret.id,
    name: ret.name,
    status: ret.status,
    orderId: ret.order.id,
    lines: ret.returnLineItems.nodes.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      processedQuantity: l.processedQuantity,
      fulfillmentLineItemId: "fulfillmentLineItem" in l && l.fulfillmentLineItem ? l.fulfillmentLineItem.id : null,
      lineItemId: "fulfillmentLineItem" in l && l.fulfillmentLineItem ? l.fulfillmentLineItem.lineItem.id : null,
    })),
    exchangeLines: ret.exchangeLineItems.nodes.map((e) => ({
      id: e.id,
      variantId: e.variantId ?? null,
      quantity: e.quantity,
      processedQuantity: e.processedQuantity,
    })),
    refunds: ret.refunds.nodes.map((r) => {
      const total = fromMoneyBag(r.totalRefundedSet);
      const currency = total.presentment.currencyCode;
      let toPayment = 0;
      let toStoreCredit = 0;
      for (const t of r.transactions.nodes) {
        if (t.kind !== "REFUND" || t.status !== "SUCCESS") continue;
        const amount = fromMoneyBag(t.amountSet).presentment.amountMinor;
        if (t.gateway === STORE_CREDIT_GATEWAY) toStoreCredit += amount;
        else toPayment += amount;
      }
      return {
        id: r.id,
        createdAt: r.createdAt ?? null,
        total,
        toPayment: { amountMinor: toPayment, currencyCode: currency },
        toStoreCredit: { amountMinor: toStoreCredit, currencyCode: currency },
      };
    }),
  };
}

export interface ProcessReturnInput {
  returnId: string;
  /** Confirmed quantities of Shopify return line items. */
  lines: { returnLineItemId: string; quantity: number }[];
  /** Exchange items to release (they become order lines and ship). */
  exchangeLines?: { exchangeLineItemId: string; quantity: number }[];
  /** Money back on the original payment, per SALE/CAPTURE transaction (presentment currency). */
  orderTransactions?: { parentTransactionId: string; amount: Money }[];
  /** Money to the customer's store credit. */
  storeCredit?: Money;
  note?: string;
  notifyCustomer?: boolean;
}

export interface ProcessedReturn {
  id: string;
  status: string;
  /** The refund this call created (the newest on the return), when money moved. */
  refundId: string | null;
}

/** Processes a return: confirms quantities, releases exchange items and issues the refund and/or store credit in one call. */
export async function processReturn(client: ShopifyAdminClient, input: ProcessReturnInput): Promise<ProcessedReturn> {
  const orderTransactions = input.orderTransactions ?? [];
  const moneyMoves = orderTransactions.length > 0 || (input.storeCredit?.amountMinor ?? 0) > 0;
  const data = await client.request(RETURN_PROCESS, {
    input: {
      returnId: input.returnId,
      returnLineItems: input.lines.map((l) => ({ id: l.returnLineItemId, quantity: l.quantity })),
      ...(input.exchangeLines?.length
        ? { exchangeLineItems: input.exchangeLines.map((e) => ({ id: e.exchangeLineItemId, quantity: e.quantity })) }
        : {}),
      ...(input.note ? { note: input.note } : {}),
      notifyCustomer: input.notifyCustomer ?? true,
      ...(moneyMoves
        ? {
            financialTransfer: {
              issueRefund: {
                orderTransactions: orderTransactions.map((t) => ({
                  parentId: t.parentTransactionId,
                  transactionAmount: moneyInput(t.amount),
                })),
                ...(input.storeCredit && input.storeCredit.amountMinor > 0
                  ? { refundMethods: [{ storeCreditRefund: { amount: moneyInput(input.storeCredit) } }] }
                  : {}),
              },
            },
          }
        : {}),
    },
  });
  const payload = assertNoUserErrors(data.returnProcess, "ReturnProcess");
  if (!payload.return) throw new ShopifyMissingDataError("ReturnProcess", "returnProcess.return");
  // Refunds are listed newest first (reverse: true): the one this call made leads.
  const newest = payload.return.refunds.nodes[0];
  return { id: payload.return.id, status: payload.return.status, refundId: moneyMoves ? (newest?.id ?? null) : null };
}

export interface CreateExchangeReturnInput {
  orderId: string;
  requestedAt?: Date;
  lines: { fulfillmentLineItemId: string; quantity: number; reasonDefinitionId?: string | null; reasonNote?: string | null }[];
  exchangeLines: { variantId: string; quantity: number }[];
}

export interface ExchangeReturn {
  id: string;
  name: string;
  status: string;
  lines: { id: string; fulfillmentLineItemId: string | null; quantity: number }[];
  exchangeLines: { id: string; variantId: string | null; quantity: number }[];
}

/** Creates an OPEN return that carries exchange items (`returnCreate`); returnRequest cannot carry them. */
export async function createExchangeReturn(client: ShopifyAdminClient, input: CreateExchangeReturnInput): Promise<ExchangeReturn> {
  const data = await client.request(RETURN_CREATE, {
    returnInput: {
      orderId: input.orderId,
      ...(input.requestedAt ? { requestedAt: input.requestedAt.toISOString() } : {}),
      returnLineItems: input.lines.map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        ...(l.reasonDefinitionId ? { returnReasonDefinitionId: l.reasonDefinitionId } : {}),
        ...(l.reasonNote ? { returnReasonNote: l.reasonNote.slice(0, 255) } : {}),
      })),
      exchangeLineItems: input.exchangeLines.map((e) => ({ variantId: e.variantId, quantity: e.quantity })),
    },
  });
  const payload = assertNoUserErrors(data.returnCreate, "ReturnCreateWithExchange");
  const ret = payload.return;
  if (!ret) throw new ShopifyMissingDataError("ReturnCreateWithExchange", "returnCreate.return");
  return {
    id: ret.id,
    name: ret.name,
    status: ret.status,
    lines: ret.returnLineItems.nodes.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      fulfillmentLineItemId: "fulfillmentLineItem" in l && l.fulfillmentLineItem ? l.fulfillmentLineItem.id : null,
    })),
    exchangeLines: ret.exchangeLineItems.nodes.map((e) => ({ id: e.id, variantId: e.variantId ?? null, quantity: e.quantity })),
  };
}

/** The order's OPEN returns with nothing processed yet — where a crashed `returnCreate` would have left its return. */
export async function listOpenReturns(client: ShopifyAdminClient, orderId: string): Promise<ExchangeReturn[]> {
  const data = await client.request(GET_ORDER_OPEN_RETURNS, { id: orderId });
  return (data.order?.returns.nodes ?? [])
    .filter((r) => r.status === "OPEN" && r.returnLineItems.nodes.every((l) => l.processedQuantity === 0))
    .map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      lines: r.returnLineItems.nodes.map((l) => ({
        id: l.id,
        quantity: l.quantity,
        fulfillmentLineItemId: "fulfillmentLineItem" in l && l.fulfillmentLineItem ? l.fulfillmentLineItem.id : null,
      })),
      exchangeLines: r.exchangeLineItems.nodes.map((e) => ({ id: e.id, variantId: e.variantId ?? null, quantity: e.quantity })),
    }));
}

// ~/lib/money has already checked the code is three upper-case letters; Shopify answers an
// unknown one with a userError, which the ledger records.
function moneyInput(value: Money): MoneyInput {
  return { amount: toDecimalString(value), currencyCode: value.currencyCode as CurrencyCode };
}
