import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { addDays, calendarDate, formatCalendarDate } from "~/policy/eligibility";
import { issuePortalToken } from "~/portal/token.server";
import { performReturnAction } from "~/returns/actions.server";
import { createShopifyClient, type AdminGraphql } from "~/shopify/client.server";
import { action as lookupAction } from "~/routes/proxy.lookup";
import { loader as eligibilityLoader } from "~/routes/proxy.orders.$orderId.eligibility";
import { loader as ordersLoader } from "~/routes/proxy.orders._index";
import { action as photosAction } from "~/routes/proxy.photos";
import { action as quoteAction } from "~/routes/proxy.quote";
import { loader as statusLoader } from "~/routes/proxy.returns.$returnId";
import { action as returnsAction } from "~/routes/proxy.returns._index";
import { loader as orderTicketsLoader } from "~/routes/proxy.orders.$orderId.tickets";
import { action as ticketsAction } from "~/routes/proxy.tickets";
import { action as replyAction } from "~/routes/proxy.tickets.$ticketId.messages";
import { action as ratingAction } from "~/routes/proxy.tickets.$ticketId.rating";
import { PHOTO_MAX_BYTES } from "~/returns/portal-contract";
import type {
  CreateReturnResponse,
  EligibilityResponse,
  LookupResponse,
  PortalTicket,
  Quote,
  ReturnStatusResponse,
  TicketResponse,
  TicketsResponse,
} from "~/returns/portal-contract";
import { getCurrentRuleSet, saveRuleSetVersion } from "~/automation/rules/ruleset.server";
import { addMessage, createSystemTicket, createTicket, transitionTicket } from "~/tickets/tickets.server";
import { ERASE_TIMEOUT_MS, eraseShops } from "../support/erase-shops";
import { createReturnCase } from "../support/factories";
import { createSimulator, DEMO_SHOP, EU_SHOP, FIXTURES, type Simulator } from "../support/shopify-sim";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";
import { LAZY_CHUNK_BYTES, lazyBody } from "../support/streams";

// The app proxy door end to end: requests signed the way Shopify signs them (the library's
// own test helper), the app's real shopifyApp(), and the store simulator as Admin API.
let sim: Simulator;
/** The Admin GraphQL operations the app sent, by name, in order. */
const adminOperations: string[] = [];
const realFetch = globalThis.fetch;
const DEMO_STORE = DEMO_SHOP.replace(".myshopify.com", "");

beforeAll(async () => {
  // This worker's database may hold an earlier file's returns in these shops: start from none.
  await eraseShops(DEMO_SHOP, EU_SHOP);
  sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.pathname.endsWith("/graphql.json")) {
      const { query } = (await request.clone().json()) as { query?: string };
      adminOperations.push(/\b(?:query|mutation)\s+(\w+)/.exec(query ?? "")?.[1] ?? "anonymous");
    }
    if (url.hostname.endsWith(".myshopify.com")) return sim.handler(request);
    return realFetch(request);
  };
  for (const shop of [DEMO_SHOP, EU_SHOP]) {
    await prisma.session.upsert({
      where: { id: `offline_${shop}` },
      create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: sim.accessToken(shop), scope: process.env.SCOPES },
      update: { accessToken: sim.accessToken(shop) },
    });
  }
}, ERASE_TIMEOUT_MS);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await eraseShops(DEMO_SHOP, EU_SHOP);
  await prisma.$disconnect();
}, ERASE_TIMEOUT_MS);

let ip = 0;
let clientIp = "";
beforeEach(() => {
  ip += 1;
  clientIp = `203.0.113.${ip}`;
});

type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function call(
  route: Route,
  path: string,
  options: {
    method?: string;
    body?: unknown;
    token?: string;
    customerId?: string;
    store?: string;
    params?: Record<string, string>;
    form?: FormData;
    locale?: string;
    /** A body sent as is (a stream, a JSON text with escapes JSON.stringify would not write). */
    raw?: { body: BodyInit; contentType: string };
    /** X-Forwarded-For as sent (null: none); the test's client address otherwise. */
    forwardedFor?: string | null;
  } = {},
): Promise<Response> {
  const url = new URL(`${APP_URL}/proxy${path}`);
  url.searchParams.set("path_prefix", "/apps/aftercare");
  if (options.locale) url.searchParams.set("locale", options.locale);
  url.searchParams.set("logged_in_customer_id", options.customerId ?? "");
  const forwardedFor = options.forwardedFor === undefined ? clientIp : options.forwardedFor;
  const headers: Record<string, string> = forwardedFor === null ? {} : { "X-Forwarded-For": forwardedFor };
  if (options.token) headers["X-Aftercare-Token"] = options.token;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.raw) headers["Content-Type"] = options.raw.contentType;
  const init: RequestInit & { duplex?: "half" } = {
    method: options.method ?? (options.body !== undefined || options.form || options.raw ? "POST" : "GET"),
    headers,
    body: options.raw?.body ?? options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    // A stream body needs it (fetch's rule for request streams).
    duplex: "half",
  };
  const unsigned = new Request(url, init);
  const signed = await setUpValidRequest({ type: RequestType.Public, store: options.store ?? DEMO_STORE, apiSecretKey: API_SECRET_KEY }, unsigned);
  return route({ request: signed, params: options.params ?? {}, context: {} });
}

async function lookup(orderNumber: string, email: string, forwardedFor?: string | null) {
  return call(lookupAction as Route, "/lookup", { body: { orderNumber, email }, forwardedFor });
}

async function tokenFor(orderNumber: string, email: string): Promise<LookupResponse> {
  const response = await lookup(orderNumber, email);
  expect(response.status).toBe(200);
  return (await response.json()) as LookupResponse;
}

