/**
 * Bulk query operations as Shopify documents them (Admin 2026-10): `bulkOperationRunQuery` checks
 * the query (one query operation, no variables, at least one connection, at most five, nested two
 * levels deep at most, never inside a list, every parent of a nested connection selecting `id`),
 * creates the operation, and one bulk query per shop runs at a time. The operation moves a step
 * each time it is read (CREATED → RUNNING → COMPLETED, or FAILED / CANCELING → CANCELED), and its
 * `url` serves JSONL: one object per line, each node of a nested connection on its own line with
 * `__parentId` last, connections removed from their parent. With `groupObjects` a node's children
 * follow it; without, the parents come first. URLs expire (EXPIRED) seven days after completion.
 */
import {
  execute,
  getNamedType,
  GraphQLError,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { adminSchema } from "../schema";
import type { BulkOperationRecord, BulkOperationStatus, Store } from "../store";
import { connection } from "./connection";
import { argBool, argString, type Args, type ResolverContext } from "./context";

const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;
const URL_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** Where the result files are served, under the shop's own host (the demo routes myshopify.com to the simulator). */
export const BULK_RESULT_PATH = /^\/bulk-operation-results\/(\d+)\.jsonl$/;

type Fragments = Map<string, FragmentDefinitionNode>;

function isConnectionType(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith("Connection") && "pageInfo" in named.getFields();
}

/** The fields a selection set asks for on `type`, fragments included, with the field definition. */
function fieldsOf(selectionSet: SelectionSetNode, type: GraphQLCompositeType, fragments: Fragments): { node: FieldNode; def: GraphQLField<unknown, unknown> | null }[] {
  const schema = adminSchema();
  const out: { node: FieldNode; def: GraphQLField<unknown, unknown> | null }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const def = "getFields" in type ? (type.getFields()[selection.name.value] ?? null) : null;
      out.push({ node: selection, def });
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (condition && (isObjectType(condition) || "getFields" in condition)) {
        out.push(...fieldsOf(fragment.selectionSet, condition as GraphQLCompositeType, fragments));
      }
    }
  }
  return out;
}

/** The node selection of a connection field: `edges { node { … } }` and/or `nodes { … }`. */
function nodeSelections(field: FieldNode, connectionType: GraphQLCompositeType, fragments: Fragments): { selectionSet: SelectionSetNode; type: GraphQLCompositeType }[] {
  const out: { selectionSet: SelectionSetNode; type: GraphQLCompositeType }[] = [];
  if (!field.selectionSet) return out;
  for (const { node, def } of fieldsOf(field.selectionSet, connectionType, fragments)) {
    if (!def || !node.selectionSet) continue;
    const named = getNamedType(def.type);
    if (node.name.value === "nodes") out.push({ selectionSet: node.selectionSet, type: named as GraphQLCompositeType });
    if (node.name.value === "edges" && isObjectType(named)) {
      for (const inner of fieldsOf(node.selectionSet, named, fragments)) {
        if (inner.node.name.value === "node" && inner.def && inner.node.selectionSet) {
          out.push({ selectionSet: inner.node.selectionSet, type: getNamedType(inner.def.type) as GraphQLCompositeType });
        }
      }
    }
  }
  return out;
}

