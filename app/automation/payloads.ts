import { z } from "zod";

/**
 * Zod schemas for the webhook payloads Aftercare handles, keyed by the topic as
 * `authenticate.webhook` reports it (the library upper-cases and underscores the
 * `X-Shopify-Topic` header: "app/uninstalled" → "APP_UNINSTALLED").
 *
 * A schema only keeps the fields a handler reads; unknown keys are stripped, so Shopify
 * adding a field never breaks parsing. Safe for the client: no server imports.
 */

// Shopify REST-style payloads carry numeric ids; a few surfaces send them as strings.
const shopifyId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "must be a numeric id")])
  .transform((id) => String(id));

const shopDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a *.myshopify.com domain");

// The payload of app/uninstalled is the shop resource; the handler needs nothing from it.
const appUninstalled = z.object({
  id: shopifyId.optional(),
});

const appScopesUpdate = z.object({
  previous: z.array(z.string()),
  current: z.array(z.string()),
  updated_at: z.string().optional(),
});

// Shopify documents that a customer record can carry only the email, so both the id and
// the email are optional here, but at least one of them must identify the customer.
const customerReference = z
  .object({
    id: shopifyId.nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .refine((customer) => Boolean(customer.id) || Boolean(customer.email), {
    message: "needs an id or an email",
  });

const customersDataRequest = z.object({
  shop_id: shopifyId,
  shop_domain: shopDomain,
  customer: customerReference,
  orders_requested: z.array(shopifyId).default([]),
  data_request: z.object({ id: shopifyId }).optional(),
});

const customersRedact = z.object({
  shop_id: shopifyId,
  shop_domain: shopDomain,
  customer: customerReference,
  orders_to_redact: z.array(shopifyId).default([]),
});

const shopRedact = z.object({
  shop_id: shopifyId,
  shop_domain: shopDomain,
});

// returns/* carry the Return (REST-style, with its GID). The handler reads only which return
// it is: it fetches the return's current state, because deliveries come late, twice and out
// of order, so a payload's status may already be stale when it is processed.
const shopifyReturnEvent = z
  .object({
    id: shopifyId.optional(),
    admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Return\/\d+$/, "must be a Return GID").optional(),
  })
  .refine((event) => event.id !== undefined || event.admin_graphql_api_id !== undefined, { message: "needs an id or an admin_graphql_api_id" })
  .transform((event) => ({ returnId: event.admin_graphql_api_id ?? `gid://shopify/Return/${event.id}` }));

// ── orders, fulfillments, refunds (REST-style payloads, as Shopify's webhooks reference documents them) ──

const timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "must be an ISO 8601 date" })
  .transform((value) => new Date(value));

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code");
// Money comes as a decimal string ("12.50"; "693" for a currency without minor units). The
// amount stays a string here: it becomes minor units once its currency is known (~/lib/money).
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal amount");
const moneySet = z.object({
  shop_money: z.object({ amount: decimal, currency_code: currencyCode }),
  presentment_money: z.object({ amount: decimal, currency_code: currencyCode }),
});

const gid = (type: string) => (id: string) => `gid://shopify/${type}/${id}`;

// orders/create and orders/updated carry the whole order; the mirror keeps a few facts and
// never the customer's name, email or addresses (Level 2 protected customer data).
const orderEvent = z
  .object({
    id: shopifyId,
    name: z.string().min(1),
    created_at: timestamp,
    updated_at: timestamp,
    processed_at: timestamp.nullish(),
    currency: currencyCode,
    presentment_currency: currencyCode.nullish(),
    total_price: decimal,
    total_price_set: moneySet.nullish(),
    financial_status: z.string().nullish(),
    fulfillment_status: z.string().nullish(),
    customer: z.object({ id: shopifyId }).nullish(),
    line_items: z.array(z.object({ id: shopifyId })),
  })
  .transform((order) => ({
    orderId: gid("Order")(order.id),
    name: order.name,
    customerId: order.customer ? gid("Customer")(order.customer.id) : null,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    processedAt: order.processed_at ?? null,
    // What the buyer paid, in the currency they paid in (returns are judged in it too).
    total: order.total_price_set
      ? { amount: order.total_price_set.presentment_money.amount, currencyCode: order.total_price_set.presentment_money.currency_code }
      : { amount: order.total_price, currencyCode: order.currency },
    financialStatus: order.financial_status ?? null,
    fulfillmentStatus: order.fulfillment_status ?? null,
    lineCount: order.line_items.length,
  }));

// fulfillments/create and fulfillments/update: the Fulfillment resource. A carrier's tracking
// events set shipment_status; "delivered" is the delivery, dated by delivered_at where the
// payload has it, else by the update that reported it.
const fulfillmentEvent = z
  .object({
    id: shopifyId,
    order_id: shopifyId,
    status: z.string().nullish(),
    shipment_status: z.string().nullish(),
    created_at: timestamp,
    updated_at: timestamp,
    delivered_at: timestamp.nullish(),
  })
  .transform((fulfillment) => ({
    fulfillmentId: gid("Fulfillment")(fulfillment.id),
    orderId: gid("Order")(fulfillment.order_id),
    status: fulfillment.status ?? null,
    shipmentStatus: fulfillment.shipment_status ?? null,
    updatedAt: fulfillment.updated_at,
    deliveredAt: fulfillment.delivered_at ?? (fulfillment.shipment_status === "delivered" ? fulfillment.updated_at : null),
  }));