const numeric = (gid: string) => gid.split("/").pop() ?? "";
const teeLineForRules = { lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" };

describe("POST /proxy/lookup", () => {
  it.each(["#1001", "1001", " #1001 ", "# 1001"])("finds #1001 from %j with the email in any case and spacing", async (typed) => {
    // WHEN
    const response = await lookup(typed, "  Ava.Lee@Example.com ");
    // THEN
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as LookupResponse;
    expect(body.order).toMatchObject({ id: FIXTURES.order1001.id, name: "#1001", returnableItemCount: 2, itemCount: 2 });
    expect(body.token).toMatch(/^v1\./);
  });

  it("answers the same 404 for no such order and for the wrong email", async () => {
    const noOrder = await lookup("#999999", "ava.lee@example.com");
    const wrongEmail = await lookup("#1001", "someone@example.com");
    expect(noOrder.status).toBe(404);
    expect(wrongEmail.status).toBe(404);
    const expected = { error: { code: "not_found", message: "We couldn't find an order with that number and email address. Check both and try again." } };
    expect(await noOrder.json()).toEqual(expected);
    expect(await wrongEmail.json()).toEqual(expected);
  });

  it("rate-limits the sixth miss within 15 minutes with 429 and Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await lookup("#1001", `guess${i}@example.com`)).status).toBe(404);
    const blocked = await lookup("#1001", "ava.lee@example.com");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(800);
    expect(await blocked.json()).toEqual({
      error: { code: "rate_limited", message: "Too many attempts. Please wait 15 minutes and try again, or contact the store." },
    });
    // Another client of the same shop is not affected.
    clientIp = "198.51.100.7";
    expect((await lookup("#1001", "ava.lee@example.com")).status).toBe(200);
  });

  it("costs one and the same Admin search for an unknown number and for a known number with the wrong email", async () => {
    // WHEN the two kinds of miss are made
    adminOperations.length = 0;
    expect((await lookup("#999998", "ava.lee@example.com")).status).toBe(404);
    const unknownNumber = adminOperations.splice(0);
    expect((await lookup("#1003", "not.noah@example.com")).status).toBe(404);
    const wrongEmail = adminOperations.splice(0);
    // THEN both sent exactly the one search matching number and email: no order read that would take longer
    expect(unknownNumber).toEqual(["FindOrdersForLookup"]);
    expect(wrongEmail).toEqual(unknownNumber);
  });

  it("does not forgive earlier misses when the client then finds its own order", async () => {
    // GIVEN four misses, then a correct lookup of #1006, then one more miss (five in all)
    for (let i = 0; i < 4; i++) expect((await lookup("#1006", `typo${i}@example.com`)).status).toBe(404);
    expect((await lookup("#1006", "ava.lee@example.com")).status).toBe(200);
    expect((await lookup("#1006", "typo4@example.com")).status).toBe(404);
    // WHEN the client tries again, even correctly
    const blocked = await lookup("#1006", "ava.lee@example.com");
    // THEN the five misses still count
    expect(blocked.status).toBe(429);
  });

  it("counts a client by the address Shopify wrote, whatever it puts in front of it", async () => {
    // GIVEN a guesser that prefixes a fresh fake address to X-Forwarded-For on every try
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await lookup(`#77${i}`, `guess${i}@example.com`, `10.0.0.${i}, ${clientIp}`)).status);
    // THEN the rightmost entry (Shopify's) is the client: five misses, then 429
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  });

  it("limits guesses at one order number from rotating addresses, and at one email across order numbers", async () => {
    // GIVEN a guesser with a new address for every try, at one order number
    const atOneNumber: number[] = [];
    for (let i = 0; i < 14; i++) atOneNumber.push((await lookup("#4242", `guess${i}@example.com`, `198.51.100.${100 + i}`)).status);
    // ... and at one email across order numbers
    const atOneEmail: number[] = [];
    for (let i = 0; i < 14; i++) atOneEmail.push((await lookup(`#51${i}`, "victim@example.com", `198.51.101.${100 + i}`)).status);
    // THEN ten misses each, then 429 whatever the address
    expect(atOneNumber).toEqual([...Array<number>(10).fill(404), 429, 429, 429, 429]);
    expect(atOneEmail).toEqual([...Array<number>(10).fill(404), 429, 429, 429, 429]);
  });

  it("does not put every guest without an address into one bucket that one guesser can fill", async () => {
    // GIVEN a guest without X-Forwarded-For who misses six times
    for (let i = 0; i < 6; i++) expect((await lookup("#4343", `guess${i}@example.com`, null)).status).toBe(404);
    // WHEN another guest without the header looks up their own order
    const other = await lookup("#1003", "noah.kim@example.com", null);
    // THEN they are not locked out
    expect(other.status).toBe(200);
  });

  it("answers input a shopper can fix with 422 in words, and stores nothing", async () => {
    const before = await prisma.returnCase.count();
    const response = await lookup("", "ava.lee@example.com");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: "invalid", message: "Enter your order number.", fields: { orderNumber: "Enter your order number." } } });
    expect(await prisma.returnCase.count()).toBe(before);
  });

  it("refuses a request without a valid proxy signature with 401 and does nothing", async () => {
    const request = new Request(`${APP_URL}/proxy/lookup?shop=${DEMO_SHOP}&timestamp=${Math.floor(Date.now() / 1000)}&signature=bad`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ orderNumber: "#1001", email: "ava.lee@example.com" }),
    });
    const response = await lookupAction({ request, params: {}, context: {} });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });
});

