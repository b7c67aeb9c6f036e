/**
 * The customer-accounts extension (extensions/customer-account-returns): its shopify.extension.toml
 * as the Shopify CLI reads it, its locales, its size, and its pure parts (app calls, the items step).
 * The browser flow is in tests/e2e/customer-account.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it, vi } from "vitest";
import { buildCall, createClient, failureKey } from "../../../extensions/customer-account-returns/src/api";
import { DEFAULT_APP_URL } from "../../../extensions/customer-account-returns/src/app-url";
import { draftLines } from "../../../extensions/customer-account-returns/src/draft";
import { ApiError, createSubmitter } from "../../../extensions/returns-portal/src/api";
import type { CreateReturnRequest, CreateReturnResponse } from "../../../extensions/returns-portal/src/types";
import { buildCustomerAccountExtension, CA_DIR, CA_LANGUAGES, customerAccountLocales } from "../../../scripts/build-extension.mjs";
import { CA_BUDGET, measureCustomerAccount } from "../../../scripts/extension-budget.mjs";
import { ROOT } from "../../support/app-server";

const dir = CA_DIR as string;
const toml = parseToml(readFileSync(join(dir, "shopify.extension.toml"), "utf8"));
const extensions = (Array.isArray(toml.extensions) ? toml.extensions : []) as Array<Record<string, unknown>>;
const targetingOf = (ext: Record<string, unknown>) => (Array.isArray(ext.targeting) ? ext.targeting : []) as Array<{ target: string; module: string }>;
/** Every target the installed @shopify/ui-extensions (2026-10) declares for customer accounts. */
const knownTargets = new Set(
  [...readFileSync(join(ROOT, "node_modules/@shopify/ui-extensions/build/ts/surfaces/customer-account/extension-targets.d.ts"), "utf8").matchAll(/'(customer-account\.[a-z.-]+)'\s*:/g)].map((m) => m[1]),
);
const FULL_PAGE = ["customer-account.page.render", "customer-account.order.page.render"];

describe("shopify.extension.toml, as the Shopify CLI reads it", () => {
  it("GIVEN the file WHEN parsed THEN it is API 2026-10 and every extension is a named ui_extension with a unique, valid handle", () => {
    expect(toml.api_version).toBe("2026-10");
    expect(extensions.length).toBeGreaterThan(0);
    const handles = extensions.map((e) => e.handle);
    expect(new Set(handles).size).toBe(handles.length);
    for (const ext of extensions) {
      expect(ext.type).toBe("ui_extension");
      expect(typeof ext.name === "string" && ext.name.length > 0 && ext.name.length <= 30).toBe(true);
      expect(String(ext.handle)).toMatch(/^[a-z0-9][a-z0-9-]{0,29}$/);
    }
  });

  it("GIVEN each target WHEN checked against @shopify/ui-extensions THEN it exists and its module is a file", () => {
    expect(knownTargets.size).toBeGreaterThan(10);
    const all = extensions.flatMap(targetingOf);
    expect(all.map((t) => t.target).sort()).toEqual(
      ["customer-account.order-status.block.render", "customer-account.order.action.menu-item.render", "customer-account.order.action.render", "customer-account.order.page.render"].sort(),
    );
    for (const { target, module } of all) {
      expect(knownTargets.has(target), target).toBe(true);
      expect(existsSync(join(dir, module)), module).toBe(true);
    }
  });

  it("GIVEN a full-page target WHEN its extension is read THEN it stands alone, as Shopify requires", () => {
    for (const ext of extensions) {
      const targets = targetingOf(ext).map((t) => t.target);
      if (targets.some((t) => FULL_PAGE.includes(t))) expect(targets).toHaveLength(1);
    }
  });

  it("GIVEN the extensions call the app WHEN their capabilities are read THEN network access is on and nothing more is asked", () => {
    for (const ext of extensions) {
      const caps = (ext.capabilities ?? {}) as Record<string, unknown>;
      expect(caps.network_access).toBe(true);
      expect(caps.api_access ?? false).toBe(false);
    }
  });

  it("GIVEN the extension is compiled without the demo's define THEN it calls shopify.app.toml's application_url", () => {
    const app = parseToml(readFileSync(join(ROOT, "shopify.app.toml"), "utf8"));
    expect(DEFAULT_APP_URL).toBe(app.application_url);
  });
});

