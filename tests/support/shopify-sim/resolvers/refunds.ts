/**
 * Money going back to the buyer, shared by `refundCreate` and `returnProcess`: REFUND transactions
 * against captured payments, and store credit (a REFUND transaction on the `shopify_store_credit`
 * gateway plus a credit on the customer's account). Nothing may exceed what was paid.
 */
import { z } from "zod";
import { GraphQLError, type FieldNode } from "graphql";
import { display, parseDecimal } from "../money";
import * as math from "../order-math";
import type { OrderRecord, RefundLineRecord, RefundRecord, TransactionRecord } from "../store";
import { refundPayload, orderPayload } from "../payloads";
import { lookup, type Args, type ResolverContext } from "./context";
import { parseArgs, userError, type UserError } from "./mutation-helpers";
import { creditAccount } from "./store-credit";

const moneyInput = z.object({ amount: z.string(), currencyCode: z.string() });

export const refundMethodsInput = z
  .array(z.object({ storeCreditRefund: z.object({ amount: moneyInput, expiresAt: z.string().nullish() }).nullish() }))
  .nullish();

const refundCreateArgs = z.object({
  input: z.object({
    orderId: z.string(),
    note: z.string().nullish(),
    currency: z.string().nullish(),
    allowOverRefunding: z.boolean().nullish(),
    refundLineItems: z
      .array(z.object({ lineItemId: z.string(), quantity: z.number().int(), restockType: z.string().nullish() }))
      .nullish(),
    transactions: z
      .array(z.object({ amount: z.string(), gateway: z.string(), kind: z.string(), orderId: z.string(), parentId: z.string().nullish() }))
      .nullish(),
    refundMethods: refundMethodsInput,
  }),
});

export interface PlannedTransaction {
  parentId: string | null;
  gateway: string;
  amountMinor: number;
}

export interface RefundPlan {
  order: OrderRecord;
  returnId: string | null;
  note: string | null;
  lines: Omit<RefundLineRecord, "__typename" | "id">[];
  transactions: PlannedTransaction[];
  storeCreditMinor: number;
  allowOverRefunding: boolean;
}

/** Checks a refund against Shopify's rules; returns the userErrors (empty when it may proceed). */
export function validateRefund(ctx: ResolverContext, plan: RefundPlan, fieldPrefix: string[]): UserError[] {
  const errors: UserError[] = [];
  const { order } = plan;
  for (const [i, t] of plan.transactions.entries()) {
    if (t.amountMinor <= 0) {
      errors.push(userError([...fieldPrefix, "transactions", i, "amount"], "Amount must be greater than 0"));
      continue;
    }
    if (t.parentId === null) continue;
    const parent = order.transactions.find((p) => p.id === t.parentId);
    if (!parent || (parent.kind !== "SALE" && parent.kind !== "CAPTURE") || parent.status !== "SUCCESS") {
      errors.push(userError([...fieldPrefix, "transactions", i, "parentId"], "Parent transaction does not exist or cannot be refunded"));
      continue;
    }
    const left = math.refundableOnTransaction(order, parent);
    if (t.amountMinor > left && !plan.allowOverRefunding) {
      errors.push(
        userError(
          [...fieldPrefix, "transactions", i, "amount"],
          `Refund amount ${display(t.amountMinor, order.currencyCode)} is greater than the ${display(left, order.currencyCode)} available to refund on this transaction`,
        ),
      );
    }
  }
  const requested = plan.transactions.reduce((s, t) => s + t.amountMinor, 0) + plan.storeCreditMinor;
  const available = math.receivedMinor(order) - math.refundedMinor(order);
  if (requested > available && !plan.allowOverRefunding && errors.length === 0) {
    errors.push(
      userError(
        [...fieldPrefix],
        `Refund amount ${display(requested, order.currencyCode)} is greater than net payment received ${display(available, order.currencyCode)}`,
      ),
    );
  }
  return errors;
}

