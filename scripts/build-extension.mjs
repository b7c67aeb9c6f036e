/**
 * Builds the Returns portal theme app extension's client from extensions/returns-portal/src
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
import { mkdirSync, writeFileSync } from "node:fs";
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildExtension({ write: true });
  for (const [name, text] of Object.entries(files)) console.log(`assets/${name}  ${Buffer.byteLength(text)} B`);
}