describe("request bodies on the proxy door", () => {
  it("answers a chunked 256 MB photo upload with 413 after reading at most the cap plus one chunk", async () => {
    // GIVEN a shopper with a token and an upload stream (no Content-Length) that would be 256 MB
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const { stream, pulled } = lazyBody(256 * 1024 * 1024);
    // WHEN it is posted to /proxy/photos
    const response = await call(photosAction as Route, "/photos", { token, raw: { body: stream, contentType: "multipart/form-data; boundary=----x" } });
    // THEN 413 in the portal's error shape, and the app stopped pulling right after the cap
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: "That photo is larger than 5 MB. Please choose a smaller one." } });
    expect(pulled()).toBeLessThanOrEqual(PHOTO_MAX_BYTES + 64 * 1024 + LAZY_CHUNK_BYTES);
  });

  it("answers a 10 MB JSON lookup with 413 and counts no miss, and still reads a normal one", async () => {
    // GIVEN a lookup padded to 10 MB
    const padded = JSON.stringify({ orderNumber: "#1001", email: "ava.lee@example.com", pad: "x".repeat(10 * 1024 * 1024) });
    const before = await prisma.portalLookupFailure.count();
    // WHEN posted
    const response = await call(lookupAction as Route, "/lookup", { raw: { body: padded, contentType: "application/json" } });
    // THEN 413, nothing recorded; the same lookup at its normal size works
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: "That request is too large. Please shorten your text and try again." } });
    expect(await prisma.portalLookupFailure.count()).toBe(before);
    expect((await lookup("#1001", "ava.lee@example.com")).status).toBe(200);
  });

  it("answers a lone UTF-16 surrogate in a ticket's text with 400 in words, and stores no ticket", async () => {
    // GIVEN a question whose subject carries a lone surrogate (valid JSON, not valid text)
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const before = await prisma.ticket.count({ where: { shop: DEMO_SHOP } });
    const body = '{"kind":"question","subject":"Mug \\ud800","message":"Where is it?"}';
    // WHEN posted
    const response = await call(ticketsAction as Route, "/tickets", { token, raw: { body, contentType: "application/json" } });
    // THEN 400 with a clear message, and no ticket
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "bad_request", message: "Your text contains a character we can't read. Please remove it and try again." },
    });
    expect(await prisma.ticket.count({ where: { shop: DEMO_SHOP } })).toBe(before);
  });
});

describe("GET /proxy/orders/:orderId/eligibility", () => {
  it("shows both lines of #1001 as returnable, with exchange sizes in stock", async () => {
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const response = await call(eligibilityLoader as Route, `/orders/${numeric(FIXTURES.order1001.id)}/eligibility`, {
      token,
      params: { orderId: numeric(FIXTURES.order1001.id) },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as EligibilityResponse;
    expect(body.lines.map((l) => [l.id, l.eligible, l.returnableQuantity, l.reason])).toEqual([
      [FIXTURES.order1001.tee.lineItemId, true, 1, null],
      [FIXTURES.order1001.mug.lineItemId, true, 1, null],
    ]);
    expect(body.lines[0]?.unitPrice).toEqual({ amountMinor: 2500, currencyCode: "USD" });
    expect(body.lines[0]?.exchangeOptions.map((o) => o.title)).toEqual(["S", "L"]);
    expect(body.resolutions.map((r) => r.label)).toEqual(["Refund to original payment", "Store credit (+10% bonus)", "Exchange for another variant"]);
    expect(body.policyText[0]).toBe("You can start a return within 30 days of delivery (or of shipping, when we have no delivery date).");
  });

  it("explains that #1002 is outside the 30-day window, with the date it ended", async () => {
    const { token } = await tokenFor("#1002", "ava.lee@example.com");
    const orderId = numeric(FIXTURES.order1002.id);
    const body = (await (await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId } })).json()) as EligibilityResponse;
    const delivered = calendarDate(new Date(Date.now() - FIXTURES.order1002.deliveredDaysAgo * 86_400_000), "UTC");
    expect(body.lines[0]).toMatchObject({
      eligible: false,
      reason: "outside_window",
      returnableQuantity: 0,
      message: `The 30-day return window for this item ended on ${formatCalendarDate(addDays(delivered, 30))}.`,
    });
  });

  it("counts #1002's window from the delivery date the fulfillments/update webhook mirrored", async () => {
    // GIVEN the carrier's delivery reached us by webhook 10 days ago (the order as read says 75)
    const fulfillment = sim.store.shopState(DEMO_SHOP).orders.find((o) => o.id === FIXTURES.order1002.id)?.fulfillments[0];
    if (!fulfillment) throw new Error("#1002 is not seeded as shipped");
    const deliveredAt = new Date(Date.now() - 10 * 86_400_000);
    const mirrored = await prisma.fulfillmentMirror.create({
      data: { shop: DEMO_SHOP, fulfillmentId: fulfillment.id, orderId: FIXTURES.order1002.id, shipmentStatus: "delivered", deliveredAt, shopifyUpdatedAt: deliveredAt },
    });
    try {
      // WHEN the shopper asks what is returnable
      const { token } = await tokenFor("#1002", "ava.lee@example.com");
      const orderId = numeric(FIXTURES.order1002.id);
      const body = (await (await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId } })).json()) as EligibilityResponse;
      // THEN the 30 days run from that delivery
      expect(body.lines[0]).toMatchObject({ eligible: true, windowEndsOn: addDays(calendarDate(deliveredAt, "UTC"), 30) });
    } finally {
      await prisma.fulfillmentMirror.delete({ where: { id: mirrored.id } });
    }
  });

  it("explains that #1003 has not shipped yet", async () => {
    const { token } = await tokenFor("#1003", "noah.kim@example.com");
    const orderId = numeric(FIXTURES.order1003.id);
    const body = (await (await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId } })).json()) as EligibilityResponse;
    expect(body.lines[0]).toMatchObject({
      eligible: false,
      reason: "not_fulfilled",
      message: "This item has not shipped yet. You can return it once it has been delivered.",
    });
  });

  it("refuses a token for another order, another shop's token, and no token at all", async () => {
    const { token } = await tokenFor("#1003", "noah.kim@example.com");
    const orderId = numeric(FIXTURES.order1001.id);
    const other = await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId } });
    expect(other.status).toBe(404);
    const euToken = issuePortalToken({ shop: EU_SHOP, orderId: FIXTURES.order1001.id }, { secret: API_SECRET_KEY }).token;
    const foreign = await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token: euToken, params: { orderId } });
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toEqual({ error: { code: "unauthorized", message: "Your session has expired. Please look up your order again." } });
    const none = await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { params: { orderId } });
    expect(none.status).toBe(401);
  });

  it("lets a signed-in customer see their own order without a token, and not someone else's", async () => {
    const ava = numeric(FIXTURES.ava.id);
    const own = numeric(FIXTURES.order1001.id);
    expect((await call(eligibilityLoader as Route, `/orders/${own}/eligibility`, { customerId: ava, params: { orderId: own } })).status).toBe(200);
    const noahs = numeric(FIXTURES.order1003.id);
    expect((await call(eligibilityLoader as Route, `/orders/${noahs}/eligibility`, { customerId: ava, params: { orderId: noahs } })).status).toBe(404);
    const list = (await (await call(ordersLoader as Route, "/orders", { customerId: ava })).json()) as { orders: { name: string }[] };
    expect(list.orders.map((o) => o.name)).toContain("#1001");
    expect(list.orders.map((o) => o.name)).not.toContain("#1003");
  });
});

