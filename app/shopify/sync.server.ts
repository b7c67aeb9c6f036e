/**
 * The reconciliation's reads (app/automation/reconcile/): orders updated since a watermark, a
 * page at a time, with the ids of their returns and refunds; and one refund in full, read only
 * when the ledger does not know it. Shapes are returned in the webhooks' own parsed form
 * (app/automation/payloads.ts), so the sync repairs through the same functions the handlers use.
 */
import type { OrderEventPayload, RefundEventPayload } from "~/automation/payloads";
import type { ShopifyAdminClient } from "./client.server";
import { ShopifyMissingDataError } from "./errors";

// 20 orders a page keeps the requested cost under Shopify's 1,000-point limit with the nested
// line ids (for the line count), returns and refunds (tests/unit/shopify/cost.test.ts).
const ORDERS_UPDATED_SINCE = `#graphql
  query OrdersUpdatedSince($query: String, $after: String) {
    orders(first: 20, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        createdAt
        updatedAt
        processedAt
        displayFinancialStatus
        displayFulfillmentStatus
        customer { id }
        currentTotalPriceSet { presentmentMoney { amount currencyCode } }
        lineItems(first: 20) { pageInfo { hasNextPage } nodes { id } }
        returns(first: 5) { pageInfo { hasNextPage } nodes { id } }
        refunds(first: 5) { id }
      }
    }
  }
`;

const REFUND_FOR_SYNC = `#graphql
  query RefundForSync($id: ID!) {
    node(id: $id) {
      ... on Refund {
        id
        createdAt
        order { id }
        return { id }
        transactions(first: 10) {
          nodes { id kind status amountSet { presentmentMoney { amount currencyCode } } }
        }
        refundLineItems(first: 50) { nodes { quantity } }
      }
    }
  }
`;

export interface SyncedOrder {
  order: OrderEventPayload;
  returnIds: string[];
  refundIds: string[];
  /** More returns, refunds or lines than one page holds: the sync cannot vouch for the whole order. */
  truncated: boolean;
}

export interface SyncOrdersPage {
  orders: SyncedOrder[];
  /** Where the next page starts; null when this was the last one. */
  next: string | null;
}

/** Shopify's search query for orders updated after a moment (null: every order the app can see). */
export function updatedSinceQuery(since: Date | null): string | null {
  return since ? `updated_at:>'${since.toISOString()}'` : null;
}

/** One page of orders updated since `since`, oldest change first, as the order webhooks would have carried them. */
export async function ordersUpdatedSince(client: ShopifyAdminClient, since: Date | null, after: string | null): Promise<SyncOrdersPage> {
  const data = await client.request(ORDERS_UPDATED_SINCE, { query: updatedSinceQuery(since), after });
  return {
    next: data.orders.pageInfo.hasNextPage ? (data.orders.pageInfo.endCursor ?? null) : null,
    orders: data.orders.nodes.map((o) => ({
      order: orderPayload(o, o.lineItems.nodes.length),
      returnIds: o.returns.nodes.map((r) => r.id),
      refundIds: o.refunds.map((r) => r.id),
      truncated: o.lineItems.pageInfo.hasNextPage || o.returns.pageInfo.hasNextPage || o.refunds.length >= 5,
    })),
  };
}

/** The order fields both readers (paged and bulk) select, as Shopify answers them. */
export interface SyncOrderFields {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus: string;
  customer?: { id: string } | null;
  currentTotalPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
}

/** An order as orders/updated would have carried it. */
export function orderPayload(o: SyncOrderFields, lineCount: number): OrderEventPayload {
  return {
    orderId: o.id,
    name: o.name,
    customerId: o.customer?.id ?? null,
    createdAt: new Date(o.createdAt),
    updatedAt: new Date(o.updatedAt),
    processedAt: new Date(o.processedAt),
    total: { amount: o.currentTotalPriceSet.presentmentMoney.amount, currencyCode: o.currentTotalPriceSet.presentmentMoney.currencyCode },
    // The mirror keeps the webhooks' (REST) spelling: "partially_refunded", "partial", null when unfulfilled.
    financialStatus: o.displayFinancialStatus ? o.displayFinancialStatus.toLowerCase() : null,
    fulfillmentStatus: restFulfillmentStatus(o.displayFulfillmentStatus),
    lineCount,
  };
}

/** One refund as refunds/create would have carried it; null when Shopify has no such refund. */
export async function refundForSync(client: ShopifyAdminClient, refundId: string): Promise<RefundEventPayload | null> {
  const data = await client.request(REFUND_FOR_SYNC, { id: refundId });
  const node = data.node;
  if (!node || !("id" in node)) return null;
  if (!node.order) throw new ShopifyMissingDataError("RefundForSync", "node.order");
  return {
    refundId: node.id,
    orderId: node.order.id,
    createdAt: new Date(node.createdAt ?? Date.now()),
    returnId: node.return?.id ?? null,
    // Only money that left, as in the webhook: successful refund transactions.
    transactions: node.transactions.nodes
      .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS")
      .map((t) => ({ id: t.id, amount: t.amountSet.presentmentMoney.amount, currencyCode: t.amountSet.presentmentMoney.currencyCode })),
    units: node.refundLineItems.nodes.reduce((sum, line) => sum + line.quantity, 0),
  };
}

function restFulfillmentStatus(status: string): string | null {
  switch (status) {
    case "UNFULFILLED":
      return null;
    case "PARTIALLY_FULFILLED":
      return "partial";
    default:
      return status.toLowerCase();
  }
}
