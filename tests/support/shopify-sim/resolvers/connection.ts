/** Relay connections with Shopify's rules: first or last is mandatory, at most 250, opaque cursors. */
import { GraphQLError } from "graphql";
import { argBool, argInt, argString, type Args } from "./context";

const MAX_PAGE = 250;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Shopify cursors are base64 JSON (`{"last_id":…,"last_value":…}`); apps must treat them as opaque. */
export function encodeCursor(id: string): string {
  const tail = id.slice(id.lastIndexOf("/") + 1);
  return Buffer.from(JSON.stringify({ last_id: Number(tail) || tail, last_value: tail })).toString("base64");
}

function decodeCursor(cursor: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "last_value" in parsed && typeof parsed.last_value === "string") {
      return parsed.last_value;
    }
  } catch {
    // Falls through: an unreadable cursor is an invalid cursor.
  }
  return null;
}

/** Set by the bulk runner on a connection's arguments: Shopify pages a bulk query itself, so every node is answered. */
export const UNBOUNDED = "__bulkUnbounded";

export function connection<T extends { id: string }>(all: T[], args: Args): Connection<T> {
  if (args[UNBOUNDED] === true) {
    const items = argBool(args, "reverse") ? [...all].reverse() : all;
    const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return { edges, nodes: items, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null } };
  }
  const first = argInt(args, "first");
  const last = argInt(args, "last");
  if (first === null && last === null) throw new GraphQLError("you must provide one of first or last");
  if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE) {
    throw new GraphQLError(`The value of the argument \`${first !== null ? "first" : "last"}\` must be less than or equal to ${MAX_PAGE}.`);
  }
  let items = argBool(args, "reverse") ? [...all].reverse() : all;
  const tailOf = (item: T) => item.id.slice(item.id.lastIndexOf("/") + 1);
  const after = argString(args, "after");
  const before = argString(args, "before");
  let hasPreviousPage = false;
  let hasNextPage = false;
  if (after !== null) {
    const key = decodeCursor(after);
    if (key === null) throw new GraphQLError(`Invalid cursor for current pagination sort.`);
    const index = items.findIndex((i) => tailOf(i) === key);
    items = items.slice(index + 1);
    hasPreviousPage = index >= 0;
  }
  if (before !== null) {
    const key = decodeCursor(before);
    if (key === null) throw new GraphQLError(`Invalid cursor for current pagination sort.`);
    const index = items.findIndex((i) => tailOf(i) === key);
    if (index >= 0) {
      items = items.slice(0, index);
      hasNextPage = true;
    }
  }
  if (first !== null && items.length > first) {
    items = items.slice(0, first);
    hasNextPage = true;
  }
  if (last !== null && items.length > last) {
    items = items.slice(items.length - last);
    hasPreviousPage = true;
  }
  const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    nodes: items,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
