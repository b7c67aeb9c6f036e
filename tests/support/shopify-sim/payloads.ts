/**
 * Webhook bodies, shaped as Shopify's webhooks reference documents them: REST-style JSON
 * (snake_case, numeric ids, decimal strings with two places, money sets with shop and
 * presentment money) plus `admin_graphql_api_id`. Beyond the fields the app reads they carry
 * the documented neighbours the app must ignore (customer names and emails among them).
 */
import * as math from "./order-math";
import { legacyId, type CurrencyCode, type FulfillmentRecord, type OrderRecord, type RefundRecord, type ReturnRecord, type ShopState } from "./store";

function money(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** A documented money set: the simulator's orders are paid in the shop's currency, so both sides agree. */
function moneySet(minor: number, currency: CurrencyCode): Record<string, unknown> {
  const amount = { amount: money(minor), currency_code: currency };
  return { shop_money: amount, presentment_money: amount };
}

/** fulfillments/create and fulfillments/update: the Fulfillment resource; a delivered parcel reports shipment_status "delivered". */
export function fulfillmentPayload(order: OrderRecord, fulfillment: FulfillmentRecord): Record<string, unknown> {
  return {
    id: legacyId(fulfillment.id),
    admin_graphql_api_id: fulfillment.id,
    order_id: legacyId(order.id),
    name: fulfillment.name,
    status: "success",
    service: "manual",
    shipment_status: fulfillment.deliveredAt ? "delivered" : fulfillment.inTransitAt ? "in_transit" : null,
    tracking_company: "USPS",
    tracking_number: `9400${legacyId(fulfillment.id)}`,
    tracking_numbers: [`9400${legacyId(fulfillment.id)}`],
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.deliveredAt ?? fulfillment.inTransitAt ?? fulfillment.createdAt,
    line_items: fulfillment.lineItems.map((l) => ({ id: legacyId(l.lineItemId), quantity: l.quantity, fulfillment_status: "fulfilled" })),
  };
}

export function orderPayload(state: ShopState, order: OrderRecord): Record<string, unknown> {
  const customer = order.customerId ? state.nodes.get(order.customerId) : undefined;
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    currency: order.shopCurrency?.code ?? order.currencyCode,
    presentment_currency: order.currencyCode,
    financial_status: math.financialStatus(order).toLowerCase(),
    fulfillment_status: { FULFILLED: "fulfilled", PARTIALLY_FULFILLED: "partial", UNFULFILLED: null }[math.fulfillmentStatus(order)],
    subtotal_price: money(math.subtotalMinor(order)),
    subtotal_price_set: moneySet(math.subtotalMinor(order), order.currencyCode),
    total_tax: money(math.taxMinor(order)),
    total_tax_set: moneySet(math.taxMinor(order), order.currencyCode),
    total_price: money(math.totalMinor(order)),
    total_price_set: moneySet(math.totalMinor(order), order.currencyCode),
    tags: order.tags.join(", "),
    customer:
      customer && customer.__typename === "Customer"
        ? {
            id: legacyId(customer.id),
            admin_graphql_api_id: customer.id,
            email: customer.email,
            first_name: customer.firstName,
            last_name: customer.lastName,
            created_at: customer.createdAt,
            currency: order.currencyCode,
          }
        : null,
    fulfillments: order.fulfillments.map((f) => fulfillmentPayload(order, f)),
    line_items: order.lineItems.map((l) => ({
      id: legacyId(l.id),
      admin_graphql_api_id: l.id,
      product_id: legacyId(l.productId),
      variant_id: legacyId(l.variantId),
      title: l.title,
      variant_title: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      current_quantity: l.quantity - math.refundedQuantity(state, order, l.id),
      price: money(l.unitPriceMinor),
      price_set: moneySet(l.unitPriceMinor, order.currencyCode),
    })),
    refunds: math.refunds(state, order).map((r) => refundPayload(state, r)),
  };
}

