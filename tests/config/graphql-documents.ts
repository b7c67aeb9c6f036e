/**
 * Finds every `#graphql` document in app/ (Admin API) and in the extensions' sources
 * (Customer Account API) and loads the real schemas, for the schema and scope tests. Documents are found with the TypeScript parser, not a regex, so a backtick in
 * a comment or a string cannot hide or invent one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import ts from "typescript";
import { extractSchemas } from "../../scripts/extract-schema.mjs";

export const ROOT = join(__dirname, "..", "..");
const APP = join(ROOT, "app");
const EXTENSIONS = join(ROOT, "extensions");

export interface FoundDocument {
  file: string;
  line: number;
  source: string;
  /** Set when the literal has `${…}` substitutions, which codegen cannot type. */
  interpolated: boolean;
}

/** Every template literal in app/**\/*.{ts,tsx} whose text starts with `#graphql`. */
export function findGraphqlDocuments(dir = APP): FoundDocument[] {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f));
  return files.flatMap((file) => documentsIn(file, readFileSync(file, "utf8")));
}

/**
 * Every `#graphql` document in an extension's sources: `extensions/<name>/src/**` (.ts, .tsx,
 * .js, .jsx). UI extensions query the Customer Account API (`shopify.query`), never the Admin
 * API, so these are checked against the customer schema. Built assets are not sources.
 */
export function findCustomerAccountDocuments(dir = EXTENSIONS): FoundDocument[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "src")))
    .flatMap((entry) => {
      const src = join(dir, entry.name, "src");
      return readdirSync(src, { recursive: true, encoding: "utf8" })
        .filter((f) => /\.[jt]sx?$/.test(f) && !f.endsWith(".d.ts") && !f.split(/[\\/]/).includes("node_modules"))
        .map((f) => join(src, f));
    })
    .flatMap((file) => documentsIn(file, readFileSync(file, "utf8")));
}

/** The `#graphql` documents in one source text (exported for the scanner's own tests). */
export function documentsIn(file: string, text: string): FoundDocument[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: FoundDocument[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const head = ts.isTemplateExpression(node) ? node.head.text : node.text;
      if (head.trimStart().startsWith("#graphql")) {
        found.push({
          file: relative(ROOT, file),
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          source: ts.isTemplateExpression(node) ? node.getText().slice(1, -1) : node.text,
          interpolated: ts.isTemplateExpression(node),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

type SchemaFile = {
  data: IntrospectionQuery;
  offline_scopes?: { items: ScopeItem[] };
};

/** One entry of @shopify/dev-mcp's `offline_scopes`: the access a type or field needs. */
export interface ScopeItem {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  requiredAccess: string;
  offlineScopes: string[];
}

let cached: { schema: GraphQLSchema; scopes: ScopeItem[] } | undefined;

/** The real Admin 2026-10 schema (extracted from schemas/ if not yet on disk). */
export function loadAdminSchema(): { schema: GraphQLSchema; scopes: ScopeItem[] } {
  if (cached) return cached;
  const admin = extractSchemas().find((s: { api: string }) => s.api === "admin");
  if (!admin) throw new Error("scripts/extract-schema.mjs knows no admin schema");
  const file = JSON.parse(readFileSync(admin.target, "utf8")) as SchemaFile;
  cached = { schema: buildClientSchema(file.data), scopes: file.offline_scopes?.items ?? [] };
  return cached;
}

let customer: GraphQLSchema | undefined;

/** The real Customer Account API 2026-10 schema (extracted from schemas/ if not yet on disk). */
export function loadCustomerSchema(): GraphQLSchema {
  if (customer) return customer;
  const entry = extractSchemas().find((s: { api: string }) => s.api === "customer");
  if (!entry) throw new Error("scripts/extract-schema.mjs knows no customer schema");
  const file = JSON.parse(readFileSync(entry.target, "utf8")) as SchemaFile;
  customer = buildClientSchema(file.data);
  return customer;
}
