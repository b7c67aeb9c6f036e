/**
 * The two edges the demo swaps; everything between them is the production app.
 *   1. Where the Admin API lives: requests to https://<shop>.myshopify.com/… (token exchange, Admin
 *      GraphQL) are answered by the simulator instead of the internet.
 *   2. The auth entry: outside Shopify admin there is no App Bridge, so the app's HTML gets the
 *      simulator's stand-in instead of cdn.shopify.com's script, and its frame-ancestors policy
 *      admits the simulated admin that embeds it.
 * Both happen here, in the demo process and its HTTP layer; app/ knows nothing of them.
 */
import { APP_BRIDGE_CDN_URL } from "../../tests/support/shopify-sim/app-bridge-standin";

export type FetchHandler = (request: Request) => Promise<Response>;

/** Hosts that are Shopify's (the Admin API and OAuth live on the shop's myshopify domain). */
export function isShopifyShopHost(hostname: string): boolean {
  return hostname.endsWith(".myshopify.com");
}

function urlOf(input: RequestInfo | URL): URL | null {
  try {
    return new URL(input instanceof Request ? input.url : String(input));
  } catch {
    return null;
  }
}

/** A fetch that hands myshopify.com requests to `simulator` and everything else to `fallback`. */
export function shopifyToSimulator(simulator: FetchHandler, fallback: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = urlOf(input);
    if (url && url.protocol === "https:" && isShopifyShopHost(url.hostname)) return simulator(new Request(input, init));
    return fallback(input, init);
  };
}

/**
 * Replaces globalThis.fetch so the Shopify libraries reach the simulator. Call it before the app's
 * server build is imported: @shopify/shopify-api's web-api adapter captures `fetch` at import
 * (app/shopify.server.ts also resolves it per call). Returns a function that restores the original.
 */
export function installShopifyFetch(simulator: FetchHandler): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = shopifyToSimulator(simulator, original);
  return () => {
    globalThis.fetch = original;
  };
}

export interface EdgeOptions {
  /** Where the simulator serves the App Bridge stand-in. */
  standinUrl: string;
  /** The simulated admin's origin, which embeds the app. */
  adminOrigin: string;
}

/** Adds the simulated admin to a `frame-ancestors` directive (Shopify's admin origins stay). */
export function admitFrameAncestor(csp: string, origin: string): string {
  return csp.replace(/frame-ancestors\s+([^;]*)/, (directive, sources: string) =>
    sources.includes("'none'") || sources.split(/\s+/).includes(origin) ? directive : `frame-ancestors ${origin} ${sources.trim()}`,
  );
}

/** Wraps the app's handler: HTML gets the App Bridge stand-in, embedding is allowed from the simulated admin. */
export function withDemoEdges(handler: FetchHandler, options: EdgeOptions): FetchHandler {
  return async (request) => {
    const response = await handler(request);
    const headers = new Headers(response.headers);
    const csp = headers.get("Content-Security-Policy");
    if (csp) headers.set("Content-Security-Policy", admitFrameAncestor(csp, options.adminOrigin));
    const link = headers.get("Link");
    if (link?.includes(APP_BRIDGE_CDN_URL)) headers.set("Link", link.replaceAll(APP_BRIDGE_CDN_URL, options.standinUrl));
    const init = { status: response.status, statusText: response.statusText, headers };
    if (!response.body || !(headers.get("Content-Type") ?? "").includes("text/html")) return new Response(response.body, init);
    const html = await response.text();
    if (!html.includes(APP_BRIDGE_CDN_URL)) return new Response(html, init);
    headers.delete("Content-Length");
    return new Response(html.replaceAll(APP_BRIDGE_CDN_URL, options.standinUrl), init);
  };
}
