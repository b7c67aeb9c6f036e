import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { loader } from "~/routes/app._index";
import { createSimulator, DEMO_SHOP, EU_SHOP, type Simulator } from "../support/shopify-sim";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";

// The admin home through the real door: a document request carrying an App Bridge
// session token, token exchange and Admin GraphQL answered by the store simulator.
let sim: Simulator;
const realFetch = globalThis.fetch;

beforeAll(() => {
  sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname.endsWith(".myshopify.com")) return sim.handler(request);
    return realFetch(request);
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await prisma.$disconnect();
});

function homeRequest(shop: string): LoaderFunctionArgs {
  const params = new URLSearchParams({
    embedded: "1",
    shop,
    host: Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url"),
    id_token: sim.sessionToken(shop),
  });
  const request = new Request(`${APP_URL}/app?${params}`, {
    headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36" },
  });
  return { request, params: {}, context: {} };
}

describe("the admin home (/app)", () => {
  it("shows the shop and its newest orders read through the Admin API after token exchange", async () => {
    // GIVEN the demo shop opening the app for the first time (no session stored yet)
    await prisma.session.deleteMany({ where: { shop: DEMO_SHOP } });
    // WHEN
    const data = await loader(homeRequest(DEMO_SHOP));
    // THEN
    expect(data.shop).toEqual({
      name: "Aftercare Demo Store",
      domain: DEMO_SHOP,
      currencyCode: "USD",
      timezone: expect.any(String),
      plan: expect.any(String),
    });
    expect(data.recentOrders).toHaveLength(10);
    expect(data.recentOrders.every((order) => /^#\d+$/.test(order.name) && order.total.startsWith("$"))).toBe(true);
    const session = await prisma.session.findFirst({ where: { shop: DEMO_SHOP, isOnline: false } });
    expect(session?.accessToken).toBeTruthy();
    const shopRow = await prisma.shop.findUnique({ where: { shop: DEMO_SHOP } });
    expect(shopRow).toMatchObject({ name: "Aftercare Demo Store", currencyCode: "USD", uninstalledAt: null });
  });

  it("shows each shop only its own data", async () => {
    // GIVEN both shops have opened the app
    await loader(homeRequest(DEMO_SHOP));
    // WHEN the EU shop opens it
    const data = await loader(homeRequest(EU_SHOP));
    // THEN it sees its own name, currency and orders, none of the demo shop's
    expect(data.shop.domain).toBe(EU_SHOP);
    expect(data.shop.currencyCode).toBe("EUR");
    expect(data.recentOrders.length).toBeGreaterThan(0);
    expect(data.recentOrders.every((order) => order.total.startsWith("€"))).toBe(true);
  });

  it("sends a request without a session token to the login page, never to the app", async () => {
    // GIVEN a document request with no id_token (opened outside Shopify admin)
    const request = new Request(`${APP_URL}/app?embedded=1&shop=${DEMO_SHOP}&host=YWRtaW4`, {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/131.0" },
    });
    // WHEN
    const outcome = await loader({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    // THEN the library redirects to the login route rather than render any shop's data
    expect(outcome).toBeInstanceOf(Response);
    const response = outcome as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/auth/login");
  });
});
