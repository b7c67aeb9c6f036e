import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { performReturnAction } from "~/returns/actions.server";
import { action as lookupAction } from "~/routes/proxy.lookup";
import { loader as eligibilityLoader } from "~/routes/proxy.orders.$orderId.eligibility";
import { action as returnsAction } from "~/routes/proxy.returns._index";
import type { CreateReturnResponse, EligibilityResponse, LookupResponse } from "~/returns/portal-contract";
import { createShopifyClient, type AdminGraphql } from "~/shopify/client.server";
import { requestReturn } from "~/shopify/returns.server";
import { createSimulator, DEMO_SHOP, EU_SHOP, FIXTURES, type Simulator } from "../support/shopify-sim";
import { ERASE_TIMEOUT_MS, eraseShops } from "../support/erase-shops";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";

// Parallel submits through the real proxy door: signed like Shopify signs them, the app's
// real shopifyApp(), the store simulator as Admin API, and this worker's real database.
let sim: Simulator;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  // This worker's database may hold an earlier file's rows in these shops (policies, rule sets, order mirrors): start from none.
  await eraseShops(DEMO_SHOP, EU_SHOP);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname.endsWith(".myshopify.com")) return sim.handler(request);
    return realFetch(request);
  };
}, ERASE_TIMEOUT_MS);

afterAll(async () => {
  globalThis.fetch = realFetch;
  // A fresh simulator numbers its Shopify returns from 1 again: leave no return holding one to the files after us.
  await eraseShops(DEMO_SHOP, EU_SHOP);
  await prisma.$disconnect();
}, ERASE_TIMEOUT_MS);

// Every test starts from the seeded store and no returns of ours.
beforeEach(async () => {
  sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
  for (const shop of [DEMO_SHOP, EU_SHOP]) {
    // A plan generous enough that Shopify's throttle never spaces the parallel submits out:
    // they reach the database as close together as a flash of real traffic does.
    sim.store.shopState(shop).shop.rateLimit = { restoreRate: 1_000_000, maximumAvailable: 10_000_000, singleQueryMax: 1_000_000 };
    await prisma.moneyMovement.deleteMany({ where: { shop } });
    await prisma.ticket.deleteMany({ where: { shop } });
    await prisma.returnCase.deleteMany({ where: { shop } });
    await prisma.session.upsert({
      where: { id: `offline_${shop}` },
      create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: sim.accessToken(shop), scope: process.env.SCOPES },
      update: { accessToken: sim.accessToken(shop) },
    });
  }
});