describe("POST /proxy/quote and /proxy/returns", () => {
  const teeLine = { lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" };

  it("quotes the T-shirt for store credit exactly: $25.00 + $2.00 tax + 10% bonus", async () => {
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const response = await call(quoteAction as Route, "/quote", { token, body: { orderId: FIXTURES.order1001.id, resolution: "store_credit", lines: [teeLine] } });
    expect(response.status).toBe(200);
    const quote = (await response.json()) as Quote;
    expect(quote).toMatchObject({
      itemsSubtotal: { amountMinor: 2500, currencyCode: "USD" },
      tax: { amountMinor: 200, currencyCode: "USD" },
      storeCreditBonus: { amountMinor: 270, currencyCode: "USD" },
      storeCreditTotal: { amountMinor: 2970, currencyCode: "USD" },
      refundTotal: { amountMinor: 0, currencyCode: "USD" },
    });
    expect(quote.explanation).toEqual(["Classic Tee (M) × 1: $25.00 plus $2.00 tax.", "Store-credit bonus: +$2.70.", "Store credit: $29.70."]);
  });

  it("makes one return (and one Shopify return) from two parallel submits with the same clientKey, approved automatically", async () => {
    // GIVEN
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const body = { orderId: FIXTURES.order1001.id, resolution: "store_credit", lines: [teeLine], clientKey: `ck_${Date.now().toString(36)}` };
    const shopifyReturnsBefore = sim.store.events.filter((e) => e.type === "return.requested").length;
    // WHEN
    const [a, b] = await Promise.all([call(returnsAction as Route, "/returns", { token, body }), call(returnsAction as Route, "/returns", { token, body })]);
    // THEN
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as CreateReturnResponse[];
    expect(ra?.returnId).toBe(rb?.returnId);
    expect(ra).toMatchObject({ status: "approved", decision: "approved" });
    expect(await prisma.returnCase.count({ where: { shop: DEMO_SHOP, clientKey: body.clientKey } })).toBe(1);
    expect(sim.store.events.filter((e) => e.type === "return.requested").length).toBe(shopifyReturnsBefore + 1);
    const stored = await prisma.returnCase.findFirstOrThrow({ where: { id: ra?.returnId }, include: { lines: true } });
    expect(stored).toMatchObject({ policyVersion: 1, storeCreditAmountMinor: 2700n, bonusAmountMinor: 270n, channel: "portal" });
    expect(stored.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
    expect(stored.lines[0]).toMatchObject({ reasonCode: "size_too_small", unitPriceMinor: 2500n, unitTaxMinor: 200n, quantityRequested: 1 });
    // AND the status page shows it, and the tee is no longer returnable
    const status = (await (await call(statusLoader as Route, `/returns/${ra?.returnId}`, { token, params: { returnId: ra?.returnId ?? "" } })).json()) as ReturnStatusResponse;
    expect(status).toMatchObject({ status: "approved", statusLabel: "Approved — send the items back", orderName: "#1001" });
    const again = await call(quoteAction as Route, "/quote", { token, body: { orderId: FIXTURES.order1001.id, resolution: "refund", lines: [teeLine] } });
    expect(again.status).toBe(422);
  });

  it("holds a damaged-item return with a photo for review with an open ticket", async () => {
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], "mug.jpg", { type: "image/jpeg" }));
    const upload = await call(photosAction as Route, "/photos", { token, form });
    expect(upload.status).toBe(201);
    const { photoId } = (await upload.json()) as { photoId: string };
    // The upload records the session it came from, so redaction finds it before any return takes it.
    expect(await prisma.photoUpload.findUniqueOrThrow({ where: { id: photoId } })).toMatchObject({
      shop: DEMO_SHOP,
      orderId: FIXTURES.order1001.id,
      customerId: null,
      returnCaseId: null,
    });

    const withoutPhoto = await call(returnsAction as Route, "/returns", {
      token,
      body: { orderId: FIXTURES.order1001.id, resolution: "refund", clientKey: `ck_np_${Date.now()}`, lines: [{ lineItemId: FIXTURES.order1001.mug.lineItemId, quantity: 1, reasonCode: "damaged" }] },
    });
    expect(withoutPhoto.status).toBe(422);
    expect(await withoutPhoto.json()).toEqual({ error: { code: "invalid", message: 'Please add a photo of Ceramic Mug: "Arrived damaged" needs one.' } });

    const response = await call(returnsAction as Route, "/returns", {
      token,
      body: {
        orderId: FIXTURES.order1001.id,
        resolution: "refund",
        clientKey: `ck_ph_${Date.now()}`,
        lines: [{ lineItemId: FIXTURES.order1001.mug.lineItemId, quantity: 1, reasonCode: "damaged", note: "Cracked handle", photoIds: [photoId] }],
      },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreateReturnResponse;
    expect(created).toMatchObject({ status: "needs_review", decision: "needs_review" });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop: DEMO_SHOP, returnCaseId: created.returnId }, include: { messages: true } });
    expect(ticket).toMatchObject({ category: "damaged", status: "open", orderName: "#1001", customerEmail: "ava.lee@example.com" });
    expect(ticket.messages[0]?.body).toContain('"Arrived damaged" for Ceramic Mug needs the photo checked.');
    const stored = await prisma.returnCase.findFirstOrThrow({ where: { id: created.returnId } });
    expect(stored.shopifyReturnId).not.toBeNull();
    // The return took the photo: it no longer expires.
    expect(await prisma.photoUpload.findUniqueOrThrow({ where: { id: photoId } })).toMatchObject({ returnCaseId: created.returnId });
  });
});

