/**
 * Mirroring Shopify returns, end to end against the store simulator: a return is made or
 * changed "in Shopify admin" with the simulator's own mutations, the simulator sends the
 * returns/* webhooks it is subscribed to (shopify.app.toml) to the app's routes, signed, and
 * the worker processes the inbox with the real handlers, which read the return back through
 * the gateway.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { TOPIC_HANDLERS, type TopicHandlers } from "~/automation/handlers/index.server";
import { shopifyReturnHandlers } from "~/automation/handlers/shopify-returns.server";
import { processDueEvents } from "~/automation/worker.server";
import { performReturnAction } from "~/returns/actions.server";
import { reasonCodeFor } from "~/returns/mirror.server";
import { action as returnsApprove } from "~/routes/webhooks.returns.approve";
import { action as returnsCancel } from "~/routes/webhooks.returns.cancel";
import { action as returnsClose } from "~/routes/webhooks.returns.close";
import { action as returnsDecline } from "~/routes/webhooks.returns.decline";
import { action as returnsProcess } from "~/routes/webhooks.returns.process";
import { action as returnsReopen } from "~/routes/webhooks.returns.reopen";
import { action as returnsRequest } from "~/routes/webhooks.returns.request";
import { createShopifyClient, type AdminGraphql, type ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyUnavailableError } from "~/shopify/errors";
import { API_SECRET_KEY, APP_URL, callAction, uniqueShop, webhookRequest } from "../../support/shopify-app";
import { createSimulator, DEMO_SHOP, EU_SHOP, FIXTURES, type Simulator } from "../../support/shopify-sim";
import { dig, str } from "../../support/json";

afterAll(async () => {
  await prisma.$disconnect();
});

const ROUTES: Record<string, (args: ActionFunctionArgs) => Promise<Response>> = {
  "/webhooks/returns/request": returnsRequest,
  "/webhooks/returns/approve": returnsApprove,
  "/webhooks/returns/decline": returnsDecline,
  "/webhooks/returns/cancel": returnsCancel,
  "/webhooks/returns/close": returnsClose,
  "/webhooks/returns/reopen": returnsReopen,
  "/webhooks/returns/process": returnsProcess,
};

const o = FIXTURES.order1001;
const AGENT = "staff:7";

type World = {
  shop: string;
  sim: Simulator;
  client: ShopifyAdminClient;
  /** What the handlers and the worker logged. */
  logs: string[];
  handlers: TopicHandlers;
  /** Waits for the simulator's deliveries, then runs the worker once the settling delay is over. */
  process: () => Promise<Awaited<ReturnType<typeof processDueEvents>>>;
  /** Holds the deliveries of these topics back (the network is slow for them) until `release`. */
  hold: (...topics: string[]) => void;
  release: () => Promise<void>;
  /** Runs a document against the simulated store, as Shopify admin or another app would. */
  gql: (query: string, variables?: Record<string, unknown>, shop?: string) => Promise<unknown>;
};

/**
 * A simulated store (aftercare-demo) wired to the app's webhook routes. Each test is its own
 * shop in our database, so deliveries carry that shop's domain (the HMAC covers the body only).
 */
