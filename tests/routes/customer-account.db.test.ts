import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { loader as proxyEligibility } from "~/routes/proxy.orders.$orderId.eligibility";
import { action as proxyQuote } from "~/routes/proxy.quote";
import { action as proxyLookup } from "~/routes/proxy.lookup";
import { loader as eligibilityLoader } from "~/routes/customer-account.orders.$orderId.eligibility";
import { loader as orderTicketsLoader } from "~/routes/customer-account.orders.$orderId.tickets";
import { loader as ordersLoader } from "~/routes/customer-account.orders._index";
import { action as photosAction } from "~/routes/customer-account.photos";
import { action as quoteAction, loader as quotePreflight } from "~/routes/customer-account.quote";
import { loader as statusLoader } from "~/routes/customer-account.returns.$returnId";
import { action as returnsAction } from "~/routes/customer-account.returns._index";
import { action as ticketsAction } from "~/routes/customer-account.tickets";
import { action as replyAction } from "~/routes/customer-account.tickets.$ticketId.messages";
import { action as ratingAction } from "~/routes/customer-account.tickets.$ticketId.rating";
import type { CreateReturnResponse, EligibilityResponse, OrdersResponse, PortalTicket, Quote, ReturnStatusResponse, TicketResponse, TicketsResponse } from "~/returns/portal-contract";
import { transitionTicket } from "~/tickets/tickets.server";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { API_SECRET_KEY, APP_URL, uniqueShop } from "../support/shopify-app";
import { customerAccountRequest, customerAccountToken, preflightRequest, type CustomerAccountRequestOptions } from "../support/customer-account";
import { startDoorSimulator, stopDoorSimulator } from "../support/door-simulator";

// The customer-accounts door end to end: session tokens signed as Shopify signs a customer
// account extension's, the app's real shopifyApp(), and the store simulator as Admin API.

beforeAll(async () => {
  await startDoorSimulator();
});

afterAll(stopDoorSimulator);

type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const numeric = (gid: string) => gid.split("/").pop() ?? "";
const ORDER_1001 = numeric(FIXTURES.order1001.id);
const teeLine = { lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" };
const UNAUTHORIZED = { error: { code: "unauthorized", message: "This request could not be verified. Please reload the page and try again." } };

const avaToken = () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id });
const noahToken = () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.noah.id });

