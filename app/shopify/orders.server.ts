import type { ShopifyAdminClient } from "./client.server";
import { fromMoneyBag, type MoneyPair } from "./money";

// Shopify refuses a query whose requested cost exceeds 1,000 points (connections and lists
// are charged per requested item), so one order is read with three documents, each under the
// limit (tests/unit/shopify/cost.test.ts). Page sizes fit real orders; a page that comes back
// full marks the order `truncated`, so callers refuse to judge half an order.
const GET_ORDER = `#graphql
  query GetOrder($id: ID!) {
    order(id: $id) {
      id
      name
      email
      createdAt
      processedAt
      currencyCode
      presentmentCurrencyCode
      displayFinancialStatus
      displayFulfillmentStatus
      tags
      currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      customer { id displayName defaultEmailAddress { emailAddress } }
      lineItems(first: 50) {
        pageInfo { hasNextPage }
        nodes {
          id
          title
          variantTitle
          sku
          quantity
          currentQuantity
          discountedUnitPriceAfterAllDiscountsSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          taxLines { priceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } }
          image { url }
          product { id title productType tags }
          variant { id title }
        }
      }
      fulfillments(first: 10) { id status displayStatus createdAt deliveredAt }
      transactions(first: 20) {
        id
        kind
        status
        gateway
        amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        parentTransaction { id }
      }
    }
  }
`;

const GET_ORDER_RETURNS = `#graphql
  query GetOrderReturns($id: ID!) {
    order(id: $id) {
      id
      returns(first: 10) {
        pageInfo { hasNextPage }
        nodes {
          id
          name
          status
          returnLineItems(first: 10) {
            pageInfo { hasNextPage }
            nodes {
              id
              quantity
              processedQuantity
              ... on ReturnLineItem { fulfillmentLineItem { id lineItem { id } } }
            }
          }
        }
      }
      refunds(first: 10) {
        id
        createdAt
        totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        refundLineItems(first: 10) {
          pageInfo { hasNextPage }
          nodes {
            quantity
            lineItem { id }
            subtotalSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          }
        }
      }
    }
  }
`;

const GET_RETURNABLE_FULFILLMENTS = `#graphql
  query GetReturnableFulfillments($orderId: ID!) {
    returnableFulfillments(orderId: $orderId, first: 5) {
      pageInfo { hasNextPage }
      nodes {
        id
        fulfillment { id }
        returnableFulfillmentLineItems(first: 25) {
          pageInfo { hasNextPage }
          nodes { quantity fulfillmentLineItem { id lineItem { id } } }
        }
      }
    }
  }
`;

// Number and email in one search: the portal's lookup costs the same whether the number
// exists or not (docs/decisions/020-lookup-rate-limit-trust.md).
const FIND_ORDERS_FOR_LOOKUP = `#graphql
  query FindOrdersForLookup($query: String!) {
    orders(first: 5, query: $query) {
      nodes { id name email }
    }
  }
`;

const LIST_RECENT_ORDERS = `#graphql
  query ListRecentOrders($first: Int!) {
    orders(first: $first, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        createdAt
        displayFinancialStatus
        displayFulfillmentStatus
        customer { displayName }
        currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      }
    }
  }
`;

const SOLD_UNITS_PAGE = `#graphql
  query SoldUnitsPage($query: String!, $after: String) {
    orders(first: 250, after: $after, query: $query) {
      pageInfo { hasNextPage endCursor }
      nodes { subtotalLineItemsQuantity }
    }
  }
`;

export interface OrderLine {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Quantity after removals and edits; refunded units are still counted here. */
  currentQuantity: number;
  /** Unit price after every line and order discount (Shopify's approximation, rounded per unit). */
  unitPrice: MoneyPair;
  /** Tax charged on the whole line (all `quantity` units); split per unit where refunds are planned. */
  tax: MoneyPair;
  imageUrl: string | null;
  product: { id: string; title: string; productType: string; tags: string[] } | null;
  variant: { id: string; title: string } | null;
}

export interface OrderFulfillment {
  id: string;
  status: string;
  displayStatus: string | null;
  createdAt: string;
  /** When the carrier reported delivery; the return window counts from here when known. */
  deliveredAt: string | null;
}

export interface ReturnableFulfillment {
  id: string;
  fulfillmentId: string;
  lines: { fulfillmentLineItemId: string; lineItemId: string; returnableQuantity: number }[];
}

export interface OrderReturn {
  id: string;
  name: string;
  status: string;
  lines: { id: string; quantity: number; processedQuantity: number; lineItemId: string | null }[];
}

export interface OrderRefund {
  id: string;
  createdAt: string | null;
  total: MoneyPair;
  lines: { lineItemId: string; quantity: number; subtotal: MoneyPair }[];
}

