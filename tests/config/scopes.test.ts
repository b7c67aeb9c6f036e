import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getNamedType, isCompositeType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from "graphql";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { findGraphqlDocuments, loadAdminSchema, ROOT, type ScopeItem } from "./graphql-documents";

// Which access scopes each Admin API entry point we call needs, deep (every type and field the
// document selects below it). Read from the access notes Shopify publishes per type and field
// (`offline_scopes` in @shopify/dev-mcp's schema, the same text as "Requires `read_orders`
// access scope" on shopify.dev); where a note offers alternatives, the scope we hold is listed.
// The tests below prove this table is exactly what the documents need and that
// shopify.app.toml grants all of it.
const SCOPES_BY_ENTRY_POINT: Record<string, string[]> = {
  // Bulk operations need no scope of their own; the query they run (OrdersBackfill, scanned as a
  // document of its own under QueryRoot.orders) needs its scopes.
  "Mutation.bulkOperationRunQuery": [],
  "QueryRoot.bulkOperation": [],
  "QueryRoot.bulkOperations": [],
  // App-data metafields on our own installation (the block's guest-lookup switch): no scope.
  "Mutation.metafieldsSet": [],
  "Mutation.refundCreate": ["read_orders", "write_orders"],
  "Mutation.returnApproveRequest": ["read_returns", "write_returns"],
  "Mutation.returnDeclineRequest": ["read_returns", "write_returns"],
  "Mutation.returnCancel": ["read_returns", "write_returns"],
  "Mutation.returnClose": ["read_returns", "write_returns"],
  "Mutation.returnCreate": ["read_orders", "read_returns", "write_returns"],
  "Mutation.returnProcess": ["read_orders", "read_returns", "write_returns"],
  "Mutation.returnRequest": ["read_returns", "write_returns"],
  "Mutation.storeCreditAccountCredit": ["read_store_credit_account_transactions", "read_store_credit_accounts", "write_store_credit_account_transactions"],
  "QueryRoot.currentAppInstallation": [],
  "QueryRoot.customer": ["read_customers", "read_orders", "read_store_credit_account_transactions", "read_store_credit_accounts"],
  "QueryRoot.node": ["read_orders", "read_returns"],
  "QueryRoot.nodes": ["read_products"],
  "QueryRoot.order": ["read_customers", "read_orders", "read_products", "read_returns"],
  "QueryRoot.orders": ["read_customers", "read_orders", "read_returns"],
  "QueryRoot.return": ["read_customers", "read_orders", "read_products", "read_returns"],
  "QueryRoot.returnReasonDefinitions": ["read_returns"],
  "QueryRoot.returnableFulfillments": ["read_orders", "read_returns"],
  "QueryRoot.shop": [],
};

// Access notes missing from the schema package, taken from the shopify.dev reference page.
const DOCUMENTED_ELSEWHERE: Record<string, ScopeItem> = {
  // https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/refundCreate — "Requires `orders` access scope."
  "Mutation.refundCreate": {
    type: "field",
    typeName: "Mutation",
    fieldName: "refundCreate",
    requiredAccess: "`write_orders` access scope.",
    offlineScopes: ["write_orders"],
  },
};

interface Requirement {
  /** At least one of these. */
  anyOf: string[];
  /** And all of these ("Also: Requires the `read_returns` access scope."). */
  allOf: string[];
  source: string;
}

const SCOPE = /^(?:unauthenticated_)?(?:read|write)_[a-z_]+$/;

/** Turns an access note into scopes; notes about staff permissions are not scopes and are dropped. */
function requirementOf(item: ScopeItem, source: string): Requirement | null {
  const [main = "", also = ""] = item.requiredAccess.split("Also:");
  const anyOf = [...main.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? "").filter((s) => SCOPE.test(s));
  const allOf = [...also.matchAll(/Requires (?:the )?`([a-z_]+)`(?: access)? scope/g)].map((m) => m[1] ?? "").filter((s) => SCOPE.test(s));
  return anyOf.length || allOf.length ? { anyOf, allOf, source } : null;
}

