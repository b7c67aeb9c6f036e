/**
 * Simulated customer accounts (tests/support/shopify-sim/customer-accounts.ts): sign-in, a
 * customer's own orders only, the extension's frames, and session tokens that Shopify's own
 * library accepts as customer account extension tokens.
 */
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import "@shopify/shopify-api/adapters/web-api";
import { describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { simulator } from "./support";

const tail = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
const order1001 = tail(FIXTURES.order1001.id);
const base = `https://${DEMO_SHOP}`;
const asAva = { cookie: `_sim_customer=${tail(FIXTURES.ava.id)}; _sim_shop=${DEMO_SHOP}` };

describe("simulated customer accounts", () => {
  it("GIVEN nobody signed in WHEN an order page is asked for THEN it sends them to sign in and back", async () => {
    const sim = simulator();
    const response = await sim.handler(new Request(`${base}/customer-accounts/orders/${order1001}`));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/account/login?shop=${DEMO_SHOP}&return_to=${encodeURIComponent(`/customer-accounts/orders/${order1001}`)}`);
    expect((await sim.handler(new Request(`${base}/customer-accounts/session-token`))).status).toBe(401);
  });

  it("GIVEN Ava signed in WHEN she opens #1001 THEN the page holds the menu item and block frames for her order", async () => {
    const sim = simulator();
    const response = await sim.handler(new Request(`${base}/customer-accounts/orders/${order1001}`, { headers: asAva }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Order #1001</h1>");
    expect(html).toContain(`target=customer-account.order.action.menu-item.render&amp;order=${order1001}`);
    expect(html).toContain(`target=customer-account.order-status.block.render&amp;order=${order1001}`);
  });

  it("GIVEN Ava signed in WHEN she asks for Noah's order THEN it is not found", async () => {
    const sim = simulator();
    const noahs = tail(FIXTURES.order1003.id);
    expect((await sim.handler(new Request(`${base}/customer-accounts/orders/${noahs}`, { headers: asAva }))).status).toBe(404);
    expect((await sim.handler(new Request(`${base}/customer-accounts/frame?target=customer-account.order.page.render&order=${noahs}`, { headers: asAva }))).status).toBe(404);
  });

  it("GIVEN a target's frame WHEN served THEN it carries the order, the language's strings, the stand-in and the target's module", async () => {
    const sim = simulator({ appUrl: "http://127.0.0.1:4999" });
    const html = await (await sim.handler(new Request(`${base}/customer-accounts/frame?target=customer-account.order.page.render&order=${order1001}&locale=fr&frame=page`, { headers: asAva }))).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(FIXTURES.order1001.id);
    expect(html).toContain("Étape {{step}} sur {{total}}");
    expect(html).toContain('src="/customer-accounts/standin.js"');
    expect(html).toContain("/customer-accounts/extension/Page.js");
    const module = await sim.handler(new Request(`${base}/customer-accounts/extension/Page.js`));
    expect(module.status).toBe(200);
    // Built with the app's address compiled in, as `shopify app dev` would.
    expect(await module.text()).toContain("http://127.0.0.1:4999");
  });

  it("GIVEN Ava signed in WHEN her extension asks for a session token THEN Shopify's library decodes it: the shop, the app, her customer GID, 5 minutes", async () => {
    const sim = simulator({ now: () => Date.now() });
    const response = await sim.handler(new Request(`${base}/customer-accounts/session-token`, { headers: asAva }));
    const { token, exp } = (await response.json()) as { token: string; exp: number };
    const shopify = shopifyApi({ apiKey: sim.apiKey, apiSecretKey: sim.apiSecret, hostName: "app.example", apiVersion: ApiVersion.October26, isEmbeddedApp: true, logger: { level: 0 } });
    const claims = await shopify.session.decodeSessionToken(token);
    expect(claims).toMatchObject({ iss: base, dest: base, aud: sim.apiKey, sub: FIXTURES.ava.id });
    expect(claims.exp - claims.iat).toBe(300);
    expect(exp).toBe(claims.exp);
    // A token signed with another secret is refused.
    const other = shopifyApi({ apiKey: sim.apiKey, apiSecretKey: "not-the-secret", hostName: "app.example", apiVersion: ApiVersion.October26, isEmbeddedApp: true, logger: { level: 0 } });
    await expect(other.session.decodeSessionToken(token)).rejects.toThrow();
  });
});