describe("the shopper's conversations with support", () => {
  const order1001 = numeric(FIXTURES.order1001.id);
  const listTickets = (orderId: string, auth: { token?: string; customerId?: string }) =>
    call(orderTicketsLoader as Route, `/orders/${orderId}/tickets`, { ...auth, params: { orderId } });
  const reply = (ticketId: string, token: string, body: unknown) => call(replyAction as Route, `/tickets/${ticketId}/messages`, { token, body, params: { ticketId } });
  const rate = (ticketId: string, token: string, body: unknown) => call(ratingAction as Route, `/tickets/${ticketId}/rating`, { token, body, params: { ticketId } });

  /** Ava asks a question about an order through the portal, as the block does. */
  async function ask(token: string, orderId: string, subject: string, message: string): Promise<TicketResponse> {
    const response = await call(ticketsAction as Route, "/tickets", { token, body: { kind: "question", subject, message, orderId } });
    expect(response.status).toBe(201);
    return (await response.json()) as TicketResponse;
  }

  const agentReply = (ticketId: string, body: string, authorName: string | null = "Sam Rivera") =>
    addMessage(DEMO_SHOP, ticketId, { authorType: "agent", authorName, visibility: "public", body }, "staff:1");

  it("shows the order's conversations with their public messages only, oldest first, and never another order's or shop's", async () => {
    // GIVEN Ava's question on #1001, an internal note and two public answers
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const asked = await ask(token, FIXTURES.order1001.id, "Gift receipt", "Can you send a gift receipt?");
    expect(asked.message).toBe(`Thanks, we've received your message. Your ticket number is #${asked.ticketNumber}; our reply will appear here, with your order.`);
    await addMessage(DEMO_SHOP, asked.ticketId, { authorType: "agent", authorName: "Sam Rivera", visibility: "internal", body: "INTERNAL: check the gift flag" }, "staff:1");
    await agentReply(asked.ticketId, "Yes, it is attached to your order now.");
    await agentReply(asked.ticketId, "Anything else?", null);
    // ... a ticket about one of #1001's returns (linked to the return only), answered publicly
    const rc = await createReturnCase(DEMO_SHOP, { orderId: FIXTURES.order1001.id });
    const aboutReturn = await createTicket(DEMO_SHOP, { subject: "Your return", category: "return_exception", channel: "admin", returnCaseId: rc.id });
    await agentReply(aboutReturn.id, "We received your parcel.");
    // ... tickets she must not see: internal only, a system ticket, Noah's order, and another shop's ticket on the same order id
    const internalOnly = await createTicket(DEMO_SHOP, {
      subject: "INTERNAL: fraud check",
      category: "fraud_review",
      channel: "admin",
      orderId: FIXTURES.order1001.id,
      firstMessage: { authorType: "agent", visibility: "internal", body: "INTERNAL: looks odd" },
    });
    const system = await createSystemTicket(DEMO_SHOP, { subject: "INTERNAL: webhook died", body: "INTERNAL: stack trace", orderId: FIXTURES.order1001.id });
    await addMessage(DEMO_SHOP, system.id, { authorType: "agent", visibility: "public", body: "INTERNAL: public on a system ticket" }, "staff:1");
    const noah = await tokenFor("#1003", "noah.kim@example.com");
    const noahs = await ask(noah.token, FIXTURES.order1003.id, "INTERNAL: Noah's question", "Where is my order?");
    const foreign = await createTicket(EU_SHOP, {
      subject: "INTERNAL: EU ticket",
      category: "question_order",
      channel: "portal",
      orderId: FIXTURES.order1001.id,
      firstMessage: { authorType: "customer", visibility: "public", body: "INTERNAL: another shop" },
    });

    // WHEN she opens the order's conversations
    const response = await listTickets(order1001, { token });

    // THEN she sees her question and the return's ticket, with the public messages only, as she reads them
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const text = await response.text();
    expect(text).not.toContain("INTERNAL");
    const { tickets } = JSON.parse(text) as TicketsResponse;
    expect(tickets.map((t) => t.id)).toEqual([aboutReturn.id, asked.ticketId]);
    expect(tickets.map((t) => t.id)).not.toContain(internalOnly.id);
    const question = tickets.find((t) => t.id === asked.ticketId)!;
    expect(question).toMatchObject({ number: asked.ticketNumber, subject: "Gift receipt", status: "open", canReply: true, canRate: false, rating: null });
    expect(question.messages.map((m) => [m.author, m.authorName, m.body])).toEqual([
      ["customer", null, "Can you send a gift receipt?"],
      ["agent", "Sam Rivera", "Yes, it is attached to your order now."],
      ["agent", null, "Anything else?"],
    ]);
    expect(question.lastActivityAt).toBe(question.messages[2]?.createdAt);
    // AND the same list for Ava signed in, without a token; Noah's order is not hers
    const signedIn = await listTickets(order1001, { customerId: numeric(FIXTURES.ava.id) });
    expect(((await signedIn.json()) as TicketsResponse).tickets.map((t) => t.id)).toEqual([aboutReturn.id, asked.ticketId]);
    expect((await listTickets(numeric(FIXTURES.order1003.id), { customerId: numeric(FIXTURES.ava.id) })).status).toBe(404);

    // AND another order's or another shop's ticket is as good as none: 404, nothing written
    const otherOrder = await listTickets(numeric(FIXTURES.order1003.id), { token });
    expect(otherOrder.status).toBe(404);
    expect(await otherOrder.json()).toEqual({ error: { code: "not_found", message: "We couldn't find that order." } });
    const notFound = { error: { code: "not_found", message: "We couldn't find that conversation." } };
    for (const ticketId of [noahs.ticketId, foreign.id, internalOnly.id, system.id, "no-such-ticket"]) {
      const written = await reply(ticketId, token, { message: "Hello?" });
      expect(written.status, ticketId).toBe(404);
      expect(await written.json()).toEqual(notFound);
      expect((await rate(ticketId, token, { score: 5 })).status, ticketId).toBe(404);
    }
    expect(await prisma.ticketMessage.count({ where: { body: "Hello?" } })).toBe(0);
    // AND no session at all is a 401
    expect((await listTickets(order1001, {})).status).toBe(401);
  });

  it("stores the shopper's reply as the customer's public message and reopens a solved ticket", async () => {
    // GIVEN a question answered and solved by an agent
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const asked = await ask(token, FIXTURES.order1001.id, "Care label", "How do I wash the tee?");
    await agentReply(asked.ticketId, "Cold wash, inside out.");
    await transitionTicket(DEMO_SHOP, asked.ticketId, "solved", "staff:1");
    const before = await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId } });
    expect(before.resolvedAt).not.toBeNull();

    // WHEN she writes back
    const response = await reply(asked.ticketId, token, { message: "  And the mug, dishwasher?  " });

    // THEN her message is stored as the customer's, in public, and the ticket is open again
    expect(response.status).toBe(201);
    const answered = (await response.json()) as PortalTicket;
    expect(answered).toMatchObject({ status: "open", canReply: true, canRate: false });
    expect(answered.messages.at(-1)).toMatchObject({ author: "customer", authorName: null, body: "And the mug, dishwasher?" });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId }, include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
    expect(after).toMatchObject({ status: "open", resolvedAt: null, firstResponseAt: before.firstResponseAt });
    expect(after.messages.at(-1)).toMatchObject({ authorType: "customer", visibility: "public", body: "And the mug, dishwasher?" });
    // AND the audit trail says the portal wrote it and reopened the ticket, without her words
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop: DEMO_SHOP, entityId: asked.ticketId, action: "ticket.message_added" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actor: "portal", data: { authorType: "customer", visibility: "public", reopened: true } });

    // AND an empty or overlong message is refused with the field's problem, and nothing is stored
    const empty = await reply(asked.ticketId, token, { message: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ error: { code: "invalid", message: "Write a message before sending.", fields: { message: "Write a message before sending." } } });
    const long = await reply(asked.ticketId, token, { message: "x".repeat(5001) });
    expect(long.status).toBe(422);
    expect(((await long.json()) as { error: { message: string } }).error.message).toBe("Keep the message under 5000 characters.");
    expect(await prisma.ticketMessage.count({ where: { ticketId: asked.ticketId } })).toBe(3);
  });

  it("refuses a reply to a closed ticket with 409: open a new request instead", async () => {
    // GIVEN a question that was solved and closed
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const asked = await ask(token, FIXTURES.order1001.id, "Old question", "Is the mug microwave safe?");
    await agentReply(asked.ticketId, "Yes.");
    await transitionTicket(DEMO_SHOP, asked.ticketId, "solved", "staff:1");
    await transitionTicket(DEMO_SHOP, asked.ticketId, "closed", "staff:1");
    // WHEN she writes on it
    const response = await reply(asked.ticketId, token, { message: "One more thing" });
    // THEN the answer says why and what to do, and nothing changes
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "conflict", message: "This conversation is closed and cannot take new messages. Please open a new request instead." },
    });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId }, include: { messages: true } });
    expect(after.status).toBe("closed");
    expect(after.messages).toHaveLength(2);
    // AND the list says she cannot reply there
    const listed = ((await (await listTickets(order1001, { token })).json()) as TicketsResponse).tickets.find((t) => t.id === asked.ticketId);
    expect(listed).toMatchObject({ status: "closed", canReply: false, canRate: true });
  });

  it("takes a rating of a solved ticket only, 1 to 5, and a second rating replaces the first", async () => {
    // GIVEN an answered question, still open
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const asked = await ask(token, FIXTURES.order1001.id, "Sizing", "Does the tee run small?");
    await agentReply(asked.ticketId, "It runs true to size.");
    // WHEN she rates it before it is solved, THEN it is refused and nothing is stored
    const early = await rate(asked.ticketId, token, { score: 5 });
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: { code: "conflict", message: "You can rate this conversation once it is solved." } });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId } })).csatScore).toBeNull();

    // GIVEN the agent solves it
    await transitionTicket(DEMO_SHOP, asked.ticketId, "solved", "staff:1");
    // WHEN she sends 0, 6 or 4.5, THEN 422 names the score field
    for (const score of [0, 6, 4.5, "5"]) {
      const wrong = await rate(asked.ticketId, token, { score });
      expect(wrong.status, String(score)).toBe(422);
      expect(await wrong.json()).toEqual({ error: { code: "invalid", message: "Choose a rating from 1 to 5.", fields: { score: "Choose a rating from 1 to 5." } } });
    }
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId } })).csatScore).toBeNull();

    // WHEN she rates it 4 with a comment
    const first = await rate(asked.ticketId, token, { score: 4, comment: "  Quick answer  " });
    // THEN the ticket holds it
    expect(first.status).toBe(200);
    expect(((await first.json()) as PortalTicket).rating).toEqual({ score: 4, comment: "Quick answer" });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId } })).toMatchObject({ csatScore: 4, csatComment: "Quick answer", status: "solved" });

    // WHEN she rates it again, 5 without a comment
    const second = await rate(asked.ticketId, token, { score: 5 });
    // THEN the new rating replaces the old one, comment included
    expect(((await second.json()) as PortalTicket).rating).toEqual({ score: 5, comment: null });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: asked.ticketId } })).toMatchObject({ csatScore: 5, csatComment: null });
    const trail = await prisma.auditEvent.findMany({ where: { shop: DEMO_SHOP, entityId: asked.ticketId, action: "ticket.rated" }, orderBy: { createdAt: "asc" } });
    expect(trail.map((e) => [e.actor, e.data])).toEqual([
      ["portal", { score: 4, previousScore: null, hasComment: true }],
      ["portal", { score: 5, previousScore: 4, hasComment: false }],
    ]);
    // AND a comment over 1000 characters is refused on its field
    const long = await rate(asked.ticketId, token, { score: 3, comment: "x".repeat(1001) });
    expect(long.status).toBe(422);
    expect(((await long.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ comment: "Keep the comment under 1000 characters." });
  });

  it("answers the 11th message or rating on an order's tickets within 15 minutes with 429 and Retry-After", async () => {
    // GIVEN Ava's question on #1002 and ten replies
    const { token } = await tokenFor("#1002", "ava.lee@example.com");
    const asked = await ask(token, FIXTURES.order1002.id, "Late return", "Can I still return the tote?");
    for (let i = 0; i < 10; i += 1) expect((await reply(asked.ticketId, token, { message: `Reply ${i}` })).status).toBe(201);
    // WHEN she writes an 11th
    const blocked = await reply(asked.ticketId, token, { message: "Reply 10" });
    // THEN she is asked to wait, and nothing is stored
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(800);
    expect(await blocked.json()).toEqual({
      error: { code: "rate_limited", message: "You have sent several messages in a short time. Please wait 15 minutes and try again." },
    });
    expect(await prisma.ticketMessage.count({ where: { ticketId: asked.ticketId } })).toBe(11);
  });
});