/** Calls a route as Remix does: a thrown Response is the answer. */
async function call(route: unknown, path: string, options: CustomerAccountRequestOptions & { params?: Record<string, string> } = {}): Promise<Response> {
  const { params, ...init } = options;
  try {
    return await (route as Route)({ request: customerAccountRequest(path, init), params: params ?? {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function expectCors(response: Response): void {
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
}

/** The same question on the app proxy, as Ava signed in to the online store asks it. */
async function viaProxy(route: unknown, path: string, body?: unknown, params: Record<string, string> = {}): Promise<Response> {
  const url = new URL(`${APP_URL}/proxy${path}`);
  url.searchParams.set("path_prefix", "/apps/aftercare");
  url.searchParams.set("logged_in_customer_id", numeric(FIXTURES.ava.id));
  const unsigned = new Request(url, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const signed = await setUpValidRequest({ type: RequestType.Public, store: DEMO_SHOP.replace(".myshopify.com", ""), apiSecretKey: API_SECRET_KEY }, unsigned);
  return (route as Route)({ request: signed, params, context: {} });
}

describe("the session token", () => {
  it("lists the signed-in customer's own orders, from the token alone, with CORS headers and no caching", async () => {
    // GIVEN Ava signed in to customer accounts
    const token = await avaToken();
    // WHEN the extension asks for her orders
    const response = await call(ordersLoader, "/orders", { token });
    // THEN her orders, never Noah's
    expect(response.status).toBe(200);
    expectCors(response);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const names = ((await response.json()) as OrdersResponse).orders.map((o) => o.name);
    expect(names).toContain("#1001");
    expect(names).not.toContain("#1003");
  });

  it.each([
    ["no token", async () => null],
    ["an expired token", () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id, expiresIn: -60 })],
    ["a token not valid for another hour", () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id, notBefore: 3600, expiresIn: 7200 })],
    ["a token signed with another app's secret", () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id, secret: "another-apps-secret" })],
    ["a token for another app (aud)", () => customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id, apiKey: "anotherAppsApiKey" })],
    ["a token of a shop that never installed the app", () => customerAccountToken({ shop: uniqueShop("not-installed"), customerId: FIXTURES.ava.id })],
    ["a token without a customer (nobody signed in)", () => customerAccountToken({ shop: DEMO_SHOP, customerId: null })],
    ["a token whose subject is not a customer", () => customerAccountToken({ shop: DEMO_SHOP, customerId: "gid://shopify/StaffMember/1" })],
    ["not a token", async () => "definitely-not-a-jwt"],
  ])("refuses %s with 401, the contract's error and the CORS headers, and writes nothing", async (_name, makeToken) => {
    // GIVEN
    const token = await makeToken();
    const before = await prisma.returnCase.count();
    // WHEN a read and a write are tried with it
    const read = await call(eligibilityLoader, `/orders/${ORDER_1001}/eligibility`, { token, params: { orderId: ORDER_1001 } });
    const write = await call(returnsAction, "/returns", { token, body: { orderId: FIXTURES.order1001.id, resolution: "refund", clientKey: `ck_${crypto.randomUUID()}`, lines: [teeLine] } });
    // THEN both are 401 in the contract's words, readable cross-origin
    for (const response of [read, write]) {
      expect(response.status).toBe(401);
      expectCors(response);
      expect(await response.json()).toEqual(UNAUTHORIZED);
    }
    expect(await prisma.returnCase.count()).toBe(before);
  });

  it("takes the shop from the token only: a token of the EU shop reads the EU shop's orders, whatever the URL says", async () => {
    // GIVEN Ava's token of the EU shop, sent with a `shop` parameter naming the demo shop
    const token = await customerAccountToken({ shop: EU_SHOP, customerId: FIXTURES.ava.id });
    // WHEN
    const request = customerAccountRequest(`/orders/${ORDER_1001}/eligibility?shop=${DEMO_SHOP}`, { token });
    const response = await (eligibilityLoader as Route)({ request, params: { orderId: ORDER_1001 }, context: {} });
    // THEN the demo shop's #1001 is not found in the EU shop
    expect(response.status).toBe(404);
  });
});