/** Every requirement a document's selections carry, grouped by the top-level field they sit under. */
function requirementsByEntryPoint(schema: GraphQLSchema, items: ScopeItem[], source: string): Map<string, Requirement[]> {
  const byField = new Map<string, ScopeItem>();
  const byType = new Map<string, ScopeItem>();
  for (const item of items) {
    if (item.type === "field") byField.set(`${item.typeName}.${item.fieldName}`, item);
    else byType.set(item.typeName, item);
  }
  for (const [key, item] of Object.entries(DOCUMENTED_ELSEWHERE)) if (!byField.get(key)?.requiredAccess) byField.set(key, item);

  const out = new Map<string, Requirement[]>();
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  let entry = "";
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          if (!parent || !type) return;
          if (depth === 0) entry = `${parent.name}.${node.name.value}`;
          depth++;
          const reqs = out.get(entry) ?? [];
          const fieldKey = `${parent.name}.${node.name.value}`;
          const fieldItem = byField.get(fieldKey);
          const fieldReq = fieldItem && requirementOf(fieldItem, fieldKey);
          if (fieldReq) reqs.push(fieldReq);
          const named = getNamedType(type);
          const typeItem = isCompositeType(named) ? byType.get(named.name) : undefined;
          const typeReq = typeItem && requirementOf(typeItem, named.name);
          if (typeReq) reqs.push(typeReq);
          out.set(entry, reqs);
        },
        leave() {
          depth--;
        },
      },
      // Inline fragments name types too (`... on ReturnLineItem`).
      InlineFragment(node) {
        const name = node.typeCondition?.name.value;
        const item = name ? byType.get(name) : undefined;
        const req = item && requirementOf(item, name ?? "");
        if (req) out.set(entry, [...(out.get(entry) ?? []), req]);
      },
    }),
  );
  return out;
}