describe("the shopper's language (the block's `locale` parameter)", () => {
  const orderId = numeric(FIXTURES.order1002.id);

  it("answers eligibility, policy and offers in French with locale=fr-CA, and in English without a locale", async () => {
    // GIVEN a token for #1002, whose window has ended
    const { token } = await tokenFor("#1002", "ava.lee@example.com");
    const ended = addDays(calendarDate(new Date(Date.now() - FIXTURES.order1002.deliveredDaysAgo * 86_400_000), "UTC"), 30);
    // WHEN the block asks in Canadian French, and then with no language
    const french = (await (await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId }, locale: "fr-CA" })).json()) as EligibilityResponse;
    const english = (await (await call(eligibilityLoader as Route, `/orders/${orderId}/eligibility`, { token, params: { orderId } })).json()) as EligibilityResponse;
    // THEN the French answer is French throughout, its date written the French way
    expect(french.lines[0]?.message).toBe(`Le délai de retour de 30 jours pour cet article a pris fin le ${formatCalendarDate(ended, "fr")}.`);
    expect(french.policyText[0]).toBe("Vous pouvez demander un retour dans un délai de 30 jours après la livraison (ou l’expédition, si nous n’avons pas de date de livraison).");
    // (French puts a narrow no-break space before "%": compared with plain spaces.)
    const plain = (text: string) => text.replace(/\s/g, " ");
    expect(french.policyText.map(plain)).toContain(
      "Choisissez un remboursement sur votre moyen de paiement d’origine, un avoir en boutique avec un bonus de 10 % ou un échange contre une autre taille ou couleur.",
    );
    expect(french.resolutions.map((r) => plain(r.label))).toEqual(["Remboursement sur le moyen de paiement d’origine", "Avoir en boutique (+10 % de bonus)", "Échange contre une autre variante"]);
    // AND the English answer is unchanged
    expect(english.lines[0]?.message).toBe(`The 30-day return window for this item ended on ${formatCalendarDate(ended)}.`);
    expect(english.policyText[0]).toBe("You can start a return within 30 days of delivery (or of shipping, when we have no delivery date).");
  });

  it("says an unknown order in German with locale=de, and treats an unknown language as English", async () => {
    // GIVEN a token for #1002, asking about another order
    const { token } = await tokenFor("#1002", "ava.lee@example.com");
    const other = numeric(FIXTURES.order1001.id);
    // WHEN
    const german = await call(eligibilityLoader as Route, `/orders/${other}/eligibility`, { token, params: { orderId: other }, locale: "de" });
    const portuguese = await call(eligibilityLoader as Route, `/orders/${other}/eligibility`, { token, params: { orderId: other }, locale: "pt-BR" });
    const lookupMiss = await call(lookupAction as Route, "/lookup", { body: { orderNumber: "#9999", email: "ava.lee@example.com" }, locale: "de" });
    // THEN
    expect(german.status).toBe(404);
    expect(await german.json()).toEqual({ error: { code: "not_found", message: "Wir konnten diese Bestellung nicht finden." } });
    expect(await portuguese.json()).toEqual({ error: { code: "not_found", message: "We couldn't find that order." } });
    expect(await lookupMiss.json()).toEqual({
      error: { code: "not_found", message: "Wir haben keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfen Sie beides und versuchen Sie es erneut." },
    });
  });

  it("words validation problems, on the field too, in Spanish with locale=es", async () => {
    const response = await call(lookupAction as Route, "/lookup", { body: { orderNumber: "", email: "ava.lee@example.com" }, locale: "es" });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: { code: "invalid", message: "Introduce tu número de pedido.", fields: { orderNumber: "Introduce tu número de pedido." } },
    });
  });

  it("answers a return's status, timeline and next steps in French with locale=fr", async () => {
    // GIVEN an approved return of #1002, and its token
    const { token } = await tokenFor("#1002", "ava.lee@example.com");
    const row = await createReturnCase(DEMO_SHOP, { orderId: FIXTURES.order1002.id, orderName: "#1002", status: "approved" });
    await prisma.returnCase.update({ where: { id: row.id }, data: { requestedAt: new Date(Date.now() - 60_000), approvedAt: new Date() } });
    // WHEN
    const french = (await (await call(statusLoader as Route, `/returns/${row.id}`, { token, params: { returnId: row.id }, locale: "fr" })).json()) as ReturnStatusResponse;
    const english = (await (await call(statusLoader as Route, `/returns/${row.id}`, { token, params: { returnId: row.id } })).json()) as ReturnStatusResponse;
    // THEN
    expect(french.statusLabel).toBe("Approuvé — renvoyez les articles");
    expect(french.instructions).toEqual([
      "Emballez soigneusement les articles avec tout ce qui les accompagnait.",
      "Renvoyez-les sous 14 jours ; les instructions se trouvent dans votre e-mail.",
    ]);
    expect(french.timeline.map((e) => e.label)).toEqual(["Demandé", "Approuvé — renvoyez les articles"]);
    expect(english.statusLabel).toBe("Approved — send the items back");
    expect(english.instructions[0]).toBe("Pack the items securely with everything they came with.");
  });
});

