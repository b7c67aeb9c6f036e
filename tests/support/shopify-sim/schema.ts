/**
 * The real Admin API schema, from the introspection dump Shopify ships in `@shopify/dev-mcp`
 * (committed gzipped in schemas/, see scripts/extract-schema.mjs).
 * Building it takes a few hundred milliseconds, so it is built once per process and shared.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { SCHEMA_DIR } from "../../../scripts/extract-schema.mjs";

export const API_VERSION = "2026-10";

const cache = new Map<string, GraphQLSchema>();

function locate(version: string): string {
  const file = join(SCHEMA_DIR, `admin_${version}.json.gz`);
  if (existsSync(file)) return file;
  throw new Error(`No Admin schema for ${version}: schemas/admin_${version}.json.gz is not committed.`);
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