/** Applies a validated plan: transactions, store credit, the refund record, events and webhooks. */
export function applyRefund(ctx: ResolverContext, plan: RefundPlan): RefundRecord {
  const { store, state } = ctx;
  const { order } = plan;
  const now = store.now();
  const transactionIds: string[] = [];
  const addTransaction = (t: PlannedTransaction): TransactionRecord => {
    const record = store.put(state, {
      __typename: "OrderTransaction",
      id: store.gid("OrderTransaction"),
      orderId: order.id,
      kind: "REFUND",
      status: "SUCCESS",
      gateway: t.gateway,
      amountMinor: t.amountMinor,
      parentId: t.parentId,
      createdAt: now,
    });
    order.transactions.push(record);
    transactionIds.push(record.id);
    return record;
  };
  for (const t of plan.transactions) addTransaction(t);
  if (plan.storeCreditMinor > 0) {
    const tx = addTransaction({ parentId: null, gateway: "shopify_store_credit", amountMinor: plan.storeCreditMinor });
    if (order.customerId) creditAccount(ctx, order.customerId, plan.storeCreditMinor, null, "ORDER_REFUND", tx.id);
  }
  const refund = store.put(state, {
    __typename: "Refund",
    id: store.gid("Refund"),
    orderId: order.id,
    returnId: plan.returnId,
    createdAt: now,
    note: plan.note,
    lines: plan.lines.map((l) => store.put(state, { __typename: "RefundLineItem" as const, id: store.gid("RefundLineItem"), ...l })),
    transactionIds,
  });
  order.refundIds.push(refund.id);
  order.updatedAt = now;
  store.record(state.shop.domain, "refund.created", refund.id, {
    orderId: order.id,
    returnId: plan.returnId,
    transactions: plan.transactions.map((t) => t.amountMinor),
    storeCreditMinor: plan.storeCreditMinor,
  });
  ctx.emit("refunds/create", refundPayload(state, refund));
  ctx.emit("orders/updated", orderPayload(state, order));
  return refund;
}

/** Refund line amounts: net unit price and unit tax times quantity, so partial refunds add up exactly. */
export function refundLinesFor(
  ctx: ResolverContext,
  order: OrderRecord,
  items: { lineItemId: string; quantity: number; restockType: RefundLineRecord["restockType"] }[],
): RefundPlan["lines"] {
  return items.flatMap((item) => {
    const line = order.lineItems.find((l) => l.id === item.lineItemId);
    if (!line) return [];
    return [
      {
        lineItemId: line.id,
        quantity: item.quantity,
        restockType: item.restockType,
        subtotalMinor: math.unitNetMinor(line) * item.quantity,
        taxMinor: line.unitTaxMinor * item.quantity,
      },
    ];
  });
}

const RESTOCK_TYPES = new Set(["NO_RESTOCK", "CANCEL", "RETURN", "LEGACY_RESTOCK"]);

function restockType(value: string | null | undefined): RefundLineRecord["restockType"] {
  switch (value) {
    case "CANCEL":
    case "RETURN":
    case "LEGACY_RESTOCK":
      return value;
    default:
      return "NO_RESTOCK";
  }
}

/** The `@idempotent(key:)` directive on the mutation field, if any. */
export function idempotencyKey(fieldNode: FieldNode | undefined, variables: Record<string, unknown>): string | null {
  const directive = fieldNode?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key");
  if (!arg) return null;
  if (arg.value.kind === "StringValue") return arg.value.value;
  if (arg.value.kind === "Variable") {
    const v = variables[arg.value.name.value];
    return typeof v === "string" ? v : null;
  }
  return null;
}

