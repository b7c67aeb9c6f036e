import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { LogSeverity, WebhookValidationErrorReason, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { recordShopFromShopify } from "./shops/install.server";
import { recordStaffMember } from "./staff/directory.server";
import { API_VERSION } from "./shopify/api-version";
import { createShopifyClient } from "./shopify/client.server";

const config = env();

const LOG_SEVERITY = {
  error: LogSeverity.Error,
  warn: LogSeverity.Warning,
  info: LogSeverity.Info,
  debug: LogSeverity.Debug,
} as const;

// The node adapter captures `globalThis.fetch` once, at import. Resolve it per call
// instead, so a process that routes outbound traffic (a proxy agent, a test double of
// Shopify) does not depend on import order.
setAbstractFetchFunc((input, init) => globalThis.fetch(input, init));

// The only shopifyApp() call in the app. Embedded, Shopify-managed installation with
// token exchange: scopes live in shopify.app.toml and Shopify installs them. Admin pages
// run on online tokens, so the app knows which staff member acts (docs/decisions/012);
// the offline token, exchanged and stored alongside, serves webhooks, jobs and the app
// proxy through `unauthenticated.admin`.
const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES,
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  useOnlineTokens: true,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  logger: { level: LOG_SEVERITY[config.LOG_LEVEL] },
  hooks: {
    // A new online session (a staff member's first request of the day, an install, a
    // reinstall; a fresh offline token comes with it): record the shop and who this staff
    // member is now, rather than on every page they open.
    afterAuth: async ({ session, admin }) => {
      await recordShopFromShopify(session.shop, createShopifyClient(admin.graphql), session.scope ?? null);
      const user = session.onlineAccessInfo?.associated_user;
      if (session.isOnline && user?.id) await recordStaffMember(session.shop, user);
    },
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;

// Webhook receipt verifies the HMAC with Shopify's own validator and nothing else.
// `authenticate.webhook` would first load the shop's offline session and refresh an
// expired token — an outbound call on a path that must answer in milliseconds, and one
// that throws a 500 for a shop that has uninstalled (Shopify/shopify-app-js#3360), so
// app/uninstalled and the compliance topics would fail on every retry. Our webhooks are
// processed later by the worker, which gets its own admin client (docs/decisions/004).
const webhookApi = shopifyApi({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  hostName: new URL(config.SHOPIFY_APP_URL).host,
  isEmbeddedApp: true,
  logger: { level: 0 },
});

export interface VerifiedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  apiVersion: string;
  eventId?: string;
  triggeredAt?: string;
  payload: unknown;
}

/**
 * Verifies a Shopify webhook request (HMAC over the raw body) and returns its context.
 * Throws a Response as `authenticate.webhook` does: 405 for a non-POST, 401 for a bad
 * HMAC, 400 for missing headers or a body that is not JSON.
 */
export async function verifyWebhook(request: Request): Promise<VerifiedWebhook> {
  if (request.method !== "POST") throw new Response(undefined, { status: 405, statusText: "Method not allowed" });
  const rawBody = await request.text();
  const check = await webhookApi.webhooks.validate({ rawBody, rawRequest: request });
  if (!check.valid) {
    const unauthorized = check.reason === WebhookValidationErrorReason.InvalidHmac;
    throw new Response(undefined, unauthorized ? { status: 401, statusText: "Unauthorized" } : { status: 400, statusText: "Bad Request" });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    throw new Response(undefined, { status: 400, statusText: "Bad Request" });
  }
  if (check.webhookType !== "webhooks") throw new Response(undefined, { status: 400, statusText: "Bad Request" });
  return {
    shop: check.domain,
    topic: check.topic,
    webhookId: check.webhookId,
    apiVersion: check.apiVersion,
    eventId: check.eventId,
    triggeredAt: check.triggeredAt,
    payload,
  };
}
