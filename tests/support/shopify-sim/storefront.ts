/**
 * A minimal Online Store: `/pages/returns` renders every theme app extension block found under
 * `extensions/<name>/blocks/*.liquid` with liquidjs plus the Shopify objects, filters and tags such
 * blocks use. Extension assets are served under `/extensions/<name>/assets/<file>`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { Liquid, Tag, TypeGuards, type Context, type Emitter, type TagToken, type TopLevelToken } from "liquidjs";
import { formatDecimal } from "./money";
import type { CustomerRecord, ShopRecord } from "./store";

export interface BlockFile {
  extension: string;
  name: string;
  source: string;
  settings: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Captures a `{% name %}…{% endname %}` body verbatim, like liquidjs's own raw tag. */
function rawBlock(tagName: string, render: (body: string) => string) {
  return class extends Tag {
    private body = "";
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      while (remainTokens.length) {
        const next = remainTokens.shift();
        if (next && TypeGuards.isTagToken(next) && next.name === `end${tagName}`) return;
        if (next) this.body += next.getText();
      }
      throw new Error(`tag ${tagName} not closed`);
    }
    render(_ctx: Context, emitter: Emitter): void {
      emitter.write(render(this.body));
    }
  };
}

/** Default values of the block's `{% schema %}` settings, which is what a freshly added block renders with. */
export function schemaDefaults(source: string): Record<string, unknown> {
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(source);
  if (!match?.[1]) return {};
  try {
    const schema: unknown = JSON.parse(match[1]);
    const settings = isRecord(schema) && Array.isArray(schema.settings) ? schema.settings : [];
    const out: Record<string, unknown> = {};
    for (const s of settings) if (isRecord(s) && typeof s.id === "string" && "default" in s) out[s.id] = s.default;
    return out;
  } catch {
    return {};
  }
}

export function findBlocks(extensionsDir: string): BlockFile[] {
  if (!existsSync(extensionsDir)) return [];
  const blocks: BlockFile[] = [];
  for (const extension of readdirSync(extensionsDir).sort()) {
    const dir = join(extensionsDir, extension, "blocks");
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (extname(file) !== ".liquid") continue;
      const source = readFileSync(join(dir, file), "utf8");
      blocks.push({ extension, name: file.replace(/\.liquid$/, ""), source, settings: schemaDefaults(source) });
    }
  }
  return blocks;
}

function locales(extensionsDir: string, extension: string, locale: string): Record<string, unknown> {
  const dir = join(extensionsDir, extension, "locales");
  if (!existsSync(dir)) return {};
  const candidates = [`${locale}.json`, `${locale}.default.json`, ...readdirSync(dir).filter((f) => f.endsWith(".default.json"))];
  for (const file of candidates) {
    const path = join(dir, file);
    if (existsSync(path)) {
      const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
      return isRecord(parsed) ? parsed : {};
    }
  }
  return {};
}

function translate(dict: Record<string, unknown>, key: string, vars: Record<string, unknown>): string {
  let node: unknown = dict;
  for (const part of key.split(".")) node = isRecord(node) ? node[part] : undefined;
  if (isRecord(node) && "count" in vars) {
    node = vars.count === 1 ? node.one : node.other;
  }
  if (typeof node !== "string") return `translation missing: en.${key}`;
  return node.replace(/{{\s*(\w+)\s*}}/g, (_m, name: string) => String(vars[name] ?? ""));
}

export interface StorefrontPage {
  shop: ShopRecord;
  /** The app's app-data metafields as Liquid's `app.metafields` (none: `{}`). */
  appMetafields?: Record<string, unknown>;
  customer: CustomerRecord | null;
  locale: string;
  path: string;
}

function engineFor(extensionsDir: string, extension: string, locale: string): Liquid {
  const root = join(extensionsDir, extension);
  const engine = new Liquid({ root: [join(root, "snippets"), root], partials: join(root, "snippets"), extname: ".liquid", strictFilters: true });
  const dict = locales(extensionsDir, extension, locale);
  engine.registerFilter("t", (key: unknown, ...args: unknown[]) => {
    const vars: Record<string, unknown> = {};
    for (const a of args) if (Array.isArray(a) && typeof a[0] === "string") vars[a[0]] = a[1];
    return translate(dict, String(key), vars);
  });
  engine.registerFilter("asset_url", (file: unknown) => `/extensions/${extension}/assets/${String(file)}`);
  engine.registerFilter("json", (value: unknown) => JSON.stringify(value ?? null));
  engine.registerFilter("money", (cents: unknown) => `$${formatDecimal(Number(cents))}`);
  engine.registerFilter("money_with_currency", (cents: unknown) => `$${(Number(cents) / 100).toFixed(2)}`);
  // Shopify's perceived brightness, ((R × 299) + (G × 587) + (B × 114)) / 1000: '#EA5AB9' → 143.89.
  engine.registerFilter("color_brightness", (color: unknown) => {
    const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color ?? "").trim())?.[1];
    if (!hex) return 0;
    const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
    return Math.round((r * 299 + g * 587 + b * 114) / 10) / 100;
  });
  engine.registerFilter("stylesheet_tag", (url: unknown) => `<link rel="stylesheet" href="${String(url)}">`);
  engine.registerFilter("script_tag", (url: unknown) => `<script src="${String(url)}" defer></script>`);
  engine.registerTag("schema", rawBlock("schema", () => ""));
  engine.registerTag("javascript", rawBlock("javascript", (body) => `<script>${body}</script>`));
  engine.registerTag("stylesheet", rawBlock("stylesheet", (body) => `<style>${body}</style>`));
  return engine;
}