export interface OrderTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amount: MoneyPair;
  parentTransactionId: string | null;
}

export interface Order {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  processedAt: string;
  currency: { shop: string; presentment: string };
  financialStatus: string | null;
  fulfillmentStatus: string;
  tags: string[];
  total: MoneyPair;
  customer: { id: string; displayName: string; email: string | null } | null;
  lines: OrderLine[];
  fulfillments: OrderFulfillment[];
  returnableFulfillments: ReturnableFulfillment[];
  returns: OrderReturn[];
  refunds: OrderRefund[];
  transactions: OrderTransaction[];
  /** True when a page came back full (more may exist): do not decide on partial data. */
  truncated: boolean;
}

export interface OrderSummary {
  id: string;
  name: string;
  createdAt: string;
  customerDisplayName: string | null;
  total: MoneyPair;
  financialStatus: string | null;
  fulfillmentStatus: string;
}

/** Reads one order with everything the returns flow judges by; null when Shopify has no such order. */
export async function getOrder(client: ShopifyAdminClient, orderId: string): Promise<Order | null> {
  const [core, history, returnable] = await Promise.all([
    client.request(GET_ORDER, { id: orderId }),
    client.request(GET_ORDER_RETURNS, { id: orderId }),
    client.request(GET_RETURNABLE_FULFILLMENTS, { orderId }),
  ]);
  const order = core.order;
  if (!order) return null;
  const returns = history.order?.returns ?? { pageInfo: { hasNextPage: false }, nodes: [] };
  const refunds = history.order?.refunds ?? [];
  const zero = {
    shopMoney: { amount: "0", currencyCode: order.currencyCode },
    presentmentMoney: { amount: "0", currencyCode: order.presentmentCurrencyCode },
  };

  const truncated =
    order.lineItems.pageInfo.hasNextPage ||
    order.fulfillments.length >= 10 ||
    order.transactions.length >= 20 ||
    returns.pageInfo.hasNextPage ||
    returns.nodes.some((r) => r.returnLineItems.pageInfo.hasNextPage) ||
    refunds.length >= 10 ||
    refunds.some((r) => r.refundLineItems.pageInfo.hasNextPage) ||
    returnable.returnableFulfillments.pageInfo.hasNextPage ||
    returnable.returnableFulfillments.nodes.some((rf) => rf.returnableFulfillmentLineItems.pageInfo.hasNextPage);

  return {
    id: order.id,
    name: order.name,
    email: order.email ?? null,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    currency: { shop: order.currencyCode, presentment: order.presentmentCurrencyCode },
    financialStatus: order.displayFinancialStatus ?? null,
    fulfillmentStatus: order.displayFulfillmentStatus,
    tags: order.tags,
    total: fromMoneyBag(order.currentTotalPriceSet),
    customer: order.customer
      ? {
          id: order.customer.id,
          displayName: order.customer.displayName,
          email: order.customer.defaultEmailAddress?.emailAddress ?? null,
        }
      : null,
    lines: order.lineItems.nodes.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      sku: line.sku ?? null,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      unitPrice: fromMoneyBag(line.discountedUnitPriceAfterAllDiscountsSet),
      tax: sumMoneyBags(line.taxLines.map((t) => t.priceSet), zero),
      imageUrl: line.image?.url ?? null,
      product: line.product
        ? { id: line.product.id, title: line.product.title, productType: line.product.productType, tags: line.product.tags }
        : null,
      variant: line.variant ? { id: line.variant.id, title: line.variant.title } : null,
    })),
    fulfillments: order.fulfillments.map((f) => ({
      id: f.id,
      status: f.status,
      displayStatus: f.displayStatus ?? null,
      createdAt: f.createdAt,
      deliveredAt: f.deliveredAt ?? null,
    })),
    returnableFulfillments: returnable.returnableFulfillments.nodes.map((rf) => ({
      id: rf.id,
      fulfillmentId: rf.fulfillment.id,
      lines: rf.returnableFulfillmentLineItems.nodes.map((item) => ({
        fulfillmentLineItemId: item.fulfillmentLineItem.id,
        lineItemId: item.fulfillmentLineItem.lineItem.id,
        returnableQuantity: item.quantity,
      })),
    })),
    returns: returns.nodes.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      lines: r.returnLineItems.nodes.map((item) => ({
        id: item.id,
        quantity: item.quantity,
        processedQuantity: item.processedQuantity,
        // Unverified return lines (POS, no fulfillment) have no order line to point at.
        lineItemId: "fulfillmentLineItem" in item && item.fulfillmentLineItem ? item.fulfillmentLineItem.lineItem.id : null,
      })),
    })),
    refunds: refunds.map((refund) => ({
      id: refund.id,
      createdAt: refund.createdAt ?? null,
      total: fromMoneyBag(refund.totalRefundedSet),
      lines: refund.refundLineItems.nodes.map((item) => ({
        lineItemId: item.lineItem.id,
        quantity: item.quantity,
        subtotal: fromMoneyBag(item.subtotalSet),
      })),
    })),
    transactions: order.transactions.map((t) => ({
      id: t.id,
      kind: t.kind,
      status: t.status,
      gateway: t.gateway ?? null,
      amount: fromMoneyBag(t.amountSet),
      parentTransactionId: t.parentTransaction?.id ?? null,
    })),
    truncated,
  };
}