// refunds/create: the Refund resource. `return` names the Shopify return it refunds (null for a
// refund outside a return); the money is in its transactions.
const refundEvent = z
  .object({
    id: shopifyId,
    order_id: shopifyId,
    created_at: timestamp,
    processed_at: timestamp.nullish(),
    note: z.string().nullish(),
    return: z
      .object({
        id: shopifyId.optional(),
        admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Return\/\d+$/, "must be a Return GID").optional(),
      })
      .nullish(),
    transactions: z
      .array(z.object({ id: shopifyId, kind: z.string(), status: z.string(), amount: decimal, currency: currencyCode }))
      .default([]),
    refund_line_items: z.array(z.object({ line_item_id: shopifyId, quantity: z.number().int().nonnegative() })).default([]),
  })
  .transform((refund) => ({
    refundId: gid("Refund")(refund.id),
    orderId: gid("Order")(refund.order_id),
    createdAt: refund.processed_at ?? refund.created_at,
    returnId: refund.return ? (refund.return.admin_graphql_api_id ?? (refund.return.id ? gid("Return")(refund.return.id) : null)) : null,
    // Only money that left: successful refund transactions (a failed or pending one moved nothing yet).
    transactions: refund.transactions
      .filter((t) => t.kind === "refund" && t.status === "success")
      .map((t) => ({ id: gid("OrderTransaction")(t.id), amount: t.amount, currencyCode: t.currency })),
    units: refund.refund_line_items.reduce((sum, line) => sum + line.quantity, 0),
  }));

export type AppUninstalledPayload = z.output<typeof appUninstalled>;
export type AppScopesUpdatePayload = z.output<typeof appScopesUpdate>;
export type CustomersDataRequestPayload = z.output<typeof customersDataRequest>;
export type CustomersRedactPayload = z.output<typeof customersRedact>;
export type ShopRedactPayload = z.output<typeof shopRedact>;
export type CustomerReference = z.output<typeof customerReference>;
export type ShopifyReturnEventPayload = z.output<typeof shopifyReturnEvent>;
export type OrderEventPayload = z.output<typeof orderEvent>;
export type FulfillmentEventPayload = z.output<typeof fulfillmentEvent>;
export type RefundEventPayload = z.output<typeof refundEvent>;

/** The parsed payload of each topic Aftercare subscribes to. */
export type PayloadMap = {
  APP_UNINSTALLED: AppUninstalledPayload;
  APP_SCOPES_UPDATE: AppScopesUpdatePayload;
  CUSTOMERS_DATA_REQUEST: CustomersDataRequestPayload;
  CUSTOMERS_REDACT: CustomersRedactPayload;
  SHOP_REDACT: ShopRedactPayload;
  RETURNS_REQUEST: ShopifyReturnEventPayload;
  RETURNS_APPROVE: ShopifyReturnEventPayload;
  RETURNS_DECLINE: ShopifyReturnEventPayload;
  RETURNS_CANCEL: ShopifyReturnEventPayload;
  RETURNS_CLOSE: ShopifyReturnEventPayload;
  RETURNS_REOPEN: ShopifyReturnEventPayload;
  RETURNS_PROCESS: ShopifyReturnEventPayload;
  RETURNS_UPDATE: ShopifyReturnEventPayload;
  ORDERS_CREATE: OrderEventPayload;
  ORDERS_UPDATED: OrderEventPayload;
  FULFILLMENTS_CREATE: FulfillmentEventPayload;
  FULFILLMENTS_UPDATE: FulfillmentEventPayload;
  REFUNDS_CREATE: RefundEventPayload;
};
export type WebhookTopic = keyof PayloadMap;

export const PAYLOAD_SCHEMAS: { [T in WebhookTopic]: z.ZodType<PayloadMap[T]> } = {
  APP_UNINSTALLED: appUninstalled,
  APP_SCOPES_UPDATE: appScopesUpdate,
  CUSTOMERS_DATA_REQUEST: customersDataRequest,
  CUSTOMERS_REDACT: customersRedact,
  SHOP_REDACT: shopRedact,
  RETURNS_REQUEST: shopifyReturnEvent,
  RETURNS_APPROVE: shopifyReturnEvent,
  RETURNS_DECLINE: shopifyReturnEvent,
  RETURNS_CANCEL: shopifyReturnEvent,
  RETURNS_CLOSE: shopifyReturnEvent,
  RETURNS_REOPEN: shopifyReturnEvent,
  RETURNS_PROCESS: shopifyReturnEvent,
  RETURNS_UPDATE: shopifyReturnEvent,
  ORDERS_CREATE: orderEvent,
  ORDERS_UPDATED: orderEvent,
  FULFILLMENTS_CREATE: fulfillmentEvent,
  FULFILLMENTS_UPDATE: fulfillmentEvent,
  REFUNDS_CREATE: refundEvent,
};

/** Whether Aftercare has a schema (and so a handler) for this topic. */
export function isWebhookTopic(topic: string): topic is WebhookTopic {
  return Object.hasOwn(PAYLOAD_SCHEMAS, topic);
}

export type PayloadParseResult<T extends WebhookTopic> =
  | { ok: true; topic: T; payload: PayloadMap[T] }
  | { ok: false; error: string };

/**
 * Parses a payload for its topic. The error names each bad field by its path and never
 * echoes a value: payloads carry personal data and the error lands in logs and tickets.
 */
export function parsePayload<T extends WebhookTopic>(topic: T, payload: unknown): PayloadParseResult<T> {
  const result = PAYLOAD_SCHEMAS[topic].safeParse(payload);
  if (result.success) return { ok: true, topic, payload: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
  return { ok: false, error: `Invalid ${topic} payload — ${problems.join("; ")}` };
}

/** Parses a payload whose topic is any string: an unknown topic is a parse failure. */
export function parseWebhookPayload(topic: string, payload: unknown): { ok: true } | { ok: false; error: string } {
  if (!isWebhookTopic(topic)) return { ok: false, error: `No handler for webhook topic ${topic}` };
  const result = parsePayload(topic, payload);
  return result.ok ? { ok: true } : result;
}
