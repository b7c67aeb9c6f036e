/** Reading GraphQL answers in tests without a type for each: a path into unknown JSON, and a checked string. */

/** The value at `path` inside `value`, or undefined where the path leaves the JSON. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) node = typeof node === "object" && node !== null ? Reflect.get(node, key) : undefined;
  return node;
}

/** `value` if it is a string; otherwise the test fails here, naming what it got. */
export function str(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}
