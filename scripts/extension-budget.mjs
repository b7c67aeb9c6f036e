/**
 * Customer accounts: each target's module, gzipped, ≤ 30 KB (Shopify loads one module per target,
 * each in its own worker; its own limit is 64 KB compiled). Built in memory, as the CLI would.
 *
 * The Returns portal's weight on the storefront, gzipped, against its budget
 * (≤ 10 KB JS, ≤ 4 KB CSS — far inside Built for Shopify's 10-Lighthouse-point allowance).
 * The JS budget counts the loader and the lazily imported UI together.
 *
 *   node scripts/extension-budget.mjs      prints the sizes; exits 1 over budget
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildCustomerAccountExtension } from "./build-extension.mjs";

const assets = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "extensions", "returns-portal", "assets");
export const BUDGET = { js: 10 * 1024, css: 4 * 1024 };
const FILES = { js: ["returns-portal.js", "returns-portal-app.js"], css: ["returns-portal.css"] };

/** `{ js, css, files: { name: { raw, gzip } } }` in bytes (gzip level 9, as a CDN would serve). */
export function measure(dir = assets) {
  const files = {};
  const total = { js: 0, css: 0 };
  for (const [kind, names] of Object.entries(FILES)) {
    for (const name of names) {
      const body = readFileSync(join(dir, name));
      const gzip = gzipSync(body, { level: 9 }).length;
      files[name] = { raw: body.length, gzip };
      total[kind] += gzip;
    }
  }
  return { ...total, files };
}

export const CA_BUDGET = 30 * 1024;

/** `{ largest, total, files: { "Page.js": { raw, gzip } } }` for the customer-accounts modules. */
export async function measureCustomerAccount() {
  /** @type {Record<string, { raw: number; gzip: number }>} */
  const files = {};
  for (const [name, text] of Object.entries(await buildCustomerAccountExtension())) {
    const body = Buffer.from(text);
    files[name] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  const sizes = Object.values(files).map((f) => f.gzip);
  return { largest: Math.max(...sizes), total: sizes.reduce((a, b) => a + b, 0), files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = measure();
  const row = (name, s) => console.log(`${name.padEnd(24)} ${String(s.raw).padStart(6)} B raw  ${String(s.gzip).padStart(6)} B gzip`);
  console.log("Storefront returns portal (theme app extension)");
  for (const [name, s] of Object.entries(m.files)) row(name, s);
  const over = m.js > BUDGET.js || m.css > BUDGET.css;
  console.log(`JS ${m.js} / ${BUDGET.js} B gzip · CSS ${m.css} / ${BUDGET.css} B gzip · ${over ? "OVER BUDGET" : "within budget"}`);
  const ca = await measureCustomerAccount();
  console.log("\nCustomer accounts (ui_extension, one module per target)");
  for (const [name, s] of Object.entries(ca.files)) row(name, s);
  const caOver = ca.largest > CA_BUDGET;
  console.log(`Largest target ${ca.largest} / ${CA_BUDGET} B gzip (all targets together ${ca.total} B) · ${caOver ? "OVER BUDGET" : "within budget"}`);
  process.exit(over || caOver ? 1 : 0);
}
