import { getJwt } from "@shopify/shopify-api/test-helpers";
import { API_SECRET_KEY, APP_URL } from "./shopify-app";

/*
 * Requests as the customer account UI extension sends them: `fetch` from a web worker on
 * Shopify's CDN (a cross-origin request), with the session token from
 * `shopify.sessionToken.get()` as `Authorization: Bearer`.
 *
 * Shopify signs that token as it signs every extension session token: HS256 with the app's
 * API secret; `iss` and `dest` the shop, `aud` the app's API key, `sub` the signed-in
 * customer's GID, `exp` five minutes on, `nbf`/`iat` now. Shopify's own `getJwt` test helper
 * does the signing; only the claims that differ from an admin token are given here.
 */

export const API_KEY = "testApiKey";
/** Where customer account extensions run (their requests' Origin). */
export const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

export interface CustomerTokenOptions {
  shop: string;
  /** The customer's GID; null: a token without `sub` (nobody signed in). */
  customerId: string | null;
  secret?: string;
  apiKey?: string;
  /** Seconds from now the token expires (negative: already expired). */
  expiresIn?: number;
  /** Seconds from now it becomes valid. */
  notBefore?: number;
}

/** A customer account extension session token, signed as Shopify signs it. */
export async function customerAccountToken(options: CustomerTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const store = options.shop.replace(".myshopify.com", "");
  const claims: Record<string, unknown> = {
    iss: options.shop,
    dest: options.shop,
    aud: options.apiKey ?? API_KEY,
    exp: now + (options.expiresIn ?? 300),
    nbf: now + (options.notBefore ?? 0),
    iat: now,
    jti: crypto.randomUUID(),
    sub: options.customerId ?? undefined,
  };
  const { token } = await getJwt(store, options.apiKey ?? API_KEY, options.secret ?? API_SECRET_KEY, claims);
  return token;
}

export interface CustomerAccountRequestOptions {
  method?: string;
  token?: string | null;
  body?: unknown;
  rawBody?: BodyInit;
  contentType?: string | null;
  locale?: string;
  origin?: string | null;
}

/** A request from the extension to `/customer-account<path>`. */
export function customerAccountRequest(path: string, options: CustomerAccountRequestOptions = {}): Request {
  const url = new URL(`${APP_URL}/customer-account${path}`);
  if (options.locale) url.searchParams.set("locale", options.locale);
  const headers = new Headers({ "User-Agent": BROWSER_UA });
  const origin = options.origin === undefined ? EXTENSION_ORIGIN : options.origin;
  if (origin) headers.set("Origin", origin);
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const contentType = options.contentType === undefined ? (options.body !== undefined ? "application/json" : null) : options.contentType;
  if (contentType) headers.set("Content-Type", contentType);
  // A stream body needs `duplex` (fetch's rule for request streams).
  const init: RequestInit & { duplex: "half" } = { method: options.method ?? (body !== undefined ? "POST" : "GET"), headers, body, duplex: "half" };
  return new Request(url, init);
}

/** A browser's preflight before a cross-origin request with an Authorization header. */
export function preflightRequest(path: string, method = "POST"): Request {
  return new Request(`${APP_URL}/customer-account${path}`, {
    method: "OPTIONS",
    headers: {
      "User-Agent": BROWSER_UA,
      Origin: EXTENSION_ORIGIN,
      "Access-Control-Request-Method": method,
      "Access-Control-Request-Headers": "authorization,content-type",
    },
  });
}
