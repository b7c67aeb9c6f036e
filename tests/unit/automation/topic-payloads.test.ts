import { describe, expect, it } from "vitest";
import { parsePayload } from "~/automation/payloads";

// Shaped as Shopify's webhooks reference documents each topic (REST-style: snake_case, numeric
// ids, decimal strings, money sets), trimmed to a few of the documented neighbours of the fields
// the app reads — customer names, emails and addresses among them, which the mirror must drop.
// Ids are real-sized (the reference's examples use ids beyond 2^53, which JSON cannot carry exactly).
const ORDER = {
  id: 450789469,
  admin_graphql_api_id: "gid://shopify/Order/450789469",
  name: "#9999",
  email: "jon@example.com",
  created_at: "2021-12-31T19:00:00-05:00",
  updated_at: "2021-12-31T19:00:00-05:00",
  processed_at: "2021-12-31T19:00:00-05:00",
  currency: "USD",
  presentment_currency: "EUR",
  total_price: "403.00",
  total_price_set: { shop_money: { amount: "403.00", currency_code: "USD" }, presentment_money: { amount: "354.64", currency_code: "EUR" } },
  financial_status: "voided",
  fulfillment_status: "pending",
  billing_address: { first_name: "Steve", address1: "123 Shipping Street", city: "Shippington", zip: "40003" },
  customer: { id: 207119551, email: "john@example.com", first_name: "John", last_name: "Smith", admin_graphql_api_id: "gid://shopify/Customer/207119551" },
  line_items: [
    { id: 466157049, admin_graphql_api_id: "gid://shopify/LineItem/466157049", quantity: 1, price: "199.00", title: "IPod Nano - 8GB" },
    { id: 518995019, admin_graphql_api_id: "gid://shopify/LineItem/518995019", quantity: 1, price: "199.00", title: "IPod Nano - 8GB" },
  ],
  shipping_address: { first_name: "Steve", address1: "123 Shipping Street" },
};

const REFUND = {
  id: 929361464,
  order_id: 450789469,
  created_at: "2026-01-09T19:00:17-05:00",
  note: "wrong size",
  user_id: null,
  processed_at: "2026-01-09T19:00:17-05:00",
  duties: [],
  total_duties_set: { shop_money: { amount: "0.00", currency_code: "USD" }, presentment_money: { amount: "0.00", currency_code: "USD" } },
  return: { id: 945000959, admin_graphql_api_id: "gid://shopify/Return/945000959" },
  restock: false,
  refund_shipping_lines: [],
  admin_graphql_api_id: "gid://shopify/Refund/929361464",
  order_adjustments: [],
  refund_line_items: [
    {
      id: 1058498311,
      quantity: 1,
      line_item_id: 518995019,
      location_id: 487838322,
      restock_type: "return",
      subtotal: 199.0,
      total_tax: 3.98,
      subtotal_set: { shop_money: { amount: "199.00", currency_code: "USD" }, presentment_money: { amount: "199.00", currency_code: "USD" } },
    },
  ],
  transactions: [
    { id: 1072844685, order_id: 450789469, kind: "refund", gateway: "bogus", status: "success", amount: "41.94", currency: "USD", parent_id: 801038806 },
    { id: 1072844686, order_id: 450789469, kind: "refund", gateway: "bogus", status: "failure", amount: "5.00", currency: "USD", parent_id: 801038806 },
  ],
};

const FULFILLMENT = {
  id: 123456,
  order_id: 450789469,
  status: "success",
  created_at: "2021-12-31T19:00:00-05:00",
  service: null,
  updated_at: "2022-01-04T09:30:00-05:00",
  tracking_company: "UPS",
  shipment_status: "delivered",
  location_id: null,
  line_items: [{ id: 466157049, quantity: 1 }],
  tracking_number: "1z827wk74630",
  name: "#9999.1",
  admin_graphql_api_id: "gid://shopify/Fulfillment/123456",
};

