/**
 * Helpers for the admin route tests: the store simulator answers token exchange and Admin
 * GraphQL, each test gets its own simulated shop (so counts are exact), and loaders and
 * actions are called with real Requests carrying an App Bridge session token, as
 * `fetch` from inside Shopify admin sends them.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import prisma from "~/db.server";
import { createSimulator, DEMO_SHOP, STANDARD_PLAN, type Simulator } from "../support/shopify-sim";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";
import { uniqueShop } from "../support/factories";

export { APP_URL };

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
let sim: Simulator | null = null;
const realFetch = globalThis.fetch;
let shopNumber = 900;

/** Starts the simulator and routes *.myshopify.com traffic to it; returns a stop function for afterAll. */
export function useSimulator(): { sim: () => Simulator; stop: () => void } {
  sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
  const current = sim;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname.endsWith(".myshopify.com")) return current.handler(request);
    return realFetch(request);
  };
  return {
    sim: () => current,
    stop: () => {
      globalThis.fetch = realFetch;
    },
  };
}

/**
 * For a route test file: the simulator for the whole file (started before its first test,
 * stopped after the last, with the database connection closed).
 */
export function simulatorForThisFile(): void {
  let stop: (() => void) | null = null;
  beforeAll(() => {
    stop = useSimulator().stop;
  });
  afterAll(async () => {
    stop?.();
    await prisma.$disconnect();
  });
}

/** The simulator of this file (after simulatorForThisFile() or useSimulator()), to look at what Shopify holds. */
export function currentSimulator(): Simulator {
  if (!sim) throw new Error("useSimulator() first");
  return sim;
}

/** A fresh simulated shop (USD and UTC unless told) that no other test uses. */
export function newShop(label = "admin", currencyCode: "USD" | "EUR" = "USD", ianaTimezone = "UTC"): string {
  if (!sim) throw new Error("useSimulator() first");
  const domain = uniqueShop(label);
  shopNumber += 1;
  sim.store.addShop({
    __typename: "Shop",
    id: `gid://shopify/Shop/${shopNumber}`,
    domain,
    name: `Test shop ${label}`,
    email: `owner@${label}.example.com`,
    currencyCode,
    ianaTimezone,
    rateLimit: { ...STANDARD_PLAN },
  });
  return domain;
}

/**
 * A new shop holding its own copy of the demo store's orders, customers and products, for
 * actions that read an order (approving an exchange grants its units): what one test does to
 * its copy never reaches the demo shop or another test's.
 */
export function newShopLikeDemo(label = "admin"): string {
  if (!sim) throw new Error("useSimulator() first");
  const domain = newShop(label);
  const demo = sim.store.shopState(DEMO_SHOP);
  // One structuredClone keeps the references between orders and their nodes inside the copy.
  const copy = structuredClone({ nodes: demo.nodes, orders: demo.orders, customers: demo.customers, products: demo.products, returnReasons: demo.returnReasons });
  Object.assign(sim.store.shopState(domain), copy);
  return domain;
}

type RequestOptions = { method?: "GET" | "POST"; json?: unknown; form?: Record<string, string | string[]>; userId?: number };

/** A request from the embedded admin (App Bridge's fetch: `Authorization: Bearer <session token>`). */
export function adminRequest(shop: string, path: string, options: RequestOptions = {}): Request {
  if (!sim) throw new Error("useSimulator() first");
  const headers = new Headers({ "User-Agent": BROWSER_UA, Authorization: `Bearer ${sim.sessionToken(shop, { userId: options.userId ?? 42 })}` });
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    body = form;
  }
  return new Request(`${APP_URL}${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

type Answer<T> = { status: number; data: T };

function unwrap<T>(result: unknown): Answer<T> {
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
    const withInit = result as unknown as { data: T; init: ResponseInit | null };
    return { status: withInit.init?.status ?? 200, data: withInit.data };
  }
  return { status: 200, data: result as T };
}

/** Calls a loader as Remix does; a thrown Response (404, redirect) is returned as the answer. */
export async function load<T>(loader: (args: LoaderFunctionArgs) => Promise<T>, request: Request, params: Record<string, string> = {}): Promise<Answer<UnwrapData<Awaited<T>>> | Response> {
  try {
    return unwrap<UnwrapData<Awaited<T>>>(await loader({ request, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Calls an action as Remix does; a thrown Response is returned as the answer. */
export async function act<T>(action: (args: ActionFunctionArgs) => Promise<T>, request: Request, params: Record<string, string> = {}): Promise<Answer<UnwrapData<Awaited<T>>> | Response> {
  try {
    return unwrap<UnwrapData<Awaited<T>>>(await action({ request, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type UnwrapData<T> = T extends { data: infer D; init: unknown } ? D : T;

/** Narrows a loader/action answer to its data, failing the test with the status if it was a Response. */
export function ok<T>(answer: Answer<T> | Response): Answer<T> {
  if (answer instanceof Response) throw new Error(`Expected data, got a ${answer.status} Response`);
  return answer;
}