/**
 * The assets an app block names in its schema (`"javascript"`, `"stylesheet"`: files in the
 * extension's assets/). Shopify adds them to the page once, however many times the block is
 * used: the stylesheet as a `<link>`, the script with `defer`.
 */
export function schemaAssets(block: BlockFile): string[] {
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(block.source);
  let schema: unknown;
  try {
    schema = match?.[1] ? JSON.parse(match[1]) : null;
  } catch {
    return [];
  }
  if (!isRecord(schema)) return [];
  const url = (file: string) => `/extensions/${block.extension}/assets/${file}`;
  const tags: string[] = [];
  if (typeof schema.stylesheet === "string") tags.push(`<link rel="stylesheet" href="${escapeHtml(url(schema.stylesheet))}">`);
  if (typeof schema.javascript === "string") tags.push(`<script src="${escapeHtml(url(schema.javascript))}" defer></script>`);
  return tags;
}

/** Renders the returns page with every installed block, or a notice when no block exists yet. */
export async function renderReturnsPage(extensionsDir: string, page: StorefrontPage): Promise<string> {
  const blocks = findBlocks(extensionsDir);
  const shop = {
    name: page.shop.name,
    permanent_domain: page.shop.domain,
    domain: page.shop.domain,
    currency: page.shop.currencyCode,
    url: `https://${page.shop.domain}`,
    // The simulated store signs customers in at /account/login (server.ts).
    customer_accounts_enabled: true,
  };
  const customer = page.customer
    ? {
        id: Number(page.customer.id.slice(page.customer.id.lastIndexOf("/") + 1)),
        email: page.customer.email,
        first_name: page.customer.firstName,
        last_name: page.customer.lastName,
        name: `${page.customer.firstName} ${page.customer.lastName}`,
      }
    : null;
  const request = { locale: { iso_code: page.locale, primary: true }, path: page.path, host: page.shop.domain, design_mode: false };
  const rendered: string[] = [];
  const head = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    for (const tag of schemaAssets(block)) head.add(tag);
    const engine = engineFor(extensionsDir, block.extension, page.locale);
    const html = await engine.parseAndRender(block.source, {
      block: { id: `sim-${block.extension}-${block.name}-${i}`, type: `shopify://apps/aftercare/blocks/${block.name}`, settings: block.settings, shopify_attributes: "" },
      shop,
      customer,
      request,
      routes: { root_url: "/", account_login_url: "/account/login" },
      app: { metafields: page.appMetafields ?? {} },
    });
    rendered.push(`<div class="shopify-block shopify-app-block" id="shopify-block-${i}">${html}</div>`);
  }
  const body = rendered.length ? rendered.join("\n") : `<p class="sim-empty">No Aftercare app block is installed on this page yet.</p>`;
  return `<!doctype html>
<html lang="${page.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Returns – ${escapeHtml(page.shop.name)}</title>${[...head].join("")}</head>
<body>
<header><a href="/">${escapeHtml(page.shop.name)}</a> ${customer ? `<span>Signed in as ${escapeHtml(customer.name)}</span>` : `<a href="/account/login">Sign in</a>`}</header>
<main id="MainContent">
<h1>Returns</h1>
${body}
</main>
</body>
</html>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** Serves `extensions/<name>/assets/<file>`; refuses path traversal. */
export function extensionAsset(extensionsDir: string, extension: string, file: string): Response | null {
  if (extension.includes("..") || file.includes("..") || file.includes("/")) return null;
  const path = join(extensionsDir, extension, "assets", file);
  if (!existsSync(path)) return null;
  const types: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };
  return new Response(readFileSync(path), { headers: { "Content-Type": types[extname(file)] ?? "application/octet-stream" } });
}
