#!/usr/bin/env node
// Extracts the real Shopify GraphQL schemas (introspection JSON), committed gzipped in
// schemas/, so codegen and the schema tests work offline.
// The two .json.gz files are copied unchanged from the npm package @shopify/dev-mcp
// (dist/data/, version 1.16.0), where Shopify ships them. They are committed rather than
// read from that package because it pulls in ~420 packages to deliver two files, and a
// production install (`npm ci --omit=dev`) must not need it. To move to another API
// version, copy `admin_<version>.json.gz` and `customer_<version>.json.gz` from a newer
// dev-mcp (`npm pack @shopify/dev-mcp` and untar) into schemas/ and bump both constants.
// Runs on `npm install` (postinstall) and from the tests: it is fast (gunzip only, no JSON
// parse) and idempotent (a file whose bytes are already right is left untouched, so its
// mtime does not change and nothing downstream rebuilds).
//
// Output (generated, not committed — see .gitignore):
//   app/types/admin-2026-10.schema.json     the name @shopify/api-codegen-preset looks for
//   app/types/customer-2026-10.schema.json  Customer Account API, for the portal issue
// Each file is the package's JSON unchanged: `{ data: { __schema }, offline_scopes }`.
// `offline_scopes` lists, per type and field, the access scopes Shopify requires; the
// scopes test reads it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Kept in step with API_VERSION in app/shopify/api-version.ts (tests/config checks it).
export const SCHEMA_API_VERSION = "2026-10";

export const SCHEMA_DIR = join(root, "schemas");
const OUT_DIR = join(root, "app", "types");

/** The schemas this app uses: committed gzipped source → extracted file. */
export const SCHEMAS = [
  { api: "admin", source: join(SCHEMA_DIR, `admin_${SCHEMA_API_VERSION}.json.gz`), target: join(OUT_DIR, `admin-${SCHEMA_API_VERSION}.schema.json`) },
  { api: "customer", source: join(SCHEMA_DIR, `customer_${SCHEMA_API_VERSION}.json.gz`), target: join(OUT_DIR, `customer-${SCHEMA_API_VERSION}.schema.json`) },
];

/** Writes every schema file whose content differs from the package's; returns what it did per file. */
export function extractSchemas() {
  return SCHEMAS.map(({ api, source, target }) => {
    if (!existsSync(source)) {
      throw new Error(
        `Schema source missing: ${source}. The schemas are committed in schemas/; is the checkout complete?`,
      );
    }
    const json = gunzipSync(readFileSync(source));
    // A truncated or foreign file would make codegen fail far from the cause: check the head.
    if (!json.subarray(0, 64).toString("utf8").includes("__schema")) {
      throw new Error(`${source} is not an introspection result (no __schema at the top).`);
    }
    if (existsSync(target) && readFileSync(target).equals(json)) {
      return { api, target, written: false };
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, json);
    return { api, target, written: true };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { api, target, written } of extractSchemas()) {
    console.log(`schema (${api}): ${written ? "extracted" : "up to date"} ${target.slice(root.length + 1)}`);
  }
}