describe("the preflight", () => {
  it.each([
    ["GET /orders", ordersLoader, "/orders", "GET"],
    ["GET /orders/:orderId/eligibility", eligibilityLoader, `/orders/${ORDER_1001}/eligibility`, "GET"],
    ["POST /quote", quotePreflight, "/quote", "POST"],
  ])("answers OPTIONS %s with 204 and the CORS headers, without a token", async (_name, route, path, method) => {
    // WHEN the browser asks before a cross-origin call with an Authorization header
    let response: Response;
    try {
      response = await (route as Route)({ request: preflightRequest(path, method), params: { orderId: ORDER_1001 }, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    // THEN it may
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("Authorization, Content-Type");
    expect(response.headers.get("Access-Control-Max-Age")).toBe("7200");
  });

  it("gives refusals the very CORS headers the library gives its answers", async () => {
    // GIVEN the library's preflight and a refusal made before the library could add its headers
    const preflight = await quotePreflight({ request: preflightRequest("/quote"), params: {}, context: {} });
    const refused = await call(quoteAction, "/quote", { token: null, body: {} });
    // THEN the same headers, so a drift in either is seen here
    const cors = (r: Response) => [...r.headers.entries()].filter(([name]) => name.startsWith("access-control-allow-") || name === "access-control-expose-headers");
    expect(cors(refused)).toEqual(cors(preflight));
    // AND a call from the app's own origin gets none
    const sameOrigin = await call(quoteAction, "/quote", { token: null, body: {}, origin: APP_URL });
    expect(sameOrigin.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("the customer's orders", () => {
  it("answers another customer's order with 404, as for no order, and a malformed id the same", async () => {
    // GIVEN Ava's token; #1003 is Noah's
    const token = await avaToken();
    const noahs = numeric(FIXTURES.order1003.id);
    // WHEN
    const other = await call(eligibilityLoader, `/orders/${noahs}/eligibility`, { token, params: { orderId: noahs } });
    const tickets = await call(orderTicketsLoader, `/orders/${noahs}/tickets`, { token, params: { orderId: noahs } });
    const quote = await call(quoteAction, "/quote", { token, body: { orderId: FIXTURES.order1003.id, resolution: "refund", lines: [teeLine] } });
    const malformed = await call(eligibilityLoader, "/orders/x/eligibility", { token, params: { orderId: "x" } });
    // THEN
    const notFound = { error: { code: "not_found", message: "We couldn't find that order." } };
    for (const response of [other, tickets, quote, malformed]) {
      expect(response.status).toBe(404);
      expectCors(response);
      expect(await response.json()).toEqual(notFound);
    }
  });

  it("gives the same eligibility and the same quote as the app proxy gives the same customer signed in to the store", async () => {
    // GIVEN Ava, signed in on both doors
    const token = await avaToken();
    const draft = { orderId: FIXTURES.order1001.id, resolution: "store_credit", lines: [teeLine] };
    // WHEN both doors are asked the same questions
    const [accountEligibility, proxyEligibilityAnswer] = await Promise.all([
      call(eligibilityLoader, `/orders/${ORDER_1001}/eligibility`, { token, params: { orderId: ORDER_1001 } }),
      viaProxy(proxyEligibility, `/orders/${ORDER_1001}/eligibility`, undefined, { orderId: ORDER_1001 }),
    ]);
    const [accountQuote, proxyQuoteAnswer] = await Promise.all([call(quoteAction, "/quote", { token, body: draft }), viaProxy(proxyQuote, "/quote", draft)]);
    // THEN one answer, byte for byte
    expect([accountEligibility.status, proxyEligibilityAnswer.status, accountQuote.status, proxyQuoteAnswer.status]).toEqual([200, 200, 200, 200]);
    const eligibility = await accountEligibility.text();
    expect(eligibility).toBe(await proxyEligibilityAnswer.text());
    expect((JSON.parse(eligibility) as EligibilityResponse).lines.map((l) => l.returnableQuantity)).toEqual([1, 1]);
    const quote = await accountQuote.text();
    expect(quote).toBe(await proxyQuoteAnswer.text());
    expect(JSON.parse(quote) as Quote).toMatchObject({ storeCreditTotal: { amountMinor: 2970, currencyCode: "USD" }, storeCreditBonus: { amountMinor: 270, currencyCode: "USD" } });
  });

  it("speaks the customer's language from the `locale` parameter", async () => {
    const token = await avaToken();
    const noahs = numeric(FIXTURES.order1003.id);
    const response = await call(eligibilityLoader, `/orders/${noahs}/eligibility`, { token, locale: "fr-CA", params: { orderId: noahs } });
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "Nous n’avons pas trouvé cette commande." } });
  });
});

describe("returns and conversations from customer accounts", () => {
  it("creates one return per clientKey, shows its status to its customer only, and keeps the body cap", async () => {
    // GIVEN
    const token = await avaToken();
    const body = { orderId: FIXTURES.order1001.id, resolution: "refund", lines: [teeLine], clientKey: `ck_${Date.now().toString(36)}` };
    // WHEN the extension submits twice with the same key
    const [a, b] = await Promise.all([call(returnsAction, "/returns", { token, body }), call(returnsAction, "/returns", { token, body })]);
    // THEN one return, for Ava, from the portal channel
    expect([a.status, b.status]).toEqual([201, 201]);
    expectCors(a);
    const created = (await a.json()) as CreateReturnResponse;
    expect(((await b.json()) as CreateReturnResponse).returnId).toBe(created.returnId);
    expect(await prisma.returnCase.count({ where: { shop: DEMO_SHOP, clientKey: body.clientKey } })).toBe(1);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: created.returnId } })).toMatchObject({ customerId: FIXTURES.ava.id, channel: "portal" });
    // AND its status is hers to read, not Noah's
    const params = { returnId: created.returnId };
    const status = await call(statusLoader, `/returns/${created.returnId}`, { token, params });
    expect(((await status.json()) as ReturnStatusResponse).orderName).toBe("#1001");
    const noahs = await call(statusLoader, `/returns/${created.returnId}`, { token: await noahToken(), params });
    expect(noahs.status).toBe(404);
    // AND a body over 64 KB is 413 before it is read, with the CORS headers
    const tooLarge = await call(quoteAction, "/quote", { token, rawBody: JSON.stringify({ pad: "x".repeat(70 * 1024) }), contentType: "application/json" });
    expect(tooLarge.status).toBe(413);
    expectCors(tooLarge);
  });

  it("takes a photo, a question, a reply and a rating from the signed-in customer", async () => {
    // GIVEN
    const token = await avaToken();
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], "mug.jpg", { type: "image/jpeg" }));
    // WHEN she uploads a photo
    const upload = await call(photosAction, "/photos", { token, rawBody: form, contentType: null });
    // THEN it is recorded with her, for redaction
    expect(upload.status).toBe(201);
    const { photoId } = (await upload.json()) as { photoId: string };
    expect(await prisma.photoUpload.findUniqueOrThrow({ where: { id: photoId } })).toMatchObject({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id, orderId: null });
    // WHEN she asks a question about #1001
    const asked = await call(ticketsAction, "/tickets", { token, body: { kind: "question", subject: "Gift receipt", message: "Can I have one?", orderId: FIXTURES.order1001.id } });
    expect(asked.status).toBe(201);
    const { ticketId } = (await asked.json()) as TicketResponse;
    // ... writes again, and rates it once solved
    const replied = await call(replyAction, `/tickets/${ticketId}/messages`, { token, body: { message: "Any news?" }, params: { ticketId } });
    expect(replied.status).toBe(201);
    await transitionTicket(DEMO_SHOP, ticketId, "solved", "staff:1");
    const rated = await call(ratingAction, `/tickets/${ticketId}/rating`, { token, body: { score: 5 }, params: { ticketId } });
    expect(rated.status).toBe(200);
    expect(((await rated.json()) as PortalTicket).rating).toEqual({ score: 5, comment: null });
    // THEN the conversation is on her order, and Noah cannot write on it
    const list = await call(orderTicketsLoader, `/orders/${ORDER_1001}/tickets`, { token, params: { orderId: ORDER_1001 } });
    expect(((await list.json()) as TicketsResponse).tickets.map((t) => t.id)).toEqual([ticketId]);
    const intruder = await call(replyAction, `/tickets/${ticketId}/messages`, { token: await noahToken(), body: { message: "Hi" }, params: { ticketId } });
    expect(intruder.status).toBe(404);
    expect(intruder.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("guest lookup switched off by the merchant", () => {
  it("refuses the proxy's lookup with 403 in the shopper's words, counts no miss, and leaves signed-in customers on both doors alone", async () => {
    // GIVEN the demo shop turned guest lookup off
    await prisma.shop.upsert({ where: { shop: DEMO_SHOP }, create: { shop: DEMO_SHOP, guestLookup: false }, update: { guestLookup: false } });
    try {
      const misses = await prisma.portalLookupFailure.count({ where: { shop: DEMO_SHOP } });
      // WHEN a guest looks #1001 up with the right email
      const refused = await viaProxy(proxyLookup, "/lookup", { orderNumber: "#1001", email: FIXTURES.order1001.email });
      // THEN 403, saying to sign in; nothing counted against the guest
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        error: { code: "forbidden", message: "This store does not look up orders by number and email. Please sign in to your account to start a return." },
      });
      expect(await prisma.portalLookupFailure.count({ where: { shop: DEMO_SHOP } })).toBe(misses);
      // AND the signed-in customer still gets her order on both doors
      const token = await avaToken();
      expect((await call(eligibilityLoader, `/orders/${ORDER_1001}/eligibility`, { token, params: { orderId: ORDER_1001 } })).status).toBe(200);
      expect((await viaProxy(proxyEligibility, `/orders/${ORDER_1001}/eligibility`, undefined, { orderId: ORDER_1001 })).status).toBe(200);
    } finally {
      await prisma.shop.update({ where: { shop: DEMO_SHOP }, data: { guestLookup: true } });
    }
    // AND switched on again, the same lookup finds the order
    expect((await viaProxy(proxyLookup, "/lookup", { orderNumber: "#1001", email: FIXTURES.order1001.email })).status).toBe(200);
  });
});