export function refundCreate(args: Args, ctx: ResolverContext, key: string | null) {
  // Mandatory since 2026-04 (changelog "Making idempotency mandatory…"): a runtime error, not a schema one.
  if (!key) {
    throw new GraphQLError("The @idempotent directive is required for this mutation.", { extensions: { code: "BAD_REQUEST" } });
  }
  const { input } = parseArgs(refundCreateArgs, args);
  const idemKey = `refundCreate:${key}`;
  const previous = ctx.state.idempotency.get(idemKey);
  if (previous) {
    const refund = lookup(ctx, previous, "Refund");
    return { refund, order: refund ? lookup(ctx, refund.orderId, "Order") : null, userErrors: [] };
  }
  const order = lookup(ctx, input.orderId, "Order");
  if (!order) return { refund: null, order: null, userErrors: [userError(["orderId"], "Order does not exist")] };

  const errors: UserError[] = [];
  const currencyError = refundCurrencyError(order, input.currency ?? null);
  if (currencyError) errors.push(currencyError);
  const items = (input.refundLineItems ?? []).map((l, i) => {
    const line = order.lineItems.find((li) => li.id === l.lineItemId);
    if (!line) errors.push(userError(["refundLineItems", i, "lineItemId"], "Line item does not exist"));
    else if (l.restockType && !RESTOCK_TYPES.has(l.restockType)) errors.push(userError(["refundLineItems", i, "restockType"], "Restock type is invalid"));
    else {
      const refundable = line.quantity - math.refundedQuantity(ctx.state, order, line.id);
      if (l.quantity > refundable) {
        errors.push(userError(["refundLineItems", i, "quantity"], `Quantity cannot refund more items than were purchased (${refundable} refundable)`));
      }
    }
    return { lineItemId: l.lineItemId, quantity: l.quantity, restockType: restockType(l.restockType) };
  });
  const transactions: PlannedTransaction[] = [];
  for (const [i, t] of (input.transactions ?? []).entries()) {
    const amount = parseDecimal(t.amount);
    if (amount === null) errors.push(userError(["transactions", i, "amount"], "Amount is invalid"));
    else if (t.kind !== "REFUND") errors.push(userError(["transactions", i, "kind"], "Kind must be refund"));
    else transactions.push({ parentId: t.parentId ?? null, gateway: t.gateway, amountMinor: amount });
  }
  const storeCreditMinor = storeCreditTotal(input.refundMethods, order, errors, ["refundMethods"]);
  if (storeCreditMinor > 0 && !order.customerId) errors.push(userError(["refundMethods"], "Store credit requires a customer on the order"));
  if (errors.length) return { refund: null, order, userErrors: errors };

  const plan: RefundPlan = {
    order,
    returnId: null,
    note: input.note ?? null,
    lines: refundLinesFor(ctx, order, items),
    transactions,
    storeCreditMinor,
    allowOverRefunding: input.allowOverRefunding === true,
  };
  const refundErrors = validateRefund(ctx, plan, []);
  if (refundErrors.length) return { refund: null, order, userErrors: refundErrors };
  const refund = applyRefund(ctx, plan);
  ctx.state.idempotency.set(idemKey, refund.id);
  return { refund, order, userErrors: [] };
}

export function storeCreditTotal(
  methods: z.infer<typeof refundMethodsInput>,
  order: OrderRecord,
  errors: UserError[],
  field: string[],
): number {
  let total = 0;
  for (const [i, m] of (methods ?? []).entries()) {
    if (!m.storeCreditRefund) continue;
    const amount = parseDecimal(m.storeCreditRefund.amount.amount);
    if (amount === null || amount <= 0) errors.push(userError([...field, i, "storeCreditRefund", "amount"], "Amount must be greater than 0"));
    else if (m.storeCreditRefund.amount.currencyCode !== order.currencyCode) {
      errors.push(userError([...field, i, "storeCreditRefund", "amount", "currencyCode"], "Currency must match the order currency"));
    } else total += amount;
  }
  return total;
}

/**
 * RefundInput.currency (Admin 2026-10): "The currency that is used to refund the order. This
 * must be the presentment currency, which is the currency used by the customer. This is a
 * required field for orders where the currency and presentment currency differ."
 */
function refundCurrencyError(order: OrderRecord, currency: string | null): UserError | null {
  if (currency !== null && currency !== order.currencyCode) {
    return userError(["currency"], `Currency must be the order's presentment currency (${order.currencyCode})`);
  }
  const shopCurrency = order.shopCurrency?.code ?? order.currencyCode;
  if (currency === null && shopCurrency !== order.currencyCode) {
    return userError(["currency"], `Currency is required: the order was paid in ${order.currencyCode}, not the shop currency ${shopCurrency}`);
  }
  return null;
}
