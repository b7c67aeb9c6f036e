/**
 * Deterministic demo data, relative to the simulator's "now". Fixed facts that tests rely on are
 * exported as constants; the bulk orders come from a seeded PRNG so the dashboard looks busy and
 * every run produces the same store.
 *
 * Ids are derived from order numbers (order 5001001 ↔ #1001 of the demo shop, line items
 * `<order id>0<i>`, …) so fixtures are known before the store exists; ids created at run time by
 * mutations come from the store's sequence, far above these.
 */
import { STANDARD_PLAN } from "./cost";
import type {
  CurrencyCode,
  CustomerRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  ProductRecord,
  ReturnRecord,
  ShopState,
  Store,
  VariantRecord,
} from "./store";

export const DEMO_SHOP = "aftercare-demo.myshopify.com";
export const EU_SHOP = "aftercare-eu.myshopify.com";

const DAY = 24 * 3600 * 1000;
const DEMO_ORDER_BASE = 5_000_000;
const EU_ORDER_BASE = 6_000_000;

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
const orderGid = (base: number, number: number) => gid("Order", base + number);
const lineGid = (base: number, number: number, i: number) => gid("LineItem", (base + number) * 10 + i);
const fulfillmentGid = (base: number, number: number, k: number) => gid("Fulfillment", (base + number) * 10 + k);
const fliGid = (base: number, number: number, i: number, k: number) => gid("FulfillmentLineItem", ((base + number) * 10 + i) * 10 + k);

export const FIXTURES = {
  ava: { id: gid("Customer", 7001), firstName: "Ava", lastName: "Lee", email: "ava.lee@example.com", storeCreditMinor: 1500 },
  noah: { id: gid("Customer", 7002), firstName: "Noah", lastName: "Kim", email: "noah.kim@example.com" },
  products: {
    tee: { id: gid("Product", 8001), title: "Classic Tee", variants: { S: gid("ProductVariant", 9001), M: gid("ProductVariant", 9002), L: gid("ProductVariant", 9003) } },
    mug: { id: gid("Product", 8002), title: "Ceramic Mug", variant: gid("ProductVariant", 9004) },
    hoodie: { id: gid("Product", 8003), title: "Clearance Hoodie", variant: gid("ProductVariant", 9005), tag: "final-sale" },
  },
  /** #1001: Ava, delivered 5 days ago, a Classic Tee (M, $25) and a Ceramic Mug ($18), both returnable. */
  order1001: {
    id: orderGid(DEMO_ORDER_BASE, 1001),
    name: "#1001",
    email: "ava.lee@example.com",
    deliveredDaysAgo: 5,
    saleTransactionId: gid("OrderTransaction", (DEMO_ORDER_BASE + 1001) * 10),
    tee: { lineItemId: lineGid(DEMO_ORDER_BASE, 1001, 0), fulfillmentLineItemId: fliGid(DEMO_ORDER_BASE, 1001, 0, 0), variantId: gid("ProductVariant", 9002), unitPriceMinor: 2500 },
    mug: { lineItemId: lineGid(DEMO_ORDER_BASE, 1001, 1), fulfillmentLineItemId: fliGid(DEMO_ORDER_BASE, 1001, 1, 0), variantId: gid("ProductVariant", 9004), unitPriceMinor: 1800 },
    /** 8% sales tax: (2500 + 1800) × 1.08. */
    totalMinor: 4644,
  },
  /** #1002: Ava, delivered 75 days ago (outside a 30-day window). */
  order1002: { id: orderGid(DEMO_ORDER_BASE, 1002), name: "#1002", email: "ava.lee@example.com", deliveredDaysAgo: 75 },
  /** #1003: Noah, not fulfilled yet. */
  order1003: { id: orderGid(DEMO_ORDER_BASE, 1003), name: "#1003", email: "noah.kim@example.com" },
  /** #1006: Ava, delivered 3 days ago, a final-sale hoodie. */
  finalSaleOrder: { id: orderGid(DEMO_ORDER_BASE, 1006), name: "#1006" },
} as const;

