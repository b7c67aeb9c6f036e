import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import "@shopify/shopify-api/adapters/web-api";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiVersion, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { signSessionToken } from "../support/shopify-sim/oauth";
import { pick, simulator } from "./support";

const shopify = shopifyApi({
  apiKey: "aftercare-demo-key",
  apiSecretKey: "aftercare-demo-secret",
  scopes: [],
  hostName: "localhost:3000",
  apiVersion: ApiVersion.October26,
  isEmbeddedApp: true,
  logger: { level: 0 },
});

// The web-api adapter captured the global fetch at import; the test points the library at the simulator instead.
afterEach(() => setAbstractFetchFunc(fetch));

function tomlScopes(): string {
  const toml = parseToml(readFileSync(join(process.cwd(), "shopify.app.toml"), "utf8")) as { access_scopes?: { scopes?: string } };
  return toml.access_scopes?.scopes ?? "";
}

describe("token exchange", () => {
  it("gives shopify-api an offline token that opens the Admin API", async () => {
    // GIVEN a session token minted for the demo shop (real clock: the library checks exp)
    const sim = simulator({ now: Date.now });
    setAbstractFetchFunc((input, init) => sim.handler(new Request(input, init)));
    // WHEN the Shopify library exchanges it
    const { session } = await shopify.auth.tokenExchange({ shop: DEMO_SHOP, sessionToken: sim.sessionToken(DEMO_SHOP, { userId: 42 }), requestedTokenType: RequestedTokenType.OfflineAccessToken });
    // THEN the session carries the toml scopes and its token works
    expect(session.scope).toBe(tomlScopes());
    const response = await sim.handler(
      new Request(`https://${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": session.accessToken ?? "" },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      }),
    );
    expect(pick(await response.json(), "data", "shop", "name")).toBe("Aftercare Demo Store");
  });

  it("rejects a subject token signed with another secret", async () => {
    // GIVEN a token with the right claims but a forged signature
    const sim = simulator({ now: Date.now });
    const iat = Math.floor(Date.now() / 1000);
    const forged = signSessionToken(
      { iss: `https://${DEMO_SHOP}/admin`, dest: `https://${DEMO_SHOP}`, aud: sim.apiKey, sub: "1", exp: iat + 60, nbf: iat, iat, jti: "j", sid: "s" },
      "not-the-secret",
    );
    // WHEN it is exchanged
    const response = await sim.handler(
      new Request(`https://${DEMO_SHOP}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          client_id: sim.apiKey,
          client_secret: sim.apiSecret,
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: forged,
          subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
          requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        }),
      }),
    );
    // THEN it is refused
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_subject_token", error_description: "Invalid subject token: signature verification failed" });
  });
});

describe("app proxy", () => {
  it("forwards to /proxy with a signature shopify-api validates and the signed-in customer", async () => {
    // GIVEN Ava signed in on the storefront (real clock: the library checks the timestamp)
    const forwarded: Request[] = [];
    const sim = simulator({
      now: Date.now,
      appUrl: "http://127.0.0.1:3999",
      fetch: async (request) => {
        forwarded.push(request);
        return Response.json({ ok: true });
      },
    });
    const login = await sim.handler(new Request(`https://${DEMO_SHOP}/account/login?customer_id=7001`));
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    // WHEN the block calls the proxy
    const response = await sim.handler(new Request(`https://${DEMO_SHOP}/apps/aftercare/orders?limit=5`, { headers: { cookie } }));
    // THEN the app receives Shopify's parameters, correctly signed
    expect(response.status).toBe(200);
    const url = new URL(forwarded[0]?.url ?? "http://invalid");
    expect(url.pathname).toBe("/proxy/orders");
    expect(url.searchParams.get("shop")).toBe(DEMO_SHOP);
    expect(url.searchParams.get("logged_in_customer_id")).toBe("7001");
    expect(url.searchParams.get("path_prefix")).toBe("/apps/aftercare");
    expect(url.searchParams.get("limit")).toBe("5");
    expect(await shopify.utils.validateHmac(Object.fromEntries(url.searchParams), { signator: "appProxy" })).toBe(true);
    expect(FIXTURES.ava.id).toBe("gid://shopify/Customer/7001");
  });
});

describe("storefront", () => {
  it("renders the theme block with its settings defaults, translations and the signed-in customer", async () => {
    // GIVEN an extension with one block, a locale file and an asset
    const dir = mkdtempSync(join(tmpdir(), "sim-ext-"));
    mkdirSync(join(dir, "returns-portal", "blocks"), { recursive: true });
    mkdirSync(join(dir, "returns-portal", "locales"), { recursive: true });
    writeFileSync(
      join(dir, "returns-portal", "blocks", "portal.liquid"),
      `<section data-shop="{{ shop.permanent_domain }}" data-customer="{{ customer.id }}">
<h2>{{ block.settings.heading | escape }}</h2>
<p>{{ 'portal.greeting' | t: name: customer.first_name }}</p>
<script src="{{ 'portal.js' | asset_url }}" defer></script>
<script type="application/json">{{ block.settings | json }}</script>
</section>
{% schema %}{"name": "Returns portal", "target": "section", "settings": [{"type": "text", "id": "heading", "label": "Heading", "default": "Start a return"}]}{% endschema %}`,
    );
    writeFileSync(join(dir, "returns-portal", "locales", "en.default.json"), JSON.stringify({ portal: { greeting: "Hi {{ name }}!" } }));
    const sim = simulator({ extensionsDir: dir });
    // WHEN Ava opens the returns page
    const page = await sim.handler(new Request(`https://${DEMO_SHOP}/pages/returns?shop=${DEMO_SHOP}`, { headers: { cookie: "_sim_customer=7001" } }));
    const html = await page.text();
    // THEN the block is rendered with Shopify's objects and filters
    expect(page.status).toBe(200);
    expect(html).toContain(`<section data-shop="${DEMO_SHOP}" data-customer="7001">`);
    expect(html).toContain("<h2>Start a return</h2>");
    expect(html).toContain("<p>Hi Ava!</p>");
    expect(html).toContain(`<script src="/extensions/returns-portal/assets/portal.js" defer></script>`);
    expect(html).toContain(`{"heading":"Start a return"}`);
    expect(html).not.toContain("schema");
  });

  it("says no block is installed when there is no extension", async () => {
    // GIVEN no extensions folder
    const sim = simulator({ extensionsDir: join(tmpdir(), "sim-no-such-dir") });
    // WHEN the returns page is opened
    const html = await (await sim.handler(new Request(`https://${DEMO_SHOP}/pages/returns`))).text();
    // THEN it says so
    expect(html).toContain("No Aftercare app block is installed on this page yet.");
  });
});