describe("orders/create and orders/updated payloads", () => {
  it("keeps the order's ids, dates, total in the buyer's currency, statuses and line count, and drops names, emails and addresses", () => {
    // WHEN
    const result = parsePayload("ORDERS_CREATE", ORDER);
    // THEN
    expect(result).toEqual({
      ok: true,
      topic: "ORDERS_CREATE",
      payload: {
        orderId: "gid://shopify/Order/450789469",
        name: "#9999",
        customerId: "gid://shopify/Customer/207119551",
        createdAt: new Date("2022-01-01T00:00:00.000Z"),
        updatedAt: new Date("2022-01-01T00:00:00.000Z"),
        processedAt: new Date("2022-01-01T00:00:00.000Z"),
        total: { amount: "354.64", currencyCode: "EUR" },
        financialStatus: "voided",
        fulfillmentStatus: "pending",
        lineCount: 2,
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/example\.com|Smith|Shipping Street/);
  });

  it("reads a guest order (no customer) whose total has no money set, in the shop's currency", () => {
    // GIVEN
    const { total_price_set: _set, ...withoutSet } = ORDER;
    // WHEN
    const result = parsePayload("ORDERS_UPDATED", { ...withoutSet, customer: null });
    // THEN
    expect(result.ok && result.payload).toMatchObject({ customerId: null, total: { amount: "403.00", currencyCode: "USD" } });
  });

  it("names a bad date and a bad amount without echoing them", () => {
    // WHEN
    const result = parsePayload("ORDERS_UPDATED", { ...ORDER, updated_at: "yesterday", total_price: "lots" });
    // THEN
    expect(result).toEqual({ ok: false, error: "Invalid ORDERS_UPDATED payload — updated_at: must be an ISO 8601 date; total_price: must be a decimal amount" });
  });
});

describe("fulfillments/create and fulfillments/update payloads", () => {
  it("dates a delivered fulfillment by the update that reported it", () => {
    // WHEN
    const result = parsePayload("FULFILLMENTS_UPDATE", FULFILLMENT);
    // THEN
    expect(result).toEqual({
      ok: true,
      topic: "FULFILLMENTS_UPDATE",
      payload: {
        fulfillmentId: "gid://shopify/Fulfillment/123456",
        orderId: "gid://shopify/Order/450789469",
        status: "success",
        shipmentStatus: "delivered",
        updatedAt: new Date("2022-01-04T14:30:00.000Z"),
        deliveredAt: new Date("2022-01-04T14:30:00.000Z"),
      },
    });
  });

  it("prefers delivered_at where the payload has it, and has no delivery while in transit", () => {
    // WHEN
    const delivered = parsePayload("FULFILLMENTS_UPDATE", { ...FULFILLMENT, delivered_at: "2022-01-03T08:00:00Z" });
    const moving = parsePayload("FULFILLMENTS_CREATE", { ...FULFILLMENT, shipment_status: "in_transit" });
    // THEN
    expect(delivered.ok && delivered.payload.deliveredAt).toEqual(new Date("2022-01-03T08:00:00.000Z"));
    expect(moving.ok && moving.payload.deliveredAt).toBeNull();
  });
});

describe("refunds/create payloads", () => {
  it("keeps the refund, its order, the return it names and only the successful refund transactions", () => {
    // WHEN
    const result = parsePayload("REFUNDS_CREATE", REFUND);
    // THEN
    expect(result).toEqual({
      ok: true,
      topic: "REFUNDS_CREATE",
      payload: {
        refundId: "gid://shopify/Refund/929361464",
        orderId: "gid://shopify/Order/450789469",
        createdAt: new Date("2026-01-10T00:00:17.000Z"),
        returnId: "gid://shopify/Return/945000959",
        transactions: [{ id: "gid://shopify/OrderTransaction/1072844685", amount: "41.94", currencyCode: "USD" }],
        units: 1,
      },
    });
  });

  it("reads a refund outside any return (return: null)", () => {
    // WHEN
    const result = parsePayload("REFUNDS_CREATE", { ...REFUND, return: null });
    // THEN
    expect(result.ok && result.payload.returnId).toBeNull();
  });

  it("refuses a transaction without its currency", () => {
    // GIVEN
    const transactions = [{ id: 1, kind: "refund", status: "success", amount: "1.00" }];
    // WHEN
    const result = parsePayload("REFUNDS_CREATE", { ...REFUND, transactions });
    // THEN
    expect(result).toEqual({ ok: false, error: "Invalid REFUNDS_CREATE payload — transactions.0.currency: Invalid input: expected string, received undefined" });
  });
});

describe("returns/update payloads", () => {
  it("reads which return changed, like the other returns/* topics", () => {
    // WHEN
    const result = parsePayload("RETURNS_UPDATE", { id: 945000959, admin_graphql_api_id: "gid://shopify/Return/945000959", status: "open" });
    // THEN
    expect(result).toEqual({ ok: true, topic: "RETURNS_UPDATE", payload: { returnId: "gid://shopify/Return/945000959" } });
  });
});
