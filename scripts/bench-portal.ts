/**
 * p50/p95 latency of the portal's lookup and quote through the real proxy routes (signed
 * requests, the app's shopifyApp(), Prisma on a scratch SQLite file) against the store
 * simulator in-process. Prints figures; not a test.
 * Run: npx vite-node --config scripts/bench-portal.vite.config.ts scripts/bench-portal.ts [iterations]
 * (BENCH_ADMIN_LATENCY_MS=50 adds a round trip to every Admin API call).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SECRET = "testApiSecretKey";
const APP_URL = "https://my-test-app.myshopify.io";
process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), "aftercare-bench-")), "bench.sqlite")}`;
process.env.SHOPIFY_API_KEY = "testApiKey";
process.env.SHOPIFY_API_SECRET = SECRET;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES = "read_all_orders,read_customers,read_orders,read_products,read_returns,write_returns";
process.env.AFTERCARE_WORKER = "0";
process.env.LOG_LEVEL = "error";

const { migrate } = (await import("./migrate.mjs")) as { migrate: (url: string, o: { quiet: boolean }) => Promise<unknown> };
await migrate(process.env.DATABASE_URL, { quiet: true });

const { RequestType, setUpValidRequest } = await import("@shopify/shopify-api/test-helpers");
const { createSimulator, DEMO_SHOP, FIXTURES } = await import("../tests/support/shopify-sim");
const { default: prisma } = await import("~/db.server");
const { action: lookupAction } = await import("~/routes/proxy.lookup");
const { action: quoteAction } = await import("~/routes/proxy.quote");

const sim = createSimulator({ apiKey: "testApiKey", apiSecret: SECRET, appUrl: APP_URL });
const realFetch = globalThis.fetch;
// BENCH_ADMIN_LATENCY_MS adds a network round trip to every Admin call (the in-process
// simulator has none), so differences in the number of calls show as they would live.
const latencyMs = Number(process.env.BENCH_ADMIN_LATENCY_MS ?? 0);
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  if (!new URL(request.url).hostname.endsWith(".myshopify.com")) return realFetch(request);
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  return sim.handler(request);
};
// Shopify's own 2000-point bucket would throttle a tight loop; the bench measures our code.
sim.setRateLimit(DEMO_SHOP, { maximumAvailable: 1_000_000, restoreRate: 1_000_000 });
await prisma.session.create({
  data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: sim.accessToken(DEMO_SHOP), scope: process.env.SCOPES },
});

type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
async function post(route: Route, path: string, body: unknown, token?: string): Promise<Response> {
  const url = new URL(`${APP_URL}/proxy${path}`);
  url.searchParams.set("logged_in_customer_id", "");
  url.searchParams.set("path_prefix", "/apps/aftercare");
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": "203.0.113.1", ...(token ? { "X-Aftercare-Token": token } : {}) },
    body: JSON.stringify(body),
  });
  const signed = await setUpValidRequest({ type: RequestType.Public, store: DEMO_SHOP.replace(".myshopify.com", ""), apiSecretKey: SECRET }, request);
  return route({ request: signed, params: {}, context: {} });
}

async function measure(label: string, n: number, once: () => Promise<Response>, expected = 200): Promise<void> {
  // Misses are rate-limited: the bench forgets them between requests, outside the timing.
  const reset = () => (expected === 200 ? Promise.resolve() : prisma.portalLookupFailure.deleteMany());
  for (let i = 0; i < 5; i++) {
    await reset();
    await (await once()).json(); // warm up
  }
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await reset();
    const t = performance.now();
    const response = await once();
    await response.json();
    times.push(performance.now() - t);
    if (response.status !== expected) throw new Error(`${label}: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1);
  console.log(`${label.padEnd(24)} n=${n}  p50 ${at(50)} ms  p95 ${at(95)} ms  max ${times[times.length - 1]!.toFixed(1)} ms`);
}

const n = Number(process.argv[2] ?? 200);
const lookupBody = { orderNumber: "#1001", email: "ava.lee@example.com" };
const first = (await (await post(lookupAction as Route, "/lookup", lookupBody)).json()) as { token: string };
const quoteBody = {
  orderId: FIXTURES.order1001.id,
  resolution: "store_credit",
  lines: [{ lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" }],
};
console.log("Portal latency, in-process simulator, sequential requests (signature check + Admin API + SQLite):");
await measure("lookup", n, () => post(lookupAction as Route, "/lookup", lookupBody));
await measure("quote", n, () => post(quoteAction as Route, "/quote", quoteBody, first.token));
// The two misses must cost the same, or the time tells which order numbers exist (ADR 020).
await measure("miss: unknown number", n, () => post(lookupAction as Route, "/lookup", { orderNumber: "#999999", email: "ava.lee@example.com" }), 404);
await measure("miss: known, wrong email", n, () => post(lookupAction as Route, "/lookup", { orderNumber: "#1001", email: "someone@example.com" }), 404);
globalThis.fetch = realFetch;
await prisma.$disconnect();
