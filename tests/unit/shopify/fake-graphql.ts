import { vi } from "vitest";
import { createShopifyClient, type AdminGraphql, type RetryOptions } from "~/shopify/client.server";

/** One scripted answer of the fake `admin.graphql`: a JSON body to return, or something to throw. */
export type Step = { body: unknown } | { throws: unknown };

export interface Sent {
  query: string;
  variables: Record<string, unknown> | undefined;
}

/**
 * A stand-in for `admin.graphql` (the injected boundary): answers from a script, in order, and
 * records what was sent. Returns a real `Response`, as the Shopify library does.
 */
export function fakeGraphql(steps: Step[]) {
  const sent: Sent[] = [];
  const queue = [...steps];
  const fn = vi.fn(async (query: string, options?: { variables?: Record<string, unknown> }) => {
    sent.push({ query, variables: options?.variables });
    const step = queue.shift();
    if (!step) throw new Error(`fake graphql: no scripted answer for call ${sent.length}`);
    if ("throws" in step) throw step.throws;
    return new Response(JSON.stringify(step.body));
  });
  return { graphql: fn as unknown as AdminGraphql, sent };
}

/** A client over scripted answers, with recorded (not real) sleeps and no jitter. */
export function clientFor(steps: Step[], options: Partial<RetryOptions> = {}) {
  const { graphql, sent } = fakeGraphql(steps);
  const sleeps: number[] = [];
  const client = createShopifyClient(graphql, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...options,
  });
  return { client, sent, sleeps };
}

/** A client whose fake answers by operation name (for functions that send several documents at once). */
export function clientByOperation(bodies: Record<string, unknown>) {
  const sent: Sent[] = [];
  const fn = vi.fn(async (query: string, options?: { variables?: Record<string, unknown> }) => {
    sent.push({ query, variables: options?.variables });
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    if (!(name in bodies)) throw new Error(`fake graphql: no answer for ${name}`);
    return new Response(JSON.stringify(bodies[name]));
  });
  const client = createShopifyClient(fn as unknown as AdminGraphql, { sleep: async () => {}, random: () => 0 });
  return { client, sent };
}