/**
 * Finds an order by its name as the shopper types it ("#1001" or "1001") AND the email it was
 * placed with, in one search (`name:#1001 AND email:"…"`). Shopify's search is fuzzy
 * (name:#1001 can match #10010, email is tokenized), so only an exact match of both counts.
 * Unknown number and wrong email are the same single call: nothing in the time it takes
 * tells them apart. Emails compare trimmed and case-insensitively.
 */
export async function findOrderByNameAndEmail(client: ShopifyAdminClient, name: string, email: string): Promise<Order | null> {
  const wanted = normalizeOrderName(name);
  const address = email.trim().toLowerCase();
  if (!wanted || !address) return null;
  const data = await client.request(FIND_ORDERS_FOR_LOOKUP, { query: `name:${wanted} AND email:${quoteSearchValue(address)}` });
  const match = data.orders.nodes.find((o) => o.name.toUpperCase() === wanted.toUpperCase() && o.email?.trim().toLowerCase() === address);
  return match ? getOrder(client, match.id) : null;
}

/**
 * A value for Shopify's search syntax, quoted: inside double quotes only `"` and `\` need a
 * backslash (shopify.dev/docs/api/usage/search-syntax), so `:`, `(`, `)` and spaces in an
 * email stay literal and cannot add a term.
 */
function quoteSearchValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** "1001", " #1001 " → "#1001"; anything with search syntax in it (spaces, colons, quotes) → null. */
export function normalizeOrderName(input: string): string | null {
  const trimmed = input.trim();
  const withHash = trimmed.startsWith("#") ? trimmed : `#${trimmed}`;
  return /^#[A-Za-z0-9_-]{1,40}$/.test(withHash) ? withHash : null;
}

/** The newest orders for the admin home page, newest first. */
export async function listRecentOrders(client: ShopifyAdminClient, { first }: { first: number }): Promise<OrderSummary[]> {
  const pageSize = Math.min(Math.max(Math.trunc(first), 1), 50);
  const data = await client.request(LIST_RECENT_ORDERS, { first: pageSize });
  return data.orders.nodes.map((o) => ({
    id: o.id,
    name: o.name,
    createdAt: o.createdAt,
    customerDisplayName: o.customer?.displayName ?? null,
    total: fromMoneyBag(o.currentTotalPriceSet),
    financialStatus: o.displayFinancialStatus ?? null,
    fulfillmentStatus: o.displayFulfillmentStatus,
  }));
}

type Bag = { shopMoney: { amount: string; currencyCode: string }; presentmentMoney: { amount: string; currencyCode: string } };

function sumMoneyBags(bags: Bag[], zero: Bag): MoneyPair {
  return bags.map(fromMoneyBag).reduce(
    (sum, m) => ({
      shop: { amountMinor: sum.shop.amountMinor + m.shop.amountMinor, currencyCode: sum.shop.currencyCode },
      presentment: {
        amountMinor: sum.presentment.amountMinor + m.presentment.amountMinor,
        currencyCode: sum.presentment.currencyCode,
      },
    }),
    fromMoneyBag(zero),
  );
}

/** At most this many pages (250 orders each) per count: a very busy shop gets no figure rather than a slow page. */
const SOLD_UNITS_MAX_PAGES = 40;

/**
 * Units sold in [from, to): the sum of each order's line item quantities as ordered
 * (`subtotalLineItemsQuantity`, before returns and refunds — the return rate's
 * denominator). Null when the period holds more than 10,000 orders.
 */
export async function countSoldUnits(client: ShopifyAdminClient, range: { from: Date; to: Date }): Promise<number | null> {
  const query = `created_at:>=${range.from.toISOString()} created_at:<${range.to.toISOString()}`;
  let units = 0;
  let after: string | null = null;
  for (let page = 0; page < SOLD_UNITS_MAX_PAGES; page++) {
    const data: Awaited<ReturnType<typeof client.request<typeof SOLD_UNITS_PAGE>>> = await client.request(SOLD_UNITS_PAGE, { query, after });
    for (const order of data.orders.nodes) units += order.subtotalLineItemsQuantity;
    if (!data.orders.pageInfo.hasNextPage) return units;
    after = data.orders.pageInfo.endCursor ?? null;
  }
  return null;
}
