/**
 * `createSimulator()`: one `(Request) => Promise<Response>` handler that plays Shopify (Admin GraphQL,
 * OAuth token exchange, storefront + app proxy, webhooks), and a thin `node:http` wrapper so the demo
 * can listen on a port. Tests call `sim.handler` in-process.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { handleAdminFrame, type AdminFrameOptions } from "./admin-frame";
import { LeakyBucket } from "./cost";
import { BULK_RESULT_PATH, resultFile } from "./resolvers/bulk";
import { handleCustomerAccounts } from "./customer-accounts";
import { handleGraphQL } from "./graphql";
import { OAuthServer } from "./oauth";
import { Outbox } from "./outbox";
import { compliancePayload, fulfillmentPayload, orderPayload, refundPayload } from "./payloads";
import { appProxyFromToml, forwardToAppProxy, type AppProxyConfig } from "./proxy";
import type { ResolverContext } from "./resolvers";
import { API_VERSION, adminSchema } from "./schema";
import { DEMO_SHOP, seed, type SeedOptions } from "./seed";
import { extensionAsset, renderReturnsPage } from "./storefront";
import { liquidAppMetafields } from "./resolvers/app-metafields";
import { legacyId, Store, type RateLimitSettings, type ShopState } from "./store";
import { SHOPIFY_RETRY_DELAYS_MS, subscriptionsFromToml, WebhookDispatcher, type Scheduler, type Subscription } from "./webhooks";

export interface SimulatorOptions {
  /** Project root holding shopify.app.toml and extensions/ (default: the working directory). */
  root?: string;
  /** shopify.app.toml contents; read from `root` when omitted. */
  appToml?: string;
  /** Where the app listens; relative webhook URIs and the app proxy resolve against it (default: toml application_url). */
  appUrl?: string;
  apiKey?: string;
  apiSecret?: string;
  extensionsDir?: string;
  /** Injectable clock in ms since epoch (default Date.now); seeds, tokens, the rate limiter and timestamps read it. */
  now?: () => number;
  /** false: start with no shops at all. */
  seed?: SeedOptions | false;
  /** How the simulator reaches the app (webhooks, app proxy). Tests pass the app's handler. */
  fetch?: (request: Request) => Promise<Response>;
  /** Timer used for webhook retries (default setTimeout). */
  scheduler?: Scheduler;
  retryDelaysMs?: number[];
  /** The app's INBOUND_EMAIL_SECRET: the Outbox signs the shopper's answers with it. */
  inboundSecret?: string;
}

export interface Simulator {
  store: Store;
  handler: (request: Request) => Promise<Response>;
  start: (port?: number) => Promise<{ url: string }>;
  stop: () => Promise<void>;
  apiKey: string;
  apiSecret: string;
  scopes: string[];
  apiVersion: string;
  webhooks: WebhookDispatcher;
  oauth: OAuthServer;
  /** The emails the app sent through the SMTP catcher (`outbox.listen()` starts it), shown at /outbox. */
  outbox: Outbox;
  /** A valid App Bridge session token for `shop` (HS256 with the app secret). */
  sessionToken: (shop: string, options?: { userId?: number; ttlSeconds?: number }) => string;
  /** An offline access token for `shop`, as if the app had been installed. */
  accessToken: (shop: string, scopes?: string[]) => string;
  /**
   * Sends a webhook to the subscribed URIs. When the payload is omitted it is built as Shopify
   * documents it: compliance topics and app/uninstalled, orders/* (the shop's first order),
   * fulfillments/* (its first fulfillment) and refunds/create (its first refund).
   */
  sendWebhook: (shop: string, topic: string, payload?: Record<string, unknown>) => string[];
  /** A carrier reports the fulfillment delivered at `at` (default now): fulfillments/update and orders/updated are sent. */
  deliver: (shop: string, fulfillmentId: string, at?: string) => void;
  /** Per-shop plan limits (restore rate, bucket size, single-query max). */
  setRateLimit: (shop: string, settings: Partial<RateLimitSettings>) => void;
  /** Takes points from the shop's bucket, as calls made earlier would have: a bucket already part spent. */
  spendRateLimit: (shop: string, points: number) => void;
  /** Convenience for tests: run a GraphQL document in-process with an offline token for `shop`. */
  graphql: (shop: string, query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: unknown }>;
}

const DEFAULT_SECRET = "aftercare-demo-secret";