export function refundPayload(state: ShopState, refund: RefundRecord): Record<string, unknown> {
  const order = state.nodes.get(refund.orderId);
  const currency: CurrencyCode = order && order.__typename === "Order" ? order.currencyCode : state.shop.currencyCode;
  return {
    id: legacyId(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: legacyId(refund.orderId),
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note,
    user_id: null,
    restock: refund.lines.some((l) => l.restockType === "RETURN"),
    duties: [],
    total_duties_set: moneySet(0, currency),
    additional_fees: [],
    total_additional_fees_set: moneySet(0, currency),
    return: refund.returnId ? { id: legacyId(refund.returnId), admin_graphql_api_id: refund.returnId } : null,
    refund_shipping_lines: [],
    order_adjustments: [],
    refund_line_items: refund.lines.map((l) => ({
      id: legacyId(l.id),
      line_item_id: legacyId(l.lineItemId),
      location_id: null,
      quantity: l.quantity,
      restock_type: l.restockType.toLowerCase(),
      subtotal: Number(money(l.subtotalMinor)),
      subtotal_set: moneySet(l.subtotalMinor, currency),
      total_tax: Number(money(l.taxMinor)),
      total_tax_set: moneySet(l.taxMinor, currency),
    })),
    transactions: refund.transactionIds.flatMap((id) => {
      const t = state.nodes.get(id);
      return t && t.__typename === "OrderTransaction"
        ? [
            {
              id: legacyId(t.id),
              admin_graphql_api_id: t.id,
              order_id: legacyId(t.orderId),
              kind: t.kind.toLowerCase(),
              status: t.status.toLowerCase(),
              gateway: t.gateway,
              amount: money(t.amountMinor),
              currency,
              parent_id: t.parentId ? legacyId(t.parentId) : null,
              created_at: t.createdAt,
              test: false,
              message: null,
              error_code: null,
              source_name: "web",
            },
          ]
        : [];
    }),
  };
}

export function returnPayload(ret: ReturnRecord): Record<string, unknown> {
  return {
    id: legacyId(ret.id),
    admin_graphql_api_id: ret.id,
    name: ret.name,
    status: ret.status.toLowerCase(),
    order: { id: legacyId(ret.orderId), admin_graphql_api_id: ret.orderId },
    created_at: ret.createdAt,
    total_return_line_items: ret.lines.reduce((s, l) => s + l.quantity, 0),
    decline: ret.decline ? { reason: ret.decline.reason.toLowerCase(), note: ret.decline.note } : null,
    return_line_items: ret.lines.map((l) => ({
      id: legacyId(l.id),
      admin_graphql_api_id: l.id,
      fulfillment_line_item: { id: legacyId(l.fulfillmentLineItemId), admin_graphql_api_id: l.fulfillmentLineItemId },
      quantity: l.quantity,
      processed_quantity: l.processedQuantity,
      return_reason_note: l.returnReasonNote,
      customer_note: l.customerNote,
    })),
    exchange_line_items: ret.exchangeLines.map((e) => ({
      id: legacyId(e.id),
      admin_graphql_api_id: e.id,
      variant_id: legacyId(e.variantId),
      quantity: e.quantity,
    })),
  };
}

/** Mandatory compliance topics, shaped as shopify.dev documents them. */
export function compliancePayload(
  topic: "customers/data_request" | "customers/redact" | "shop/redact",
  state: ShopState,
  customerId: string | null,
): Record<string, unknown> {
  const shopId = legacyId(state.shop.id);
  if (topic === "shop/redact") return { shop_id: shopId, shop_domain: state.shop.domain };
  const customer = customerId ? state.nodes.get(customerId) : undefined;
  const c = customer && customer.__typename === "Customer" ? customer : null;
  const orders = c ? state.orders.filter((o) => o.customerId === c.id).map((o) => legacyId(o.id)) : [];
  const base = {
    shop_id: shopId,
    shop_domain: state.shop.domain,
    customer: { id: c ? legacyId(c.id) : null, email: c?.email ?? null, phone: null },
  };
  if (topic === "customers/redact") return { ...base, orders_to_redact: orders };
  return { ...base, orders_requested: orders, data_request: { id: legacyId(state.shop.id) + 9000 } };
}