function grantedScopes(): string[] {
  const toml = parseToml(readFileSync(join(ROOT, "shopify.app.toml"), "utf8")) as { access_scopes?: { scopes?: string } };
  return (toml.access_scopes?.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * The scopes the subscribed webhook topics need, read from each topic's description in the
 * schema ("Requires at least one of the following scopes: read_fulfillments, …"); for each
 * topic the granted alternative, or the unmet requirement. Compliance topics have none.
 */
function webhookScopes(schema: GraphQLSchema, granted: string[]): { used: Set<string>; missing: string[] } {
  const toml = parseToml(readFileSync(join(ROOT, "shopify.app.toml"), "utf8")) as { webhooks?: { subscriptions?: { topics?: string[] }[] } };
  const topics = (toml.webhooks?.subscriptions ?? []).flatMap((subscription) => subscription.topics ?? []);
  const enumType = schema.getType("WebhookSubscriptionTopic");
  const values = enumType && "getValues" in enumType ? enumType.getValues() : [];
  const used = new Set<string>();
  const missing: string[] = [];
  for (const topic of topics) {
    const value = values.find((v) => v.name === topic.toUpperCase().replace("/", "_"));
    const listed = /Requires at least one of the following scopes:([^.]*)\./.exec((value?.description ?? "").replace(/\s+/g, " "));
    if (!listed?.[1]) continue;
    const anyOf = listed[1].split(",").map((scope) => scope.trim()).filter(Boolean);
    const held = anyOf.find((scope) => granted.includes(scope));
    if (held) used.add(held);
    else missing.push(`${topic} needs one of ${anyOf.join(", ")}`);
  }
  return { used, missing };
}

/** The scopes from `granted` that satisfy a requirement, or the unmet part. */
function resolve(req: Requirement, granted: string[]): { used: string[]; missing: string[] } {
  const any = req.anyOf.length ? req.anyOf.find((s) => granted.includes(s)) : undefined;
  const missing = [
    ...(req.anyOf.length && !any
      ? [`${req.anyOf.length > 1 ? "one of " : ""}${req.anyOf.join(" | ")} (${req.source})`]
      : []),
    ...req.allOf.filter((s) => !granted.includes(s)).map((s) => `${s} (${req.source})`),
  ];
  return { used: [...(any ? [any] : []), ...req.allOf.filter((s) => granted.includes(s))], missing };
}

function analyse() {
  const { schema, scopes } = loadAdminSchema();
  const granted = grantedScopes();
  const used = new Map<string, Set<string>>();
  const missing: string[] = [];
  for (const doc of findGraphqlDocuments()) {
    for (const [entry, reqs] of requirementsByEntryPoint(schema, scopes, doc.source)) {
      const set = used.get(entry) ?? new Set<string>();
      for (const req of reqs) {
        const r = resolve(req, granted);
        r.used.forEach((s) => set.add(s));
        missing.push(...r.missing.map((m) => `${doc.file}:${doc.line} ${entry} needs ${m}`));
      }
      used.set(entry, set);
    }
  }
  return { granted, used, missing };
}

describe("access scopes in shopify.app.toml", () => {
  it("grant every scope the app's GraphQL documents need, down to each selected type and field", () => {
    // GIVEN the documents, Shopify's access notes and the declared scopes
    // WHEN every selection is checked
    const { missing } = analyse();
    // THEN nothing is left unmet
    expect(missing).toEqual([]);
  });

  it("match the documented scope table entry point by entry point", () => {
    // GIVEN the scopes each top-level field actually needs
    const { used } = analyse();
    const actual = Object.fromEntries([...used].map(([entry, set]) => [entry, [...set].sort()]));
    // THEN the table at the top of this file is exactly that (update it with the documents)
    expect(actual).toEqual(SCOPES_BY_ENTRY_POINT);
  });

  it("read the access notes correctly, alternatives and extra requirements alike", () => {
    // GIVEN ReturnableFulfillment's note: one order scope, and also read_returns
    const note: ScopeItem = {
      type: "type",
      typeName: "ReturnableFulfillment",
      requiredAccess:
        "`read_orders` access scope or `read_marketplace_orders` access scope. Also: Requires the `read_returns` access scope.",
      offlineScopes: [],
    };
    // WHEN parsed and resolved against scopes lacking read_returns
    const req = requirementOf(note, "ReturnableFulfillment");
    // THEN the missing scope is named
    expect(req).toEqual({ anyOf: ["read_orders", "read_marketplace_orders"], allOf: ["read_returns"], source: "ReturnableFulfillment" });
    expect(resolve(req as Requirement, ["read_orders"]).missing).toEqual(["read_returns (ReturnableFulfillment)"]);
  });

  it("fail when a document needs a scope the app does not declare", () => {
    // GIVEN a document reading store credit WHEN its requirements are resolved without that scope
    const { schema, scopes } = loadAdminSchema();
    const reqs = requirementsByEntryPoint(
      schema,
      scopes,
      `query Q($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 1) { nodes { id } } } }`,
    );
    const missing = (reqs.get("QueryRoot.customer") ?? []).flatMap((r) => resolve(r, ["read_customers"]).missing);
    // THEN the store-credit scope is reported
    expect(missing).toEqual(["read_store_credit_accounts (StoreCreditAccount)"]);
  });

  it("include read_all_orders, which no schema note lists: without it Shopify hides orders older than 60 days", () => {
    expect(grantedScopes()).toContain("read_all_orders");
  });

  it("grant every scope the subscribed webhook topics need", () => {
    // GIVEN the topics in shopify.app.toml WHEN each is checked against its schema description
    const { missing, used } = webhookScopes(loadAdminSchema().schema, grantedScopes());
    // THEN none is unmet (fulfillments/* needs read_fulfillments, which no document reads)
    expect(missing).toEqual([]);
    expect([...used]).toContain("read_fulfillments");
  });

  it("grant nothing the documents or the webhook topics do not use, read_all_orders aside (app review asks for the least access)", () => {
    // GIVEN the scopes some document's selections or some subscribed topic resolve to
    const { granted, used } = analyse();
    const topics = webhookScopes(loadAdminSchema().schema, granted).used;
    const needed = new Set([...[...used.values()].flatMap((set) => [...set]), ...topics]);
    // WHEN the declared scopes are compared with them
    const unused = granted.filter((scope) => !needed.has(scope) && scope !== "read_all_orders");
    // THEN every declared scope is in use (read_inventory was declared once and never read)
    expect(unused).toEqual([]);
  });

  it("cover the operations named in the document table by an actual document (no stale rows)", () => {
    // GIVEN every parsed operation's top-level fields
    const fields = findGraphqlDocuments().flatMap((d) =>
      parse(d.source).definitions.flatMap((def) =>
        def.kind === Kind.OPERATION_DEFINITION
          ? def.selectionSet.selections.flatMap((s) =>
              s.kind === Kind.FIELD ? [`${def.operation === "mutation" ? "Mutation" : "QueryRoot"}.${s.name.value}`] : [],
            )
          : [],
      ),
    );
    // THEN the table has a row for each, and only for those
    expect([...new Set(fields)].sort()).toEqual(Object.keys(SCOPES_BY_ENTRY_POINT).sort());
  });
});