function cookies(request: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k) out.set(k, decodeURIComponent(v.join("=")));
  }
  return out;
}

function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const root = options.root ?? process.cwd();
  const tomlPath = join(root, "shopify.app.toml");
  const toml = options.appToml ?? (existsSync(tomlPath) ? readFileSync(tomlPath, "utf8") : "");
  const doc = parseToml(toml);
  const appUrl = options.appUrl ?? (typeof doc.application_url === "string" ? doc.application_url : "http://localhost:3000");
  const apiKey = options.apiKey ?? (typeof doc.client_id === "string" ? doc.client_id : "aftercare-demo-key");
  const apiSecret = options.apiSecret ?? DEFAULT_SECRET;
  const parsedHooks = subscriptionsFromToml(toml, appUrl);
  const scopes = parsedHooks.scopes;
  const proxyConfig: AppProxyConfig | null = appProxyFromToml(toml);
  const extensionsDir = options.extensionsDir ?? join(root, "extensions");
  const now = options.now ?? Date.now;
  const nowIso = () => new Date(now()).toISOString();
  const appFetch = options.fetch ?? ((request: Request) => fetch(request));

  const store = new Store(nowIso);
  if (options.seed !== false) seed(store, now(), options.seed ?? {});
  // Warm the schema cache now so the first request is not the slow one.
  adminSchema();

  const oauth = new OAuthServer({ apiKey, apiSecret, scopes }, now, (shop) => store.shops.has(shop));
  const webhooks = new WebhookDispatcher({
    appUrl,
    apiSecret,
    apiVersion: parsedHooks.apiVersion ?? API_VERSION,
    subscriptions: parsedHooks.subscriptions satisfies Subscription[],
    fetch: appFetch,
    scheduler: options.scheduler ?? ((run, delay) => void setTimeout(run, delay)),
    retryDelaysMs: options.retryDelaysMs ?? SHOPIFY_RETRY_DELAYS_MS,
    nowIso,
  });

  const outbox = new Outbox({ appUrl, fetch: appFetch, inboundSecret: options.inboundSecret, now });

  const adminFrame: AdminFrameOptions = {
    appUrl,
    appHandle: typeof doc.handle === "string" ? doc.handle : "aftercare",
    appName: typeof doc.name === "string" ? doc.name : "Aftercare",
    shopName: (shop) => store.shops.get(shop)?.shop.name ?? null,
    sessionToken: (shop) => oauth.sessionToken(shop),
  };

  const buckets = new Map<string, LeakyBucket>();
  const bucket = (shop: string): LeakyBucket => {
    let b = buckets.get(shop);
    if (!b) {
      b = new LeakyBucket(store.shopState(shop).shop.rateLimit, now);
      buckets.set(shop, b);
    }
    return b;
  };

  const context = (shop: string, granted: ReadonlySet<string>): ResolverContext => ({
    store,
    state: store.shopState(shop),
    scopes: granted,
    nowMs: now,
    emit: (topic, payload) => void webhooks.send(shop, topic, payload),
  });

  const shopFrom = (request: Request, url: URL): string => {
    const fromQuery = url.searchParams.get("shop");
    if (fromQuery && store.shops.has(fromQuery)) return fromQuery;
    const fromCookie = cookies(request).get("_sim_shop");
    if (fromCookie && store.shops.has(fromCookie)) return fromCookie;
    return store.shops.has(DEMO_SHOP) ? DEMO_SHOP : ([...store.shops.keys()][0] ?? DEMO_SHOP);
  };

  const signedInCustomer = (request: Request, shop: string) => {
    const id = cookies(request).get("_sim_customer");
    if (!id) return null;
    const state = store.shops.get(shop);
    return state ? (store.get(state, `gid://shopify/Customer/${id}`, "Customer") ?? null) : null;
  };

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;

    const graphqlMatch = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (graphqlMatch) {
      if (request.method !== "POST") return new Response(null, { status: 405 });
      if (graphqlMatch[1] !== API_VERSION) {
        return new Response(JSON.stringify({ errors: `The simulator serves Admin API ${API_VERSION} only` }), { status: 404, headers: { "Content-Type": "application/json" } });
      }
      return handleGraphQL(request, {
        authenticate: (token) => {
          const issued = oauth.authenticate(token);
          if (!issued) return null;
          // A token only opens its own shop, whatever host it is presented to.
          if (store.shops.has(url.hostname) && url.hostname !== issued.shop) return null;
          return { shop: issued.shop, scopes: issued.scopes };
        },
        context,
        bucket,
      });
    }
    if (path === "/admin/oauth/access_token" && request.method === "POST") return oauth.handle(request);
    // A bulk operation's result file: like Shopify's signed storage URL, it needs no token.
    const bulkMatch = BULK_RESULT_PATH.exec(path);
    if (bulkMatch && request.method === "GET") {
      const file = resultFile(store, url.hostname, bulkMatch[1]!, now());
      if (file === null) return new Response("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", { status: 403, headers: { "Content-Type": "application/xml" } });
      return new Response(file, { headers: { "Content-Type": "application/jsonl" } });
    }

    if (path === "/account/login") {
      const shop = shopFrom(request, url);
      const customerId = url.searchParams.get("customer_id");
      const back = url.searchParams.get("return_to") ?? "/pages/returns";
      if (!customerId) {
        const state = store.shops.get(shop);
        const list = (state?.customers ?? []).slice(0, 10).map((c) => `<li><a href="/account/login?shop=${shop}&customer_id=${legacyId(c.id)}">${c.firstName} ${c.lastName}</a></li>`);
        return html(`<!doctype html><h1>Sign in (simulated)</h1><ul>${list.join("")}</ul>`);
      }
      return new Response(null, {
        status: 302,
        headers: [
          ["Location", back.startsWith("/") ? back : "/pages/returns"],
          ["Set-Cookie", `_sim_customer=${encodeURIComponent(customerId)}; Path=/; HttpOnly; SameSite=Lax`],
          ["Set-Cookie", `_sim_shop=${encodeURIComponent(shop)}; Path=/; SameSite=Lax`],
        ],
      });
    }
    if (path === "/account/logout") {
      return new Response(null, { status: 302, headers: { Location: "/pages/returns", "Set-Cookie": "_sim_customer=; Path=/; Max-Age=0" } });
    }
    // Shopify serves a store's other languages under a locale prefix: /fr/pages/returns.
    const returnsPage = /^(?:\/(fr|de|es))?\/pages\/returns$/.exec(path);
    if (returnsPage && request.method === "GET") {
      const shop = shopFrom(request, url);
      const state = store.shopState(shop);
      const locale = returnsPage[1] ?? "en";
      const appMetafields = liquidAppMetafields(state.appMetafields);
      const page = await renderReturnsPage(extensionsDir, { shop: state.shop, appMetafields, customer: signedInCustomer(request, shop), locale, path });
      return html(page, 200, { "Set-Cookie": `_sim_shop=${encodeURIComponent(shop)}; Path=/; SameSite=Lax` });
    }
    const assetMatch = /^\/extensions\/([^/]+)\/assets\/([^/]+)$/.exec(path);
    if (assetMatch) return extensionAsset(extensionsDir, assetMatch[1]!, assetMatch[2]!) ?? new Response("Not Found", { status: 404 });

    if (proxyConfig && (path === `/${proxyConfig.prefix}/${proxyConfig.subpath}` || path.startsWith(`/${proxyConfig.prefix}/${proxyConfig.subpath}/`))) {
      const shop = shopFrom(request, url);
      const customer = signedInCustomer(request, shop);
      return forwardToAppProxy(request, shop, customer ? String(legacyId(customer.id)) : null, {
        config: proxyConfig,
        appUrl,
        apiSecret,
        nowMs: now,
        fetch: appFetch,
      });
    }
    const customerAccounts = await handleCustomerAccounts(request, url, { store, appUrl, apiKey, apiSecret, extensionsDir, now, shopFrom, signedInCustomer });
    if (customerAccounts) return customerAccounts;
    const outboxPage = await outbox.handle(request, url);
    if (outboxPage) return outboxPage;
    const frame = handleAdminFrame(request, url, adminFrame);
    if (frame) return frame;
    if (path === "/") {
      const shops = [...store.shops.values()].map((s) => `<li>${s.shop.name} (${s.shop.domain}): ${s.orders.length} orders — <a href="/pages/returns?shop=${s.shop.domain}">returns page</a></li>`);
      return html(`<!doctype html><h1>Shopify simulator</h1><ul>${shops.join("")}</ul><p><a href="/outbox">Outbox</a>: the emails the app sent.</p>`);
    }
    return new Response("Not Found", { status: 404 });
  };

  let server: Server | null = null;

  const sendWebhook = (shop: string, topic: string, payload?: Record<string, unknown>): string[] => {
    const state = store.shopState(shop);
    let body = payload;
    if (!body) {
      if (topic === "customers/data_request" || topic === "customers/redact" || topic === "shop/redact") {
        body = compliancePayload(topic, state, state.customers[0]?.id ?? null);
      } else if (topic === "app/uninstalled" || topic === "shop/update") {
        body = {
          id: legacyId(state.shop.id),
          name: state.shop.name,
          email: state.shop.email,
          domain: state.shop.domain,
          myshopify_domain: state.shop.domain,
          currency: state.shop.currencyCode,
          iana_timezone: state.shop.ianaTimezone,
          plan_name: "basic",
        };
      } else {
        body = documentedPayload(state, topic) ?? {};
      }
    }
    return webhooks.send(shop, topic, body);
  };

  const deliver = (shop: string, fulfillmentId: string, at = nowIso()): void => {
    const state = store.shopState(shop);
    const order = state.orders.find((o) => o.fulfillments.some((f) => f.id === fulfillmentId));
    const fulfillment = order?.fulfillments.find((f) => f.id === fulfillmentId);
    if (!order || !fulfillment) throw new Error(`No fulfillment ${fulfillmentId} in ${shop}`);
    fulfillment.deliveredAt = at;
    order.updatedAt = at;
    webhooks.send(shop, "fulfillments/update", fulfillmentPayload(order, fulfillment));
    webhooks.send(shop, "orders/updated", orderPayload(state, order));
  };

  return {
    store,
    handler,
    apiKey,
    apiSecret,
    scopes,
    apiVersion: API_VERSION,
    webhooks,
    oauth,
    outbox,
    sessionToken: (shop, opts) => oauth.sessionToken(shop, opts),
    accessToken: (shop, granted) => oauth.issueOffline(shop, granted),
    sendWebhook,
    deliver,
    setRateLimit: (shop, settings) => {
      const state = store.shopState(shop);
      state.shop.rateLimit = { ...state.shop.rateLimit, ...settings };
      buckets.delete(shop);
    },
    spendRateLimit: (shop, points) => {
      if (!bucket(shop).take(points)) throw new Error(`The bucket of ${shop} holds fewer than ${points} points`);
    },
    graphql: async (shop, query, variables = {}) => {
      const token = oauth.issueOffline(shop);
      const response = await handler(
        new Request(`https://${shop}/admin/api/${API_VERSION}/graphql.json`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
          body: JSON.stringify({ query, variables }),
        }),
      );
      const body: unknown = await response.json();
      return { status: response.status, body };
    },
    start: (port = 0) =>
      new Promise((resolve, reject) => {
        server = createServer((req, res) => void serve(handler, req, res));
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          const address: AddressInfo | string | null | undefined = server?.address();
          resolve({ url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}` });
        });
      }),
    stop: async () => {
      await outbox.close();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
        server = null;
      });
    },
  };
}

/** The documented body of an order, fulfillment or refund topic, built from the shop's first such object. */
function documentedPayload(state: ShopState, topic: string): Record<string, unknown> | null {
  const order = state.orders[0];
  if (!order) return null;
  if (topic === "orders/create" || topic === "orders/updated") return orderPayload(state, order);
  if (topic === "fulfillments/create" || topic === "fulfillments/update") {
    const withFulfillment = state.orders.find((o) => o.fulfillments.length > 0);
    const fulfillment = withFulfillment?.fulfillments[0];
    return withFulfillment && fulfillment ? fulfillmentPayload(withFulfillment, fulfillment) : null;
  }
  if (topic === "refunds/create") {
    const refund = state.orders.flatMap((o) => o.refundIds).map((id) => state.nodes.get(id)).find((n) => n?.__typename === "Refund");
    return refund && refund.__typename === "Refund" ? refundPayload(state, refund) : null;
  }
  return null;
}

/** node:http → fetch Request → handler → node:http response. */
async function serve(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (Array.isArray(v)) for (const item of v) headers.append(k, item);
      else if (v !== undefined) headers.set(k, v);
    }
    const host = req.headers.host ?? "127.0.0.1";
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await handler(new Request(`http://${host}${req.url ?? "/"}`, { method, headers, body }));
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key === "set-cookie") return;
      outHeaders[key] = value;
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length) outHeaders["set-cookie"] = setCookies;
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(`Simulator error: ${String(error)}`);
  }
}
