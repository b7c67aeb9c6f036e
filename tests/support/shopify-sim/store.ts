/**
 * In-memory state of every simulated shop. Money is integer minor units everywhere inside the
 * simulator; it only becomes Shopify's decimal strings at the GraphQL/webhook boundary.
 * Records carry `__typename` so the GraphQL type resolver can answer `node(id:)` by GID type.
 */

export type CurrencyCode = "USD" | "EUR";

export interface ShopRecord {
  __typename: "Shop";
  id: string;
  domain: string;
  name: string;
  email: string;
  currencyCode: CurrencyCode;
  ianaTimezone: string;
  /** Bucket settings of the shop's plan, see cost.ts. */
  rateLimit: RateLimitSettings;
}

export interface RateLimitSettings {
  restoreRate: number;
  maximumAvailable: number;
  singleQueryMax: number;
}

export interface CustomerRecord {
  __typename: "Customer";
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: string;
}

export interface ProductRecord {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  variantIds: string[];
  createdAt: string;
}

export interface VariantRecord {
  __typename: "ProductVariant";
  id: string;
  productId: string;
  title: string;
  sku: string;
  priceMinor: number;
  inventoryQuantity: number;
  selectedOptions: { name: string; value: string }[];
  imageUrl: string | null;
}

export interface LineItemRecord {
  __typename: "LineItem";
  id: string;
  orderId: string;
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string | null;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** Discount per unit, already allocated (order + line discounts). */
  unitDiscountMinor: number;
  taxRate: number;
  /** Tax per unit after discounts; kept per unit so partial refunds add up exactly. */
  unitTaxMinor: number;
}

export interface FulfillmentLineItemRecord {
  __typename: "FulfillmentLineItem";
  id: string;
  fulfillmentId: string;
  lineItemId: string;
  quantity: number;
}

export interface FulfillmentRecord {
  __typename: "Fulfillment";
  id: string;
  orderId: string;
  name: string;
  createdAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  lineItems: FulfillmentLineItemRecord[];
}

export type TransactionKind = "SALE" | "CAPTURE" | "AUTHORIZATION" | "REFUND" | "VOID";

export interface TransactionRecord {
  __typename: "OrderTransaction";
  id: string;
  orderId: string;
  kind: TransactionKind;
  status: "SUCCESS" | "FAILURE" | "PENDING";
  gateway: string;
  amountMinor: number;
  parentId: string | null;
  createdAt: string;
}

export interface OrderRecord {
  __typename: "Order";
  id: string;
  number: number;
  name: string;
  email: string | null;
  customerId: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  /** The buyer's (presentment) currency: every amount of the order is stored in it. */
  currencyCode: CurrencyCode;
  /**
   * Set when the buyer paid in another currency than the shop's (Shopify Markets): the
   * shop's currency and how many of its units one presentment unit is worth.
   */
  shopCurrency?: { code: CurrencyCode; rate: number };
  tags: string[];
  lineItems: LineItemRecord[];
  fulfillments: FulfillmentRecord[];
  transactions: TransactionRecord[];
  refundIds: string[];
  returnIds: string[];
}

export type ReturnStatus = "REQUESTED" | "OPEN" | "DECLINED" | "CANCELED" | "CLOSED";

export interface ReturnLineRecord {
  __typename: "ReturnLineItem";
  id: string;
  returnId: string;
  fulfillmentLineItemId: string;
  quantity: number;
  processedQuantity: number;
  refundedQuantity: number;
  returnReasonDefinitionId: string | null;
  returnReasonNote: string;
  customerNote: string | null;
}

export interface ExchangeLineRecord {
  __typename: "ExchangeLineItem";
  id: string;
  returnId: string;
  variantId: string;
  quantity: number;
  processedQuantity: number;
  /** Order line items created when the exchange was processed. */
  lineItemIds: string[];
}

export interface ReturnRecord {
  __typename: "Return";
  id: string;
  orderId: string;
  name: string;
  status: ReturnStatus;
  createdAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
  decline: { reason: "FINAL_SALE" | "OTHER" | "RETURN_PERIOD_ENDED"; note: string | null } | null;
  lines: ReturnLineRecord[];
  exchangeLines: ExchangeLineRecord[];
  refundIds: string[];
}

export interface RefundLineRecord {
  __typename: "RefundLineItem";
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: "NO_RESTOCK" | "CANCEL" | "RETURN" | "LEGACY_RESTOCK";
  subtotalMinor: number;
  taxMinor: number;
}

export interface RefundRecord {
  __typename: "Refund";
  id: string;
  orderId: string;
  returnId: string | null;
  createdAt: string;
  note: string | null;
  lines: RefundLineRecord[];
  transactionIds: string[];
}

export interface StoreCreditTransactionRecord {
  __typename: "StoreCreditAccountCreditTransaction" | "StoreCreditAccountDebitTransaction";
  id: string;
  accountId: string;
  amountMinor: number;
  balanceAfterMinor: number;
  createdAt: string;
  expiresAt: string | null;
  event: "ADJUSTMENT" | "ORDER_REFUND" | "ORDER_PAYMENT";
  originTransactionId: string | null;
}