/** Small deterministic PRNG (mulberry32): same seed, same store (the benchmark and demo seeds use it too). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProductSpec {
  id: number;
  title: string;
  productType: string;
  tags: string[];
  priceMinor: number;
  variants: { id: number; title: string; stock: number; option?: string }[];
}

const CATALOG: ProductSpec[] = [
  { id: 8001, title: "Classic Tee", productType: "T-Shirts", tags: ["apparel"], priceMinor: 2500, variants: [{ id: 9001, title: "S", stock: 12, option: "Size" }, { id: 9002, title: "M", stock: 8, option: "Size" }, { id: 9003, title: "L", stock: 5, option: "Size" }] },
  { id: 8002, title: "Ceramic Mug", productType: "Homeware", tags: ["kitchen"], priceMinor: 1800, variants: [{ id: 9004, title: "Default Title", stock: 30 }] },
  { id: 8003, title: "Clearance Hoodie", productType: "Hoodies", tags: ["apparel", "final-sale"], priceMinor: 4000, variants: [{ id: 9005, title: "M", stock: 3, option: "Size" }] },
  { id: 8004, title: "Canvas Tote", productType: "Bags", tags: ["accessories"], priceMinor: 2200, variants: [{ id: 9006, title: "Default Title", stock: 20 }] },
  { id: 8005, title: "Wool Beanie", productType: "Hats", tags: ["accessories"], priceMinor: 1900, variants: [{ id: 9007, title: "Default Title", stock: 0 }] },
  { id: 8006, title: "Running Shorts", productType: "Shorts", tags: ["apparel"], priceMinor: 3500, variants: [{ id: 9008, title: "S", stock: 4, option: "Size" }, { id: 9009, title: "M", stock: 6, option: "Size" }, { id: 9010, title: "L", stock: 0, option: "Size" }] },
  { id: 8007, title: "Water Bottle", productType: "Homeware", tags: ["kitchen"], priceMinor: 2800, variants: [{ id: 9011, title: "Default Title", stock: 15 }] },
  { id: 8008, title: "Gift Card Sleeve", productType: "Gift", tags: ["final-sale"], priceMinor: 500, variants: [{ id: 9012, title: "Default Title", stock: 100 }] },
];

const FIRST = ["Liam", "Emma", "Olivia", "Lucas", "Mia", "Ethan", "Zoe", "Mateo", "Isla", "Leo", "Chloe", "Arjun", "Sofia", "Kai", "Nora", "Omar", "Hana", "Jonas", "Elena", "Yuki"];
const LAST = ["Garcia", "Smith", "Nguyen", "Müller", "Rossi", "Patel", "Brown", "Kowalski", "Silva", "Tanaka"];

const RETURN_REASONS = [
  ["size-too-small", "Size was too small"],
  ["size-too-large", "Size was too large"],
  ["not-as-described", "Item not as described"],
  ["defective", "Damaged or defective"],
  ["wrong-item", "Received the wrong item"],
  ["unwanted", "Changed my mind"],
  ["other", "Other"],
] as const;

interface SeedShop {
  store: Store;
  state: ShopState;
  now: number;
  base: number;
  currency: CurrencyCode;
  taxRate: number;
  idOffset: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function addCatalog(s: SeedShop): void {
  for (const spec of CATALOG) {
    const productId = gid("Product", spec.id + s.idOffset);
    const product: ProductRecord = s.store.put(s.state, {
      __typename: "Product",
      id: productId,
      title: spec.title,
      handle: spec.title.toLowerCase().replace(/\s+/g, "-"),
      productType: spec.productType,
      vendor: "Aftercare Goods",
      tags: spec.tags,
      variantIds: [],
      createdAt: iso(s.now - 400 * DAY),
    });
    for (const v of spec.variants) {
      const variant: VariantRecord = s.store.put(s.state, {
        __typename: "ProductVariant",
        id: gid("ProductVariant", v.id + s.idOffset),
        productId,
        title: v.title,
        sku: `${spec.title.replace(/\W+/g, "").toUpperCase().slice(0, 6)}-${v.title === "Default Title" ? "OS" : v.title}`,
        priceMinor: spec.priceMinor,
        inventoryQuantity: v.stock,
        selectedOptions: [{ name: v.option ?? "Title", value: v.title }],
        imageUrl: `https://cdn.shopify.com/s/files/aftercare-demo/${product.handle}.png`,
      });
      product.variantIds.push(variant.id);
    }
    s.state.products.push(product);
  }
}

function addCustomer(s: SeedShop, id: string, firstName: string, lastName: string, email: string, createdDaysAgo: number): CustomerRecord {
  const customer = s.store.put(s.state, {
    __typename: "Customer",
    id,
    firstName,
    lastName,
    email,
    createdAt: iso(s.now - createdDaysAgo * DAY),
  });
  s.state.customers.push(customer);
  return customer;
}

function addStoreCredit(s: SeedShop, customerId: string, amountMinor: number, daysAgo: number): void {
  const legacy = Number(customerId.slice(customerId.lastIndexOf("/") + 1));
  const accountId = gid("StoreCreditAccount", legacy + 100_000);
  const txId = gid("StoreCreditAccountCreditTransaction", legacy + 200_000);
  s.store.put(s.state, {
    __typename: "StoreCreditAccount",
    id: accountId,
    customerId,
    currencyCode: s.currency,
    balanceMinor: amountMinor,
    transactionIds: [txId],
  });
  s.store.put(s.state, {
    __typename: "StoreCreditAccountCreditTransaction",
    id: txId,
    accountId,
    amountMinor,
    balanceAfterMinor: amountMinor,
    createdAt: iso(s.now - daysAgo * DAY),
    expiresAt: null,
    event: "ADJUSTMENT",
    originTransactionId: null,
  });
}

interface OrderSpec {
  number: number;
  customer: CustomerRecord | null;
  createdDaysAgo: number;
  lines: { variantId: string; quantity: number; discountPct?: number }[];
  /** null: unfulfilled; otherwise days ago for fulfilment, transit and delivery (delivery null = in transit). */
  fulfilled: { fulfilledDaysAgo: number; deliveredDaysAgo: number | null } | null;
  tags?: string[];
}

