import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSimulator, DEMO_SHOP, FIXTURES } from "../../support/shopify-sim";
import { renderReturnsPage } from "../../support/shopify-sim/storefront";

const EXT = join(process.cwd(), "extensions", "returns-portal");
const EXTENSIONS = join(process.cwd(), "extensions");
const LOCALES = ["en", "fr", "de", "es"] as const;
const file = (locale: string, schema: boolean) => `${locale}${locale === "en" ? ".default" : ""}${schema ? ".schema" : ""}.json`;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** Dotted paths of every string leaf: { a: { b: "x" } } → ["a.b"]. */
function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
function lookup(node: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((n, k) => (typeof n === "object" && n !== null ? (n as Record<string, unknown>)[k] : undefined), node);
}

const source = readFileSync(join(EXT, "blocks", "returns-portal.liquid"), "utf8");
const schemaJson = JSON.parse(/{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(source)?.[1] ?? "null") as Record<string, unknown>;

const sim = createSimulator({ seed: { bulkOrders: 0 } });
const shop = sim.store.shopState(DEMO_SHOP).shop;
const ava = sim.store.shopState(DEMO_SHOP).customers.find((c) => c.id === FIXTURES.ava.id) ?? null;

async function render(locale: string, signedIn = false): Promise<{ html: string; strings: Record<string, string>; root: string }> {
  const html = await renderReturnsPage(EXTENSIONS, { shop, customer: signedIn ? ava : null, locale, path: "/pages/returns" });
  const json = /<script type="application\/json" data-strings>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "{}";
  const root = /<section[\s\S]*?>/.exec(html)?.[0] ?? "";
  return { html, strings: JSON.parse(json) as Record<string, string>, root };
}

describe("the app block's schema", () => {
  it("is an app block for sections with the assets and settings the merchant needs", () => {
    expect(schemaJson).toMatchObject({ target: "section", javascript: "returns-portal.js", stylesheet: "returns-portal.css" });
    const ids = (schemaJson.settings as { id?: string }[]).map((s) => s.id).filter(Boolean);
    expect(ids).toEqual(["heading", "intro", "accent_color", "show_refund", "show_store_credit", "show_exchange"]);
  });

  it("names every t: key in all four schema locale files", () => {
    const keys = [...JSON.stringify(schemaJson).matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(8);
    for (const locale of LOCALES) {
      const dict = readJson(join(EXT, "locales", file(locale, true)));
      for (const key of keys) expect(typeof lookup(dict, key), `${file(locale, true)}: ${key}`).toBe("string");
    }
  });

  it("the extension declares itself as a theme extension named Returns portal", () => {
    const toml = readFileSync(join(EXT, "shopify.extension.toml"), "utf8");
    expect(toml).toMatch(/^type = "theme"$/m);
    expect(toml).toMatch(/^name = "Returns portal"$/m);
  });
});

describe("storefront strings", () => {
  const en = leaves(readJson(join(EXT, "locales", file("en", false)))).sort();

  it("has every key in all four languages, and no file has keys the others lack", () => {
    expect(readdirSync(join(EXT, "locales")).sort()).toEqual(LOCALES.flatMap((l) => [file(l, false), file(l, true)]).sort());
    for (const locale of LOCALES) {
      expect(leaves(readJson(join(EXT, "locales", file(locale, false)))).sort(), locale).toEqual(en);
      expect(leaves(readJson(join(EXT, "locales", file(locale, true)))).sort(), locale).toEqual(leaves(readJson(join(EXT, "locales", file("en", true)))).sort());
    }
  });

  it("has every key the block translates", () => {
    const used = [...source.matchAll(/'(portal\.\w+)' \| t/g)].map((m) => m[1]!);
    for (const key of used) expect(en, key).toContain(key);
  });

  it("hands the script every key its source asks for", () => {
    const app = readFileSync(join(EXT, "src", "app.ts"), "utf8");
    const handed = [...source.matchAll(/"(\w+)": {{ 'portal\.\1' \| t \| json }}/g)].map((m) => m[1]!);
    const asked = [...app.matchAll(/\b(?:t|heading|button|row|shown)\("(\w+)"/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(40);
    for (const key of asked) expect(handed, key).toContain(key);
    // Keys built at run time: one per resolution, ineligibility reason and photo problem.
    for (const key of ["resolution_refund", "resolution_store_credit", "resolution_exchange", "why_outside_window", "why_final_sale", "why_excluded_tag", "why_excluded_product_type", "why_already_returned", "why_not_fulfilled", "photo_type", "photo_size", "done_approved", "done_review", "find_email_invalid", "find_number_missing", "talk_status_open", "talk_status_pending", "talk_status_solved", "talk_status_closed", "rate_1", "rate_2", "rate_3", "rate_4", "rate_5", "reply_sent", "rate_thanks"]) {
      expect(handed, key).toContain(key);
    }
  });

  it("keeps characters HTML escaping would change out of the script's strings", () => {
    // Whether or not `t` escapes, the JSON the script reads must say the same thing.
    for (const locale of LOCALES) {
      const dict = readJson(join(EXT, "locales", file(locale, false)));
      for (const key of en) expect(String(lookup(dict, key)), `${locale} ${key}`).not.toMatch(/[&<>"']/);
    }
  });
});

describe("the block rendered by Liquid", () => {
  it.each(LOCALES)("renders the %s shell with no missing translation", async (locale) => {
    const { html, strings, root } = await render(locale);
    const dict = readJson(join(EXT, "locales", file(locale, false)));
    expect(html).not.toContain("translation missing");
    expect(html).toContain(`<h2 class="ac__title" id="aftercare-sim-returns-portal-returns-portal-0-title">${String(lookup(dict, "portal.heading"))}</h2>`);
    expect(html).toContain(String(lookup(dict, "portal.progress")).replace("{step}", "1").replace("{total}", "4"));
    expect(strings.submit).toBe(lookup(dict, "portal.submit"));
    expect(Object.keys(strings).length).toBeGreaterThan(80);
    expect(root).toContain(`data-locale="${locale}"`);
  });

  it("carries what the script needs in data attributes, with the default settings", async () => {
    const { root, html } = await render("en");
    expect(root).toContain('data-proxy="/apps/aftercare"');
    expect(root).toContain('data-customer=""');
    expect(root).toContain('data-resolutions="refund,store_credit,exchange,"');
    expect(root).toContain('data-app="/extensions/returns-portal/assets/returns-portal-app.js"');
    expect(root).toContain("--ac-accent: #1f4f99; --ac-on-accent: #ffffff;");
    expect(html).toContain("<noscript>");
    expect(html).toMatch(/<label for="aftercare-[\w-]+-number">Order number<\/label>/);
    expect(html).toContain('<div class="ac__alert" role="alert" data-alert></div>');
  });

  it("loads the schema's stylesheet in the head and its script with defer", async () => {
    const { html } = await render("en");
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
    expect(head).toContain('<link rel="stylesheet" href="/extensions/returns-portal/assets/returns-portal.css">');
    expect(head).toContain('<script src="/extensions/returns-portal/assets/returns-portal.js" defer></script>');
  });

  it("reserves the signed-in shopper's order list and passes their customer id", async () => {
    const { root, html } = await render("en", true);
    expect(root).toContain('data-customer="7001"');
    expect(html).toContain('<div data-orders aria-busy="true">');
  });

  it.each(LOCALES)("offers a guest of a shop with customer accounts to sign in, in %s, and keeps the lookup form", async (locale) => {
    // GIVEN a guest (the simulated shop has customer accounts) WHEN the block renders
    const { html } = await render(locale);
    const dict = readJson(join(EXT, "locales", file(locale, false)));
    // THEN a sign-in link to the shop's login, then the guest form
    expect(html).toContain(`<a class="ac__btn" href="/account/login">${String(lookup(dict, "portal.sign_in"))}</a>`);
    expect(html).toContain(String(lookup(dict, "portal.find_as_guest")));
    expect(html).toContain("<form data-find novalidate>");
    expect(html.indexOf("/account/login")).toBeLessThan(html.indexOf("<form data-find"));
  });

  it("does not offer a signed-in shopper to sign in", async () => {
    const { html } = await render("en", true);
    expect(html).not.toContain("data-sign-in");
    expect(html).toContain("<form data-find novalidate>");
  });

  it("hides the lookup form when the merchant turned guest lookup off, and only offers to sign in", async () => {
    // GIVEN the app-data metafield the settings page writes when guest lookup is off
    const appMetafields = { aftercare: { guest_lookup: { type: "boolean", value: false } } };
    // WHEN a guest and a signed-in shopper open the page
    const guest = await renderReturnsPage(EXTENSIONS, { shop, appMetafields, customer: null, locale: "de", path: "/pages/returns" });
    const signedIn = await renderReturnsPage(EXTENSIONS, { shop, appMetafields, customer: ava, locale: "en", path: "/pages/returns" });
    // THEN no form for either; the guest is asked to sign in, the signed-in shopper sees their orders only
    expect(guest).not.toContain("data-find");
    expect(guest).toContain('<a class="ac__btn" href="/account/login">Anmelden, um eine Rücksendung zu starten</a>');
    expect(guest).toContain("Melden Sie sich in Ihrem Kundenkonto an");
    expect(signedIn).not.toContain("data-find");
    expect(signedIn).not.toContain("Or find another order");
    expect(signedIn).toContain('<div data-orders aria-busy="true">');
    // AND set to true, it is as without the metafield
    const on = await renderReturnsPage(EXTENSIONS, { shop, appMetafields: { aftercare: { guest_lookup: { type: "boolean", value: true } } }, customer: null, locale: "en", path: "/pages/returns" });
    expect(on).toContain("<form data-find novalidate>");
  });

  it("turns the accent's text dark when the merchant picks a light accent", async () => {
    // GIVEN a copy of the extension whose accent is a pale yellow
    const dir = mkdtempSync(join(tmpdir(), "aftercare-ext-"));
    cpSync(EXT, join(dir, "returns-portal"), { recursive: true });
    const copy = join(dir, "returns-portal", "blocks", "returns-portal.liquid");
    writeFileSync(copy, source.replace('"default": "#1f4f99"', '"default": "#ffe680"'));
    // WHEN it renders
    const html = await renderReturnsPage(dir, { shop, customer: null, locale: "en", path: "/pages/returns" });
    // THEN the button text is dark (Shopify's color_brightness of #ffe680 is 226.4)
    expect(html).toContain("--ac-accent: #ffe680; --ac-on-accent: #1a1a1a;");
    rmSync(dir, { recursive: true, force: true });
  });
});