export interface StoreCreditAccountRecord {
  __typename: "StoreCreditAccount";
  id: string;
  customerId: string;
  currencyCode: CurrencyCode;
  balanceMinor: number;
  transactionIds: string[];
}

export interface ReturnReasonDefinitionRecord {
  __typename: "ReturnReasonDefinition";
  id: string;
  handle: string;
  name: string;
  deleted: boolean;
}

export type BulkOperationStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";
export type BulkOperationErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

/**
 * A `bulkOperationRunQuery`. It moves one step each time the app looks at it (CREATED → RUNNING →
 * COMPLETED), so a poller sees every state; the JSONL is computed when it starts running.
 * Counts are strings because UnsignedInt64 is serialised as a string.
 */
export interface BulkOperationRecord {
  __typename: "BulkOperation";
  id: string;
  type: "QUERY";
  status: BulkOperationStatus;
  query: string;
  groupObjects: boolean;
  createdAt: string;
  completedAt: string | null;
  errorCode: BulkOperationErrorCode | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
  /** The result file's lines, once running (served at `url` when completed). */
  lines: string[] | null;
  rootLines: number;
  /** Set when the operation was created: it ends FAILED with this code instead of COMPLETED. */
  failWith: BulkOperationErrorCode | null;
}

/** One recorded state change; tests and the demo read this as an audit trail. */
export interface StoreEvent {
  at: string;
  shop: string;
  type: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export type AnyNode =
  | ShopRecord
  | CustomerRecord
  | ProductRecord
  | VariantRecord
  | LineItemRecord
  | FulfillmentRecord
  | FulfillmentLineItemRecord
  | TransactionRecord
  | OrderRecord
  | ReturnRecord
  | ReturnLineRecord
  | ExchangeLineRecord
  | RefundRecord
  | RefundLineRecord
  | StoreCreditAccountRecord
  | StoreCreditTransactionRecord
  | ReturnReasonDefinitionRecord
  | BulkOperationRecord;

export interface ShopState {
  shop: ShopRecord;
  /** Every node of the shop by GID, so `node(id:)` is one lookup. */
  nodes: Map<string, AnyNode>;
  orders: OrderRecord[];
  customers: CustomerRecord[];
  products: ProductRecord[];
  returnReasons: ReturnReasonDefinitionRecord[];
  /** `@idempotent(key:)` → the refund id created by the first call with that key. */
  idempotency: Map<string, string>;
  bulkOperations: BulkOperationRecord[];
  /** Test control: the next bulk query created fails with this code (then it is cleared). */
  bulkFailNext: BulkOperationErrorCode | null;
  /** Test control: while true, running bulk queries stay RUNNING however often they are read. */
  bulkStalled: boolean;
  /** The app's app-data metafields by "namespace.key" (the theme block reads them as `app.metafields`). */
  appMetafields: Map<string, { type: string; value: string }>;
}

/** The whole simulated platform: shops plus a global id sequence (GIDs are unique across shops, as on Shopify). */
export class Store {
  readonly shops = new Map<string, ShopState>();
  readonly events: StoreEvent[] = [];
  // Far above seeded ids, which are derived from order numbers (see seed.ts).
  private seq = 1_000_000_000;

  constructor(private readonly nowIso: () => string) {}

  /** Next numeric id; deterministic so seeds and snapshots are stable. */
  nextId(): number {
    this.seq += 1;
    return this.seq;
  }

  gid(type: string, id: number = this.nextId()): string {
    return `gid://shopify/${type}/${id}`;
  }

  addShop(shop: ShopRecord): ShopState {
    const state: ShopState = {
      shop,
      nodes: new Map([[shop.id, shop]]),
      orders: [],
      customers: [],
      products: [],
      returnReasons: [],
      idempotency: new Map(),
      bulkOperations: [],
      bulkFailNext: null,
      bulkStalled: false,
      appMetafields: new Map(),
    };
    this.shops.set(shop.domain, state);
    return state;
  }

  shopState(domain: string): ShopState {
    const state = this.shops.get(domain);
    if (!state) throw new Error(`Unknown simulated shop ${domain}`);
    return state;
  }

  /** Registers a node so `node(id:)` and the typed lookups below find it. */
  put<T extends AnyNode>(state: ShopState, node: T): T {
    state.nodes.set(node.id, node);
    return node;
  }

  get<K extends AnyNode["__typename"]>(
    state: ShopState,
    id: string,
    typename: K,
  ): Extract<AnyNode, { __typename: K }> | null {
    const node = state.nodes.get(id);
    if (!node || node.__typename !== typename) return null;
    return node as Extract<AnyNode, { __typename: K }>;
  }

  record(shop: string, type: string, subjectId: string, data: Record<string, unknown> = {}): void {
    this.events.push({ at: this.nowIso(), shop, type, subjectId, data });
  }

  now(): string {
    return this.nowIso();
  }
}

/** Numeric tail of a GID (`gid://shopify/Order/1001` → 1001), used for REST-style webhook payloads. */
export function legacyId(gid: string): number {
  const tail = gid.slice(gid.lastIndexOf("/") + 1);
  return Number(tail);
}
