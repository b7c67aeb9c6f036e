/**
 * Return mutations with Shopify's state rules:
 * returnRequest → REQUESTED; returnApproveRequest REQUESTED → OPEN; returnDeclineRequest REQUESTED → DECLINED;
 * returnCreate → OPEN (the only way to add exchange items); returnProcess on OPEN returns;
 * returnCancel from REQUESTED/OPEN with nothing processed; returnClose OPEN → CLOSED; returnReopen CLOSED → OPEN.
 */
import { z } from "zod";
import { parseDecimal } from "../money";
import * as math from "../order-math";
import { returnPayload, orderPayload } from "../payloads";
import type { ExchangeLineRecord, LineItemRecord, OrderRecord, ReturnLineRecord, ReturnRecord, ReturnStatus } from "../store";
import { lookup, type Args, type ResolverContext } from "./context";
import { parseArgs, userError, type UserError } from "./mutation-helpers";
import { applyRefund, refundLinesFor, refundMethodsInput, storeCreditTotal, validateRefund, type PlannedTransaction } from "./refunds";

const requestLine = z.object({
  fulfillmentLineItemId: z.string(),
  quantity: z.number().int(),
  returnReasonDefinitionId: z.string().nullish(),
  returnReasonNote: z.string().nullish(),
  customerNote: z.string().nullish(),
});

const returnRequestArgs = z.object({ input: z.object({ orderId: z.string(), returnLineItems: z.array(requestLine) }) });
const returnCreateArgs = z.object({
  returnInput: z.object({
    orderId: z.string(),
    requestedAt: z.string().nullish(),
    returnLineItems: z.array(requestLine),
    exchangeLineItems: z.array(z.object({ variantId: z.string().nullish(), quantity: z.number().int() })).nullish(),
  }),
});
const approveArgs = z.object({ input: z.object({ id: z.string() }) });
const declineArgs = z.object({ input: z.object({ id: z.string(), declineReason: z.enum(["FINAL_SALE", "OTHER", "RETURN_PERIOD_ENDED"]), declineNote: z.string().nullish() }) });
const idArgs = z.object({ id: z.string() });
const processArgs = z.object({
  input: z.object({
    returnId: z.string(),
    note: z.string().nullish(),
    returnLineItems: z.array(z.object({ id: z.string(), quantity: z.number().int() })).nullish(),
    exchangeLineItems: z.array(z.object({ id: z.string(), quantity: z.number().int() })).nullish(),
    financialTransfer: z
      .object({
        issueRefund: z
          .object({
            allowOverRefunding: z.boolean().nullish(),
            orderTransactions: z.array(z.object({ parentId: z.string(), transactionAmount: z.object({ amount: z.string(), currencyCode: z.string() }) })),
            refundMethods: refundMethodsInput,
          })
          .nullish(),
      })
      .nullish(),
  }),
});

type Payload = { return: ReturnRecord | null; userErrors: UserError[] };

const TOPIC_BY_STATUS: Partial<Record<ReturnStatus, string>> = {
  REQUESTED: "returns/request",
  OPEN: "returns/approve",
  DECLINED: "returns/decline",
  CANCELED: "returns/cancel",
  CLOSED: "returns/close",
};

function changed(ctx: ResolverContext, ret: ReturnRecord, order: OrderRecord, event: string, topic: string | undefined): void {
  order.updatedAt = ctx.store.now();
  ctx.store.record(ctx.state.shop.domain, event, ret.id, { status: ret.status, orderId: order.id });
  if (topic) ctx.emit(topic, returnPayload(ret));
  ctx.emit("orders/updated", orderPayload(ctx.state, order));
}

/** Validates requested lines against the order's returnable quantities. */
function validateLines(
  ctx: ResolverContext,
  order: OrderRecord,
  lines: z.infer<typeof requestLine>[],
  field: string[],
): UserError[] {
  const errors: UserError[] = [];
  if (lines.length === 0) errors.push(userError([...field], "Return must have at least one line item.", "BLANK"));
  const wanted = new Map<string, number>();
  for (const [i, line] of lines.entries()) {
    const fli = lookup(ctx, line.fulfillmentLineItemId, "FulfillmentLineItem");
    const belongs = fli && order.fulfillments.some((f) => f.lineItems.includes(fli));
    if (!fli || !belongs) {
      errors.push(userError([...field, i, "fulfillmentLineItemId"], "Fulfillment line item does not exist.", "NOT_FOUND"));
      continue;
    }
    if (line.quantity <= 0) {
      errors.push(userError([...field, i, "quantity"], "Quantity must be greater than 0.", "GREATER_THAN"));
      continue;
    }
    if (line.returnReasonDefinitionId && !lookup(ctx, line.returnReasonDefinitionId, "ReturnReasonDefinition")) {
      errors.push(userError([...field, i, "returnReasonDefinitionId"], "Return reason definition does not exist.", "NOT_FOUND"));
    }
    const total = (wanted.get(fli.id) ?? 0) + line.quantity;
    wanted.set(fli.id, total);
    const returnable = math.returnableQuantity(ctx.state, order, fli);
    if (total > returnable) {
      errors.push(userError([...field, i, "quantity"], `Quantity ${line.quantity} is greater than the returnable quantity ${returnable}.`, "INVALID"));
    }
  }
  return errors;
}