function variantOf(s: SeedShop, id: string): VariantRecord {
  const v = s.state.nodes.get(id);
  if (!v || v.__typename !== "ProductVariant") throw new Error(`Seed refers to unknown variant ${id}`);
  return v;
}

function addOrder(s: SeedShop, spec: OrderSpec): OrderRecord {
  const orderId = orderGid(s.base, spec.number);
  const createdAt = iso(s.now - spec.createdDaysAgo * DAY);
  const lineItems: LineItemRecord[] = spec.lines.map((l, i) => {
    const variant = variantOf(s, l.variantId);
    const productNode = s.state.nodes.get(variant.productId);
    const title = productNode && productNode.__typename === "Product" ? productNode.title : "Product";
    const unitDiscountMinor = Math.round((variant.priceMinor * (l.discountPct ?? 0)) / 100);
    return s.store.put(s.state, {
      __typename: "LineItem",
      id: lineGid(s.base, spec.number, i),
      orderId,
      productId: variant.productId,
      variantId: variant.id,
      title,
      variantTitle: variant.title === "Default Title" ? null : variant.title,
      sku: variant.sku,
      quantity: l.quantity,
      unitPriceMinor: variant.priceMinor,
      unitDiscountMinor,
      taxRate: s.taxRate,
      unitTaxMinor: Math.round((variant.priceMinor - unitDiscountMinor) * s.taxRate),
    });
  });
  const fulfillments: FulfillmentRecord[] = [];
  if (spec.fulfilled) {
    const fulfillmentId = fulfillmentGid(s.base, spec.number, 0);
    const { fulfilledDaysAgo, deliveredDaysAgo } = spec.fulfilled;
    fulfillments.push(
      s.store.put(s.state, {
        __typename: "Fulfillment",
        id: fulfillmentId,
        orderId,
        name: `#${spec.number}-F1`,
        createdAt: iso(s.now - fulfilledDaysAgo * DAY),
        inTransitAt: iso(s.now - fulfilledDaysAgo * DAY + 6 * 3600 * 1000),
        deliveredAt: deliveredDaysAgo === null ? null : iso(s.now - deliveredDaysAgo * DAY),
        lineItems: lineItems.map((li, i) =>
          s.store.put(s.state, {
            __typename: "FulfillmentLineItem",
            id: fliGid(s.base, spec.number, i, 0),
            fulfillmentId,
            lineItemId: li.id,
            quantity: li.quantity,
          }),
        ),
      }),
    );
  }
  const total = lineItems.reduce((sum, l) => sum + (l.unitPriceMinor - l.unitDiscountMinor + l.unitTaxMinor) * l.quantity, 0);
  const sale = s.store.put(s.state, {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", (s.base + spec.number) * 10),
    orderId,
    kind: "SALE",
    status: "SUCCESS",
    gateway: "shopify_payments",
    amountMinor: total,
    parentId: null,
    createdAt,
  });
  const order = s.store.put(s.state, {
    __typename: "Order",
    id: orderId,
    number: spec.number,
    name: `#${spec.number}`,
    email: spec.customer?.email ?? null,
    customerId: spec.customer?.id ?? null,
    createdAt,
    processedAt: createdAt,
    updatedAt: createdAt,
    currencyCode: s.currency,
    tags: spec.tags ?? [],
    lineItems,
    fulfillments,
    transactions: [sale],
    refundIds: [],
    returnIds: [],
  });
  s.state.orders.push(order);
  return order;
}

