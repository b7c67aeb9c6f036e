import { readFileSync } from "node:fs";
import { join } from "node:path";
import { executeCodegen, loadContext } from "@graphql-codegen/cli";
import { NoDeprecatedCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "~/shopify/api-version";
import { SCHEMA_API_VERSION } from "../../scripts/extract-schema.mjs";
import { documentsIn, findGraphqlDocuments, loadAdminSchema, ROOT } from "./graphql-documents";

// Every Admin GraphQL document the app sends is checked here against the real 2026-10 schema:
// unknown fields, wrong arguments, and deprecated fields all fail the build before Shopify does.
function problems(schema: GraphQLSchema, source: string): string[] {
  return validate(schema, parse(source), [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message);
}

describe("GraphQL documents in app/", () => {
  const documents = findGraphqlDocuments();

  it("finds the gateway's documents (a scanner that finds nothing proves nothing)", () => {
    // GIVEN the app's sources WHEN scanned
    const names = documents.map((d) => /\b(?:query|mutation)\s+(\w+)/.exec(d.source)?.[1]).sort();
    // THEN at least the gateway's own operations are there
    expect(documents.length).toBeGreaterThan(0);
    expect(names).toEqual(expect.arrayContaining(["FindOrdersForLookup", "GetCustomer", "GetOrder", "GetShop", "ListRecentOrders", "RefundCreate"]));
  });

  it("validates every document against the Admin schema, deprecated fields included", () => {
    // GIVEN the real schema
    const { schema } = loadAdminSchema();
    // WHEN every document is validated
    const report = documents.flatMap((d) => problems(schema, d.source).map((p) => `${d.file}:${d.line} ${p}`));
    // THEN nothing is wrong
    expect(report).toEqual([]);
  });

  it("keeps documents free of ${} interpolation, which codegen cannot type", () => {
    expect(documents.filter((d) => d.interpolated).map((d) => `${d.file}:${d.line}`)).toEqual([]);
  });

  it("gives every operation a unique name, as codegen and Shopify's logs need", () => {
    // GIVEN every operation name
    const names = documents.flatMap((d) =>
      parse(d.source).definitions.flatMap((def) => (def.kind === "OperationDefinition" ? [def.name?.value ?? "(anonymous)"] : [])),
    );
    // THEN none is anonymous or repeated
    expect(names).not.toContain("(anonymous)");
    expect(names.length).toBe(new Set(names).size);
  });

  it("catches a misspelt field", () => {
    const { schema } = loadAdminSchema();
    expect(problems(schema, "query Bad { shop { nmae } }")).toEqual([
      'Cannot query field "nmae" on type "Shop". Did you mean "name"?',
    ]);
  });

  it("catches a deprecated field", () => {
    const { schema } = loadAdminSchema();
    expect(problems(schema, "query Old { customer(id: \"gid://shopify/Customer/1\") { email } }")).toEqual([
      "The field Customer.email is deprecated. Use `defaultEmailAddress.emailAddress` instead.",
    ]);
  });

  it("finds documents with the TypeScript parser: comments and interpolated literals included, other strings ignored", () => {
    // GIVEN a source with a document, an interpolated document and a non-document template
    const text = [
      "// `#graphql query InComment { shop { name } }`",
      "const A = `#graphql query A { shop { name } }`;",
      "const B = `#graphql query B { shop { ${'name'} } }`;",
      "const C = `not graphql`;",
    ].join("\n");
    // WHEN scanned
    const found = documentsIn("/x/app/example.ts", text);
    // THEN only the two real literals are found, the interpolated one flagged
    expect(found.map((d) => [d.line, d.interpolated])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  it("extracts the schema of the API version the app speaks", () => {
    expect(SCHEMA_API_VERSION).toBe(API_VERSION);
  });

  it(
    "has generated types in app/types that match the documents (run npm run graphql-codegen)",
    async () => {
      // GIVEN the codegen config WHEN generated in memory
      const context = await loadContext(join(ROOT, ".graphqlrc.ts"));
      const { result, error } = await executeCodegen(context);
      expect(error).toBeNull();
      // THEN every generated file equals the one on disk
      const stale = result
        .filter((file) => {
          const onDisk = readFileSync(join(ROOT, file.filename), "utf8");
          return onDisk !== file.content;
        })
        .map((file) => file.filename);
      expect(stale).toEqual([]);
    },
    60_000,
  );
});