/** Shopify's checks on a bulk query; an empty list means it may run. */
export function bulkQueryProblems(source: string): { document: DocumentNode | null; problems: string[] } {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return { document: null, problems: [`Invalid bulk query: ${error instanceof GraphQLError ? error.message : String(error)}`] };
  }
  const schema = adminSchema();
  const invalid = validate(schema, document);
  if (invalid.length) return { document: null, problems: invalid.map((e) => `Invalid bulk query: ${e.message}`) };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || !operations[0]) return { document: null, problems: ["Bulk queries must contain exactly one operation."] };
  const operation = operations[0];
  if (operation.operation !== "query") return { document: null, problems: ["Bulk queries must be query operations; use bulkOperationRunMutation for mutations."] };
  if (operation.variableDefinitions?.length) return { document: null, problems: ["Bulk queries cannot declare variables; write the values into the query."] };
  const fragments: Fragments = new Map();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const problems: string[] = [];
  let connections = 0;
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, depth: number, inList: boolean, selectsId: boolean) => {
    const fields = fieldsOf(selectionSet, type, fragments);
    for (const { node, def } of fields) {
      if (!def || !node.selectionSet) continue;
      if (isConnectionType(def.type)) {
        connections += 1;
        if (inList) problems.push(`Queries that contain a connection field within a list field are not currently supported (${node.name.value}).`);
        if (depth + 1 > MAX_DEPTH) problems.push(`Bulk queries cannot contain connections with a nesting depth greater than ${MAX_DEPTH} (${node.name.value}).`);
        if (depth > 0 && !selectsId) problems.push(`The parent of the nested connection ${node.name.value} must select the id field.`);
        for (const inner of nodeSelections(node, getNamedType(def.type) as GraphQLCompositeType, fragments)) {
          const hasId = fieldsOf(inner.selectionSet, inner.type, fragments).some((f) => f.node.name.value === "id" && !f.node.alias);
          walk(inner.selectionSet, inner.type, depth + 1, false, hasId);
        }
      } else {
        const list = isListType(isNonNullType(def.type) ? def.type.ofType : def.type);
        walk(node.selectionSet, getNamedType(def.type) as GraphQLCompositeType, depth, inList || list, selectsId);
      }
    }
  };
  const root = schema.getQueryType();
  if (root) walk(operation.selectionSet, root, 0, false, false);
  if (connections === 0) problems.unshift("Bulk queries must contain at least one connection.");
  if (connections > MAX_CONNECTIONS) problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  return { document, problems };
}

/** `bulkOperationRunQuery(query:, groupObjects:)`. */
export function bulkOperationRunQuery(args: Args, ctx: ResolverContext) {
  const query = argString(args, "query") ?? "";
  const { problems } = bulkQueryProblems(query);
  if (problems.length) return { bulkOperation: null, userErrors: problems.map((message) => ({ field: ["query"], message, code: "INVALID" })) };
  const running = ctx.state.bulkOperations.find((op) => op.status === "CREATED" || op.status === "RUNNING" || op.status === "CANCELING");
  if (running) {
    return {
      bulkOperation: null,
      userErrors: [{ field: null, message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`, code: "OPERATION_IN_PROGRESS" }],
    };
  }
  const op: BulkOperationRecord = ctx.store.put(ctx.state, {
    __typename: "BulkOperation",
    id: ctx.store.gid("BulkOperation"),
    type: "QUERY",
    status: "CREATED",
    query,
    groupObjects: argBool(args, "groupObjects"),
    createdAt: new Date(ctx.nowMs()).toISOString(),
    completedAt: null,
    errorCode: null,
    objectCount: "0",
    rootObjectCount: "0",
    fileSize: null,
    url: null,
    partialDataUrl: null,
    lines: null,
    rootLines: 0,
    failWith: ctx.state.bulkFailNext,
  });
  ctx.state.bulkFailNext = null;
  ctx.state.bulkOperations.push(op);
  ctx.store.record(ctx.state.shop.domain, "bulk_operation.created", op.id, { groupObjects: op.groupObjects });
  return { bulkOperation: op, userErrors: [] };
}

/** `bulkOperationCancel(id:)`: a running operation is CANCELING, then CANCELED when next read. */
export function bulkOperationCancel(args: Args, ctx: ResolverContext) {
  const op = ctx.store.get(ctx.state, argString(args, "id") ?? "", "BulkOperation");
  if (!op) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
  if (op.status !== "CREATED" && op.status !== "RUNNING") {
    return { bulkOperation: op, userErrors: [{ field: null, message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}` }] };
  }
  op.status = "CANCELING";
  return { bulkOperation: op, userErrors: [] };
}

function settle(op: BulkOperationRecord, ctx: ResolverContext, status: BulkOperationStatus): void {
  op.status = status;
  ctx.store.record(ctx.state.shop.domain, `bulk_operation.${status.toLowerCase()}`, op.id, { objectCount: op.objectCount });
  if (status === "COMPLETED" || status === "FAILED" || status === "CANCELED") {
    ctx.emit("bulk_operations/finish", {
      admin_graphql_api_id: op.id,
      completed_at: op.completedAt,
      created_at: op.createdAt,
      error_code: op.errorCode ? op.errorCode.toLowerCase() : null,
      status: status.toLowerCase(),
      type: "query",
    });
  }
}