/** A finished return of `quantity` of line `i`, refunded to the card (closed), as a past return in the demo. */
function addPastReturn(s: SeedShop, order: OrderRecord, i: number, quantity: number, reasonIndex: number, daysAgo: number, refund: boolean): void {
  const line = order.lineItems[i];
  const fli = order.fulfillments[0]?.lineItems[i];
  if (!line || !fli) return;
  const at = iso(s.now - daysAgo * DAY);
  const returnId = gid("Return", Number(order.id.slice(order.id.lastIndexOf("/") + 1)) * 10 + order.returnIds.length);
  const reason = s.state.returnReasons[reasonIndex % s.state.returnReasons.length];
  const ret = s.store.put<ReturnRecord>(s.state, {
    __typename: "Return",
    id: returnId,
    orderId: order.id,
    name: `${order.name}-R${order.returnIds.length + 1}`,
    status: refund ? "CLOSED" : "REQUESTED",
    createdAt: at,
    requestApprovedAt: refund ? at : null,
    closedAt: refund ? at : null,
    decline: null,
    lines: [],
    exchangeLines: [],
    refundIds: [],
  });
  ret.lines.push(
    s.store.put(s.state, {
      __typename: "ReturnLineItem",
      id: returnId.replace("/Return/", "/ReturnLineItem/"),
      returnId,
      fulfillmentLineItemId: fli.id,
      quantity,
      processedQuantity: refund ? quantity : 0,
      refundedQuantity: refund ? quantity : 0,
      returnReasonDefinitionId: reason?.id ?? null,
      returnReasonNote: "",
      customerNote: null,
    }),
  );
  order.returnIds.push(returnId);
  if (refund) {
    const sale = order.transactions[0];
    const subtotal = (line.unitPriceMinor - line.unitDiscountMinor) * quantity;
    const tax = line.unitTaxMinor * quantity;
    const refundId = returnId.replace("/Return/", "/Refund/");
    const tx = s.store.put(s.state, {
      __typename: "OrderTransaction",
      id: returnId.replace("/Return/", "/OrderTransaction/"),
      orderId: order.id,
      kind: "REFUND",
      status: "SUCCESS",
      gateway: sale?.gateway ?? "shopify_payments",
      amountMinor: subtotal + tax,
      parentId: sale?.id ?? null,
      createdAt: at,
    });
    order.transactions.push(tx);
    s.store.put(s.state, {
      __typename: "Refund",
      id: refundId,
      orderId: order.id,
      returnId,
      createdAt: at,
      note: null,
      lines: [
        s.store.put(s.state, {
          __typename: "RefundLineItem",
          id: refundId.replace("/Refund/", "/RefundLineItem/"),
          lineItemId: line.id,
          quantity,
          restockType: "RETURN",
          subtotalMinor: subtotal,
          taxMinor: tax,
        }),
      ],
      transactionIds: [tx.id],
    });
    ret.refundIds.push(refundId);
    order.refundIds.push(refundId);
    order.updatedAt = at;
  }
}