describe("the extension's languages", () => {
  it("GIVEN the storefront portal's locales WHEN the extension's are generated THEN the committed files are exactly them (run npm run build:extension)", () => {
    for (const [name, text] of Object.entries(customerAccountLocales() as Record<string, string>)) {
      expect(readFileSync(join(dir, "locales", name), "utf8"), `locales/${name} is stale`).toBe(text);
    }
    expect(readdirSync(join(dir, "locales")).sort()).toEqual(Object.values(CA_LANGUAGES as Record<string, string>).sort());
  });

  it("GIVEN every t(\"key\") in the sources WHEN looked up in en, fr, de and es THEN each language has it, with the same placeholders", () => {
    const sources = readdirSync(join(dir, "src")).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(join(dir, "src", f), "utf8")).join("\n");
    const keys = new Set([...sources.matchAll(/\bt\("([a-z_0-9]+)"/g)].map((m) => m[1]!));
    expect(keys.size).toBeGreaterThan(40);
    const en = JSON.parse(readFileSync(join(dir, "locales", "en.default.json"), "utf8")) as Record<string, string>;
    const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const file of Object.values(CA_LANGUAGES as Record<string, string>)) {
      const strings = JSON.parse(readFileSync(join(dir, "locales", file), "utf8")) as Record<string, string>;
      expect(Object.keys(strings).sort(), file).toEqual(Object.keys(en).sort());
      for (const key of keys) expect(strings[key], `${file}: ${key}`).toBeTruthy();
      for (const key of Object.keys(en)) expect(holes(strings[key]!), `${file}: ${key}`).toEqual(holes(en[key]!));
    }
  });
});

describe("the extension's size", () => {
  it("GIVEN each target's module built as the CLI would WHEN gzipped THEN none is over 30 KB", async () => {
    const m = await measureCustomerAccount();
    expect(Object.keys(m.files).sort()).toEqual(["Action.js", "Block.js", "MenuItem.js", "Page.js"]);
    expect(m.largest).toBeLessThanOrEqual(CA_BUDGET);
  });

  it("GIVEN the demo's app URL WHEN built with it THEN that URL is compiled in and the default is not", async () => {
    const files = (await buildCustomerAccountExtension({ appUrl: "http://localhost:4321" })) as Record<string, string>;
    expect(files["Page.js"]).toContain("http://localhost:4321");
    expect(files["Page.js"]).not.toContain(DEFAULT_APP_URL);
  });
});

describe("calls to the app from customer accounts", () => {
  it("GIVEN a session token WHEN a call is built THEN it goes to /customer-account on the app with the bearer token, the language, and no cookies", () => {
    const get = buildCall("https://app.example/", "/orders/5001/eligibility", "tok", undefined, "fr");
    expect(get.url).toBe("https://app.example/customer-account/orders/5001/eligibility?locale=fr");
    expect(get.init.method).toBe("GET");
    expect(get.init.credentials).toBe("omit");
    expect(get.init.headers).toEqual({ Accept: "application/json", Authorization: "Bearer tok" });
    const post = buildCall("https://app.example", "/quote", "tok", { a: 1 });
    expect(post.init.method).toBe("POST");
    expect(post.init.body).toBe('{"a":1}');
    expect(post.init.headers).toMatchObject({ "Content-Type": "application/json", Authorization: "Bearer tok" });
  });

  it("GIVEN two calls WHEN made THEN each asks Shopify for the session token again (Shopify renews it)", async () => {
    const token = vi.fn().mockResolvedValueOnce("first").mockResolvedValueOnce("second");
    const seen: string[] = [];
    const fetcher = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("authorization") ?? "");
      return new Response('{"orders":[]}', { status: 200 });
    });
    const client = createClient({ appUrl: "https://app.example", token, locale: () => "en", fetcher });
    await client.get("/orders");
    await client.get("/orders");
    expect(seen).toEqual(["Bearer first", "Bearer second"]);
  });

  it("GIVEN Shopify cannot give a token WHEN a call is made THEN it fails as unauthorized, without calling the app", async () => {
    const fetcher = vi.fn();
    const client = createClient({ appUrl: "https://app.example", token: () => Promise.reject(new Error("no session")), locale: () => "en", fetcher });
    await expect(client.get("/orders")).rejects.toMatchObject({ status: 401 });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("GIVEN a failed call WHEN shown THEN the app's sentence is used for a refusal and ours otherwise", () => {
    expect(failureKey(new ApiError(422, "invalid", "Outside the window."))).toEqual({ message: "Outside the window." });
    expect(failureKey(new ApiError(409, "conflict", ""))).toEqual({ key: "error_generic" });
    expect(failureKey(new ApiError(401, "unauthorized", "x"))).toEqual({ key: "error_sign_in" });
    expect(failureKey(new ApiError(0, "network", ""))).toEqual({ key: "error_offline" });
    expect(failureKey(new ApiError(429, "rate_limited", ""))).toEqual({ key: "error_rate_limited" });
    expect(failureKey(new Error("boom"))).toEqual({ key: "error_offline" });
  });
});