function world(label: string, clientFor?: (client: ShopifyAdminClient) => Promise<ShopifyAdminClient | null>): World {
  const shop = uniqueShop(label);
  const logs: string[] = [];
  const holding = new Set<string>();
  const held: { action: (args: ActionFunctionArgs) => Promise<Response>; request: Request }[] = [];
  let installed: Promise<unknown> | undefined;
  const sim = createSimulator({
    seed: { bulkOrders: 5 },
    appUrl: APP_URL,
    apiSecret: API_SECRET_KEY,
    retryDelaysMs: [],
    fetch: async (request) => {
      const action = ROUTES[new URL(request.url).pathname];
      if (!action) return new Response(null, { status: 404 });
      // The EU store's webhooks belong to another installation, not to this test's shop.
      if (request.headers.get("X-Shopify-Shop-Domain") !== DEMO_SHOP) return new Response();
      const headers = new Headers(request.headers);
      headers.set("X-Shopify-Shop-Domain", shop);
      const delivery = new Request(request.url, { method: "POST", headers, body: await request.text() });
      // The test's shop is installed here: the routes record only the webhooks of shops Aftercare knows.
      installed ??= prisma.shop.upsert({ where: { shop }, create: { shop }, update: {} });
      await installed;
      if (holding.has(request.headers.get("X-Shopify-Topic") ?? "")) {
        held.push({ action, request: delivery });
        return new Response();
      }
      return callAction(action, delivery);
    },
  });
  const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) => {
    const { body } = await sim.graphql(DEMO_SHOP, query, options?.variables ?? {});
    return new Response(JSON.stringify(body));
  };
  const client = createShopifyClient(graphql as unknown as AdminGraphql, { sleep: async () => {}, random: () => 0 });
  const handlers: TopicHandlers = {
    ...TOPIC_HANDLERS,
    ...shopifyReturnHandlers({ clientFor: async () => (clientFor ? clientFor(client) : client), log: (line) => logs.push(line) }),
  };
  return {
    shop,
    sim,
    client,
    logs,
    handlers,
    process: async () => {
      await sim.webhooks.idle();
      return processDueEvents({ shop, handlers, now: new Date(Date.now() + 60_000), log: (line) => logs.push(line) });
    },
    hold: (...topics) => topics.forEach((topic) => holding.add(topic)),
    release: async () => {
      await sim.webhooks.idle();
      holding.clear();
      for (const { action, request } of held.splice(0)) expect((await callAction(action, request)).status).toBe(200);
    },
    gql: async (query, variables = {}, inShop = DEMO_SHOP) => (await sim.graphql(inShop, query, variables)).body,
  };
}


async function reasonId(w: World, handle: string): Promise<string> {
  const nodes = dig(await w.gql(`{ returnReasonDefinitions(first: 20) { nodes { id handle } } }`), "data", "returnReasonDefinitions", "nodes");
  return str(dig((Array.isArray(nodes) ? nodes : []).find((n) => dig(n, "handle") === handle), "id"));
}

type ShopifyLine = { fulfillmentLineItemId: string; quantity: number; returnReasonDefinitionId?: string; customerNote?: string };

/** returnRequest, as a merchant requests a return in Shopify admin (or a customer in their account). */
async function requestInShopify(w: World, lines: ShopifyLine[], orderId: string = o.id, shop = DEMO_SHOP): Promise<string> {
  const body = await w.gql(
    `mutation Request($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`,
    { input: { orderId, returnLineItems: lines } },
    shop,
  );
  return str(dig(body, "data", "returnRequest", "return", "id"));
}

async function inShopify(w: World, mutation: "returnApproveRequest" | "returnDeclineRequest" | "returnCancel" | "returnClose" | "returnReopen", id: string, note?: string) {
  const documents = {
    returnApproveRequest: `mutation M($id: ID!) { returnApproveRequest(input: { id: $id }) { return { status } userErrors { message } } }`,
    returnDeclineRequest: `mutation M($id: ID!, $note: String) { returnDeclineRequest(input: { id: $id, declineReason: OTHER, declineNote: $note }) { return { status } userErrors { message } } }`,
    returnCancel: `mutation M($id: ID!) { returnCancel(id: $id) { return { status } userErrors { message } } }`,
    returnClose: `mutation M($id: ID!) { returnClose(id: $id) { return { status } userErrors { message } } }`,
    returnReopen: `mutation M($id: ID!) { returnReopen(id: $id) { return { status } userErrors { message } } }`,
  };
  const body = await w.gql(documents[mutation], { id, ...(note ? { note } : {}) });
  expect(dig(body, "data", mutation, "userErrors")).toEqual([]);
}

async function shopifyReturn(w: World, id: string): Promise<{ status: string; requestApprovedAt: string | null; name: string }> {
  const body = await w.gql(`query R($id: ID!) { return(id: $id) { name status requestApprovedAt } }`, { id });
  return { name: str(dig(body, "data", "return", "name")), status: str(dig(body, "data", "return", "status")), requestApprovedAt: (dig(body, "data", "return", "requestApprovedAt") as string | null) ?? null };
}