/** Full refund outside a return (e.g. a lost parcel). */
function addFullRefund(s: SeedShop, order: OrderRecord, daysAgo: number): void {
  const sale = order.transactions[0];
  if (!sale) return;
  const at = iso(s.now - daysAgo * DAY);
  const legacy = Number(order.id.slice(order.id.lastIndexOf("/") + 1));
  const refundId = gid("Refund", legacy * 10 + 9);
  const tx = s.store.put(s.state, {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", legacy * 10 + 9),
    orderId: order.id,
    kind: "REFUND",
    status: "SUCCESS",
    gateway: sale.gateway,
    amountMinor: sale.amountMinor,
    parentId: sale.id,
    createdAt: at,
  });
  order.transactions.push(tx);
  s.store.put(s.state, {
    __typename: "Refund",
    id: refundId,
    orderId: order.id,
    returnId: null,
    createdAt: at,
    note: "Lost in transit",
    lines: order.lineItems.map((l, i) =>
      s.store.put(s.state, {
        __typename: "RefundLineItem",
        id: gid("RefundLineItem", legacy * 100 + 90 + i),
        lineItemId: l.id,
        quantity: l.quantity,
        restockType: "NO_RESTOCK",
        subtotalMinor: (l.unitPriceMinor - l.unitDiscountMinor) * l.quantity,
        taxMinor: l.unitTaxMinor * l.quantity,
      }),
    ),
    transactionIds: [tx.id],
  });
  order.refundIds.push(refundId);
  order.updatedAt = at;
}

function addReturnReasons(s: SeedShop): void {
  RETURN_REASONS.forEach(([handle, name], i) => {
    s.state.returnReasons.push(
      s.store.put(s.state, { __typename: "ReturnReasonDefinition", id: gid("ReturnReasonDefinition", 300 + i + s.idOffset), handle, name, deleted: false }),
    );
  });
}

type Scenario = "unfulfilled" | "in_transit" | "delivered_recent" | "delivered_old" | "partially_returned" | "refunded" | "final_sale" | "return_requested";
const SCENARIOS: Scenario[] = ["unfulfilled", "in_transit", "delivered_recent", "delivered_old", "partially_returned", "refunded", "final_sale", "return_requested"];

