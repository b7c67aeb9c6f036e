import { GraphQLError } from "graphql";
import type { AnyNode, ShopState, Store } from "../store";

/** What every resolver sees: the shop the access token belongs to, and a way to emit webhooks. */
export interface ResolverContext {
  store: Store;
  state: ShopState;
  scopes: ReadonlySet<string>;
  /** Milliseconds since epoch from the simulator's injectable clock. */
  nowMs: () => number;
  emit: (topic: string, payload: Record<string, unknown>) => void;
  /** Set while a bulk query runs: connections answer every node, whatever `first` says. */
  bulk?: boolean;
}

export type Args = Record<string, unknown>;
export type FieldFn = (source: unknown, args: Args, ctx: ResolverContext) => unknown;
export type TypeResolvers = Record<string, FieldFn>;

type NodeOf<K extends AnyNode["__typename"]> = Extract<AnyNode, { __typename: K }>;

function isNodeOf<K extends AnyNode["__typename"]>(value: unknown, typename: K): value is NodeOf<K> {
  return typeof value === "object" && value !== null && "__typename" in value && value.__typename === typename;
}

/**
 * Field resolvers for one record type. graphql-js hands sources over as `unknown`; the guard
 * checks the record really is of that type, so a wiring mistake fails loudly instead of silently.
 */
export function fieldsOf<K extends AnyNode["__typename"]>(
  typename: K,
  fields: Record<string, (source: NodeOf<K>, args: Args, ctx: ResolverContext) => unknown>,
): TypeResolvers {
  const out: TypeResolvers = {};
  for (const [name, fn] of Object.entries(fields)) {
    out[name] = (source, args, ctx) => {
      if (!isNodeOf(source, typename)) throw new GraphQLError(`Simulator wiring error: ${typename}.${name} got another type`);
      return fn(source, args, ctx);
    };
  }
  return out;
}

export function argString(args: Args, name: string): string | null {
  const v = args[name];
  return typeof v === "string" ? v : null;
}

export function argInt(args: Args, name: string): number | null {
  const v = args[name];
  return typeof v === "number" ? v : null;
}

export function argBool(args: Args, name: string): boolean {
  return args[name] === true;
}

export function argStrings(args: Args, name: string): string[] {
  const v = args[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** A node of the caller's shop by GID and type; other shops' ids resolve to null, as on Shopify. */
export function lookup<K extends AnyNode["__typename"]>(ctx: ResolverContext, id: string | null, typename: K): NodeOf<K> | null {
  if (!id) return null;
  return ctx.store.get(ctx.state, id, typename);
}

/** Plain lists with an optional `first` argument (Order.fulfillments, Order.refunds, Order.transactions). */
export function firstN<T>(items: T[], args: Args): T[] {
  const first = argInt(args, "first");
  return first === null ? items : items.slice(0, first);
}