type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function call(route: Route, path: string, options: { body?: unknown; token?: string; customerId?: string; store?: string; params?: Record<string, string> } = {}) {
  const url = new URL(`${APP_URL}/proxy${path}`);
  url.searchParams.set("path_prefix", "/apps/aftercare");
  url.searchParams.set("logged_in_customer_id", options.customerId ?? "");
  const headers: Record<string, string> = { "X-Forwarded-For": "203.0.113.200" };
  if (options.token) headers["X-Aftercare-Token"] = options.token;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const unsigned = new Request(url, {
    method: options.body !== undefined ? "POST" : "GET",
    headers,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const store = (options.store ?? DEMO_SHOP).replace(".myshopify.com", "");
  const signed = await setUpValidRequest({ type: RequestType.Public, store, apiSecretKey: API_SECRET_KEY }, unsigned);
  return route({ request: signed, params: options.params ?? {}, context: {} });
}

async function tokenFor(orderNumber: string, email: string, store = DEMO_SHOP): Promise<string> {
  const response = await call(lookupAction as Route, "/lookup", { body: { orderNumber, email }, store });
  expect(response.status).toBe(200);
  return ((await response.json()) as LookupResponse).token;
}

const numeric = (gid: string) => gid.split("/").pop() ?? "";
const teeLine = { lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" };

async function submit(token: string, body: Record<string, unknown>, store = DEMO_SHOP) {
  const response = await call(returnsAction as Route, "/returns", { token, body, store });
  return { status: response.status, body: (await response.json()) as unknown };
}

function tally(statuses: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[String(s)] = (out[String(s)] ?? 0) + 1;
  return out;
}

describe("parallel return requests for the same units", () => {
  it("makes exactly one return from 20 parallel submits of the one-unit tee, each with its own clientKey, and refuses the rest with 409/422", async () => {
    // GIVEN Ava's #1001, whose tee (one unit) nobody has asked to return
    const token = await tokenFor("#1001", "ava.lee@example.com");
    const requestsBefore = sim.store.events.filter((e) => e.type === "return.requested").length;
    // WHEN 20 submits for that unit arrive at once, each from its own form (own clientKey)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit(token, { orderId: FIXTURES.order1001.id, resolution: "store_credit", lines: [teeLine], clientKey: `ck_race_${i}_${Date.now().toString(36)}` }),
      ),
    );
    // THEN one return holds the unit, in Aftercare and in Shopify
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500), JSON.stringify(tally(statuses))).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 422)).toHaveLength(19);
    expect(await prisma.returnCase.count({ where: { shop: DEMO_SHOP, orderId: FIXTURES.order1001.id } })).toBe(1);
    expect(sim.store.events.filter((e) => e.type === "return.requested").length).toBe(requestsBefore + 1);
    // AND each refusal says why in words, as JSON
    for (const refused of results.filter((r) => r.status !== 201)) {
      expect(refused.body).toMatchObject({ error: { code: expect.stringMatching(/^(conflict|invalid)$/), message: expect.stringContaining("Classic Tee (M)") } });
    }
  });

  it("approves one exchange, not five, when five parallel exchanges each ask for both units of a two-unit EU line", async () => {
    // GIVEN an EU order delivered recently with a line of two units that can be exchanged
    const candidate = await findTwoUnitExchangeLine();
    const bodies = Array.from({ length: 5 }, (_, i) => ({
      orderId: candidate.orderId,
      resolution: "exchange",
      lines: [{ lineItemId: candidate.lineItemId, quantity: 2, reasonCode: "size_too_small", exchangeVariantId: candidate.exchangeVariantId }],
      clientKey: `ck_eu_${i}_${Date.now().toString(36)}`,
    }));
    // WHEN five exchanges of both units are submitted at once
    const results = await Promise.all(bodies.map((body) => submit(candidate.token, body, EU_SHOP)));
    // THEN one exchange is approved and holds the two units; the other four are refused
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500), JSON.stringify(tally(statuses))).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 422)).toHaveLength(4);
    const held = await prisma.returnLine.aggregate({
      where: { shop: EU_SHOP, orderLineItemId: candidate.lineItemId, returnCase: { status: { notIn: ["canceled", "declined"] } } },
      _sum: { quantityRequested: true },
    });
    expect(held._sum.quantityRequested).toBe(2);
    const approved = await prisma.returnCase.count({ where: { shop: EU_SHOP, orderId: candidate.orderId, status: "approved" } });
    expect(approved).toBe(1);
  });

  it("refuses to approve an exchange whose units a return made in Shopify meanwhile took, with 409 in words", async () => {
    // GIVEN an exchange of Ava's tee held for review (Shopify has not heard of it)…
    const token = await tokenFor("#1001", "ava.lee@example.com");
    const eligibility = (await (
      await call(eligibilityLoader as Route, `/orders/${numeric(FIXTURES.order1001.id)}/eligibility`, { token, params: { orderId: numeric(FIXTURES.order1001.id) } })
    ).json()) as EligibilityResponse;
    const sizeL = eligibility.lines[0]?.exchangeOptions.find((o) => o.title === "L");
    const created = await submit(token, {
      orderId: FIXTURES.order1001.id,
      resolution: "exchange",
      lines: [{ ...teeLine, exchangeVariantId: sizeL?.variantId }],
      clientKey: `ck_hold_${Date.now().toString(36)}`,
    });
    expect(created.status).toBe(201);
    const returnId = (created.body as CreateReturnResponse).returnId;
    await prisma.returnCase.update({ where: { id: returnId }, data: { status: "needs_review" } });
    // …AND the same unit since returned through Shopify directly (customer accounts): Shopify
    // allowed it, because no Shopify return held the unit for the exchange
    const client = simClient(DEMO_SHOP);
    await requestReturn(client, {
      orderId: FIXTURES.order1001.id,
      lines: [{ fulfillmentLineItemId: FIXTURES.order1001.tee.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: null, customerNote: null, restockingFeePercentage: null }],
      returnShippingFee: null,
    });
    // WHEN an agent approves the exchange
    const approving = performReturnAction(DEMO_SHOP, returnId, { intent: "approve" }, "staff:1", { client });
    // THEN it is refused: granting it would return the tee twice
    await expect(approving).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Classic Tee") });
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: returnId } })).status).toBe("needs_review");
  });
});

