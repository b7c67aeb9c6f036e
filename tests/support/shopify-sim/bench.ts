/**
 * Throughput of the order-by-name lookup, in-process and over HTTP. Prints figures; not a test.
 * Run: npx vite-node --config tests/sim/vitest.config.ts tests/support/shopify-sim/bench.ts
 */
import { createSimulator, DEMO_SHOP } from "./index";

const QUERY = `query OrderByName($q: String!) {
  orders(first: 1, query: $q) {
    nodes {
      id name email displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id displayName }
      lineItems(first: 10) { nodes { id title variantTitle quantity refundableQuantity discountedUnitPriceAfterAllDiscountsSet { shopMoney { amount } } } }
      fulfillments { id deliveredAt displayStatus }
    }
  }
}`;

async function run(label: string, send: (i: number) => Promise<Response>, seconds = 3): Promise<void> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const response = await send(done);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    await response.json();
    done += 1;
  }
  console.log(`${label}: ${Math.round(done / seconds)} req/s (${done} requests, sequential)`);
}

// A huge bucket so the benchmark measures the simulator, not the rate limiter.
const sim = createSimulator();
sim.setRateLimit(DEMO_SHOP, { maximumAvailable: 1e12, restoreRate: 1e12 });
const token = sim.accessToken(DEMO_SHOP);
const body = (i: number) => JSON.stringify({ query: QUERY, variables: { q: `name:#${1001 + (i % 300)}` } });
const init = (i: number): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token }, body: body(i) });

console.log(`orders in demo shop: ${sim.store.shopState(DEMO_SHOP).orders.length}`);
await run("in-process handler", (i) => sim.handler(new Request(`https://${DEMO_SHOP}/admin/api/2026-10/graphql.json`, init(i))));
const { url } = await sim.start(0);
await run("node:http on localhost", (i) => fetch(`${url}/admin/api/2026-10/graphql.json`, init(i)));
await sim.stop();
