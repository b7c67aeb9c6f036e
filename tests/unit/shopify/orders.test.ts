import { describe, expect, it } from "vitest";
import { createShopifyClient, type AdminGraphql } from "~/shopify/client.server";
import { countSoldUnits, findOrderByNameAndEmail, getOrder, listRecentOrders, normalizeOrderName } from "~/shopify/orders.server";
import { createSimulator, DEMO_SHOP } from "../../support/shopify-sim";
import { clientByOperation } from "./fake-graphql";

const bag = (shop: string, presentment: string) => ({
  shopMoney: { amount: shop, currencyCode: "USD" },
  presentmentMoney: { amount: presentment, currencyCode: "JPY" },
});
const ORDER_ID = "gid://shopify/Order/1001";

const GET_ORDER = {
  data: {
    order: {
      id: ORDER_ID,
      name: "#1001",
      email: "shopper@example.com",
      createdAt: "2026-10-01T09:00:00Z",
      processedAt: "2026-10-01T09:00:01Z",
      currencyCode: "USD",
      presentmentCurrencyCode: "JPY",
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: "FULFILLED",
      tags: ["vip"],
      currentTotalPriceSet: bag("33.57", "5000.0"),
      customer: { id: "gid://shopify/Customer/5", displayName: "Ada Lovelace", defaultEmailAddress: { emailAddress: "ada@example.com" } },
      lineItems: {
        pageInfo: { hasNextPage: false },
        nodes: [
          {
            id: "gid://shopify/LineItem/1",
            title: "Linen shirt",
            variantTitle: "M / Blue",
            sku: "LS-M-BL",
            quantity: 2,
            currentQuantity: 2,
            discountedUnitPriceAfterAllDiscountsSet: bag("14.99", "2233.0"),
            taxLines: [{ priceSet: bag("2.40", "357.0") }, { priceSet: bag("0.6", "90.0") }],
            image: { url: "https://cdn.shopify.com/shirt.jpg" },
            product: { id: "gid://shopify/Product/3", title: "Linen shirt", productType: "Shirts", tags: ["summer"] },
            variant: { id: "gid://shopify/ProductVariant/4", title: "M / Blue" },
          },
        ],
      },
      fulfillments: [
        { id: "gid://shopify/Fulfillment/8", status: "SUCCESS", displayStatus: "DELIVERED", createdAt: "2026-10-02T09:00:00Z", deliveredAt: "2026-10-04T15:30:00Z" },
      ],
      transactions: [
        { id: "gid://shopify/OrderTransaction/9", kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountSet: bag("33.57", "5000"), parentTransaction: null },
        { id: "gid://shopify/OrderTransaction/10", kind: "REFUND", status: "SUCCESS", gateway: "shopify_payments", amountSet: bag("-0.01", "-1"), parentTransaction: { id: "gid://shopify/OrderTransaction/9" } },
      ],
    },
  },
};

const GET_ORDER_RETURNS = {
  data: {
    order: {
      id: ORDER_ID,
      returns: {
        pageInfo: { hasNextPage: false },
        nodes: [
          {
            id: "gid://shopify/Return/6",
            name: "#1001-R1",
            status: "OPEN",
            returnLineItems: {
              pageInfo: { hasNextPage: false },
              nodes: [
                { id: "gid://shopify/ReturnLineItem/61", quantity: 1, processedQuantity: 0, fulfillmentLineItem: { id: "gid://shopify/FulfillmentLineItem/81", lineItem: { id: "gid://shopify/LineItem/1" } } },
                { id: "gid://shopify/UnverifiedReturnLineItem/62", quantity: 1, processedQuantity: 1 },
              ],
            },
          },
        ],
      },
      refunds: [
        {
          id: "gid://shopify/Refund/7",
          createdAt: "2026-10-05T10:00:00Z",
          totalRefundedSet: bag("0.01", "1"),
          refundLineItems: { pageInfo: { hasNextPage: false }, nodes: [{ quantity: 1, lineItem: { id: "gid://shopify/LineItem/1" }, subtotalSet: bag("14.99", "2233") }] },
        },
      ],
    },
  },
};

const GET_RETURNABLE = {
  data: {
    returnableFulfillments: {
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          id: "gid://shopify/ReturnableFulfillment/8",
          fulfillment: { id: "gid://shopify/Fulfillment/8" },
          returnableFulfillmentLineItems: {
            pageInfo: { hasNextPage: false },
            nodes: [{ quantity: 1, fulfillmentLineItem: { id: "gid://shopify/FulfillmentLineItem/81", lineItem: { id: "gid://shopify/LineItem/1" } } }],
          },
        },
      ],
    },
  },
};

const ALL = { GetOrder: GET_ORDER, GetOrderReturns: GET_ORDER_RETURNS, GetReturnableFulfillments: GET_RETURNABLE };

