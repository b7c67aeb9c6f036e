/**
 * Shopify's calculated query cost and leaky bucket (shopify.dev "GraphQL Admin API rate limits"):
 * scalars and enums cost 0, objects 1, connections 2 + first/last × the cost of one node,
 * interfaces and unions the maximum over their possible types, each mutation field 10.
 * The bucket must hold the requested cost before execution; afterwards the difference between
 * requested and actual cost is refunded.
 */
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { RateLimitSettings } from "./store";

/** Standard plan: 100 points/s restored, 2000-point bucket, 1000 points for any single query. */
export const STANDARD_PLAN: RateLimitSettings = { restoreRate: 100, maximumAvailable: 2000, singleQueryMax: 1000 };

const MUTATION_COST = 10;
const CONNECTION_COST = 2;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function isConnection(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith("Connection") && "pageInfo" in named.getFields();
}

function intArgument(node: FieldNode, name: string, ctx: CostContext): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  return intValue(arg.value, ctx);
}

function intValue(value: ValueNode, ctx: CostContext): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = ctx.variables[value.name.value];
    return typeof v === "number" ? v : null;
  }
  return null;
}

/** Page size used for the requested cost: `first`, else `last`, else 1 (a missing size is a validation error elsewhere). */
function pageSize(node: FieldNode, ctx: CostContext): number {
  return intArgument(node, "first", ctx) ?? intArgument(node, "last", ctx) ?? 1;
}

/** Fields of a selection set that apply to `type`, fragments expanded. */
function fieldsFor(selectionSet: SelectionSetNode, type: GraphQLObjectType, ctx: CostContext): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(selection.typeCondition?.name.value, type, ctx)) out.push(...fieldsFor(selection.selectionSet, type, ctx));
    } else {
      const fragment = ctx.fragments.get(selection.name.value);
      if (fragment && appliesTo(fragment.typeCondition.name.value, type, ctx)) {
        out.push(...fieldsFor(fragment.selectionSet, type, ctx));
      }
    }
  }
  return out;
}

function appliesTo(condition: string | undefined, type: GraphQLObjectType, ctx: CostContext): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = ctx.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && ctx.schema.isSubType(conditionType, type);
}

function possibleTypes(type: GraphQLCompositeType, ctx: CostContext): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? ctx.schema.getPossibleTypes(type) : [type];
}

/** Cost of selecting `selectionSet` on one value of `type` (max over possible types for abstract types). */
function selectionCost(selectionSet: SelectionSetNode, type: GraphQLCompositeType, ctx: CostContext): number {
  let max = 0;
  for (const objectType of possibleTypes(type, ctx)) {
    const fields = objectType.getFields();
    let sum = 0;
    for (const node of fieldsFor(selectionSet, objectType, ctx)) {
      const field = fields[node.name.value];
      if (field) sum += fieldCost(node, field, ctx);
    }
    max = Math.max(max, sum);
  }
  return max;
}

/** Cost of a whole connection: 2 + size × (cost of one node); `edges`/`node`/`nodes` wrappers are free. */
function connectionCost(node: FieldNode, connection: GraphQLObjectType, size: number, ctx: CostContext): number {
  return CONNECTION_COST + size * perNodeCost(node.selectionSet, connection, ctx);
}

function perNodeCost(selectionSet: SelectionSetNode | undefined, connection: GraphQLObjectType, ctx: CostContext): number {
  if (!selectionSet) return 0;
  let cost = 0;
  const fields = connection.getFields();
  for (const sub of fieldsFor(selectionSet, connection, ctx)) {
    if (sub.name.value === "nodes" && sub.selectionSet && fields.nodes) {
      cost = Math.max(cost, nodeCost(sub.selectionSet, fields.nodes.type, ctx));
    } else if (sub.name.value === "edges" && sub.selectionSet && fields.edges) {
      const edge = getNamedType(fields.edges.type);
      if (!isObjectType(edge)) continue;
      const edgeFields = edge.getFields();
      for (const edgeSub of fieldsFor(sub.selectionSet, edge, ctx)) {
        if (edgeSub.name.value === "node" && edgeSub.selectionSet && edgeFields.node) {
          cost = Math.max(cost, nodeCost(edgeSub.selectionSet, edgeFields.node.type, ctx));
        }
      }
    }
  }
  return cost;
}

function nodeCost(selectionSet: SelectionSetNode, type: GraphQLOutputType, ctx: CostContext): number {
  const named = getNamedType(type);
  if (isLeafType(named)) return 0;
  return 1 + selectionCost(selectionSet, named, ctx);
}

function fieldCost(node: FieldNode, field: GraphQLField<unknown, unknown>, ctx: CostContext): number {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  if (isConnection(field.type) && isObjectType(named)) return connectionCost(node, named, pageSize(node, ctx), ctx);
  const inner = node.selectionSet ? selectionCost(node.selectionSet, named, ctx) : 0;
  // A plain list with a `first` argument (Order.fulfillments, Order.refunds) is charged per item.
  const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
  const times = isListType(unwrapped) ? (intArgument(node, "first", ctx) ?? 1) : 1;
  return times * (1 + inner);
}