describe("the items step", () => {
  const ids = ["gid://shopify/LineItem/1", "gid://shopify/LineItem/2"];

  it("GIVEN quantities and reasons WHEN collected THEN only lines with a quantity go on, in the order's order, notes trimmed", () => {
    const result = draftLines(ids, {
      [ids[1]!]: { quantity: 1, reasonCode: "damaged", note: "  torn  " },
      [ids[0]!]: { quantity: 2, reasonCode: "size_too_small", note: "" },
    });
    expect(result).toEqual({
      lines: [
        { lineItemId: ids[0], quantity: 2, reasonCode: "size_too_small" },
        { lineItemId: ids[1], quantity: 1, reasonCode: "damaged", note: "torn" },
      ],
    });
  });

  it("GIVEN a line with a quantity but no reason WHEN collected THEN that line's reason is asked for", () => {
    expect(draftLines(ids, { [ids[1]!]: { quantity: 1, reasonCode: "", note: "" } })).toEqual({ problem: { lineItemId: ids[1], key: "reason_missing" } });
  });

  it("GIVEN nothing chosen WHEN collected THEN at least one item is asked for", () => {
    expect(draftLines(ids, { [ids[0]!]: { quantity: 0, reasonCode: "damaged", note: "" } })).toEqual({ problem: { lineItemId: null, key: "items_missing" } });
  });
});

describe("the photo a reason asks for", () => {
  const id = "gid://shopify/LineItem/1";
  const needsPhoto = (code: string) => code === "damaged";
  const en = JSON.parse(readFileSync(join(dir, "locales", "en.default.json"), "utf8")) as Record<string, string>;

  it("GIVEN a reason that requires a photo and none uploaded WHEN the items step is continued THEN it stops on that line with a sentence naming the item", () => {
    const result = draftLines([id], { [id]: { quantity: 1, reasonCode: "damaged", note: "" } }, needsPhoto);
    expect(result).toEqual({ problem: { lineItemId: id, key: "photo_missing" } });
    expect(en.photo_missing).toBe("Add a photo of {{item}} for this reason.");
    for (const key of ["photo_label", "photo_hint", "photo_uploading", "photo_done", "photo_type", "photo_size"]) expect(en[key], key).toBeTruthy();
  });

  it("GIVEN an uploaded photo WHEN the return is sent THEN its id goes on the line's photoIds, as the storefront sends it", async () => {
    const result = draftLines([id], { [id]: { quantity: 1, reasonCode: "damaged", note: "", photoIds: ["ph_1", "ph_2"] } }, needsPhoto);
    expect(result).toEqual({ lines: [{ lineItemId: id, quantity: 1, reasonCode: "damaged", photoIds: ["ph_1", "ph_2"] }] });
    if (!("lines" in result)) throw new Error("expected lines");
    const sent: CreateReturnRequest[] = [];
    const post = async (body: CreateReturnRequest): Promise<CreateReturnResponse> => {
      sent.push(body);
      throw new ApiError(0, "network", "");
    };
    await expect(createSubmitter(post, () => "key-1")({ orderId: "gid://shopify/Order/1", resolution: "refund", lines: result.lines })).rejects.toThrow();
    expect(sent[0]?.lines[0]?.photoIds).toEqual(["ph_1", "ph_2"]);
  });

  it("GIVEN photos kept from a reason the customer then changed to one without WHEN collected THEN no photo ids are sent", () => {
    expect(draftLines([id], { [id]: { quantity: 1, reasonCode: "size_too_small", note: "", photoIds: ["ph_1"] } }, needsPhoto)).toEqual({
      lines: [{ lineItemId: id, quantity: 1, reasonCode: "size_too_small" }],
    });
  });

  it("GIVEN a photo WHEN uploaded THEN it is a multipart POST to /customer-account/photos with the bearer token and the boundary left to fetch", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array([0xff, 0xd8, 0xff])], "torn.jpg", { type: "image/jpeg" }));
    const call = buildCall("https://app.example/", "/photos", "tok", form, "fr");
    expect(call.url).toBe("https://app.example/customer-account/photos?locale=fr");
    expect(call.init.method).toBe("POST");
    expect(call.init.body).toBe(form);
    expect(call.init.headers).toEqual({ Accept: "application/json", Authorization: "Bearer tok" });
    const fetcher = vi.fn(async () => new Response(JSON.stringify({ photoId: "ph_9" }), { status: 201 }));
    const client = createClient({ appUrl: "https://app.example", token: async () => "tok", locale: () => "en", fetcher });
    await expect(client.post("/photos", form)).resolves.toEqual({ photoId: "ph_9" });
    expect(fetcher).toHaveBeenCalledWith("https://app.example/customer-account/photos?locale=en", expect.objectContaining({ body: form }));
  });
});
