/**
 * Wires the resolvers into graphql-js's `execute` over the real schema. The simulator never builds
 * its own schema: one field resolver dispatches by parent type, one type resolver answers
 * interfaces/unions (Node, ReturnLineItemType, …) from the record's `__typename`.
 */
import {
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import { argString, argStrings, lookup, type ResolverContext, type TypeResolvers } from "./context";
import { bulkOperationCancel, bulkOperationRunQuery, bulkOperationsConnection, currentBulkOperation, observe, bindResolvers } from "./bulk";
import { connection, UNBOUNDED } from "./connection";
import { objectResolvers, ordersConnection, returnableFulfillmentsFor, visibleOrders } from "./objects";
import { customerMatches } from "./search";
import { idempotencyKey, refundCreate } from "./refunds";
import {
  returnApproveRequest,
  returnCancel,
  returnClose,
  returnCreate,
  returnDeclineRequest,
  returnProcess,
  returnReopen,
  returnRequest,
} from "./returns";
import { storeCreditAccountCredit } from "./store-credit";
import { appInstallationId, metafieldsSet } from "./app-metafields";

export type { ResolverContext } from "./context";

/** Node lookup limited to the caller's shop; orders outside read_all_orders' window stay hidden. */
function nodeById(ctx: ResolverContext, id: string | null): unknown {
  if (!id) return null;
  const node = ctx.state.nodes.get(id) ?? null;
  if (node && node.__typename === "Order" && !visibleOrders(ctx).includes(node)) return null;
  if (node && node.__typename === "BulkOperation") return observe(node, ctx);
  return node;
}

const queryResolvers: TypeResolvers = {
  shop: (_s, _a, ctx) => ctx.state.shop,
  bulkOperation: (_s, args, ctx) => {
    const op = lookup(ctx, argString(args, "id"), "BulkOperation");
    return op ? observe(op, ctx) : null;
  },
  bulkOperations: (_s, args, ctx) => bulkOperationsConnection(ctx, args),
  currentBulkOperation: (_s, args, ctx) => currentBulkOperation(ctx, args),
  currentAppInstallation: (_s, _a, ctx) => ({ __typename: "AppInstallation", id: appInstallationId(ctx) }),
  node: (_s, args, ctx) => nodeById(ctx, argString(args, "id")),
  nodes: (_s, args, ctx) => argStrings(args, "ids").map((id) => nodeById(ctx, id)),
  order: (_s, args, ctx) => {
    const node = nodeById(ctx, argString(args, "id"));
    return node && typeof node === "object" && "__typename" in node && node.__typename === "Order" ? node : null;
  },
  orders: (_s, args, ctx) => ordersConnection(ctx, visibleOrders(ctx), args),
  customer: (_s, args, ctx) => lookup(ctx, argString(args, "id"), "Customer"),
  customers: (_s, args, ctx) => connection(ctx.state.customers.filter((c) => customerMatches(c, argString(args, "query"))), args),
  product: (_s, args, ctx) => lookup(ctx, argString(args, "id"), "Product"),
  products: (_s, args, ctx) => connection(ctx.state.products, args),
  productVariant: (_s, args, ctx) => lookup(ctx, argString(args, "id"), "ProductVariant"),
  return: (_s, args, ctx) => lookup(ctx, argString(args, "id"), "Return"),
  returnableFulfillments: (_s, args, ctx) => connection(returnableFulfillmentsFor(ctx, argString(args, "orderId") ?? ""), args),
  storeCreditAccount: (_s, args, ctx) => lookup(ctx, argString(args, "id"), "StoreCreditAccount"),
  returnReasonDefinitions: (_s, args, ctx) => {
    const handles = argStrings(args, "handles");
    const ids = argStrings(args, "ids");
    return connection(
      ctx.state.returnReasons.filter((r) => (handles.length === 0 || handles.includes(r.handle)) && (ids.length === 0 || ids.includes(r.id))),
      args,
    );
  },
};

const mutationResolvers: TypeResolvers = {
  bulkOperationRunQuery: (_s, args, ctx) => bulkOperationRunQuery(args, ctx),
  bulkOperationCancel: (_s, args, ctx) => bulkOperationCancel(args, ctx),
  returnRequest: (_s, args, ctx) => returnRequest(args, ctx),
  returnApproveRequest: (_s, args, ctx) => returnApproveRequest(args, ctx),
  returnDeclineRequest: (_s, args, ctx) => returnDeclineRequest(args, ctx),
  returnCreate: (_s, args, ctx) => returnCreate(args, ctx),
  returnProcess: (_s, args, ctx) => returnProcess(args, ctx),
  returnCancel: (_s, args, ctx) => returnCancel(args, ctx),
  returnClose: (_s, args, ctx) => returnClose(args, ctx),
  returnReopen: (_s, args, ctx) => returnReopen(args, ctx),
  storeCreditAccountCredit: (_s, args, ctx) => storeCreditAccountCredit(args, ctx),
  metafieldsSet: (_s, args, ctx) => metafieldsSet(args, ctx),
};

const resolvers: Record<string, TypeResolvers> = {
  ...objectResolvers,
  QueryRoot: queryResolvers,
  Mutation: mutationResolvers,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Dispatch order: a modelled resolver, else the value's own property (functions are called with the
 * arguments, like graphql-js's default resolver), else null for nullable fields. A non-null field the
 * simulator does not model is an error, so a gap surfaces instead of returning invented data.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
  if (info.parentType.name === "Mutation" && info.fieldName === "refundCreate") {
    return refundCreate(args, ctx, idempotencyKey(info.fieldNodes[0], info.variableValues));
  }
  const resolver = resolvers[info.parentType.name]?.[info.fieldName];
  // A bulk query is paged by Shopify, not by the app: its connections answer every node.
  const named = getNamedType(info.returnType);
  const bulkArgs = ctx.bulk && isObjectType(named) && named.name.endsWith("Connection") ? { ...args, [UNBOUNDED]: true } : args;
  if (resolver) return resolver(source, bulkArgs, ctx);
  if (isRecord(source) && info.fieldName in source) {
    const value = source[info.fieldName];
    return typeof value === "function" ? value(bulkArgs, ctx) : value;
  }
  if (isNonNullType(info.returnType)) {
    throw new GraphQLError(`The Shopify simulator does not model ${info.parentType.name}.${info.fieldName}.`, {
      extensions: { code: "SIMULATOR_NOT_MODELLED" },
    });
  }
  return null;
};

export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) =>
  isRecord(value) && typeof value.__typename === "string" ? value.__typename : undefined;

bindResolvers(fieldResolver, typeResolver);
