/**
 * The app proxy: `/<prefix>/<subpath>/*` on the storefront is forwarded to `<app_proxy.url>/*` with
 * the parameters Shopify adds and the real signature (hex HMAC-SHA256 of the sorted `key=value`
 * pairs joined with nothing, multi-valued keys joined by commas). Cookies are not forwarded, as on Shopify.
 */
import { createHmac } from "node:crypto";
import { parse as parseToml } from "smol-toml";

export interface AppProxyConfig {
  /** e.g. https://localhost:3000/proxy */
  url: string;
  prefix: string;
  subpath: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function appProxyFromToml(toml: string): AppProxyConfig | null {
  const doc = parseToml(toml);
  const proxy = isRecord(doc.app_proxy) ? doc.app_proxy : null;
  if (!proxy || typeof proxy.url !== "string" || typeof proxy.prefix !== "string" || typeof proxy.subpath !== "string") return null;
  return { url: proxy.url, prefix: proxy.prefix, subpath: proxy.subpath };
}

/** The signature Shopify puts on proxied requests. */
export function signProxyQuery(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

const SHOPIFY_PARAMS = new Set(["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]);

export interface ProxyDeps {
  config: AppProxyConfig;
  /** Where the app really listens (the demo's app URL may be a public name that is not reachable). */
  appUrl: string;
  apiSecret: string;
  nowMs: () => number;
  fetch: (request: Request) => Promise<Response>;
}

/** Builds the forwarded request; exported so tests can inspect exactly what the app receives. */
export async function proxiedRequest(request: Request, shop: string, customerId: string | null, deps: ProxyDeps): Promise<Request> {
  const incoming = new URL(request.url);
  const prefix = `/${deps.config.prefix}/${deps.config.subpath}`;
  const rest = incoming.pathname.slice(prefix.length);
  const params = new URLSearchParams();
  for (const [k, v] of incoming.searchParams) if (!SHOPIFY_PARAMS.has(k)) params.append(k, v);
  params.set("shop", shop);
  params.set("logged_in_customer_id", customerId ?? "");
  params.set("path_prefix", prefix);
  params.set("timestamp", String(Math.floor(deps.nowMs() / 1000)));
  params.set("signature", signProxyQuery(params, deps.apiSecret));

  // The proxy URL's path is kept; its origin is replaced by where the app actually listens.
  const proxyPath = new URL(deps.config.url).pathname.replace(/\/$/, "");
  const target = new URL(`${proxyPath}${rest}`, deps.appUrl);
  target.search = params.toString();
  const headers = new Headers();
  for (const name of ["content-type", "accept", "accept-language", "user-agent"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("X-Forwarded-Host", incoming.host);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  // Buffered rather than streamed: proxy bodies are small JSON, and Node needs no `duplex` flag then.
  return new Request(target, { method: request.method, headers, body: hasBody ? await request.arrayBuffer() : undefined });
}

export async function forwardToAppProxy(request: Request, shop: string, customerId: string | null, deps: ProxyDeps): Promise<Response> {
  const forwarded = await proxiedRequest(request, shop, customerId, deps);
  try {
    const response = await deps.fetch(forwarded);
    const headers = new Headers(response.headers);
    // Shopify strips Set-Cookie from proxied responses.
    headers.delete("set-cookie");
    return new Response(response.body, { status: response.status, headers });
  } catch (error) {
    return new Response(`App proxy could not reach the app: ${String(error)}`, { status: 502 });
  }
}
