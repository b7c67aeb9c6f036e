/**
 * Webhook bodies. Shopify sends REST-style JSON (snake_case, numeric ids, decimal strings with two
 * places) plus `admin_graphql_api_id`; these builders keep to the fields the app reads.
 */
import * as math from "./order-math";
import { legacyId, type OrderRecord, type RefundRecord, type ReturnRecord, type ShopState } from "./store";

function money(minor: number): string {
  return (minor / 100).toFixed(2);
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
    total_tax: money(math.taxMinor(order)),
    total_price: money(math.totalMinor(order)),
    tags: order.tags.join(", "),
    customer:
      customer && customer.__typename === "Customer"
        ? { id: legacyId(customer.id), admin_graphql_api_id: customer.id, email: customer.email, first_name: customer.firstName, last_name: customer.lastName }
        : null,
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
    })),
    refunds: math.refunds(state, order).map((r) => refundPayload(state, r)),
  };
}

export function refundPayload(state: ShopState, refund: RefundRecord): Record<string, unknown> {
  return {
    id: legacyId(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: legacyId(refund.orderId),
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note,
    return: refund.returnId ? { id: legacyId(refund.returnId), admin_graphql_api_id: refund.returnId } : null,
    refund_line_items: refund.lines.map((l) => ({
      id: legacyId(l.id),
      line_item_id: legacyId(l.lineItemId),
      quantity: l.quantity,
      restock_type: l.restockType.toLowerCase(),
      subtotal: money(l.subtotalMinor),
      total_tax: money(l.taxMinor),
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
              parent_id: t.parentId ? legacyId(t.parentId) : null,
              created_at: t.createdAt,
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
