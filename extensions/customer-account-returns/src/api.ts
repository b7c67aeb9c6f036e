/**
 * Talking to the app from customer accounts: `${appUrl}/customer-account/<path>`, the app proxy's
 * JSON API path for path and body for body, authenticated with the customer's session token
 * (`Authorization: Bearer`, what `authenticate.public.customerAccount` reads). The extension runs
 * on Shopify's origin, so this is a cross-origin call: no cookies, the token is the credential.
 * Request building is pure and tested; `send` (shared with the storefront portal) is the only
 * place that touches `fetch`.
 */
import { ApiError, send, type Call } from "../../returns-portal/src/api";

export { ApiError, createSubmitter, legacyId } from "../../returns-portal/src/api";

/** The door's path prefix on the app. */
export const DOOR = "/customer-account";

/**
 * A GET, a JSON POST, or a multipart POST (FormData: a photo) to
 * `<appUrl>/customer-account<path>?locale=…` with the bearer token. A FormData body sets no
 * Content-Type: fetch writes it with the multipart boundary.
 */
export function buildCall(appUrl: string, path: string, token: string, body?: unknown, locale?: string): Call {
  const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${token}` };
  const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers, credentials: "omit" };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const url = appUrl.replace(/\/$/, "") + DOOR + path;
  return { url: locale ? `${url}${url.includes("?") ? "&" : "?"}locale=${encodeURIComponent(locale)}` : url, init };
}

export interface Client {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/**
 * A client that asks Shopify for a fresh session token on every call (Shopify caches it and
 * renews it before it expires), so a page left open for an hour still works.
 */
export function createClient(options: { appUrl: string; token: () => Promise<string>; locale: () => string; fetcher?: typeof fetch }): Client {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    let token: string;
    try {
      token = await options.token();
    } catch {
      throw new ApiError(401, "unauthorized", "");
    }
    return send<T>(buildCall(options.appUrl, path, token, body, options.locale()), options.fetcher);
  };
  return { get: (path) => call(path), post: (path, body) => call(path, body) };
}

/** Which sentence to show for a failed call: the app's own for a refused request, else ours. */
export function failureKey(error: unknown): { key: string } | { message: string } {
  const e = error instanceof ApiError ? error : new ApiError(0, "network", "");
  if (e.status === 0) return { key: "error_offline" };
  if (e.status === 401) return { key: "error_sign_in" };
  if (e.status === 404) return { key: "error_generic" };
  if (e.status === 429) return { key: "error_rate_limited" };
  return (e.status === 422 || e.status === 409) && e.message ? { message: e.message } : { key: "error_generic" };
}
