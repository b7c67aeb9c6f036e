import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { evaluateOrderEligibility } from "~/policy/eligibility";
import type { Order, OrderLine } from "~/shopify/orders.server";

const usd = (amountMinor: number) => ({ amountMinor, currencyCode: "USD" });
const pair = (amountMinor: number) => ({ shop: usd(amountMinor), presentment: usd(amountMinor) });

function line(id: number, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: `gid://shopify/LineItem/${id}`,
    title: "Classic Tee",
    variantTitle: "M",
    sku: null,
    quantity: 2,
    currentQuantity: 2,
    unitPrice: pair(2500),
    tax: pair(400),
    imageUrl: null,
    product: { id: "gid://shopify/Product/1", title: "Classic Tee", productType: "T-Shirts", tags: ["apparel"] },
    variant: { id: "gid://shopify/ProductVariant/1", title: "M" },
    ...overrides,
  };
}

function order(lines: OrderLine[], deliveredAt: string | null, overrides: Partial<Order> = {}): Order {
  return {
    id: "gid://shopify/Order/1",
    name: "#1001",
    email: "ava.lee@example.com",
    createdAt: "2026-02-20T10:00:00Z",
    processedAt: "2026-02-20T10:00:00Z",
    currency: { shop: "USD", presentment: "USD" },
    financialStatus: "PAID",
    fulfillmentStatus: "FULFILLED",
    tags: [],
    total: pair(5400),
    customer: null,
    lines,
    fulfillments: [{ id: "gid://shopify/Fulfillment/1", status: "SUCCESS", displayStatus: "DELIVERED", createdAt: "2026-02-25T12:00:00Z", deliveredAt }],
    returnableFulfillments: [
      {
        id: "gid://shopify/ReturnableFulfillment/1",
        fulfillmentId: "gid://shopify/Fulfillment/1",
        lines: lines.map((l, i) => ({ fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${i + 1}`, lineItemId: l.id, returnableQuantity: l.quantity })),
      },
    ],
    returns: [],
    refunds: [],
    transactions: [],
    truncated: false,
    ...overrides,
  };
}

const NY = "America/New_York";

describe("evaluateOrderEligibility", () => {
  it("keeps the window open to the end of the last day in the shop's time zone", () => {
    // Delivered March 1 at 23:30 in New York (04:30 UTC March 2): the 30-day window ends March 31, New York time.
    const o = order([line(1)], "2026-03-02T04:30:00Z");
    const lastMinute = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-04-01T03:59:00Z"), timeZone: NY });
    expect(lastMinute.lines[0]).toMatchObject({ eligible: true, returnableQuantity: 2, windowEndsOn: "2026-03-31" });
    const nextDay = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-04-01T04:01:00Z"), timeZone: NY });
    expect(nextDay.lines[0]).toMatchObject({
      eligible: false,
      reason: "outside_window",
      message: "The 30-day return window for this item ended on March 31, 2026.",
    });
  });

  it("counts from fulfillment when there is no delivery date", () => {
    const o = order([line(1)], null);
    const result = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-03-20T12:00:00Z"), timeZone: "UTC" });
    expect(result.lines[0]?.windowEndsOn).toBe("2026-03-27");
  });

  it("explains final sale, excluded tags and excluded product types in words", () => {
    const o = order(
      [
        line(1, { product: { id: "p1", title: "Hoodie", productType: "Hoodies", tags: ["Final-Sale"] } }),
        line(2, { product: { id: "p2", title: "Tee", productType: "T-Shirts", tags: ["no-returns"] } }),
        line(3, { product: { id: "p3", title: "Card", productType: "Gift Card", tags: [] } }),
      ],
      "2026-03-01T12:00:00Z",
    );
    const result = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-03-05T12:00:00Z"), timeZone: "UTC" });
    expect(result.lines.map((l) => [l.reason, l.message])).toEqual([
      ["final_sale", "This item was sold as final sale and cannot be returned."],
      ["excluded_tag", "This item cannot be returned under the store's return policy."],
      ["excluded_product_type", "Gift Card items cannot be returned."],
    ]);
  });

  it("subtracts units already returned, refunded or pending, and says when none are left", () => {
    const l = line(1);
    const o = order([l], "2026-03-01T12:00:00Z", {
      refunds: [{ id: "r1", createdAt: null, total: pair(2700), lines: [{ lineItemId: l.id, quantity: 1, subtotal: pair(2500) }] }],
    });
    const now = new Date("2026-03-05T12:00:00Z");
    expect(evaluateOrderEligibility(o, DEFAULT_POLICY, { now, timeZone: "UTC" }).lines[0]).toMatchObject({ returnableQuantity: 1, takenQuantity: 1 });
    const none = evaluateOrderEligibility(o, DEFAULT_POLICY, { now, timeZone: "UTC", pendingQuantities: new Map([[l.id, 1]]) });
    expect(none.lines[0]).toMatchObject({ eligible: false, reason: "already_returned", message: "All of these items have already been returned or refunded." });
  });

  it("says an unshipped line has not shipped", () => {
    const o = order([line(1)], null, { fulfillments: [], returnableFulfillments: [], fulfillmentStatus: "UNFULFILLED" });
    const result = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-03-05T12:00:00Z"), timeZone: "UTC" });
    expect(result.lines[0]).toMatchObject({ reason: "not_fulfilled", message: "This item has not shipped yet. You can return it once it has been delivered.", windowEndsOn: null });
  });
});

describe("evaluateOrderEligibility with the fulfillment mirror", () => {
  it("counts the window from the delivery the fulfillments/update webhook reported when the order read has none", () => {
    // GIVEN shipped Feb 25 with no delivery date on the order, and the mirror saw it delivered March 10
    const o = order([line(1)], null);
    const deliveredAt = new Map([["gid://shopify/Fulfillment/1", "2026-03-10T15:00:00.000Z"]]);
    // WHEN judged on April 5, past 30 days from shipping but within 30 from delivery
    const result = evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-04-05T12:00:00Z"), timeZone: "UTC", deliveredAt });
    // THEN
    expect(result.lines[0]).toMatchObject({ eligible: true, windowEndsOn: "2026-04-09" });
    expect(evaluateOrderEligibility(o, DEFAULT_POLICY, { now: new Date("2026-04-05T12:00:00Z"), timeZone: "UTC" }).lines[0]).toMatchObject({
      eligible: false,
      reason: "outside_window",
    });
  });

  it("leaves a window counted from fulfillment alone when the policy says so", () => {
    // GIVEN a policy counting from fulfillment
    const o = order([line(1)], null);
    const deliveredAt = new Map([["gid://shopify/Fulfillment/1", "2026-03-10T15:00:00.000Z"]]);
    // WHEN
    const result = evaluateOrderEligibility(o, { ...DEFAULT_POLICY, windowStartsFrom: "fulfillment" }, { now: new Date("2026-03-20T12:00:00Z"), timeZone: "UTC", deliveredAt });
    // THEN
    expect(result.lines[0]?.windowEndsOn).toBe("2026-03-27");
  });
});
