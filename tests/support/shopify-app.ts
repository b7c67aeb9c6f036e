import type { ActionFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY, APP_URL, getHmac } from "@shopify/shopify-api/test-helpers";
import { API_VERSION } from "~/shopify/api-version";

/*
 * Shopify app helpers for route tests.
 *
 * Route tests import the real `~/shopify.server`, not a mock: tests/support/setup.ts sets
 * SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL to the very values of
 * `testConfig()` from @shopify/shopify-app-remix/test-helpers (testApiKey,
 * testApiSecretKey, https://my-test-app.myshopify.io), and DATABASE_URL to this worker's
 * database, so the app's own shopifyApp() — with its PrismaSessionStorage, API version
 * and future flags — is what a test exercises. A second, test-only shopifyApp() would
 * test a configuration the app never runs.
 *
 * Requests are signed with Shopify's own helper (`getHmac` from
 * @shopify/shopify-api/test-helpers) and the test secret, as Shopify signs webhooks: an
 * HMAC-SHA256 of the raw body, base64, in X-Shopify-Hmac-Sha256.
 */

export { API_SECRET_KEY, APP_URL };

/** A shop domain no other test uses: every test works in its own shop. */
export function uniqueShop(label = "shop"): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
}

let sequence = 0;
/** A fresh X-Shopify-Webhook-Id. */
export function newWebhookId(): string {
  sequence += 1;
  return `wh-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export type WebhookRequestOptions = {
  /** Shopify's topic, as in the X-Shopify-Topic header: "app/uninstalled". */
  topic: string;
  shop: string;
  payload: unknown;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  apiVersion?: string;
  /** Sign with another secret (a forged request). */
  secret?: string;
  method?: string;
  /** Replace the body after signing (a tampered request). */
  tamperedBody?: string;
};

/** A webhook request as Shopify sends it to /webhooks/<topic>, signed with the test secret. */
export function webhookRequest(options: WebhookRequestOptions): Request {
  const body = JSON.stringify(options.payload);
  const hmac = getHmac(body, options.secret ?? API_SECRET_KEY);
  const method = options.method ?? "POST";
  return new Request(`${APP_URL}/webhooks/${options.topic}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": options.apiVersion ?? API_VERSION,
      "X-Shopify-Webhook-Id": options.webhookId ?? newWebhookId(),
      "X-Shopify-Event-Id": options.eventId ?? `ev-${Math.random().toString(36).slice(2, 10)}`,
      "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
    },
    body: method === "GET" || method === "HEAD" ? undefined : (options.tamperedBody ?? body),
  });
}

type Action = (args: ActionFunctionArgs) => Promise<Response>;

/**
 * Calls a route action the way Remix does: a thrown Response (authenticate.webhook's
 * 401 or 405) is the answer, not an error.
 */
export async function callAction(action: Action, request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