function createReturn(
  ctx: ResolverContext,
  order: OrderRecord,
  status: ReturnStatus,
  lines: z.infer<typeof requestLine>[],
  exchanges: { variantId: string; quantity: number }[],
  createdAt: string,
): ReturnRecord {
  const { store, state } = ctx;
  const id = store.gid("Return");
  const ret = store.put<ReturnRecord>(state, {
    __typename: "Return",
    id,
    orderId: order.id,
    name: `${order.name}-R${order.returnIds.length + 1}`,
    status,
    createdAt,
    requestApprovedAt: status === "OPEN" ? store.now() : null,
    closedAt: null,
    decline: null,
    lines: [],
    exchangeLines: [],
    refundIds: [],
  });
  ret.lines = lines.map(
    (l): ReturnLineRecord =>
      store.put(state, {
        __typename: "ReturnLineItem",
        id: store.gid("ReturnLineItem"),
        returnId: id,
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        processedQuantity: 0,
        refundedQuantity: 0,
        returnReasonDefinitionId: l.returnReasonDefinitionId ?? null,
        returnReasonNote: l.returnReasonNote ?? "",
        customerNote: l.customerNote ?? null,
      }),
  );
  ret.exchangeLines = exchanges.map(
    (e): ExchangeLineRecord =>
      store.put(state, {
        __typename: "ExchangeLineItem",
        id: store.gid("ExchangeLineItem"),
        returnId: id,
        variantId: e.variantId,
        quantity: e.quantity,
        processedQuantity: 0,
        lineItemIds: [],
      }),
  );
  order.returnIds.push(id);
  return ret;
}

export function returnRequest(args: Args, ctx: ResolverContext): Payload {
  const { input } = parseArgs(returnRequestArgs, args);
  const order = lookup(ctx, input.orderId, "Order");
  if (!order) return { return: null, userErrors: [userError(["input", "orderId"], "Order does not exist.", "NOT_FOUND")] };
  const errors = validateLines(ctx, order, input.returnLineItems, ["input", "returnLineItems"]);
  if (errors.length) return { return: null, userErrors: errors };
  const ret = createReturn(ctx, order, "REQUESTED", input.returnLineItems, [], ctx.store.now());
  changed(ctx, ret, order, "return.requested", TOPIC_BY_STATUS.REQUESTED);
  return { return: ret, userErrors: [] };
}

export function returnCreate(args: Args, ctx: ResolverContext): Payload {
  const { returnInput } = parseArgs(returnCreateArgs, args);
  const order = lookup(ctx, returnInput.orderId, "Order");
  if (!order) return { return: null, userErrors: [userError(["returnInput", "orderId"], "Order does not exist.", "NOT_FOUND")] };
  const errors = validateLines(ctx, order, returnInput.returnLineItems, ["returnInput", "returnLineItems"]);
  const exchanges: { variantId: string; quantity: number }[] = [];
  for (const [i, e] of (returnInput.exchangeLineItems ?? []).entries()) {
    const variant = lookup(ctx, e.variantId ?? null, "ProductVariant");
    if (!variant) errors.push(userError(["returnInput", "exchangeLineItems", i, "variantId"], "Variant does not exist.", "NOT_FOUND"));
    else if (e.quantity <= 0) errors.push(userError(["returnInput", "exchangeLineItems", i, "quantity"], "Quantity must be greater than 0.", "GREATER_THAN"));
    else if (variant.inventoryQuantity < e.quantity) {
      errors.push(userError(["returnInput", "exchangeLineItems", i, "quantity"], "Variant is not available for the requested quantity.", "INVALID"));
    } else exchanges.push({ variantId: variant.id, quantity: e.quantity });
  }
  if (errors.length) return { return: null, userErrors: errors };
  const ret = createReturn(ctx, order, "OPEN", returnInput.returnLineItems, exchanges, returnInput.requestedAt ?? ctx.store.now());
  changed(ctx, ret, order, "return.created", TOPIC_BY_STATUS.OPEN);
  return { return: ret, userErrors: [] };
}