/** A return Aftercare made itself (the portal or the admin), linked to a Shopify return or not yet. */
async function aftercareReturn(shop: string, seed: { status: string; shopifyReturnId: string | null; mug?: boolean; receivedAt?: Date; resolvedAt?: Date }) {
  return prisma.returnCase.create({
    data: {
      shop,
      status: seed.status,
      channel: "portal",
      resolution: "refund",
      orderId: o.id,
      orderName: o.name,
      customerId: FIXTURES.ava.id,
      currencyCode: "USD",
      decision: [],
      shopifyReturnId: seed.shopifyReturnId,
      shopifyReturnName: seed.shopifyReturnId ? "#1001-R1" : null,
      approvedAt: seed.status === "needs_review" || seed.status === "requested" ? null : new Date(),
      receivedAt: seed.receivedAt ?? null,
      resolvedAt: seed.resolvedAt ?? null,
      lines: {
        create: [
          { shop, orderLineItemId: o.tee.lineItemId, title: "Classic Tee", unitPriceMinor: 2500n, unitTaxMinor: 200n, quantityRequested: 1, reasonCode: "size_too_small", photos: [] },
          ...(seed.mug
            ? [{ shop, orderLineItemId: o.mug.lineItemId, title: "Ceramic Mug", unitPriceMinor: 1800n, unitTaxMinor: 144n, quantityRequested: 1, reasonCode: "damaged", photos: [] }]
            : []),
        ],
      },
    },
  });
}

