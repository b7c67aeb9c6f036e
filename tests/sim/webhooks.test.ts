import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { pick, simulator } from "./support";

const TOML = `
client_id = "test-key"
application_url = "https://app.example.com"
[access_scopes]
scopes = "read_orders,write_returns"
[webhooks]
api_version = "2026-10"
  [[webhooks.subscriptions]]
  topics = ["returns/request"]
  uri = "/webhooks/returns/request"
  [[webhooks.subscriptions]]
  compliance_topics = ["customers/redact"]
  uri = "/webhooks/customers/redact"
`;

const shopify = shopifyApi({ apiKey: "test-key", apiSecretKey: "test-secret", scopes: [], hostName: "app.example.com", apiVersion: ApiVersion.October26, isEmbeddedApp: true, logger: { level: 0 } });

function withApp(answers: number[]) {
  const received: { request: Request; body: string }[] = [];
  const sim = simulator({
    appToml: TOML,
    apiSecret: "test-secret",
    scheduler: (run) => queueMicrotask(run),
    fetch: async (request) => {
      received.push({ request, body: await request.clone().text() });
      return new Response(null, { status: answers.shift() ?? 200 });
    },
  });
  return { sim, received };
}

describe("webhooks", () => {
  it("delivers returns/request to the subscribed URI, signed so shopify-api accepts it", async () => {
    // GIVEN an app subscribed to returns/request
    const { sim, received } = withApp([]);
    // WHEN a return is requested
    await sim.graphql(DEMO_SHOP, `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } } }`, {
      input: { orderId: FIXTURES.order1001.id, returnLineItems: [{ fulfillmentLineItemId: FIXTURES.order1001.mug.fulfillmentLineItemId, quantity: 1 }] },
    });
    await sim.webhooks.idle();
    // THEN exactly one delivery, valid according to the Shopify library
    expect(received).toHaveLength(1);
    const [delivery] = received;
    if (!delivery) throw new Error("no delivery");
    expect(delivery.request.url).toBe("https://app.example.com/webhooks/returns/request");
    const check = await shopify.webhooks.validate({ rawBody: delivery.body, rawRequest: delivery.request });
    expect(check).toMatchObject({ valid: true, topic: "RETURNS_REQUEST", domain: DEMO_SHOP, apiVersion: "2026-10" });
    expect(pick(JSON.parse(delivery.body), "name")).toBe("#1001-R1");
    expect(pick(JSON.parse(delivery.body), "status")).toBe("requested");
  });

  it("retries a failed delivery with the same webhook id", async () => {
    // GIVEN an app that answers 500 once, then 200
    const { sim, received } = withApp([500]);
    // WHEN a compliance webhook is sent
    sim.sendWebhook(DEMO_SHOP, "customers/redact");
    await sim.webhooks.idle();
    // THEN it was delivered twice with one webhook id, and the body has Shopify's shape
    expect(sim.webhooks.log.map((l) => [l.attempt, l.status])).toEqual([[1, 500], [2, 200]]);
    const ids = received.map((r) => r.request.headers.get("X-Shopify-Webhook-Id"));
    expect(ids[0]).toBe(ids[1]);
    expect(Object.keys(JSON.parse(received[0]?.body ?? "{}"))).toEqual(["shop_id", "shop_domain", "customer", "orders_to_redact"]);
  });

  it("can deliver duplicates out of order", async () => {
    // GIVEN duplicates and reordering switched on
    const { sim, received } = withApp([]);
    sim.webhooks.duplicates = true;
    sim.webhooks.outOfOrder = true;
    // WHEN two webhooks are sent
    const [a] = sim.sendWebhook(DEMO_SHOP, "customers/redact", { n: 1 });
    const [b] = sim.sendWebhook(DEMO_SHOP, "customers/redact", { n: 2 });
    await sim.webhooks.idle();
    // THEN four deliveries arrive, newest first
    expect(received.map((r) => r.request.headers.get("X-Shopify-Webhook-Id"))).toEqual([b, b, a, a]);
    expect(pick(JSON.parse(received[0]?.body ?? "{}"), "n")).toBe(2);
  });
});