/** Finds the return and checks its status is one of `from`; otherwise the INVALID_STATE userError Shopify returns. */
function transitionable(
  ctx: ResolverContext,
  id: string,
  from: ReturnStatus[],
  verb: string,
  field: string[],
): { error: UserError } | { ret: ReturnRecord; order: OrderRecord } {
  const ret = lookup(ctx, id, "Return");
  if (!ret) return { error: userError(field, "Return does not exist.", "NOT_FOUND") };
  if (!from.includes(ret.status)) {
    return { error: userError(field, `Return is ${ret.status.toLowerCase()} and cannot be ${verb}.`, "INVALID_STATE") };
  }
  const order = lookup(ctx, ret.orderId, "Order");
  if (!order) return { error: userError(field, "Order does not exist.", "NOT_FOUND") };
  return { ret, order };
}

export function returnApproveRequest(args: Args, ctx: ResolverContext): Payload {
  const { input } = parseArgs(approveArgs, args);
  const t = transitionable(ctx, input.id, ["REQUESTED"], "approved", ["input", "id"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  t.ret.status = "OPEN";
  t.ret.requestApprovedAt = ctx.store.now();
  changed(ctx, t.ret, t.order, "return.approved", TOPIC_BY_STATUS.OPEN);
  return { return: t.ret, userErrors: [] };
}

export function returnDeclineRequest(args: Args, ctx: ResolverContext): Payload {
  const { input } = parseArgs(declineArgs, args);
  const t = transitionable(ctx, input.id, ["REQUESTED"], "declined", ["input", "id"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  t.ret.status = "DECLINED";
  t.ret.decline = { reason: input.declineReason, note: input.declineNote ?? null };
  changed(ctx, t.ret, t.order, "return.declined", TOPIC_BY_STATUS.DECLINED);
  return { return: t.ret, userErrors: [] };
}

export function returnCancel(args: Args, ctx: ResolverContext): Payload {
  const { id } = parseArgs(idArgs, args);
  const t = transitionable(ctx, id, ["REQUESTED", "OPEN"], "canceled", ["id"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  if (t.ret.lines.some((l) => l.processedQuantity > 0) || t.ret.refundIds.length > 0) {
    return { return: null, userErrors: [userError(["id"], "Return has processed items and cannot be canceled.", "INVALID_STATE")] };
  }
  t.ret.status = "CANCELED";
  changed(ctx, t.ret, t.order, "return.canceled", TOPIC_BY_STATUS.CANCELED);
  return { return: t.ret, userErrors: [] };
}

export function returnClose(args: Args, ctx: ResolverContext): Payload {
  const { id } = parseArgs(idArgs, args);
  const t = transitionable(ctx, id, ["OPEN"], "closed", ["id"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  t.ret.status = "CLOSED";
  t.ret.closedAt = ctx.store.now();
  changed(ctx, t.ret, t.order, "return.closed", TOPIC_BY_STATUS.CLOSED);
  return { return: t.ret, userErrors: [] };
}

export function returnReopen(args: Args, ctx: ResolverContext): Payload {
  const { id } = parseArgs(idArgs, args);
  const t = transitionable(ctx, id, ["CLOSED"], "reopened", ["id"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  t.ret.status = "OPEN";
  t.ret.closedAt = null;
  changed(ctx, t.ret, t.order, "return.reopened", "returns/reopen");
  return { return: t.ret, userErrors: [] };
}

/** Adds the processed exchange items to the order as new line items and takes them from stock. */
function addExchangeLine(ctx: ResolverContext, order: OrderRecord, exchange: ExchangeLineRecord, quantity: number): void {
  const variant = lookup(ctx, exchange.variantId, "ProductVariant");
  const product = variant ? lookup(ctx, variant.productId, "Product") : null;
  if (!variant || !product) return;
  const taxRate = order.lineItems[0]?.taxRate ?? 0;
  const line: LineItemRecord = ctx.store.put(ctx.state, {
    __typename: "LineItem",
    id: ctx.store.gid("LineItem"),
    orderId: order.id,
    productId: product.id,
    variantId: variant.id,
    title: product.title,
    variantTitle: variant.title,
    sku: variant.sku,
    quantity,
    unitPriceMinor: variant.priceMinor,
    unitDiscountMinor: 0,
    taxRate,
    unitTaxMinor: Math.round(variant.priceMinor * taxRate),
  });
  order.lineItems.push(line);
  exchange.lineItemIds.push(line.id);
  variant.inventoryQuantity -= quantity;
}

export function returnProcess(args: Args, ctx: ResolverContext): Payload {
  const { input } = parseArgs(processArgs, args);
  const t = transitionable(ctx, input.returnId, ["OPEN"], "processed", ["input", "returnId"]);
  if ("error" in t) return { return: null, userErrors: [t.error] };
  const { ret, order } = t;
  const errors: UserError[] = [];
  const lineWork: { line: ReturnLineRecord; quantity: number }[] = [];
  for (const [i, item] of (input.returnLineItems ?? []).entries()) {
    const line = ret.lines.find((l) => l.id === item.id);
    if (!line) errors.push(userError(["input", "returnLineItems", i, "id"], "Return line item does not exist.", "NOT_FOUND"));
    else if (item.quantity <= 0) errors.push(userError(["input", "returnLineItems", i, "quantity"], "Quantity must be greater than 0.", "GREATER_THAN"));
    else if (item.quantity > line.quantity - line.processedQuantity) {
      errors.push(
        userError(["input", "returnLineItems", i, "quantity"], `Quantity ${item.quantity} is greater than the processable quantity ${line.quantity - line.processedQuantity}.`, "INVALID"),
      );
    } else lineWork.push({ line, quantity: item.quantity });
  }
  const exchangeWork: { exchange: ExchangeLineRecord; quantity: number }[] = [];
  for (const [i, item] of (input.exchangeLineItems ?? []).entries()) {
    const exchange = ret.exchangeLines.find((e) => e.id === item.id);
    if (!exchange) errors.push(userError(["input", "exchangeLineItems", i, "id"], "Exchange line item does not exist.", "NOT_FOUND"));
    else if (item.quantity <= 0 || item.quantity > exchange.quantity - exchange.processedQuantity) {
      errors.push(userError(["input", "exchangeLineItems", i, "quantity"], "Quantity is greater than the processable quantity.", "INVALID"));
    } else exchangeWork.push({ exchange, quantity: item.quantity });
  }
  if (lineWork.length === 0 && exchangeWork.length === 0 && errors.length === 0) {
    errors.push(userError(["input"], "At least one return line item or exchange line item must be processed.", "BLANK"));
  }
  const issue = input.financialTransfer?.issueRefund ?? null;
  const transactions: PlannedTransaction[] = [];
  let storeCreditMinor = 0;
  if (issue) {
    for (const [i, ot] of issue.orderTransactions.entries()) {
      const amount = parseDecimal(ot.transactionAmount.amount);
      const parent = order.transactions.find((p) => p.id === ot.parentId);
      if (amount === null) errors.push(userError(["input", "financialTransfer", "issueRefund", "orderTransactions", i, "transactionAmount"], "Amount is invalid.", "INVALID"));
      else if (!parent) errors.push(userError(["input", "financialTransfer", "issueRefund", "orderTransactions", i, "parentId"], "Transaction does not exist.", "NOT_FOUND"));
      else transactions.push({ parentId: parent.id, gateway: parent.gateway, amountMinor: amount });
    }
    storeCreditMinor = storeCreditTotal(issue.refundMethods, order, errors, ["input", "financialTransfer", "issueRefund", "refundMethods"]);
    if (storeCreditMinor > 0 && !order.customerId) {
      errors.push(userError(["input", "financialTransfer", "issueRefund", "refundMethods"], "Store credit requires a customer on the order.", "INVALID"));
    }
  }
  if (errors.length) return { return: null, userErrors: errors };

  const refundPlan = issue
    ? {
        order,
        returnId: ret.id,
        note: input.note ?? null,
        lines: refundLinesFor(
          ctx,
          order,
          lineWork.flatMap(({ line, quantity }) => {
            const fli = lookup(ctx, line.fulfillmentLineItemId, "FulfillmentLineItem");
            return fli ? [{ lineItemId: fli.lineItemId, quantity, restockType: "RETURN" as const }] : [];
          }),
        ),
        transactions,
        storeCreditMinor,
        allowOverRefunding: issue.allowOverRefunding === true,
      }
    : null;
  if (refundPlan) {
    const refundErrors = validateRefund(ctx, refundPlan, ["input", "financialTransfer", "issueRefund"]);
    if (refundErrors.length) return { return: null, userErrors: refundErrors.map((e) => ({ ...e, code: "INVALID" })) };
  }

  for (const { line, quantity } of lineWork) {
    line.processedQuantity += quantity;
    if (refundPlan) line.refundedQuantity += quantity;
  }
  for (const { exchange, quantity } of exchangeWork) {
    exchange.processedQuantity += quantity;
    addExchangeLine(ctx, order, exchange, quantity);
  }
  if (refundPlan) {
    const refund = applyRefund(ctx, refundPlan);
    ret.refundIds.push(refund.id);
  }
  changed(ctx, ret, order, "return.processed", "returns/process");
  return { return: ret, userErrors: [] };
}
