/**
 * Builds the extensions' clients.
 *
 * Returns portal (theme app extension): builds its client from extensions/returns-portal/src
 * into extensions/returns-portal/assets (committed: the Shopify CLI deploys assets/ as is).
 *
 *   returns-portal.js      the block's `javascript` (classic script, loaded defer): the loader
 *   returns-portal-app.js  the portal UI, an ES module the loader imports on interaction
 *   returns-portal.css     the block's `stylesheet`
 *
 * `node scripts/build-extension.mjs` writes the files; `buildExtension({ write: false })`
 * returns them in memory (the stale-asset test compares them with what is committed).
 */
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const EXTENSION_DIR = join(root, "extensions", "returns-portal");
const src = join(EXTENSION_DIR, "src");

// Shopify's theme browser support: the last two versions of evergreen browsers and Safari 15+.
export const TARGET = ["es2019", "chrome109", "edge109", "firefox115", "safari15"];

const common = {
  bundle: true,
  minify: true,
  write: false,
  legalComments: "none",
  target: TARGET,
  logLevel: "silent",
  // Builds must be byte-for-byte reproducible for the stale-asset check.
  sourcemap: false,
  charset: "utf8",
};

/** Builds every asset; returns `{ "returns-portal.js": "…", … }`. */
export async function buildExtension({ write = false } = {}) {
  const [loader, app, css] = await Promise.all([
    build({ ...common, entryPoints: [join(src, "loader.ts")], format: "iife", outfile: "returns-portal.js" }),
    build({ ...common, entryPoints: [join(src, "app.ts")], format: "esm", outfile: "returns-portal-app.js" }),
    build({ ...common, entryPoints: [join(src, "portal.css")], outfile: "returns-portal.css" }),
  ]);
  const files = {
    "returns-portal.js": loader.outputFiles[0].text,
    "returns-portal-app.js": app.outputFiles[0].text,
    "returns-portal.css": css.outputFiles[0].text,
  };
  if (write) {
    const assets = join(EXTENSION_DIR, "assets");
    mkdirSync(assets, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(assets, name), text);
  }
  return files;
}

// ── Customer accounts (ui_extension, Preact + Polaris web components) ─────────────────────────
//
// The Shopify CLI builds a ui_extension from source at deploy (it needs Node 22 and the network),
// so nothing built is committed. This bundles every `[[extensions.targeting]] module` of
// shopify.extension.toml the way the CLI does — esbuild, one ES module per target, Preact's
// automatic JSX, minified — for the size budget and for the demo, which serves these bundles.
// The locales are generated here from the storefront portal's, so both doors say the same words.

export const CA_DIR = join(root, "extensions", "customer-account-returns");
export const CA_LANGUAGES = { en: "en.default.json", fr: "fr.json", de: "de.json", es: "es.json" };
/** The portal's sentences that belong to finding an order or uploading photos: not in customer accounts. */
const PORTAL_ONLY = /^(heading|intro|noscript|load_failed|find_|order_number|email$|orders_(loading|choose|empty|none|title)|status_lookup|track_hint|exception_|error_session|error_not_found)/;

/**
 * `{ "<handle>": [{ target, module }] }` from the extension's toml.
 * @returns {Record<string, Array<{ target: string; module: string }>>}
 */
export function caTargets(toml = readFileSync(join(CA_DIR, "shopify.extension.toml"), "utf8")) {
  const doc = parseToml(toml);
  /** @type {Record<string, Array<{ target: string; module: string }>>} */
  const out = {};
  for (const ext of Array.isArray(doc.extensions) ? doc.extensions : []) {
    out[ext.handle] = (ext.targeting ?? []).map((t) => ({ target: t.target, module: t.module }));
  }
  return out;
}

/**
 * `{ "MenuItem.js": "…", … }`: one minified ES module per target, its default export the
 * function Shopify calls. `appUrl` compiles in where the app lives (default: shopify.app.toml's).
 *
 * @param {{ appUrl?: string }} [options]
 * @returns {Promise<Record<string, string>>}
 */
export async function buildCustomerAccountExtension({ appUrl } = {}) {
  const modules = Object.values(caTargets()).flat().map((t) => t.module);
  const results = await Promise.all(
    modules.map((module) =>
      build({
        entryPoints: [join(CA_DIR, module)],
        bundle: true,
        minify: true,
        write: false,
        format: "esm",
        // Shopify runs extensions in a Web Worker of an evergreen browser.
        target: ["es2020"],
        jsx: "automatic",
        jsxImportSource: "preact",
        legalComments: "none",
        logLevel: "silent",
        charset: "utf8",
        define: { "process.env.NODE_ENV": '"production"', ...(appUrl ? { AFTERCARE_APP_URL: JSON.stringify(appUrl) } : {}) },
      }),
    ),
  );
  return Object.fromEntries(modules.map((module, i) => [module.replace(/^.*\//, "").replace(/\.tsx?$/, ".js"), results[i].outputFiles[0].text]));
}

/** `{ "en.default.json": "…", … }`: the portal's sentences (Shopify's `{{name}}` placeholders) and the extension's own. */
export function customerAccountLocales() {
  const own = JSON.parse(readFileSync(join(CA_DIR, "src", "own-copy.json"), "utf8"));
  const out = {};
  for (const [lang, file] of Object.entries(CA_LANGUAGES)) {
    const portal = JSON.parse(readFileSync(join(EXTENSION_DIR, "locales", file), "utf8")).portal;
    const shared = Object.fromEntries(
      Object.entries(portal)
        .filter(([key]) => !PORTAL_ONLY.test(key))
        .map(([key, text]) => [key, text.replace(/\{(\w+)\}/g, "{{$1}}")]),
    );
    out[file] = `${JSON.stringify({ ...shared, ...own[lang] }, null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildExtension({ write: true });
  for (const [name, text] of Object.entries(files)) console.log(`assets/${name}  ${Buffer.byteLength(text)} B`);
  const locales = join(CA_DIR, "locales");
  mkdirSync(locales, { recursive: true });
  for (const [name, text] of Object.entries(customerAccountLocales())) writeFileSync(join(locales, name), text);
  console.log(`customer-account-returns/locales: ${Object.keys(CA_LANGUAGES).join(", ")}`);
  const out = join(root, "build", "extensions", "customer-account-returns");
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(await buildCustomerAccountExtension())) {
    writeFileSync(join(out, name), text);
    console.log(`build/extensions/customer-account-returns/${name}  ${Buffer.byteLength(text)} B`);
  }
}
