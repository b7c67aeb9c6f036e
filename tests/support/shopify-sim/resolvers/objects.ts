/**
 * Field resolvers for the objects the app reads. Anything not listed falls back to the record's
 * own property, then to null for nullable fields; non-null fields that are not modelled raise a
 * loud "does not model" error (see resolvers/index.ts).
 */
import { moneyBag, moneyV2, formatDecimal } from "../money";
import * as math from "../order-math";
import { legacyId } from "../store";
import type {
  CurrencyCode,
  ExchangeLineRecord,
  FulfillmentLineItemRecord,
  OrderRecord,
  ReturnRecord,
  StoreCreditAccountRecord,
  StoreCreditTransactionRecord,
  TransactionRecord,
} from "../store";
import { connection } from "./connection";
import { argString, fieldsOf, firstN, lookup, type Args, type ResolverContext, type TypeResolvers } from "./context";
import { orderMatches } from "./search";

const RETURN_REASON_BY_HANDLE: Record<string, string> = {
  "size-too-small": "SIZE_TOO_SMALL",
  "size-too-large": "SIZE_TOO_LARGE",
  "not-as-described": "NOT_AS_DESCRIBED",
  defective: "DEFECTIVE",
  "wrong-item": "WRONG_ITEM",
  unwanted: "UNWANTED",
  style: "STYLE",
  color: "COLOR",
};

export function orderOf(ctx: ResolverContext, orderId: string): OrderRecord {
  const order = lookup(ctx, orderId, "Order");
  if (!order) throw new Error(`Simulator store is inconsistent: no order ${orderId}`);
  return order;
}

function fulfillmentLineOf(ctx: ResolverContext, id: string): FulfillmentLineItemRecord | null {
  return lookup(ctx, id, "FulfillmentLineItem");
}

/** Orders older than 60 days are invisible without `read_all_orders`, as on Shopify. */
export function visibleOrders(ctx: ResolverContext): OrderRecord[] {
  if (ctx.scopes.has("read_all_orders")) return ctx.state.orders;
  const cutoff = ctx.nowMs() - 60 * 24 * 3600 * 1000;
  return ctx.state.orders.filter((o) => Date.parse(o.createdAt) >= cutoff);
}

export function sortOrders(orders: OrderRecord[], args: Args): OrderRecord[] {
  const key = argString(args, "sortKey") ?? "ID";
  const value = (o: OrderRecord): number => {
    switch (key) {
      case "CREATED_AT":
        return Date.parse(o.createdAt);
      case "PROCESSED_AT":
        return Date.parse(o.processedAt);
      case "UPDATED_AT":
        return Date.parse(o.updatedAt);
      case "ORDER_NUMBER":
        return o.number;
      case "TOTAL_PRICE":
        return math.totalMinor(o);
      default:
        return legacyId(o.id);
    }
  };
  return [...orders].sort((a, b) => value(a) - value(b) || legacyId(a.id) - legacyId(b.id));
}

export function ordersConnection(ctx: ResolverContext, orders: OrderRecord[], args: Args) {
  const query = argString(args, "query");
  return connection(
    sortOrders(
      orders.filter((o) => orderMatches(o, query)),
      args,
    ),
    args,
  );
}

function returnableFulfillments(ctx: ResolverContext, order: OrderRecord) {
  return order.fulfillments
    .map((f) => {
      const lines = f.lineItems
        .map((fli) => ({ id: fli.id, fulfillmentLineItem: fli, quantity: math.returnableQuantity(ctx.state, order, fli) }))
        .filter((l) => l.quantity > 0);
      return {
        __typename: "ReturnableFulfillment",
        id: f.id.replace("/Fulfillment/", "/ReturnableFulfillment/"),
        fulfillment: f,
        returnableFulfillmentLineItems: (args: Args) => connection(lines, args),
      };
    })
    .filter((rf) => rf.fulfillment.lineItems.some((fli) => math.returnableQuantity(ctx.state, order, fli) > 0));
}

export function returnableFulfillmentsFor(ctx: ResolverContext, orderId: string) {
  const order = lookup(ctx, orderId, "Order");
  return order ? returnableFulfillments(ctx, order) : [];
}

function orderReturns(ctx: ResolverContext, order: OrderRecord): ReturnRecord[] {
  return math.returns(ctx.state, order);
}

function processable(ret: ReturnRecord, quantity: number, processed: number): number {
  return ret.status === "OPEN" ? quantity - processed : 0;
}