/** Requested cost of an operation, computed statically from the document before execution. */
export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const ctx: CostContext = { schema, fragments, variables };
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const fields = root.getFields();
  let total = 0;
  for (const node of fieldsFor(operation.selectionSet, root, ctx)) {
    if (node.name.value.startsWith("__")) continue;
    const field = fields[node.name.value];
    if (!field) continue;
    if (operation.operation === "mutation") {
      const named = getNamedType(field.type);
      total += MUTATION_COST + (node.selectionSet && !isLeafType(named) ? selectionCost(node.selectionSet, named, ctx) : 0);
    } else {
      total += fieldCost(node, field, ctx);
    }
  }
  return total;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Actual cost: the same rules applied to what was returned (null objects are free, connections count real nodes). */
export function actualCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  data: unknown,
): number {
  const ctx: CostContext = { schema, fragments, variables: {} };
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root || !isRecord(data)) return 0;
  const fields = root.getFields();
  let total = 0;
  for (const node of fieldsFor(operation.selectionSet, root, ctx)) {
    const field = fields[node.name.value];
    if (!field || node.name.value.startsWith("__")) continue;
    const value = data[node.alias?.value ?? node.name.value];
    if (operation.operation === "mutation") {
      const named = getNamedType(field.type);
      total += MUTATION_COST + (node.selectionSet && !isLeafType(named) && isRecord(value) ? actualSelection(node.selectionSet, named, value, ctx) : 0);
    } else {
      total += actualField(node, field, value, ctx);
    }
  }
  return total;
}

function actualSelection(selectionSet: SelectionSetNode, type: GraphQLCompositeType, value: Record<string, unknown>, ctx: CostContext): number {
  let max = 0;
  for (const objectType of possibleTypes(type, ctx)) {
    const fields = objectType.getFields();
    let sum = 0;
    for (const node of fieldsFor(selectionSet, objectType, ctx)) {
      const field = fields[node.name.value];
      if (field) sum += actualField(node, field, value[node.alias?.value ?? node.name.value], ctx);
    }
    max = Math.max(max, sum);
  }
  return max;
}

function actualField(node: FieldNode, field: GraphQLField<unknown, unknown>, value: unknown, ctx: CostContext): number {
  const named = getNamedType(field.type);
  if (isLeafType(named) || value === null || value === undefined) return 0;
  if (isConnection(field.type) && isObjectType(named) && isRecord(value)) {
    return CONNECTION_COST + connectionNodes(node, named, value, ctx);
  }
  if (Array.isArray(value)) {
    return value.reduce<number>((sum, item) => sum + (isRecord(item) && node.selectionSet ? 1 + actualSelection(node.selectionSet, named, item, ctx) : 0), 0);
  }
  if (!isRecord(value) || !node.selectionSet) return 1;
  return 1 + actualSelection(node.selectionSet, named, value, ctx);
}

/** Sum over the nodes actually returned, read from `nodes` or `edges.node`, whichever costs more. */
function connectionNodes(node: FieldNode, connection: GraphQLObjectType, value: Record<string, unknown>, ctx: CostContext): number {
  if (!node.selectionSet) return 0;
  let best = 0;
  const fields = connection.getFields();
  for (const sub of fieldsFor(node.selectionSet, connection, ctx)) {
    const key = sub.alias?.value ?? sub.name.value;
    const list = value[key];
    if (!Array.isArray(list) || !sub.selectionSet) continue;
    if (sub.name.value === "nodes" && fields.nodes) {
      const nodeType = getNamedType(fields.nodes.type);
      if (isLeafType(nodeType)) continue;
      best = Math.max(best, list.reduce<number>((s, item) => s + (isRecord(item) ? 1 + actualSelection(sub.selectionSet!, nodeType, item, ctx) : 0), 0));
    } else if (sub.name.value === "edges" && fields.edges) {
      const edge = getNamedType(fields.edges.type);
      if (!isObjectType(edge)) continue;
      const nodeField = edge.getFields().node;
      if (!nodeField) continue;
      const nodeType = getNamedType(nodeField.type);
      if (isLeafType(nodeType)) continue;
      let sum = 0;
      for (const edgeValue of list) {
        if (!isRecord(edgeValue)) continue;
        for (const edgeSub of fieldsFor(sub.selectionSet, edge, ctx)) {
          const nodeValue = edgeValue[edgeSub.alias?.value ?? edgeSub.name.value];
          if (edgeSub.name.value === "node" && edgeSub.selectionSet && isRecord(nodeValue)) {
            sum += 1 + actualSelection(edgeSub.selectionSet, nodeType, nodeValue, ctx);
          }
        }
      }
      best = Math.max(best, sum);
    }
  }
  return best;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** One leaky bucket per app + shop. `now` is injected so tests drain and restore deterministically. */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number,
  ) {
    this.available = settings.maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const t = this.now();
    const elapsed = Math.max(0, t - this.updatedAt) / 1000;
    this.available = Math.min(this.settings.maximumAvailable, this.available + elapsed * this.settings.restoreRate);
    this.updatedAt = t;
  }

  /** Takes `cost` points if the bucket holds them; false means THROTTLED. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.settings.maximumAvailable, this.available + points);
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.settings.maximumAvailable,
      // Shopify reports whole points.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.settings.restoreRate,
    };
  }

  get singleQueryMax(): number {
    return this.settings.singleQueryMax;
  }
}
