/**
 * Every door between Shopify and the app, with the app running in-process (Vite middleware mode,
 * the current sources, its real routes and `authenticate.*`) and the Shopify store simulator on
 * the other side of each door. Only the edges are swapped, as in `npm run demo`: fetch to
 * *.myshopify.com reaches the simulator, and the simulator reaches the app's request handler.
 */
import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { unauthenticated } from "~/shopify.server";
import { createShopifyClient } from "~/shopify/client.server";
import { findOrderByNameAndEmail } from "~/shopify/orders.server";
import { serveHttp } from "../support/app-server";
import { createSimulator, DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { hostParam } from "../support/shopify-sim/admin-frame";
import { appWithSimulator } from "../support/app-with-simulator";

// tests/support/setup.ts gives the app testConfig()'s identity; the simulator plays the same app.
const APP_URL = process.env.SHOPIFY_APP_URL ?? "";
const API_KEY = process.env.SHOPIFY_API_KEY ?? "";
const API_SECRET = process.env.SHOPIFY_API_SECRET ?? "";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const running = appWithSimulator({ seed: { bulkOrders: 20 } });

describe("the admin door", () => {
  it("signs the merchant in from Shopify admin's URL with a session token and shows the shop from the Admin API", async () => {
    // GIVEN the URL Shopify admin loads in its iframe, with a fresh session token from the simulator
    const url = new URL("/app", APP_URL);
    url.search = new URLSearchParams({ embedded: "1", shop: DEMO_SHOP, host: hostParam(DEMO_SHOP), id_token: running.sim.sessionToken(DEMO_SHOP) }).toString();
    // WHEN the browser requests the document
    const response = await running.handler(new Request(url, { headers: { "User-Agent": BROWSER, Accept: "text/html" } }));
    // THEN the app exchanged the token with "Shopify", stored the offline session, and rendered the shop's name
    const html = await response.text();
    expect(response.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain("Aftercare Demo Store");
    const session = await prisma.session.findFirst({ where: { shop: DEMO_SHOP, isOnline: false } });
    expect(session?.accessToken).toMatch(/^shpat_/);
    expect(running.sim.oauth.authenticate(session?.accessToken ?? null)?.shop).toBe(DEMO_SHOP);
  });

  it("refuses a document request whose session token is signed with another secret", async () => {
    // GIVEN a token from a simulator that does not know the app's secret
    const forger = createSimulator({ apiKey: API_KEY, apiSecret: "not-the-app-secret", seed: false });
    const url = new URL("/app", APP_URL);
    url.search = new URLSearchParams({ embedded: "1", shop: DEMO_SHOP, host: hostParam(DEMO_SHOP), id_token: forger.sessionToken(DEMO_SHOP) }).toString();
    // WHEN it is presented
    const response = await running.handler(new Request(url, { headers: { "User-Agent": BROWSER } }));
    // THEN the app sends the browser to App Bridge's bounce page for a new token instead of rendering
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/auth\/session-token\?/);
  });
});

describe("the Admin API door", () => {
  it("reads an order through the gateway with the token the app exchanged", async () => {
    // GIVEN the app installed (the admin door above stored its offline session)
    const { admin } = await unauthenticated.admin(DEMO_SHOP);
    // WHEN the gateway looks #1001 up
    const order = await findOrderByNameAndEmail(createShopifyClient(admin.graphql), "#1001", FIXTURES.order1001.email);
    // THEN it is the simulator's order, lines and money included
    expect(order?.id).toBe(FIXTURES.order1001.id);
    expect(order?.email).toBe(FIXTURES.order1001.email);
    expect(order?.lines.map((line) => line.id)).toEqual([FIXTURES.order1001.tee.lineItemId, FIXTURES.order1001.mug.lineItemId]);
  });
});

describe("the webhook door", () => {
  it("takes a signed app/uninstalled webhook from the simulator into the inbox", async () => {
    // GIVEN the subscriptions of shopify.app.toml
    // WHEN Shopify sends app/uninstalled
    const [webhookId] = running.sim.sendWebhook(DEMO_SHOP, "app/uninstalled");
    await running.sim.webhooks.idle();
    // THEN the app answered 200 once and recorded the event under its webhook id
    expect(running.sim.webhooks.log.filter((d) => d.webhookId === webhookId).map((d) => d.status)).toEqual([200]);
    const event = await prisma.webhookEvent.findUnique({ where: { webhookId: webhookId ?? "" } });
    expect(event).toMatchObject({ shop: DEMO_SHOP, status: "pending" });
  });

  it("answers 401 to a webhook signed with another secret, and Shopify's retry finds nothing recorded", async () => {
    // GIVEN a simulator signing with the wrong secret
    const forger = createSimulator({ appUrl: APP_URL, apiKey: API_KEY, apiSecret: "not-the-app-secret", fetch: (request) => running.handler(request), retryDelaysMs: [] });
    // WHEN it sends a compliance webhook
    const [webhookId] = forger.sendWebhook(DEMO_SHOP, "customers/redact");
    await forger.webhooks.idle();
    // THEN the app refused it
    expect(forger.webhooks.log.map((d) => d.status)).toEqual([401]);
    expect(await prisma.webhookEvent.count({ where: { webhookId: webhookId ?? "" } })).toBe(0);
  });
});

describe("the app proxy door", () => {
  // There is no proxy route yet: a stub server stands in for the app and checks the signature with
  // shopify-api's validateHmac, which authenticate.public.appProxy uses. The portal issue replaces
  // the stub with the app's proxy.* routes.
  it("forwards a storefront request to <app>/proxy/* with a signature shopify-api accepts", async () => {
    // GIVEN a stand-in app on a port, and a simulator whose app proxy points at it
    const api = shopifyApi({ apiKey: API_KEY, apiSecretKey: API_SECRET, apiVersion: ApiVersion.October26, hostName: new URL(APP_URL).host, isEmbeddedApp: true, logger: { level: 0 } });
    const received: URL[] = [];
    const stub = await serveHttp({
      handler: async (request) => {
        const url = new URL(request.url);
        received.push(url);
        const valid = await api.utils.validateHmac(Object.fromEntries(url.searchParams), { signator: "appProxy" });
        return Response.json({ valid }, { status: valid ? 200 : 401 });
      },
    });
    const storefront = createSimulator({ appUrl: stub.url, apiKey: API_KEY, apiSecret: API_SECRET, seed: { bulkOrders: 0 } });
    const { url: storeUrl } = await storefront.start(0);
    try {
      // WHEN a shopper's browser calls the proxy path on the storefront
      const response = await fetch(`${storeUrl}/apps/aftercare/orders/lookup?order=%231001&shop=${DEMO_SHOP}`, { headers: { "User-Agent": BROWSER } });
      // THEN the app got the request at /proxy/…, with Shopify's parameters, validly signed
      expect(await response.json()).toEqual({ valid: true });
      expect(received[0]?.pathname).toBe("/proxy/orders/lookup");
      expect(received[0]?.searchParams.get("shop")).toBe(DEMO_SHOP);
      expect(received[0]?.searchParams.get("order")).toBe("#1001");
      expect(received[0]?.searchParams.get("path_prefix")).toBe("/apps/aftercare");
    } finally {
      await storefront.stop();
      await stub.close();
    }
  });
});