async function auditOf(shop: string) {
  const events = await prisma.auditEvent.findMany({ where: { shop }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return events.map((e) => ({ actor: e.actor, action: e.action }));
}

async function casesOf(shop: string) {
  return prisma.returnCase.findMany({ where: { shop }, include: { lines: { orderBy: [{ title: "desc" }] } } });
}

describe("returns made in Shopify admin", () => {
  it("appear in Aftercare with their lines, reasons, order, customer and channel shopify — and nothing is paid", async () => {
    // GIVEN a merchant requesting a return of #1001's tee and mug in Shopify admin
    const w = world("mirror-new");
    const shopifyReturnId = await requestInShopify(w, [
      { fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: await reasonId(w, "size-too-small"), customerNote: "Tight on the shoulders" },
      { fulfillmentLineItemId: o.mug.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: await reasonId(w, "defective") },
    ]);
    // WHEN Shopify's returns/request reaches the app and the worker runs
    const result = await w.process();
    // THEN one ReturnCase mirrors it: Shopify's status, lines with our reason codes and prices, no policy, no money
    expect(result).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    const [rc, ...others] = await casesOf(w.shop);
    expect(others).toEqual([]);
    expect(rc).toMatchObject({
      status: "requested",
      channel: "shopify",
      resolution: "refund",
      orderId: o.id,
      orderName: "#1001",
      customerId: FIXTURES.ava.id,
      customerName: "Ava Lee",
      customerEmail: FIXTURES.ava.email,
      currencyCode: "USD",
      shopifyReturnId,
      shopifyReturnName: (await shopifyReturn(w, shopifyReturnId)).name,
      policyVersion: null,
      refundAmountMinor: 0n,
      storeCreditAmountMinor: 0n,
      approvedAt: null,
    });
    expect(rc?.lines.map((l) => [l.title, l.variantTitle, l.quantityRequested, l.reasonCode, l.unitPriceMinor, l.unitTaxMinor, l.note, l.orderLineItemId])).toEqual([
      ["Classic Tee", "M", 1, "size_too_small", 2500n, 200n, "Tight on the shoulders", o.tee.lineItemId],
      ["Ceramic Mug", null, 1, "damaged", 1800n, 144n, null, o.mug.lineItemId],
    ]);
    expect(await prisma.moneyMovement.count({ where: { shop: w.shop } })).toBe(0);
    expect(await prisma.ticket.count({ where: { shop: w.shop } })).toBe(0);
    expect(await auditOf(w.shop)).toEqual([{ actor: "webhook", action: "return.mirrored" }]);
    expect(w.logs).toEqual([]);
  });

  it("follows a decline made in Shopify admin, keeping the merchant's note for the shopper", async () => {
    // GIVEN a mirrored request
    const w = world("mirror-decline");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    await w.process();
    // WHEN the merchant declines it in Shopify admin
    await inShopify(w, "returnDeclineRequest", shopifyReturnId, "Worn items cannot be returned.");
    const result = await w.process();
    // THEN it is declined here too, by Shopify, with the note as the reason
    expect(result.processed).toBe(1);
    const [rc] = await casesOf(w.shop);
    expect(rc).toMatchObject({ status: "declined", declineReason: "Worn items cannot be returned." });
    expect(rc?.declinedAt).toBeInstanceOf(Date);
    expect(await auditOf(w.shop)).toEqual([
      { actor: "webhook", action: "return.mirrored" },
      { actor: "webhook", action: "return.declined" },
    ]);
  });

  it("ends approved when returns/request is processed after returns/approve, each delivered twice", async () => {
    // GIVEN Shopify repeating every delivery, and the request's deliveries held back on the way
    const w = world("mirror-order");
    w.sim.webhooks.duplicates = true;
    w.hold("returns/request");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.mug.fulfillmentLineItemId, quantity: 1 }]);
    await inShopify(w, "returnApproveRequest", shopifyReturnId);
    // WHEN the approval is processed first, and the late request after it
    const first = await w.process();
    await w.release();
    const second = await w.process();
    // THEN each event ran once despite the duplicates, and the return is approved, mirrored once
    expect([first, second]).toEqual([
      { claimed: 1, processed: 1, retrying: 0, dead: 0 },
      { claimed: 1, processed: 1, retrying: 0, dead: 0 },
    ]);
    expect(await prisma.webhookEvent.count({ where: { shop: w.shop } })).toBe(2);
    const cases = await casesOf(w.shop);
    expect(cases.map((rc) => [rc.status, rc.shopifyReturnId])).toEqual([["approved", shopifyReturnId]]);
    expect(cases[0]?.approvedAt?.toISOString()).toBe((await shopifyReturn(w, shopifyReturnId)).requestApprovedAt);
    expect(await auditOf(w.shop)).toEqual([{ actor: "webhook", action: "return.mirrored" }]);
  });

  it("ends where Shopify stands with the simulator delivering newest first, twice, in one batch", async () => {
    // GIVEN Shopify's out-of-order and duplicate switches, and a request approved then closed
    const w = world("mirror-shuffle");
    w.sim.webhooks.outOfOrder = true;
    w.sim.webhooks.duplicates = true;
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    await inShopify(w, "returnApproveRequest", shopifyReturnId);
    await inShopify(w, "returnClose", shopifyReturnId);
    // WHEN everything arrived and the worker runs
    const result = await w.process();
    // THEN three events, six deliveries, one closed return
    expect(w.sim.webhooks.log.filter((d) => d.status === 200)).toHaveLength(6);
    expect(result).toEqual({ claimed: 3, processed: 3, retrying: 0, dead: 0 });
    expect((await casesOf(w.shop)).map((rc) => rc.status)).toEqual(["closed"]);
    expect(await auditOf(w.shop)).toEqual([{ actor: "webhook", action: "return.mirrored" }]);
  });

  it("follows a close and a reopen in Shopify admin", async () => {
    // GIVEN a return approved in Shopify admin and mirrored
    const w = world("mirror-reopen");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    await inShopify(w, "returnApproveRequest", shopifyReturnId);
    await w.process();
    // WHEN the merchant closes it, and later reopens it
    await inShopify(w, "returnClose", shopifyReturnId);
    await w.process();
    const closed = (await casesOf(w.shop))[0];
    await inShopify(w, "returnReopen", shopifyReturnId);
    await w.process();
    // THEN it was closed here, then open again as approved, its closing date gone
    expect(closed).toMatchObject({ status: "closed" });
    expect(closed?.closedAt).toBeInstanceOf(Date);
    expect(await casesOf(w.shop)).toMatchObject([{ status: "approved", closedAt: null }]);
    expect(await auditOf(w.shop)).toEqual([
      { actor: "webhook", action: "return.mirrored" },
      { actor: "webhook", action: "return.closed" },
      { actor: "webhook", action: "return.approved" },
    ]);
  });
});