/** The operation as the app sees it now: each read moves it one step, and an old URL expires. */
export function observe(op: BulkOperationRecord, ctx: ResolverContext): BulkOperationRecord {
  switch (op.status) {
    case "CREATED": {
      op.lines = resultLines(op, ctx);
      op.status = "RUNNING";
      // Half-way through, as a poller would see it.
      op.objectCount = String(Math.floor(op.lines.length / 2));
      op.rootObjectCount = String(Math.floor(op.rootLines / 2));
      ctx.store.record(ctx.state.shop.domain, "bulk_operation.running", op.id, { objectCount: op.objectCount });
      break;
    }
    case "RUNNING": {
      if (ctx.state.bulkStalled) break;
      const lines = op.lines ?? [];
      op.completedAt = new Date(ctx.nowMs()).toISOString();
      if (op.failWith) {
        op.errorCode = op.failWith;
        // What was read before the failure, as Shopify offers it.
        op.partialDataUrl = resultUrl(op, ctx);
        op.lines = lines.slice(0, Number(op.objectCount));
        settle(op, ctx, "FAILED");
      } else {
        op.objectCount = String(lines.length);
        op.rootObjectCount = String(op.rootLines);
        op.fileSize = lines.length ? String(Buffer.byteLength(lines.join("\n") + "\n")) : null;
        // Shopify gives no URL for an empty result.
        op.url = lines.length ? resultUrl(op, ctx) : null;
        settle(op, ctx, "COMPLETED");
      }
      break;
    }
    case "CANCELING":
      settle(op, ctx, "CANCELED");
      break;
    case "COMPLETED":
      if (op.completedAt && ctx.nowMs() - Date.parse(op.completedAt) > URL_LIFETIME_MS) {
        op.status = "EXPIRED";
        op.url = null;
      }
      break;
    default:
      break;
  }
  return op;
}

function resultUrl(op: BulkOperationRecord, ctx: ResolverContext): string {
  return `https://${ctx.state.shop.domain}/bulk-operation-results/${op.id.slice(op.id.lastIndexOf("/") + 1)}.jsonl`;
}

/** The JSONL a completed (or, for FAILED, partly read) operation serves; null when there is none (any more). */
export function resultFile(store: Store, host: string, numericId: string, nowMs: number): string | null {
  const state = store.shops.get(host);
  const op = state ? store.get(state, `gid://shopify/BulkOperation/${numericId}`, "BulkOperation") : null;
  if (!op?.lines || !op.completedAt || nowMs - Date.parse(op.completedAt) > URL_LIFETIME_MS) return null;
  if (op.status !== "COMPLETED" && op.status !== "FAILED") return null;
  return op.lines.map((line) => `${line}\n`).join("");
}

/** Runs the query over the whole store (no page limits, no cost limit) and flattens the result into lines. */
function resultLines(op: BulkOperationRecord, ctx: ResolverContext): string[] {
  const { document } = bulkQueryProblems(op.query);
  if (!document) return [];
  const schema = adminSchema();
  // Bulk queries are not paged by the app: every connection answers in full.
  const result = execute({ schema, document, contextValue: { ...ctx, bulk: true }, fieldResolver: bulkFieldResolver, typeResolver: bulkTypeResolver });
  if (result instanceof Promise) throw new Error("The simulator's resolvers are synchronous; a bulk query cannot await.");
  const data = result.data;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const root = schema.getQueryType();
  if (!data || !operation || !root) return [];
  const fragments: Fragments = new Map();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const lines: string[] = [];
  const later: string[] = [];
  let rootLines = 0;
  const emitNodes = (field: FieldNode, type: GraphQLCompositeType, value: unknown, parentId: string | null) => {
    const nodes = connectionNodes(value);
    const selections = nodeSelections(field, type, fragments);
    const selection = selections[0];
    if (!selection) return;
    for (const node of nodes) {
      if (parentId === null) rootLines += 1;
      const children: (() => void)[] = [];
      const flat = flatten(node, selection.selectionSet, selection.type, fragments, (childField, childType, childValue) => {
        const id = typeof node.id === "string" ? node.id : null;
        children.push(() => emitNodes(childField, childType, childValue, id));
      });
      const line = JSON.stringify(parentId === null ? flat : { ...flat, __parentId: parentId });
      (parentId === null || op.groupObjects ? lines : later).push(line);
      for (const child of children) child();
    }
  };
  flatten(data, operation.selectionSet, root, fragments, (field, type, value) => emitNodes(field, type, value, null));
  op.rootLines = rootLines;
  return [...lines, ...later];
}