function scenarioOrder(s: SeedShop, number: number, scenario: Scenario, customer: CustomerRecord, rand: () => number): void {
  const v = (productId: number, k = 0) => {
    const spec = CATALOG.find((p) => p.id === productId);
    const variant = spec?.variants[k % (spec?.variants.length ?? 1)];
    return gid("ProductVariant", (variant?.id ?? 9004) + s.idOffset);
  };
  const pick = () => CATALOG[Math.floor(rand() * 7)]!;
  const lineFor = () => {
    const p = pick();
    return { variantId: v(p.id, Math.floor(rand() * 3)), quantity: 1 + Math.floor(rand() * 2), discountPct: rand() < 0.2 ? 10 : 0 };
  };
  const lines = [lineFor(), ...(rand() < 0.6 ? [lineFor()] : [])];
  const days = 1 + Math.floor(rand() * 20);
  switch (scenario) {
    case "unfulfilled":
      addOrder(s, { number, customer, createdDaysAgo: Math.min(days, 3), lines, fulfilled: null });
      return;
    case "in_transit":
      addOrder(s, { number, customer, createdDaysAgo: days + 2, lines, fulfilled: { fulfilledDaysAgo: days, deliveredDaysAgo: null } });
      return;
    case "delivered_recent":
      addOrder(s, { number, customer, createdDaysAgo: days + 6, lines, fulfilled: { fulfilledDaysAgo: days + 4, deliveredDaysAgo: days } });
      return;
    case "delivered_old":
      addOrder(s, { number, customer, createdDaysAgo: days + 50, lines, fulfilled: { fulfilledDaysAgo: days + 48, deliveredDaysAgo: days + 40 } });
      return;
    case "partially_returned": {
      const order = addOrder(s, { number, customer, createdDaysAgo: days + 20, lines: [{ ...lines[0]!, quantity: 2 }, ...lines.slice(1)], fulfilled: { fulfilledDaysAgo: days + 18, deliveredDaysAgo: days + 14 } });
      addPastReturn(s, order, 0, 1, number, days + 5, true);
      return;
    }
    case "refunded": {
      const order = addOrder(s, { number, customer, createdDaysAgo: days + 15, lines, fulfilled: { fulfilledDaysAgo: days + 13, deliveredDaysAgo: null } });
      addFullRefund(s, order, days);
      return;
    }
    case "final_sale":
      addOrder(s, { number, customer, createdDaysAgo: days + 6, lines: [{ variantId: v(8003), quantity: 1 }, lines[0]!], fulfilled: { fulfilledDaysAgo: days + 4, deliveredDaysAgo: days } });
      return;
    case "return_requested": {
      const order = addOrder(s, { number, customer, createdDaysAgo: days + 9, lines, fulfilled: { fulfilledDaysAgo: days + 7, deliveredDaysAgo: days + 2 } });
      addPastReturn(s, order, 0, 1, number, days, false);
      return;
    }
  }
}

export interface SeedOptions {
  /** How many PRNG orders after the 45 scenario orders of the demo shop (default 300). */
  bulkOrders?: number;
  seed?: number;
}

function shopState(store: Store, domain: string, name: string, currency: CurrencyCode, timezone: string, shopId: number): ShopState {
  return store.addShop({
    __typename: "Shop",
    id: gid("Shop", shopId),
    domain,
    name,
    email: `owner@${domain.replace(".myshopify.com", "")}.example.com`,
    currencyCode: currency,
    ianaTimezone: timezone,
    rateLimit: { ...STANDARD_PLAN },
  });
}