function returnOf(ctx: ResolverContext, id: string): ReturnRecord {
  const ret = lookup(ctx, id, "Return");
  if (!ret) throw new Error(`Simulator store is inconsistent: no return ${id}`);
  return ret;
}

function byProcessingStatus<T extends { quantity: number; processedQuantity: number }>(items: T[], ret: ReturnRecord, args: Args): T[] {
  const status = argString(args, "processingStatus");
  if (status === "PROCESSED") return items.filter((i) => i.processedQuantity > 0);
  if (status === "PROCESSABLE") return items.filter((i) => processable(ret, i.quantity, i.processedQuantity) > 0);
  return items;
}

function transactionsOf(ctx: ResolverContext, ids: string[]): TransactionRecord[] {
  return ids.flatMap((id) => {
    const t = lookup(ctx, id, "OrderTransaction");
    return t ? [t] : [];
  });
}

function accountsOf(ctx: ResolverContext, customerId: string): StoreCreditAccountRecord[] {
  return [...ctx.state.nodes.values()].filter(
    (n): n is StoreCreditAccountRecord => n.__typename === "StoreCreditAccount" && n.customerId === customerId,
  );
}

export const objectResolvers: Record<string, TypeResolvers> = {
  Shop: fieldsOf("Shop", {
    myshopifyDomain: (s) => s.domain,
    contactEmail: (s) => s.email,
    url: (s) => `https://${s.domain}`,
    enabledPresentmentCurrencies: (s) => [s.currencyCode],
    taxesIncluded: () => false,
    orderNumberFormatPrefix: () => "#",
    orderNumberFormatSuffix: () => "",
    // Every simulated shop is on the Standard ("Shopify") plan, matching its rate limit.
    plan: () => ({ publicDisplayName: "Shopify", partnerDevelopment: false, shopifyPlus: false }),
  }),

  Order: fieldsOf("Order", {
    legacyResourceId: (o) => String(legacyId(o.id)),
    currencyCode: (o) => o.shopCurrency?.code ?? o.currencyCode,
    presentmentCurrencyCode: (o) => o.currencyCode,
    customer: (o, _a, ctx) => lookup(ctx, o.customerId, "Customer"),
    displayFinancialStatus: (o) => math.financialStatus(o),
    displayFulfillmentStatus: (o) => math.fulfillmentStatus(o),
    returnStatus: (o, _a, ctx) => math.returnStatus(ctx.state, o),
    lineItems: (o, args) => connection(o.lineItems, args),
    fulfillments: (o, args) => firstN(o.fulfillments, args),
    returns: (o, args, ctx) => connection(orderReturns(ctx, o), args),
    refunds: (o, args, ctx) => firstN(math.refunds(ctx.state, o), args),
    transactions: (o, args) => firstN(o.transactions, args),
    subtotalPriceSet: (o) => moneyBag(math.subtotalMinor(o), o),
    currentSubtotalPriceSet: (o) => moneyBag(math.subtotalMinor(o), o),
    totalTaxSet: (o) => moneyBag(math.taxMinor(o), o),
    currentTotalTaxSet: (o) => moneyBag(math.taxMinor(o), o),
    totalDiscountsSet: (o) => moneyBag(math.discountsMinor(o), o),
    currentTotalDiscountsSet: (o) => moneyBag(math.discountsMinor(o), o),
    totalPriceSet: (o) => moneyBag(math.totalMinor(o), o),
    originalTotalPriceSet: (o) => moneyBag(math.totalMinor(o), o),
    currentTotalPriceSet: (o) => moneyBag(math.totalMinor(o) - math.refundedMinor(o), o),
    totalReceivedSet: (o) => moneyBag(math.receivedMinor(o), o),
    totalRefundedSet: (o) => moneyBag(math.refundedMinor(o), o),
    netPaymentSet: (o) => moneyBag(math.receivedMinor(o) - math.refundedMinor(o), o),
    totalOutstandingSet: (o) => moneyBag(Math.max(0, math.totalMinor(o) - math.receivedMinor(o)), o),
    totalShippingPriceSet: (o) => moneyBag(0, o),
    currentShippingPriceSet: (o) => moneyBag(0, o),
    totalRefundedShippingSet: (o) => moneyBag(0, o),
    subtotalLineItemsQuantity: (o) => o.lineItems.reduce((s, l) => s + l.quantity, 0),
    currentSubtotalLineItemsQuantity: (o, _a, ctx) =>
      o.lineItems.reduce((s, l) => s + l.quantity - math.refundedQuantity(ctx.state, o, l.id), 0),
    fullyPaid: (o) => math.receivedMinor(o) >= math.totalMinor(o),
    unpaid: (o) => math.receivedMinor(o) === 0,
    refundable: (o) => math.receivedMinor(o) > math.refundedMinor(o),
    closed: () => false,
    confirmed: () => true,
    test: () => false,
    taxesIncluded: () => false,
    taxExempt: () => false,
    requiresShipping: () => true,
    cancelledAt: () => null,
    statusPageUrl: (o, _a, ctx) => `https://${ctx.state.shop.domain}/orders/${legacyId(o.id)}/status`,
    paymentGatewayNames: (o) => [...new Set(o.transactions.filter((t) => t.kind === "SALE").map((t) => t.gateway))],
    discountCodes: () => [],
    customAttributes: () => [],
  }),

  LineItem: fieldsOf("LineItem", {
    name: (l) => (l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title),
    currentQuantity: (l, _a, ctx) => l.quantity - math.refundedQuantity(ctx.state, orderOf(ctx, l.orderId), l.id),
    refundableQuantity: (l, _a, ctx) => l.quantity - math.refundedQuantity(ctx.state, orderOf(ctx, l.orderId), l.id),
    unfulfilledQuantity: (l, _a, ctx) => l.quantity - math.fulfilledQuantity(orderOf(ctx, l.orderId), l.id),
    nonFulfillableQuantity: () => 0,
    originalUnitPriceSet: (l, _a, ctx) => moneyBag(l.unitPriceMinor, orderOf(ctx, l.orderId)),
    discountedUnitPriceSet: (l, _a, ctx) => moneyBag(math.unitNetMinor(l), orderOf(ctx, l.orderId)),
    discountedUnitPriceAfterAllDiscountsSet: (l, _a, ctx) => moneyBag(math.unitNetMinor(l), orderOf(ctx, l.orderId)),
    originalTotalSet: (l, _a, ctx) => moneyBag(l.unitPriceMinor * l.quantity, orderOf(ctx, l.orderId)),
    discountedTotalSet: (l, _a, ctx) => moneyBag(math.unitNetMinor(l) * l.quantity, orderOf(ctx, l.orderId)),
    totalDiscountSet: (l, _a, ctx) => moneyBag(l.unitDiscountMinor * l.quantity, orderOf(ctx, l.orderId)),
    taxLines: (l, _a, ctx) =>
      l.unitTaxMinor === 0
        ? []
        : [
            {
              title: orderOf(ctx, l.orderId).currencyCode === "EUR" ? "VAT" : "Sales Tax",
              rate: l.taxRate,
              ratePercentage: Math.round(l.taxRate * 10000) / 100,
              priceSet: moneyBag(l.unitTaxMinor * l.quantity, orderOf(ctx, l.orderId)),
              channelLiable: false,
              source: "Shopify",
            },
          ],
    product: (l, _a, ctx) => lookup(ctx, l.productId, "Product"),
    variant: (l, _a, ctx) => lookup(ctx, l.variantId, "ProductVariant"),
    vendor: (l, _a, ctx) => lookup(ctx, l.productId, "Product")?.vendor ?? null,
    requiresShipping: () => true,
    restockable: () => true,
    taxable: () => true,
    isGiftCard: () => false,
    merchantEditable: () => false,
    customAttributes: () => [],
    discountAllocations: () => [],
    duties: () => [],
  }),

  Fulfillment: fieldsOf("Fulfillment", {
    legacyResourceId: (f) => String(legacyId(f.id)),
    status: () => "SUCCESS",
    updatedAt: (f) => f.deliveredAt ?? f.inTransitAt ?? f.createdAt,
    displayStatus: (f) => (f.deliveredAt ? "DELIVERED" : f.inTransitAt ? "IN_TRANSIT" : "FULFILLED"),
    fulfillmentLineItems: (f, args) => connection(f.lineItems, args),
    order: (f, _a, ctx) => orderOf(ctx, f.orderId),
    totalQuantity: (f) => f.lineItems.reduce((s, l) => s + l.quantity, 0),
    requiresShipping: () => true,
    trackingInfo: (f) => [{ company: "UPS", number: `1Z${legacyId(f.id)}`, url: `https://www.ups.com/track?tracknum=1Z${legacyId(f.id)}` }],
    estimatedDeliveryAt: () => null,
  }),

  FulfillmentLineItem: fieldsOf("FulfillmentLineItem", {
    lineItem: (fli, _a, ctx) => {
      const line = lookup(ctx, fli.lineItemId, "LineItem");
      if (!line) throw new Error(`Simulator store is inconsistent: no line item ${fli.lineItemId}`);
      return line;
    },
    originalTotalSet: (fli, _a, ctx) => {
      const line = lookup(ctx, fli.lineItemId, "LineItem");
      return line ? moneyBag(line.unitPriceMinor * fli.quantity, orderOf(ctx, line.orderId)) : null;
    },
    discountedTotalSet: (fli, _a, ctx) => {
      const line = lookup(ctx, fli.lineItemId, "LineItem");
      return line ? moneyBag(math.unitNetMinor(line) * fli.quantity, orderOf(ctx, line.orderId)) : null;
    },
  }),

  OrderTransaction: fieldsOf("OrderTransaction", {
    amountSet: (t, _a, ctx) => moneyBag(t.amountMinor, orderOf(ctx, t.orderId)),
    amountV2: (t, _a, ctx) => moneyV2(t.amountMinor, orderOf(ctx, t.orderId).currencyCode),
    amount: (t) => formatDecimal(t.amountMinor),
    processedAt: (t) => t.createdAt,
    formattedGateway: (t) => (t.gateway === "shopify_store_credit" ? "Store credit" : t.gateway === "shopify_payments" ? "Shopify Payments" : t.gateway),
    parentTransaction: (t, _a, ctx) => lookup(ctx, t.parentId, "OrderTransaction"),
    order: (t, _a, ctx) => orderOf(ctx, t.orderId),
    maximumRefundableV2: (t, _a, ctx) => {
      const order = orderOf(ctx, t.orderId);
      return t.kind === "SALE" || t.kind === "CAPTURE" ? moneyV2(math.refundableOnTransaction(order, t), order.currencyCode) : null;
    },
    test: () => false,
    manualPaymentGateway: () => false,
    manuallyCapturable: () => false,
    multiCapturable: () => false,
    fees: () => [],
  }),

  Refund: fieldsOf("Refund", {
    legacyResourceId: (r) => String(legacyId(r.id)),
    processedAt: (r) => r.createdAt,
    updatedAt: (r) => r.createdAt,
    order: (r, _a, ctx) => orderOf(ctx, r.orderId),
    return: (r, _a, ctx) => lookup(ctx, r.returnId, "Return"),
    totalRefundedSet: (r, _a, ctx) =>
      moneyBag(
        transactionsOf(ctx, r.transactionIds).reduce((s, t) => s + t.amountMinor, 0),
        orderOf(ctx, r.orderId),
      ),
    refundLineItems: (r, args) => connection(r.lines, args),
    transactions: (r, args, ctx) => connection(transactionsOf(ctx, r.transactionIds), args),
    duties: () => [],
    refundShippingLines: (_r, args) => connection([], args),
    orderAdjustments: (_r, args) => connection([], args),
  }),

  RefundLineItem: fieldsOf("RefundLineItem", {
    lineItem: (rl, _a, ctx) => lookup(ctx, rl.lineItemId, "LineItem"),
    restocked: (rl) => rl.restockType === "RETURN" || rl.restockType === "CANCEL",
    priceSet: (rl, _a, ctx) => moneyBag(Math.round(rl.subtotalMinor / Math.max(1, rl.quantity)), currencyOfLine(ctx, rl.lineItemId)),
    subtotalSet: (rl, _a, ctx) => moneyBag(rl.subtotalMinor, currencyOfLine(ctx, rl.lineItemId)),
    totalTaxSet: (rl, _a, ctx) => moneyBag(rl.taxMinor, currencyOfLine(ctx, rl.lineItemId)),
    location: () => null,
  }),

  Return: fieldsOf("Return", {
    order: (r, _a, ctx) => orderOf(ctx, r.orderId),
    totalQuantity: (r) => r.lines.reduce((s, l) => s + l.quantity, 0),
    returnLineItems: (r, args) => connection(byProcessingStatus(r.lines, r, args), args),
    exchangeLineItems: (r, args) => connection(byProcessingStatus(r.exchangeLines, r, args), args),
    refunds: (r, args, ctx) =>
      connection(
        r.refundIds.flatMap((id) => {
          const refund = lookup(ctx, id, "Refund");
          return refund ? [refund] : [];
        }),
        args,
      ),
    transactions: (r, args, ctx) =>
      connection(
        r.refundIds.flatMap((id) => transactionsOf(ctx, lookup(ctx, id, "Refund")?.transactionIds ?? [])),
        args,
      ),
    returnShippingFees: () => [],
    reverseFulfillmentOrders: (_r, args) => connection([], args),
  }),

  ReturnLineItem: fieldsOf("ReturnLineItem", {
    fulfillmentLineItem: (l, _a, ctx) => fulfillmentLineOf(ctx, l.fulfillmentLineItemId),
    unprocessedQuantity: (l) => l.quantity - l.processedQuantity,
    processableQuantity: (l, _a, ctx) => processable(returnOf(ctx, l.returnId), l.quantity, l.processedQuantity),
    refundableQuantity: (l) => l.quantity - l.refundedQuantity,
    returnReasonDefinition: (l, _a, ctx) => lookup(ctx, l.returnReasonDefinitionId, "ReturnReasonDefinition"),
    returnReason: (l, _a, ctx) => {
      const handle = lookup(ctx, l.returnReasonDefinitionId, "ReturnReasonDefinition")?.handle;
      return (handle && RETURN_REASON_BY_HANDLE[handle]) ?? (handle ? "OTHER" : "UNKNOWN");
    },
    withCodeDiscountedTotalPriceSet: (l, _a, ctx) => {
      const fli = fulfillmentLineOf(ctx, l.fulfillmentLineItemId);
      const line = fli ? lookup(ctx, fli.lineItemId, "LineItem") : null;
      if (!line) return null;
      return moneyBag(math.unitNetMinor(line) * l.quantity, orderOf(ctx, line.orderId));
    },
    restockingFee: () => null,
    totalWeight: () => null,
  }),

  ExchangeLineItem: fieldsOf("ExchangeLineItem", {
    unprocessedQuantity: (e) => e.quantity - e.processedQuantity,
    processableQuantity: (e, _a, ctx) => processable(returnOf(ctx, e.returnId), e.quantity, e.processedQuantity),
    productId: (e, _a, ctx) => lookup(ctx, e.variantId, "ProductVariant")?.productId ?? null,
    title: (e, _a, ctx) => {
      const v = lookup(ctx, e.variantId, "ProductVariant");
      return v ? (lookup(ctx, v.productId, "Product")?.title ?? null) : null;
    },
    variantTitle: (e, _a, ctx) => lookup(ctx, e.variantId, "ProductVariant")?.title ?? null,
    variantSku: (e, _a, ctx) => lookup(ctx, e.variantId, "ProductVariant")?.sku ?? null,
    lineItems: (e, _a, ctx) => exchangeOrderLines(ctx, e),
    lineItem: (e, _a, ctx) => exchangeOrderLines(ctx, e)[0] ?? null,
  }),

  Customer: fieldsOf("Customer", {
    legacyResourceId: (c) => String(legacyId(c.id)),
    displayName: (c) => `${c.firstName} ${c.lastName}`.trim() || c.email,
    defaultEmailAddress: (c) => ({ emailAddress: c.email, marketingState: "NOT_SUBSCRIBED", validFormat: true }),
    updatedAt: (c) => c.createdAt,
    numberOfOrders: (c, _a, ctx) => String(ctx.state.orders.filter((o) => o.customerId === c.id).length),
    amountSpent: (c, _a, ctx) =>
      moneyV2(
        ctx.state.orders
          .filter((o) => o.customerId === c.id)
          .reduce((s, o) => s + math.receivedMinor(o) - math.refundedMinor(o), 0),
        ctx.state.shop.currencyCode,
      ),
    orders: (c, args, ctx) => ordersConnection(ctx, visibleOrders(ctx).filter((o) => o.customerId === c.id), args),
    lastOrder: (c, _a, ctx) => {
      const mine = ctx.state.orders.filter((o) => o.customerId === c.id);
      return sortOrders(mine, { sortKey: "CREATED_AT" }).at(-1) ?? null;
    },
    storeCreditAccounts: (c, args, ctx) => connection(accountsOf(ctx, c.id), args),
    tags: () => [],
    state: () => "ENABLED",
    verifiedEmail: () => true,
    taxExempt: () => false,
    locale: () => "en",
    note: () => null,
    canDelete: () => false,
  }),

  Product: fieldsOf("Product", {
    legacyResourceId: (p) => String(legacyId(p.id)),
    updatedAt: (p) => p.createdAt,
    status: () => "ACTIVE",
    description: () => "",
    descriptionHtml: () => "",
    isGiftCard: () => false,
    tracksInventory: () => true,
    hasOnlyDefaultVariant: (p) => p.variantIds.length === 1,
    variants: (p, args, ctx) =>
      connection(
        p.variantIds.flatMap((id) => {
          const v = lookup(ctx, id, "ProductVariant");
          return v ? [v] : [];
        }),
        args,
      ),
    totalInventory: (p, _a, ctx) => p.variantIds.reduce((s, id) => s + (lookup(ctx, id, "ProductVariant")?.inventoryQuantity ?? 0), 0),
    onlineStoreUrl: (p, _a, ctx) => `https://${ctx.state.shop.domain}/products/${p.handle}`,
  }),

  ProductVariant: fieldsOf("ProductVariant", {
    legacyResourceId: (v) => String(legacyId(v.id)),
    price: (v) => formatDecimal(v.priceMinor),
    availableForSale: (v) => v.inventoryQuantity > 0,
    sellableOnlineQuantity: (v) => Math.max(0, v.inventoryQuantity),
    inventoryPolicy: () => "DENY",
    taxable: () => true,
    product: (v, _a, ctx) => lookup(ctx, v.productId, "Product"),
    displayName: (v, _a, ctx) => `${lookup(ctx, v.productId, "Product")?.title ?? ""} - ${v.title}`,
    image: (v) => (v.imageUrl ? { url: v.imageUrl, altText: null, width: 800, height: 800, id: null } : null),
    position: (v, _a, ctx) => (lookup(ctx, v.productId, "Product")?.variantIds.indexOf(v.id) ?? 0) + 1,
    createdAt: (v, _a, ctx) => lookup(ctx, v.productId, "Product")?.createdAt ?? null,
    updatedAt: (v, _a, ctx) => lookup(ctx, v.productId, "Product")?.createdAt ?? null,
  }),

  StoreCreditAccount: fieldsOf("StoreCreditAccount", {
    balance: (a) => moneyV2(a.balanceMinor, a.currencyCode),
    owner: (a, _args, ctx) => lookup(ctx, a.customerId, "Customer"),
    transactions: (a, args, ctx) => connection(storeCreditTransactions(ctx, a), args),
  }),

  StoreCreditAccountCreditTransaction: fieldsOf("StoreCreditAccountCreditTransaction", storeCreditTransactionFields()),
  StoreCreditAccountDebitTransaction: fieldsOf("StoreCreditAccountDebitTransaction", storeCreditTransactionFields()),
};

