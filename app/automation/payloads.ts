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

export type AppUninstalledPayload = z.output<typeof appUninstalled>;
export type AppScopesUpdatePayload = z.output<typeof appScopesUpdate>;
export type CustomersDataRequestPayload = z.output<typeof customersDataRequest>;
export type CustomersRedactPayload = z.output<typeof customersRedact>;
export type ShopRedactPayload = z.output<typeof shopRedact>;
export type CustomerReference = z.output<typeof customerReference>;
export type ShopifyReturnEventPayload = z.output<typeof shopifyReturnEvent>;

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