describe("an exchange from the storefront", () => {
  it("is approved without a Shopify request, then created in Shopify with its exchange item when the agent resolves it", async () => {
    // GIVEN a fresh store (the tee of #1001 is still returnable), none of the earlier tests'
    // returns (a new simulator numbers its Shopify returns from 1 again), and Ava's size L
    sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
    await prisma.moneyMovement.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.ticket.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.returnCase.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.session.update({ where: { id: `offline_${DEMO_SHOP}` }, data: { accessToken: sim.accessToken(DEMO_SHOP) } });
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    const eligibility = (await (
      await call(eligibilityLoader as Route, `/orders/${numeric(FIXTURES.order1001.id)}/eligibility`, { token, params: { orderId: numeric(FIXTURES.order1001.id) } })
    ).json()) as EligibilityResponse;
    const sizeL = eligibility.lines[0]?.exchangeOptions.find((option) => option.title === "L");
    expect(sizeL).toBeDefined();
    const requestsBefore = sim.store.events.filter((e) => e.type === "return.requested").length;
    // WHEN Ava asks to exchange her M for an L
    const body = {
      orderId: FIXTURES.order1001.id,
      resolution: "exchange",
      lines: [{ lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small", exchangeVariantId: sizeL?.variantId }],
      clientKey: `ck_x_${Date.now().toString(36)}`,
    };
    const created = (await (await call(returnsAction as Route, "/returns", { token, body })).json()) as CreateReturnResponse;
    // THEN it is approved in Aftercare, and Shopify holds no requested return it could not complete
    expect(created).toMatchObject({ status: "approved", decision: "approved" });
    expect(sim.store.events.filter((e) => e.type === "return.requested").length).toBe(requestsBefore);
    const stored = await prisma.returnCase.findFirstOrThrow({ where: { id: created.returnId, shop: DEMO_SHOP }, include: { lines: true } });
    expect(stored.shopifyReturnId).toBeNull();
    expect(stored.lines[0]).toMatchObject({ exchangeVariantId: sizeL?.variantId, exchangeVariantTitle: "L" });
    // WHEN the agent creates the exchange
    const client = createShopifyClient((async (query: string, options?: { variables?: Record<string, unknown> }) => {
      const { body: answer } = await sim.graphql(DEMO_SHOP, query, options?.variables ?? {});
      return new Response(JSON.stringify(answer));
    }) as unknown as AdminGraphql);
    const outcome = await performReturnAction(DEMO_SHOP, created.returnId, { intent: "exchange" }, "staff:1", { client });
    // THEN Shopify has the return with the size L as its exchange item, and the return is resolved
    expect(outcome.message).toMatch(/exchange/i);
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: created.returnId, shop: DEMO_SHOP } });
    expect(after.status).toBe("resolved");
    expect(after.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
  });
  it("asks the rules engine whether to approve: with auto-approve switched off there, a request within policy waits for a person", async () => {
    // GIVEN a fresh store, and the merchant's rules with auto-approve off
    sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
    await prisma.moneyMovement.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.ticket.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.returnCase.deleteMany({ where: { shop: DEMO_SHOP } });
    await prisma.session.update({ where: { id: `offline_${DEMO_SHOP}` }, data: { accessToken: sim.accessToken(DEMO_SHOP) } });
    const current = await getCurrentRuleSet(DEMO_SHOP);
    const off = await saveRuleSetVersion(DEMO_SHOP, { ...current.rules, auto_approve: { enabled: false } }, "staff:1");
    const { token } = await tokenFor("#1001", "ava.lee@example.com");
    // WHEN Ava asks to return the tee for a refund
    const body = { orderId: FIXTURES.order1001.id, resolution: "refund", lines: [teeLineForRules], clientKey: `ck_rules_${Date.now().toString(36)}` };
    const created = (await (await call(returnsAction as Route, "/returns", { token, body })).json()) as CreateReturnResponse;
    // THEN it waits for review, says why, and the run names the rules version that judged it
    expect(created).toMatchObject({ status: "needs_review", decision: "needs_review" });
    const stored = await prisma.returnCase.findFirstOrThrow({ where: { id: created.returnId, shop: DEMO_SHOP } });
    expect(stored.decision).toMatchObject({ outcome: "review", ruleSetVersion: off.version, rules: [{ rule: "auto_approve_off", message: "The store reviews every return by hand." }] });
    expect(await prisma.ruleRun.findMany({ where: { shop: DEMO_SHOP, entityId: created.returnId }, select: { ruleKey: true, ruleSetVersion: true, decision: true, reasons: true, outcome: true } })).toEqual([
      { ruleKey: "auto_approve", ruleSetVersion: off.version, decision: "review", reasons: ["The store reviews every return by hand."], outcome: "succeeded" },
    ]);
    await saveRuleSetVersion(DEMO_SHOP, current.rules, "staff:1");
  });
});