describe("a clientKey presented again", () => {
  it("answers the same return to its own shopper, and a 409 that reveals nothing to another customer or another order's token", async () => {
    // GIVEN Ava, signed in, made a return of her tee with a clientKey
    const ava = numeric(FIXTURES.ava.id);
    const noah = numeric(FIXTURES.noah.id);
    const clientKey = `ck_mine_${Date.now().toString(36)}`;
    const body = { orderId: FIXTURES.order1001.id, resolution: "store_credit", lines: [teeLine], clientKey };
    const first = await call(returnsAction as Route, "/returns", { customerId: ava, body });
    expect(first.status).toBe(201);
    const mine = (await first.json()) as CreateReturnResponse;
    // WHEN Ava sends it again, THEN she gets the same return
    const again = await call(returnsAction as Route, "/returns", { customerId: ava, body });
    expect(again.status).toBe(201);
    expect(((await again.json()) as CreateReturnResponse).returnId).toBe(mine.returnId);
    // WHEN Noah (signed in) presents Ava's key, for her order or for his own
    const expected = { error: { code: "conflict", message: "This request can't be sent again from here. Reload the page and start a new return request." } };
    for (const orderId of [FIXTURES.order1001.id, FIXTURES.order1003.id]) {
      const stolen = await call(returnsAction as Route, "/returns", { customerId: noah, body: { ...body, orderId } });
      // THEN he learns nothing of it: no id, no status, no quote
      expect(stolen.status).toBe(409);
      expect(await stolen.json()).toEqual(expected);
    }
    // AND a guest holding another order's token fares the same
    const otherToken = await tokenFor("#1002", "ava.lee@example.com");
    const guest = await call(returnsAction as Route, "/returns", { token: otherToken, body: { ...body, orderId: FIXTURES.order1002.id } });
    expect(guest.status).toBe(409);
    expect(await guest.json()).toEqual(expected);
    // AND nothing was created or resumed for them
    expect(await prisma.returnCase.count({ where: { shop: DEMO_SHOP } })).toBe(1);
  });
});

function simClient(shop: string) {
  return createShopifyClient((async (query: string, options?: { variables?: Record<string, unknown> }) => {
    const { body } = await sim.graphql(shop, query, options?.variables ?? {});
    return new Response(JSON.stringify(body));
  }) as unknown as AdminGraphql);
}

/** An EU order, delivered and in its window, with a two-unit line the shopper may exchange for another size. */
async function findTwoUnitExchangeLine() {
  const state = sim.store.shopState(EU_SHOP);
  for (const order of state.orders) {
    if (!order.customerId || !order.lineItems.some((l) => l.quantity === 2) || order.fulfillments.length === 0) continue;
    const token = await tokenFor(order.name, order.email ?? "", EU_SHOP);
    const response = await call(eligibilityLoader as Route, `/orders/${numeric(order.id)}/eligibility`, { token, store: EU_SHOP, params: { orderId: numeric(order.id) } });
    const eligibility = (await response.json()) as EligibilityResponse;
    const line = eligibility.lines.find((l) => l.returnableQuantity === 2 && l.exchangeOptions.some((o) => o.available >= 2));
    const option = line?.exchangeOptions.find((o) => o.available >= 2);
    if (line && option) return { token, orderId: order.id, lineItemId: line.id, exchangeVariantId: option.variantId };
  }
  throw new Error("The EU seed has no delivered order with an exchangeable two-unit line");
}