/** Copies a result object without its connections, which are handed to `onConnection` instead. */
function flatten(
  value: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Fragments,
  onConnection: (field: FieldNode, type: GraphQLCompositeType, value: unknown) => void,
): Record<string, unknown> {
  const fields = new Map<string, { node: FieldNode; def: GraphQLField<unknown, unknown> | null }>();
  for (const f of fieldsOf(selectionSet, type, fragments)) fields.set(f.node.alias?.value ?? f.node.name.value, f);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const field = fields.get(key);
    if (field?.def && isConnectionType(field.def.type)) {
      onConnection(field.node, getNamedType(field.def.type) as GraphQLCompositeType, inner);
    } else if (field?.def && field.node.selectionSet && isRecord(inner) && !Array.isArray(inner)) {
      out[key] = flatten(inner, field.node.selectionSet, getNamedType(field.def.type) as GraphQLCompositeType, fragments, onConnection);
    } else {
      out[key] = inner;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function connectionNodes(value: unknown): Record<string, unknown>[] {
  if (!isRecord(value)) return [];
  if (Array.isArray(value.nodes)) return value.nodes.filter(isRecord);
  if (Array.isArray(value.edges)) return value.edges.flatMap((e: unknown) => (isRecord(e) && isRecord(e.node) ? [e.node] : []));
  return [];
}

// Late-bound to avoid an import cycle with resolvers/index.ts, which wires this module in.
let bulkFieldResolver: Parameters<typeof execute>[0]["fieldResolver"];
let bulkTypeResolver: Parameters<typeof execute>[0]["typeResolver"];
export function bindResolvers(field: typeof bulkFieldResolver, type: typeof bulkTypeResolver): void {
  bulkFieldResolver = field;
  bulkTypeResolver = type;
}

/** `bulkOperations(query:)` filters: `status:RUNNING`, `operation_type:QUERY`, `id:…`, joined by spaces (AND). */
function matches(op: BulkOperationRecord, query: string | null): boolean {
  if (!query) return true;
  return query
    .split(/\s+(?:AND\s+)?/i)
    .filter(Boolean)
    .every((term) => {
      const [key, raw = ""] = term.split(":");
      const value = raw.replace(/^['"]|['"]$/g, "");
      switch (key?.toLowerCase()) {
        case "status":
          return op.status === value.toUpperCase();
        case "operation_type":
          return op.type === value.toUpperCase();
        case "id":
          return op.id === value || op.id.endsWith(`/${value}`);
        default:
          return true;
      }
    });
}

/** `bulkOperations(first:, query:, sortKey:, reverse:)`, each operation observed (so it moves on). */
export function bulkOperationsConnection(ctx: ResolverContext, args: Args) {
  const sortKey = argString(args, "sortKey") ?? "CREATED_AT";
  const ops = ctx.state.bulkOperations
    .map((op) => observe(op, ctx))
    .filter((op) => matches(op, argString(args, "query")))
    .sort((a, b) => (sortKey === "COMPLETED_AT" ? (a.completedAt ?? "").localeCompare(b.completedAt ?? "") : a.createdAt.localeCompare(b.createdAt)));
  return connection(ops, args);
}

/** `currentBulkOperation(type:)` (deprecated in 2026-10): the app's most recent query operation. */
export function currentBulkOperation(ctx: ResolverContext, args: Args): BulkOperationRecord | null {
  if ((argString(args, "type") ?? "QUERY") !== "QUERY") return null;
  const op = ctx.state.bulkOperations.at(-1);
  return op ? observe(op, ctx) : null;
}