function currencyOfLine(ctx: ResolverContext, lineItemId: string): CurrencyCode | OrderRecord {
  const line = lookup(ctx, lineItemId, "LineItem");
  return line ? orderOf(ctx, line.orderId) : ctx.state.shop.currencyCode;
}

function exchangeOrderLines(ctx: ResolverContext, e: ExchangeLineRecord) {
  return e.lineItemIds.flatMap((id) => {
    const line = lookup(ctx, id, "LineItem");
    return line ? [line] : [];
  });
}

function storeCreditTransactions(ctx: ResolverContext, account: StoreCreditAccountRecord): StoreCreditTransactionRecord[] {
  return account.transactionIds.flatMap((id) => {
    const node = ctx.state.nodes.get(id);
    return node && (node.__typename === "StoreCreditAccountCreditTransaction" || node.__typename === "StoreCreditAccountDebitTransaction")
      ? [node]
      : [];
  });
}

function storeCreditTransactionFields() {
  const currency = (t: StoreCreditTransactionRecord, ctx: ResolverContext) =>
    lookup(ctx, t.accountId, "StoreCreditAccount")?.currencyCode ?? ctx.state.shop.currencyCode;
  return {
    account: (t: StoreCreditTransactionRecord, _a: Args, ctx: ResolverContext) => lookup(ctx, t.accountId, "StoreCreditAccount"),
    amount: (t: StoreCreditTransactionRecord, _a: Args, ctx: ResolverContext) => moneyV2(t.amountMinor, currency(t, ctx)),
    balanceAfterTransaction: (t: StoreCreditTransactionRecord, _a: Args, ctx: ResolverContext) => moneyV2(t.balanceAfterMinor, currency(t, ctx)),
    remainingAmount: (t: StoreCreditTransactionRecord, _a: Args, ctx: ResolverContext) => moneyV2(t.amountMinor, currency(t, ctx)),
    origin: (t: StoreCreditTransactionRecord, _a: Args, ctx: ResolverContext) => lookup(ctx, t.originTransactionId, "OrderTransaction"),
  };
}