describe("returns Aftercare already has", () => {
  it("add no audit event when Shopify echoes Aftercare's own request and approval", async () => {
    // GIVEN a portal request in review, requested in Shopify by Aftercare itself
    const w = world("echo");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    const rc = await aftercareReturn(w.shop, { status: "needs_review", shopifyReturnId });
    await w.process();
    // WHEN an agent approves it in Aftercare (which approves it in Shopify), and the echo arrives
    await performReturnAction(w.shop, rc.id, { intent: "approve" }, AGENT, { client: w.client });
    const result = await w.process();
    // THEN the echoes were processed and changed nothing: one approval, by the agent
    expect(result).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    expect(w.sim.webhooks.log.map((d) => d.topic).filter((topic) => topic.startsWith("returns/"))).toEqual(["returns/request", "returns/approve"]);
    expect(await auditOf(w.shop)).toEqual([{ actor: AGENT, action: "return.approved" }]);
    expect(await casesOf(w.shop)).toMatchObject([{ id: rc.id, status: "approved", channel: "portal" }]);
    expect(w.logs).toEqual([]);
  });

  it("go back where Aftercare had brought them when Shopify reopens them, never behind", async () => {
    // GIVEN a return Aftercare received and resolved, open in Shopify
    const w = world("resolved");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    await inShopify(w, "returnApproveRequest", shopifyReturnId);
    const resolvedAt = new Date("2026-01-10T12:00:00.000Z");
    const rc = await aftercareReturn(w.shop, { status: "resolved", shopifyReturnId, receivedAt: new Date("2026-01-09T12:00:00.000Z"), resolvedAt });
    await w.process();
    // WHEN the merchant closes it in Shopify, then reopens it
    await inShopify(w, "returnClose", shopifyReturnId);
    await w.process();
    const closed = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop: w.shop } });
    await inShopify(w, "returnReopen", shopifyReturnId);
    await w.process();
    // THEN closed, then resolved again (not approved), its resolution date kept
    expect(closed.status).toBe("closed");
    expect(await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop: w.shop } })).toMatchObject({ status: "resolved", resolvedAt, closedAt: null });
    expect(await auditOf(w.shop)).toEqual([
      { actor: "webhook", action: "return.closed" },
      { actor: "webhook", action: "return.resolved" },
    ]);
  });

  it("stay received when Shopify cancels them, say why, and touch no money", async () => {
    // GIVEN a return whose items Aftercare received, still OPEN in Shopify, with a payment on its way
    const w = world("drift");
    const shopifyReturnId = await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    await inShopify(w, "returnApproveRequest", shopifyReturnId);
    const rc = await aftercareReturn(w.shop, { status: "received", shopifyReturnId, receivedAt: new Date() });
    await prisma.moneyMovement.create({
      data: { shop: w.shop, returnCaseId: rc.id, orderId: o.id, kind: "refund", amountMinor: 2700n, currencyCode: "USD", idempotencyKey: `k-${rc.id}`, actor: AGENT },
    });
    await w.process();
    // WHEN the merchant cancels it in Shopify admin
    await inShopify(w, "returnCancel", shopifyReturnId);
    const result = await w.process();
    // THEN Aftercare keeps it received, writes nothing, and the log says so
    expect(result.processed).toBe(1);
    expect(await casesOf(w.shop)).toMatchObject([{ status: "received" }]);
    expect(await auditOf(w.shop)).toEqual([]);
    expect(await prisma.moneyMovement.findMany({ where: { shop: w.shop }, select: { status: true, amountMinor: true } })).toEqual([{ status: "pending", amountMinor: 2700n }]);
    expect(w.logs).toEqual([expect.stringContaining(`Shopify return ${shopifyReturnId} is CANCELED, but return ${rc.id} is received in Aftercare`)]);
  });

  it("link one of Aftercare's own returns whose Shopify id was lost, instead of mirroring it twice", async () => {
    // GIVEN a portal request whose returnRequest reached Shopify but whose answer was lost
    const w = world("orphan");
    const rc = await aftercareReturn(w.shop, { status: "needs_review", shopifyReturnId: null, mug: true });
    const shopifyReturnId = await requestInShopify(w, [
      { fulfillmentLineItemId: o.mug.fulfillmentLineItemId, quantity: 1 },
      { fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 },
    ]);
    // WHEN its returns/request is processed
    await w.process();
    // THEN that return now carries the Shopify ids; no second return exists
    const cases = await casesOf(w.shop);
    expect(cases.map((c) => [c.id, c.channel, c.status, c.shopifyReturnId])).toEqual([[rc.id, "portal", "needs_review", shopifyReturnId]]);
    expect(cases[0]?.lines.every((l) => l.shopifyReturnLineItemId !== null)).toBe(true);
    expect(await auditOf(w.shop)).toEqual([{ actor: "webhook", action: "return.linked" }]);
  });
});

