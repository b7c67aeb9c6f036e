/** Small helpers shared by the simulator tests. */
import { createSimulator, type Simulator, type SimulatorOptions } from "../support/shopify-sim";

/** A fixed "now" so seeded dates and costs are the same on every run. */
export const NOW = Date.parse("2026-11-26T12:00:00.000Z");

export function simulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ now: () => NOW, seed: { bulkOrders: 20 }, ...options });
}

/** Reads a nested value from a JSON body without casts: `pick(body, "data", "order", "name")`. */
export function pick(value: unknown, ...path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}

export function pickString(value: unknown, ...path: (string | number)[]): string {
  const v = pick(value, ...path);
  if (typeof v !== "string") throw new Error(`Expected a string at ${path.join(".")}, got ${JSON.stringify(v)}`);
  return v;
}
