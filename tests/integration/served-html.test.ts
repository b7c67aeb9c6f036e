/**
 * What the app's documents put in front of Shopify's reviewers, from the served HTML (the app
 * in-process through Vite, its real routes and auth, the Shopify simulator behind the Admin API).
 */
import { describe, expect, it, vi } from "vitest";
import { APP_BRIDGE_URL } from "~/lib/app-bridge";
import { DEMO_SHOP } from "../support/shopify-sim";
import { hostParam } from "../support/shopify-sim/admin-frame";
import { appWithSimulator } from "../support/app-with-simulator";

const APP_URL = process.env.SHOPIFY_APP_URL ?? "";
const API_KEY = process.env.SHOPIFY_API_KEY ?? "";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const running = appWithSimulator();

async function page(path: string, params: Record<string, string> = {}): Promise<{ status: number; html: string }> {
  const url = new URL(path, APP_URL);
  url.search = new URLSearchParams(params).toString();
  const response = await running.handler(new Request(url, { headers: { "User-Agent": BROWSER, Accept: "text/html" } }));
  return { status: response.status, html: await response.text() };
}

function headAndBody(html: string): { head: string; body: string } {
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? "";
  return { head, body };
}

describe("the embedded admin's document", () => {
  it("loads App Bridge from <head>: its api-key meta, then its script, before any other script", async () => {
    // GIVEN the URL Shopify admin opens in its iframe, with a fresh session token
    // WHEN the browser requests the document
    const { status, html } = await page("/app", { embedded: "1", shop: DEMO_SHOP, host: hostParam(DEMO_SHOP), id_token: running.sim.sessionToken(DEMO_SHOP) });
    expect(status, html.slice(0, 300)).toBe(200);
    const { head, body } = headAndBody(html);
    // THEN <head> starts with the charset, the api-key meta and the synchronous App Bridge script …
    const tags = [...head.matchAll(/<(meta|script|link)\b[^>]*>/g)].map((m) => m[0]);
    expect(tags[0]).toMatch(/charSet="utf-8"/i);
    expect(tags[1]).toBe(`<meta name="shopify-api-key" content="${API_KEY}"/>`);
    expect(tags[2]).toBe(`<script src="${APP_BRIDGE_URL}">`);
    expect(html.indexOf("<script")).toBe(html.indexOf(tags[2] ?? "-"));
    // … and <body> does not load it a second time
    expect(body).not.toContain(APP_BRIDGE_URL);
  });
});

describe("the shop-domain login form", () => {
  it("is not offered in production, on /auth/login or on the landing page", async () => {
    // GIVEN the app running as `npm start` runs it
    vi.stubEnv("NODE_ENV", "production");
    // WHEN a visitor opens the login page and the landing page directly
    const login = await page("/auth/login");
    const landing = await page("/");
    // THEN neither asks for a shop domain; the login page says where the app lives
    expect(login.status).toBe(200);
    expect(login.html).not.toMatch(/<form|name="shop"/);
    expect(login.html).toContain("Open Aftercare from Shopify admin");
    expect(landing.status).toBe(200);
    expect(landing.html).not.toMatch(/<form|name="shop"/);
  });

  it("refuses a posted shop domain in production", async () => {
    // GIVEN production WHEN a shop domain is posted anyway
    vi.stubEnv("NODE_ENV", "production");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await running.handler(
      new Request(new URL("/auth/login", APP_URL), { method: "POST", body: new URLSearchParams({ shop: DEMO_SHOP }), headers: { "User-Agent": BROWSER } }),
    );
    // THEN Not Found (Remix logs the thrown response)
    expect(response.status).toBe(404);
    expect(logged.mock.calls.flat()).toEqual([expect.objectContaining({ status: 404 })]);
  });

  it("is offered in development and in the demo", async () => {
    // GIVEN NODE_ENV=development (npm run dev, npm run demo)
    vi.stubEnv("NODE_ENV", "development");
    // WHEN the login page is opened THEN it has the form
    const login = await page("/auth/login");
    expect(login.html).toMatch(/<form[^>]*method="post"/);
    expect(login.html).toContain('name="shop"');
  });
});