describe("getOrder", () => {
  it("maps the order to the domain shape with every amount in exact minor units", async () => {
    // GIVEN a USD shop and a buyer who paid in yen
    const { client } = clientByOperation(ALL);
    // WHEN the order is read
    const order = await getOrder(client, ORDER_ID);
    // THEN money is integer minor units in each currency, and the rest is carried over
    expect(order).toEqual({
      id: ORDER_ID,
      name: "#1001",
      email: "shopper@example.com",
      createdAt: "2026-10-01T09:00:00Z",
      processedAt: "2026-10-01T09:00:01Z",
      currency: { shop: "USD", presentment: "JPY" },
      financialStatus: "PAID",
      fulfillmentStatus: "FULFILLED",
      tags: ["vip"],
      total: { shop: { amountMinor: 3357, currencyCode: "USD" }, presentment: { amountMinor: 5000, currencyCode: "JPY" } },
      customer: { id: "gid://shopify/Customer/5", displayName: "Ada Lovelace", email: "ada@example.com" },
      lines: [
        {
          id: "gid://shopify/LineItem/1",
          title: "Linen shirt",
          variantTitle: "M / Blue",
          sku: "LS-M-BL",
          quantity: 2,
          currentQuantity: 2,
          unitPrice: { shop: { amountMinor: 1499, currencyCode: "USD" }, presentment: { amountMinor: 2233, currencyCode: "JPY" } },
          tax: { shop: { amountMinor: 300, currencyCode: "USD" }, presentment: { amountMinor: 447, currencyCode: "JPY" } },
          imageUrl: "https://cdn.shopify.com/shirt.jpg",
          product: { id: "gid://shopify/Product/3", title: "Linen shirt", productType: "Shirts", tags: ["summer"] },
          variant: { id: "gid://shopify/ProductVariant/4", title: "M / Blue" },
        },
      ],
      fulfillments: [
        { id: "gid://shopify/Fulfillment/8", status: "SUCCESS", displayStatus: "DELIVERED", createdAt: "2026-10-02T09:00:00Z", deliveredAt: "2026-10-04T15:30:00Z" },
      ],
      returnableFulfillments: [
        {
          id: "gid://shopify/ReturnableFulfillment/8",
          fulfillmentId: "gid://shopify/Fulfillment/8",
          lines: [{ fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/81", lineItemId: "gid://shopify/LineItem/1", returnableQuantity: 1 }],
        },
      ],
      returns: [
        {
          id: "gid://shopify/Return/6",
          name: "#1001-R1",
          status: "OPEN",
          lines: [
            { id: "gid://shopify/ReturnLineItem/61", quantity: 1, processedQuantity: 0, lineItemId: "gid://shopify/LineItem/1" },
            { id: "gid://shopify/UnverifiedReturnLineItem/62", quantity: 1, processedQuantity: 1, lineItemId: null },
          ],
        },
      ],
      refunds: [
        {
          id: "gid://shopify/Refund/7",
          createdAt: "2026-10-05T10:00:00Z",
          total: { shop: { amountMinor: 1, currencyCode: "USD" }, presentment: { amountMinor: 1, currencyCode: "JPY" } },
          lines: [
            {
              lineItemId: "gid://shopify/LineItem/1",
              quantity: 1,
              subtotal: { shop: { amountMinor: 1499, currencyCode: "USD" }, presentment: { amountMinor: 2233, currencyCode: "JPY" } },
            },
          ],
        },
      ],
      transactions: [
        {
          id: "gid://shopify/OrderTransaction/9",
          kind: "SALE",
          status: "SUCCESS",
          gateway: "shopify_payments",
          amount: { shop: { amountMinor: 3357, currencyCode: "USD" }, presentment: { amountMinor: 5000, currencyCode: "JPY" } },
          parentTransactionId: null,
        },
        {
          id: "gid://shopify/OrderTransaction/10",
          kind: "REFUND",
          status: "SUCCESS",
          gateway: "shopify_payments",
          amount: { shop: { amountMinor: -1, currencyCode: "USD" }, presentment: { amountMinor: -1, currencyCode: "JPY" } },
          parentTransactionId: "gid://shopify/OrderTransaction/9",
        },
      ],
      truncated: false,
    });
  });

  it("sends the order id to all three documents", async () => {
    const { client, sent } = clientByOperation(ALL);
    await getOrder(client, ORDER_ID);
    expect(sent.map((s) => s.variables).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { id: ORDER_ID },
      { id: ORDER_ID },
      { orderId: ORDER_ID },
    ]);
  });

  it("marks the order truncated when a page comes back full", async () => {
    // GIVEN more line items than one page
    const more = structuredClone(GET_ORDER);
    more.data.order.lineItems.pageInfo.hasNextPage = true;
    const { client } = clientByOperation({ ...ALL, GetOrder: more });
    // WHEN read THEN the caller is warned
    expect((await getOrder(client, ORDER_ID))?.truncated).toBe(true);
  });

  it("answers null for an order Shopify does not have", async () => {
    const { client } = clientByOperation({
      GetOrder: { data: { order: null } },
      GetOrderReturns: { data: { order: null } },
      GetReturnableFulfillments: { data: { returnableFulfillments: { pageInfo: { hasNextPage: false }, nodes: [] } } },
    });
    await expect(getOrder(client, "gid://shopify/Order/404")).resolves.toBeNull();
  });
});

describe("findOrderByNameAndEmail", () => {
  it("searches number and email in one query and keeps only the exact match of both (the search also returns #10010)", async () => {
    // GIVEN Shopify's fuzzy search returns a near miss first
    const { client, sent } = clientByOperation({
      ...ALL,
      FindOrdersForLookup: {
        data: {
          orders: {
            nodes: [
              { id: "gid://shopify/Order/10010", name: "#10010", email: "ava.lee@example.com" },
              { id: ORDER_ID, name: "#1001", email: "Ava.Lee@example.com" },
            ],
          },
        },
      },
    });
    // WHEN the shopper types "1001" and their email in another case
    const order = await findOrderByNameAndEmail(client, " 1001 ", " AVA.LEE@example.com ");
    // THEN one search carried both, normalised and quoted, and the exact order was read
    expect(sent[0]?.variables).toEqual({ query: 'name:#1001 AND email:"ava.lee@example.com"' });
    expect(order?.id).toBe(ORDER_ID);
  });

  it("answers null after the one search when the number matches and the email does not", async () => {
    // GIVEN a search that (fuzzily) returns #1001 with another email
    const { client, sent } = clientByOperation({ FindOrdersForLookup: { data: { orders: { nodes: [{ id: ORDER_ID, name: "#1001", email: "someone@example.com" }] } } } });
    // THEN no order, and no second call that would take longer than a miss
    await expect(findOrderByNameAndEmail(client, "#1001", "ava.lee@example.com")).resolves.toBeNull();
    expect(sent).toHaveLength(1);
  });

  it("keeps quotes and backslashes in an email inside the quoted value", async () => {
    const { client, sent } = clientByOperation({ FindOrdersForLookup: { data: { orders: { nodes: [] } } } });
    await findOrderByNameAndEmail(client, "#1001", 'a"b\\c@example.com');
    expect(sent[0]?.variables).toEqual({ query: 'name:#1001 AND email:"a\\"b\\\\c@example.com"' });
  });

  it("refuses an order number carrying search syntax without calling Shopify", async () => {
    const { client, sent } = clientByOperation({});
    await expect(findOrderByNameAndEmail(client, "1001 OR email:*", "ava.lee@example.com")).resolves.toBeNull();
    expect(sent).toEqual([]);
    expect(normalizeOrderName("#A-1001")).toBe("#A-1001");
  });
});

describe("listRecentOrders", () => {
  it("lists the newest orders with totals in minor units, page size capped at 50", async () => {
    // GIVEN one recent order
    const { client, sent } = clientByOperation({
      ListRecentOrders: {
        data: {
          orders: {
            nodes: [
              { id: ORDER_ID, name: "#1001", createdAt: "2026-10-01T09:00:00Z", displayFinancialStatus: null, displayFulfillmentStatus: "UNFULFILLED", customer: null, currentTotalPriceSet: bag("10", "1500") },
            ],
          },
        },
      },
    });
    // WHEN 500 are asked for
    const orders = await listRecentOrders(client, { first: 500 });
    // THEN 50 were requested and the order is mapped
    expect(sent[0]?.variables).toEqual({ first: 50 });
    expect(orders).toEqual([
      {
        id: ORDER_ID,
        name: "#1001",
        createdAt: "2026-10-01T09:00:00Z",
        customerDisplayName: null,
        total: { shop: { amountMinor: 1000, currencyCode: "USD" }, presentment: { amountMinor: 1500, currencyCode: "JPY" } },
        financialStatus: null,
        fulfillmentStatus: "UNFULFILLED",
      },
    ]);
  });
});

describe("countSoldUnits", () => {
  it("adds the ordered quantities of every order created in the period, page by page", async () => {
    // GIVEN the demo store, whose orders the simulator answers 250 to a page
    const sim = createSimulator({ apiKey: "testApiKey", apiSecret: "testApiSecretKey" });
    const client = createShopifyClient((async (query: string, options?: { variables?: Record<string, unknown> }) => {
      const { body } = await sim.graphql(DEMO_SHOP, query, options?.variables ?? {});
      return new Response(JSON.stringify(body));
    }) as unknown as AdminGraphql);
    const orders = [...sim.store.shopState(DEMO_SHOP).orders];
    const from = new Date(Math.min(...orders.map((o) => Date.parse(o.createdAt))));
    const to = new Date(Date.now() + 86_400_000);
    const expected = orders.reduce((sum, o) => sum + o.lineItems.reduce((s, l) => s + l.quantity, 0), 0);
    // WHEN
    const units = await countSoldUnits(client, { from, to });
    // THEN every order counted once, across pages (the demo store has more than 250 orders)
    expect(orders.length).toBeGreaterThan(250);
    expect(units).toBe(expected);
  });
});