describe("what is not mirrored", () => {
  it("another shop's return id: nothing happens here, and that shop's copy is left alone", async () => {
    // GIVEN a return of the EU store, which another Aftercare shop has mirrored
    const w = world("foreign");
    const orders = dig(
      await w.gql(`{ orders(first: 10) { nodes { id fulfillments(first: 1) { fulfillmentLineItems(first: 1) { nodes { id } } } } } }`, {}, EU_SHOP),
      "data",
      "orders",
      "nodes",
    );
    const order = (Array.isArray(orders) ? orders : []).find((n) => typeof dig(n, "fulfillments", 0, "fulfillmentLineItems", "nodes", 0, "id") === "string");
    const foreignId = await requestInShopify(w, [{ fulfillmentLineItemId: str(dig(order, "fulfillments", 0, "fulfillmentLineItems", "nodes", 0, "id")), quantity: 1 }], str(dig(order, "id")), EU_SHOP);
    const otherShop = uniqueShop("eu-owner");
    const theirs = await aftercareReturn(otherShop, { status: "needs_review", shopifyReturnId: foreignId });
    // WHEN our (installed) shop receives a signed returns/approve naming that return
    await prisma.shop.upsert({ where: { shop: w.shop }, create: { shop: w.shop }, update: {} });
    await callAction(returnsApprove, webhookRequest({ topic: "returns/approve", shop: w.shop, payload: { id: Number(foreignId.split("/").pop()), admin_graphql_api_id: foreignId } }));
    const result = await w.process();
    // THEN the event is done (no retry loop), nothing is created here, the other shop's return is as it was
    expect(result).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    expect(await casesOf(w.shop)).toEqual([]);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ shop: otherShop, status: "needs_review" });
    expect(await prisma.auditEvent.count({ where: { shop: { in: [w.shop, otherShop] } } })).toBe(0);
    expect(w.logs).toEqual([expect.stringContaining(`Shopify has no return ${foreignId} for this shop`)]);
  });

  it("a shop that uninstalled: logged and done, without calling Shopify", async () => {
    // GIVEN a shop without an offline session
    const w = world("gone", async () => null);
    await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    // WHEN
    const result = await w.process();
    // THEN
    expect(result.processed).toBe(1);
    expect(await casesOf(w.shop)).toEqual([]);
    expect(w.logs).toEqual([expect.stringContaining("the shop has no offline session")]);
  });

  it("Shopify unavailable: the worker retries later and nothing is written", async () => {
    // GIVEN Shopify answering nothing but 503s
    const down: ShopifyAdminClient = {
      request: async () => {
        throw new ShopifyUnavailableError("GetShopifyReturn", "server_error", 4, "HTTP 503");
      },
    };
    const w = world("down", async () => down);
    await requestInShopify(w, [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }]);
    // WHEN
    const result = await w.process();
    // THEN
    expect(result).toEqual({ claimed: 1, processed: 0, retrying: 1, dead: 0 });
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { shop: w.shop } })).toMatchObject({ status: "failed", attempts: 1 });
    expect(await casesOf(w.shop)).toEqual([]);
  });
});

describe("reason codes of mirrored lines", () => {
  it("uses ours where the portal maps Shopify's reason, else the reason's own handle as a code", () => {
    // GIVEN / WHEN / THEN
    expect(reasonCodeFor("defective")).toBe("damaged");
    expect(reasonCodeFor("unwanted")).toBe("changed_mind");
    expect(reasonCodeFor("size-too-small")).toBe("size_too_small");
    expect(reasonCodeFor("arrived-too-late")).toBe("arrived_too_late");
    expect(reasonCodeFor("Color")).toBe("color");
    expect(reasonCodeFor(null)).toBe("other");
    expect(reasonCodeFor("--")).toBe("other");
    expect(reasonCodeFor("2-late")).toBe("other");
  });
});
