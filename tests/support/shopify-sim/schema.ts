/**
 * The real Admin API schema, from the introspection dump Shopify ships in `@shopify/dev-mcp`.
 * Building it takes a few hundred milliseconds, so it is built once per process and shared.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const API_VERSION = "2026-10";

const DATA_DIR = join("node_modules", "@shopify", "dev-mcp", "dist", "data");
const cache = new Map<string, GraphQLSchema>();

/** Finds the dump by walking up from this file and from the working directory (no machine paths). */
function locate(version: string): string {
  const file = `admin_${version}.json.gz`;
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, DATA_DIR, file);
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`Cannot find ${join(DATA_DIR, file)}; is @shopify/dev-mcp installed?`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The dump is `{data: {__schema}}` (plus `offline_scopes`); older dumps were bare `{__schema}`. */
function introspection(json: unknown): IntrospectionQuery {
  const root = isRecord(json) && isRecord(json.data) ? json.data : json;
  if (!isRecord(root) || !isRecord(root.__schema) || !Array.isArray(root.__schema.types)) {
    throw new Error("Admin schema dump has no __schema");
  }
  // Shape checked above; buildClientSchema validates the rest of the introspection itself.
  return root as unknown as IntrospectionQuery;
}

export function adminSchema(version: string = API_VERSION): GraphQLSchema {
  const cached = cache.get(version);
  if (cached) return cached;
  const json: unknown = JSON.parse(gunzipSync(readFileSync(locate(version))).toString("utf8"));
  const schema = buildClientSchema(introspection(json));
  cache.set(version, schema);
  return schema;
}
