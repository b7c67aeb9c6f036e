import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import type { IGraphQLConfig } from "graphql-config";
import { API_VERSION } from "./app/shopify/api-version";
import { extractSchemas } from "./scripts/extract-schema.mjs";

// Codegen types every `#graphql` document in app/ against the real Admin schema.
// The preset fetches the schema from shopify.dev unless a local file exists; this build is
// offline, so we extract the schema committed in schemas/ (idempotent, ~0.1 s) and
// point both places the preset reads a schema from at that file.
const [admin] = extractSchemas();
if (!admin || admin.api !== "admin") throw new Error("extract-schema.mjs did not produce the Admin schema first.");
const ADMIN_SCHEMA = `./app/types/admin-${API_VERSION}.schema.json`;

const project = shopifyApiProject({
  apiType: ApiType.Admin,
  apiVersion: API_VERSION,
  documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
  outputDir: "./app/types",
});

const codegen = project.extensions?.codegen as { generates: Record<string, Record<string, unknown>> } | undefined;
if (!codegen) throw new Error("@shopify/api-codegen-preset returned no codegen extension.");

// Each generated file names its own schema; none may reach for the network. The preset only
// adds a "download the schema" target when the file is missing, which extractSchemas() rules out.
const generates = Object.fromEntries(
  Object.entries(codegen.generates)
    .filter(([target]) => !target.endsWith(".schema.json"))
    .map(([target, config]) => [target, { ...config, schema: ADMIN_SCHEMA, ...typesConfig(target, config) }]),
);

// Enums as string unions: a `.d.ts` cannot export a runtime enum, and "REFUND" from our own
// code (or Shopify's JSON) should type-check without importing a value that does not exist.
function typesConfig(target: string, config: Record<string, unknown>) {
  if (!target.endsWith("admin.types.d.ts")) return {};
  return { config: { ...(config.config as Record<string, unknown> | undefined), enumsAsTypes: true } };
}

const config: IGraphQLConfig = {
  projects: {
    default: {
      ...project,
      schema: ADMIN_SCHEMA,
      extensions: { ...project.extensions, codegen: { ...codegen, generates } },
    },
  },
};

export default config;