/** Seeds both shops. `now` is the simulator clock's reading at creation. */
export function seed(store: Store, now: number, options: SeedOptions = {}): void {
  const rand = prng(options.seed ?? 20261001);
  const demo: SeedShop = { store, state: shopState(store, DEMO_SHOP, "Aftercare Demo Store", "USD", "America/New_York", 1), now, base: DEMO_ORDER_BASE, currency: "USD", taxRate: 0.08, idOffset: 0 };
  addCatalog(demo);
  addReturnReasons(demo);
  const ava = addCustomer(demo, FIXTURES.ava.id, "Ava", "Lee", FIXTURES.ava.email, 300);
  const noah = addCustomer(demo, FIXTURES.noah.id, "Noah", "Kim", FIXTURES.noah.email, 120);
  addStoreCredit(demo, ava.id, FIXTURES.ava.storeCreditMinor, 40);
  const others = Array.from({ length: 40 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    return addCustomer(demo, gid("Customer", 7100 + i), first, last, `${first}.${last}${i}`.toLowerCase().replace(/ü/g, "ue") + "@example.com", 30 + i * 5);
  });
  others.slice(0, 6).forEach((c, i) => addStoreCredit(demo, c.id, 1000 + i * 750, 10 + i));

  addOrder(demo, {
    number: 1001,
    customer: ava,
    createdDaysAgo: 12,
    lines: [{ variantId: FIXTURES.products.tee.variants.M, quantity: 1 }, { variantId: FIXTURES.products.mug.variant, quantity: 1 }],
    fulfilled: { fulfilledDaysAgo: 10, deliveredDaysAgo: FIXTURES.order1001.deliveredDaysAgo },
  });
  addOrder(demo, {
    number: 1002,
    customer: ava,
    createdDaysAgo: 82,
    lines: [{ variantId: gid("ProductVariant", 9006), quantity: 1 }],
    fulfilled: { fulfilledDaysAgo: 80, deliveredDaysAgo: FIXTURES.order1002.deliveredDaysAgo },
  });
  addOrder(demo, { number: 1003, customer: noah, createdDaysAgo: 1, lines: [{ variantId: gid("ProductVariant", 9004), quantity: 2 }], fulfilled: null });
  addOrder(demo, { number: 1004, customer: noah, createdDaysAgo: 20, lines: [{ variantId: gid("ProductVariant", 9009), quantity: 2 }, { variantId: gid("ProductVariant", 9011), quantity: 1 }], fulfilled: { fulfilledDaysAgo: 18, deliveredDaysAgo: 15 } });
  addPastReturn(demo, demo.state.orders[3]!, 0, 1, 0, 8, true);
  addOrder(demo, { number: 1005, customer: ava, createdDaysAgo: 30, lines: [{ variantId: gid("ProductVariant", 9006), quantity: 1 }], fulfilled: { fulfilledDaysAgo: 29, deliveredDaysAgo: null } });
  addFullRefund(demo, demo.state.orders[4]!, 20);
  addOrder(demo, { number: 1006, customer: ava, createdDaysAgo: 6, lines: [{ variantId: FIXTURES.products.hoodie.variant, quantity: 1 }], fulfilled: { fulfilledDaysAgo: 5, deliveredDaysAgo: 3 } });

  // 39 more scenario orders (#1007–#1045): every state several times over.
  for (let n = 1007; n <= 1045; n += 1) {
    scenarioOrder(demo, n, SCENARIOS[(n - 1007) % SCENARIOS.length]!, others[(n - 1007) % others.length]!, rand);
  }
  // The busy tail for the dashboard: a year of orders.
  const bulk = options.bulkOrders ?? 300;
  for (let i = 0; i < bulk; i += 1) {
    const number = 1046 + i;
    const customer = others[Math.floor(rand() * others.length)]!;
    const scenario = SCENARIOS[Math.floor(rand() * SCENARIOS.length)]!;
    scenarioOrder(demo, number, scenario, customer, rand);
  }
  // Orders are listed by id; keep creation order meaningful for CREATED_AT sorts too.

  const eu: SeedShop = { store, state: shopState(store, EU_SHOP, "Aftercare EU Store", "EUR", "Europe/Berlin", 2), now, base: EU_ORDER_BASE, currency: "EUR", taxRate: 0.19, idOffset: 50_000 };
  addCatalog(eu);
  addReturnReasons(eu);
  const euCustomers = Array.from({ length: 8 }, (_, i) =>
    addCustomer(eu, gid("Customer", 57_100 + i), FIRST[(i + 5) % FIRST.length]!, LAST[(i + 3) % LAST.length]!, `eu.customer${i}@example.com`, 60 + i),
  );
  addStoreCredit(eu, euCustomers[0]!.id, 2000, 12);
  for (let n = 1001; n <= 1024; n += 1) {
    scenarioOrder(eu, n, SCENARIOS[(n - 1001) % SCENARIOS.length]!, euCustomers[(n - 1001) % euCustomers.length]!, rand);
  }
}
