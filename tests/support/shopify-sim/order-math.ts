/**
 * Derived order figures, computed from the records on every read so that mutations only have to
 * append facts (refunds, returns, transactions) and every total stays consistent.
 */
import type {
  FulfillmentLineItemRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ReturnRecord,
  ShopState,
  TransactionRecord,
} from "./store";

export function refunds(state: ShopState, order: OrderRecord): RefundRecord[] {
  return order.refundIds.flatMap((id) => {
    const node = state.nodes.get(id);
    return node && node.__typename === "Refund" ? [node] : [];
  });
}

export function returns(state: ShopState, order: OrderRecord): ReturnRecord[] {
  return order.returnIds.flatMap((id) => {
    const node = state.nodes.get(id);
    return node && node.__typename === "Return" ? [node] : [];
  });
}

export function unitNetMinor(line: LineItemRecord): number {
  return line.unitPriceMinor - line.unitDiscountMinor;
}

export function subtotalMinor(order: OrderRecord): number {
  return order.lineItems.reduce((sum, l) => sum + unitNetMinor(l) * l.quantity, 0);
}

export function taxMinor(order: OrderRecord): number {
  return order.lineItems.reduce((sum, l) => sum + l.unitTaxMinor * l.quantity, 0);
}

export function discountsMinor(order: OrderRecord): number {
  return order.lineItems.reduce((sum, l) => sum + l.unitDiscountMinor * l.quantity, 0);
}

export function totalMinor(order: OrderRecord): number {
  return subtotalMinor(order) + taxMinor(order);
}

function succeeded(t: TransactionRecord): boolean {
  return t.status === "SUCCESS";
}

/** Money captured from the buyer (SALE + CAPTURE). */
export function receivedMinor(order: OrderRecord): number {
  return order.transactions
    .filter((t) => succeeded(t) && (t.kind === "SALE" || t.kind === "CAPTURE"))
    .reduce((sum, t) => sum + t.amountMinor, 0);
}

/** Everything refunded, to the original payment or as store credit (both are REFUND transactions). */
export function refundedMinor(order: OrderRecord): number {
  return order.transactions
    .filter((t) => succeeded(t) && t.kind === "REFUND")
    .reduce((sum, t) => sum + t.amountMinor, 0);
}

/** What is still refundable against one captured transaction. */
export function refundableOnTransaction(order: OrderRecord, parent: TransactionRecord): number {
  const refunded = order.transactions
    .filter((t) => succeeded(t) && t.kind === "REFUND" && t.parentId === parent.id)
    .reduce((sum, t) => sum + t.amountMinor, 0);
  return parent.amountMinor - refunded;
}

export function refundedQuantity(state: ShopState, order: OrderRecord, lineItemId: string): number {
  return refunds(state, order)
    .flatMap((r) => r.lines)
    .filter((l) => l.lineItemId === lineItemId)
    .reduce((sum, l) => sum + l.quantity, 0);
}

export function fulfilledQuantity(order: OrderRecord, lineItemId: string): number {
  return order.fulfillments
    .flatMap((f) => f.lineItems)
    .filter((f) => f.lineItemId === lineItemId)
    .reduce((sum, f) => sum + f.quantity, 0);
}

const ACTIVE_RETURN: ReadonlySet<ReturnRecord["status"]> = new Set(["REQUESTED", "OPEN", "CLOSED"]);

/** Quantity of a fulfillment line already in a requested, open or closed return. */
export function quantityInReturns(state: ShopState, order: OrderRecord, fli: FulfillmentLineItemRecord): number {
  return returns(state, order)
    .filter((r) => ACTIVE_RETURN.has(r.status))
    .flatMap((r) => r.lines)
    .filter((l) => l.fulfillmentLineItemId === fli.id)
    .reduce((sum, l) => sum + l.quantity, 0);
}

/** Refunded units of a line that were not refunded through a return (they cannot be returned again). */
function refundedOutsideReturns(state: ShopState, order: OrderRecord, lineItemId: string): number {
  return refunds(state, order)
    .filter((r) => r.returnId === null)
    .flatMap((r) => r.lines)
    .filter((l) => l.lineItemId === lineItemId)
    .reduce((sum, l) => sum + l.quantity, 0);
}

/** Shopify's returnable quantity: fulfilled, not in an active return, not refunded separately. */
export function returnableQuantity(state: ShopState, order: OrderRecord, fli: FulfillmentLineItemRecord): number {
  const line = order.lineItems.find((l) => l.id === fli.lineItemId);
  if (!line) return 0;
  const outside = Math.min(fli.quantity, refundedOutsideReturns(state, order, line.id));
  return Math.max(0, fli.quantity - quantityInReturns(state, order, fli) - outside);
}

export function financialStatus(order: OrderRecord): "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "PENDING" {
  const received = receivedMinor(order);
  const refunded = refundedMinor(order);
  if (received === 0) return "PENDING";
  if (refunded === 0) return "PAID";
  return refunded >= received ? "REFUNDED" : "PARTIALLY_REFUNDED";
}

export function fulfillmentStatus(order: OrderRecord): "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED" {
  const ordered = order.lineItems.reduce((sum, l) => sum + l.quantity, 0);
  const fulfilled = order.lineItems.reduce((sum, l) => sum + fulfilledQuantity(order, l.id), 0);
  if (fulfilled === 0) return "UNFULFILLED";
  return fulfilled >= ordered ? "FULFILLED" : "PARTIALLY_FULFILLED";
}

export function returnStatus(state: ShopState, order: OrderRecord): "NO_RETURN" | "RETURN_REQUESTED" | "IN_PROGRESS" | "RETURNED" {
  const all = returns(state, order);
  if (all.some((r) => r.status === "OPEN")) return "IN_PROGRESS";
  if (all.some((r) => r.status === "REQUESTED")) return "RETURN_REQUESTED";
  if (all.some((r) => r.status === "CLOSED")) return "RETURNED";
  return "NO_RETURN";
}
