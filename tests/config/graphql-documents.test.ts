import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeCodegen, loadContext } from "@graphql-codegen/cli";
import { NoDeprecatedCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "~/shopify/api-version";
import { SCHEMA_API_VERSION } from "../../scripts/extract-schema.mjs";
import { documentsIn, findCustomerAccountDocuments, findGraphqlDocuments, loadAdminSchema, loadCustomerSchema, ROOT } from "./graphql-documents";

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

// The customer account extension's documents (extensions/<name>/src/**) speak the Customer
// Account API: the same checks against its real 2026-10 schema. The server sends none
// (docs/decisions: the customer-accounts door), so this is where they would all be.
describe("Customer Account API documents in extensions/*/src", () => {
  const documents = findCustomerAccountDocuments();

  it("validates every document against the Customer Account schema, deprecated fields included", () => {
    // GIVEN the real schema WHEN every document is validated
    const schema = loadCustomerSchema();
    const report = documents.flatMap((d) => problems(schema, d.source).map((p) => `${d.file}:${d.line} ${p}`));
    // THEN nothing is wrong
    expect(report).toEqual([]);
  });

  it("keeps them free of interpolation and gives each a unique name", () => {
    expect(documents.filter((d) => d.interpolated).map((d) => `${d.file}:${d.line}`)).toEqual([]);
    const names = documents.flatMap((d) => parse(d.source).definitions.flatMap((def) => (def.kind === "OperationDefinition" ? [def.name?.value ?? "(anonymous)"] : [])));
    expect(names).not.toContain("(anonymous)");
    expect(names.length).toBe(new Set(names).size);
  });

  it("checks against the customer schema, not the Admin one: an Admin-only field fails, a customer field passes", () => {
    // GIVEN a query the extension could send, and one only the Admin API answers
    const schema = loadCustomerSchema();
    const valid = 'query ReturnInfo { order(id: "gid://shopify/Order/1") { returnInformation { returnableLineItems(first: 5) { nodes { quantity } } } } }';
    // THEN
    expect(problems(schema, valid)).toEqual([]);
    expect(problems(schema, "query AdminOnly { orders(first: 1) { nodes { id } } }")).toEqual(['Cannot query field "orders" on type "QueryRoot". Did you mean "order"?']);
  });

  it("finds documents in an extension's src and nowhere else under it", () => {
    // GIVEN an extensions tree with a source document and a built asset holding one too
    const dir = mkdtempSync(join(tmpdir(), "ext-"));
    mkdirSync(join(dir, "returns-account", "src"), { recursive: true });
    mkdirSync(join(dir, "returns-account", "dist"), { recursive: true });
    writeFileSync(join(dir, "returns-account", "src", "orders.tsx"), "const Q = `#graphql query CustomerOrders { customer { id } }`;");
    writeFileSync(join(dir, "returns-account", "dist", "bundle.js"), "const Q = `#graphql query Built { customer { id } }`;");
    // WHEN scanned
    const found = findCustomerAccountDocuments(dir);
    // THEN only the source's
    expect(found.map((d) => /query (\w+)/.exec(d.source)?.[1])).toEqual(["CustomerOrders"]);
  });
});
