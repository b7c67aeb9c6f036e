import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { issuePortalToken } from "~/portal/token.server";
import { orderReturnsResponseSchema, type OrderReturnsResponse } from "~/returns/portal-contract";
import { loader as caOrderReturns } from "~/routes/customer-account.orders.$orderId.returns";
import { loader as proxyOrderReturns } from "~/routes/proxy.orders.$orderId.returns";
import { createReturnCase } from "../support/factories";
import { customerAccountRequest, customerAccountToken, type CustomerAccountRequestOptions } from "../support/customer-account";
import { startDoorSimulator, stopDoorSimulator } from "../support/door-simulator";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";

// GET orders/:orderId/returns on both doors (app proxy, customer accounts): one order's
// returns for the order-status block, scoped to the shop and to whoever may see the order.
const DEMO_STORE = DEMO_SHOP.replace(".myshopify.com", "");

type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const numeric = (gid: string) => gid.split("/").pop() ?? "";
const ORDER_1001 = numeric(FIXTURES.order1001.id);
const ORDER_1003 = numeric(FIXTURES.order1003.id);
const NOT_FOUND = { error: { code: "not_found", message: "We couldn't find that order." } };

/** The returns seeded on #1001 (newest first), Noah's on #1003 and another shop's on the same order id. */
const seeded = { ava: [] as string[], noah: "", foreign: "" };

beforeAll(async () => {
  await startDoorSimulator();
  // An older portal refund, since resolved; then a return mirrored from Shopify's own flow (no customer on our row).
  const older = await createReturnCase(DEMO_SHOP, {
    orderId: FIXTURES.order1001.id,
    customerId: FIXTURES.ava.id,
    status: "resolved",
    lines: [{ title: "Ceramic Mug", quantityRequested: 1 }],
  });
  await prisma.returnCase.update({
    where: { id: older.id },
    data: { requestedAt: new Date("2026-11-02T10:00:00Z"), resolvedAt: new Date("2026-11-05T09:30:00Z"), refundAmountMinor: 1800n },
  });
  const mirrored = await createReturnCase(DEMO_SHOP, {
    orderId: FIXTURES.order1001.id,
    customerId: null,
    channel: "shopify",
    status: "approved",
    resolution: "store_credit",
    lines: [{ title: "Classic Tee", quantityRequested: 2 }],
  });
  await prisma.returnCase.update({
    where: { id: mirrored.id },
    data: { requestedAt: new Date("2026-11-20T08:00:00Z"), storeCreditAmountMinor: 5000n, bonusAmountMinor: 500n },
  });
  seeded.ava = [mirrored.id, older.id];
  seeded.noah = (await createReturnCase(DEMO_SHOP, { orderId: FIXTURES.order1003.id, customerId: FIXTURES.noah.id })).id;
  seeded.foreign = (await createReturnCase(EU_SHOP, { orderId: FIXTURES.order1001.id, customerId: FIXTURES.ava.id })).id;
});

afterAll(stopDoorSimulator);

/** Calls a route as Remix does: a thrown Response is the answer. */
async function settle(route: Route, request: Request, orderId: string): Promise<Response> {
  try {
    return await route({ request, params: { orderId }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** GET /proxy/orders/:orderId/returns, signed as Shopify signs app proxy requests. */
async function viaProxy(orderId: string, auth: { token?: string; customerId?: string; locale?: string }): Promise<Response> {
  const url = new URL(`${APP_URL}/proxy/orders/${orderId}/returns`);
  url.searchParams.set("path_prefix", "/apps/aftercare");
  url.searchParams.set("logged_in_customer_id", auth.customerId ?? "");
  if (auth.locale) url.searchParams.set("locale", auth.locale);
  const headers: Record<string, string> = auth.token ? { "X-Aftercare-Token": auth.token } : {};
  const signed = await setUpValidRequest({ type: RequestType.Public, store: DEMO_STORE, apiSecretKey: API_SECRET_KEY }, new Request(url, { headers }));
  return settle(proxyOrderReturns as Route, signed, orderId);
}

/** GET /customer-account/orders/:orderId/returns with a customer account session token. */
async function viaCustomerAccount(orderId: string, init: CustomerAccountRequestOptions): Promise<Response> {
  return settle(caOrderReturns as Route, customerAccountRequest(`/orders/${orderId}/returns`, init), orderId);
}

const guestToken = (orderGid: string) => issuePortalToken({ shop: DEMO_SHOP, orderId: orderGid }, { secret: API_SECRET_KEY }).token;

async function returnsOf(response: Response): Promise<OrderReturnsResponse> {
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  return orderReturnsResponseSchema.parse(await response.json());
}

describe("GET orders/:orderId/returns on the app proxy", () => {
  it("lists the token's order's returns newest first, whatever started them, with status in the shopper's language and amounts as money", async () => {
    // GIVEN a guest's token for #1001 (seeded: a Shopify-mirrored return, an older resolved portal return)
    // WHEN they ask in French
    const body = await returnsOf(await viaProxy(ORDER_1001, { token: guestToken(FIXTURES.order1001.id), locale: "fr" }));
    // THEN both of this shop's #1001 returns, newest first; never Noah's order's or the other shop's
    expect(body.returns.map((r) => r.returnId)).toEqual(seeded.ava);
    const [mirrored, older] = body.returns;
    expect(mirrored).toMatchObject({
      status: "approved",
      resolution: "store_credit",
      lines: [{ title: "Classic Tee", variantTitle: null, quantity: 2, exchangeVariantTitle: null }],
      storeCreditTotal: { amountMinor: 5500, currencyCode: "USD" },
      refundTotal: { amountMinor: 0, currencyCode: "USD" },
      requestedAt: "2026-11-20T08:00:00.000Z",
      resolvedAt: null,
    });
    expect(older).toMatchObject({
      status: "resolved",
      statusLabel: "Terminé",
      refundTotal: { amountMinor: 1800, currencyCode: "USD" },
      requestedAt: "2026-11-02T10:00:00.000Z",
      resolvedAt: "2026-11-05T09:30:00.000Z",
    });
  });

  it("lists a signed-in customer's own order without a token", async () => {
    // WHEN Ava, signed in on the storefront, asks for #1001
    const body = await returnsOf(await viaProxy(ORDER_1001, { customerId: loggedInId(FIXTURES.ava.id) }));
    // THEN her order's returns, in English by default
    expect(body.returns.map((r) => [r.returnId, r.statusLabel])).toEqual([
      [seeded.ava[0], expect.stringMatching(/^Approved/)],
      [seeded.ava[1], "Completed"],
    ]);
  });

  it("answers a guest without a token 401 and another order than the token's, or another customer's, 404 as for no order", async () => {
    // WHEN nobody is signed in and no token is sent
    const anonymous = await viaProxy(ORDER_1001, {});
    // THEN
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });
    // WHEN a token for #1001 asks for #1003, and Noah (signed in) asks for Ava's #1001
    const otherOrder = await viaProxy(ORDER_1003, { token: guestToken(FIXTURES.order1001.id) });
    const otherCustomer = await viaProxy(ORDER_1001, { customerId: loggedInId(FIXTURES.noah.id) });
    const missing = await viaProxy("999999", { customerId: loggedInId(FIXTURES.ava.id) });
    // THEN the same 404, nothing of the other order
    for (const response of [otherOrder, otherCustomer, missing]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(NOT_FOUND);
    }
  });
});

describe("GET orders/:orderId/returns on the customer-accounts door", () => {
  it("answers the signed-in customer the very body the storefront door answers", async () => {
    // GIVEN Ava's session token
    const token = await customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id });
    // WHEN she lists #1001 in German on both doors
    const account = await returnsOf(await viaCustomerAccount(ORDER_1001, { token, locale: "de" }));
    const storefront = await returnsOf(await viaProxy(ORDER_1001, { customerId: loggedInId(FIXTURES.ava.id), locale: "de" }));
    // THEN one answer, newest first, in her language
    expect(account).toEqual(storefront);
    expect(account.returns.map((r) => r.returnId)).toEqual(seeded.ava);
    expect(account.returns[1]?.statusLabel).toBe("Abgeschlossen");
  });

  it("answers another customer's order 404 and no session token 401", async () => {
    // WHEN Noah asks for Ava's #1001, and a request comes without a token
    const noah = await viaCustomerAccount(ORDER_1001, { token: await customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.noah.id }) });
    const anonymous = await viaCustomerAccount(ORDER_1001, { token: null });
    // THEN
    expect(noah.status).toBe(404);
    expect(await noah.json()).toEqual(NOT_FOUND);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });
    // AND Noah sees his own order's return only
    const own = await returnsOf(await viaCustomerAccount(ORDER_1003, { token: await customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.noah.id }) }));
    expect(own.returns.map((r) => r.returnId)).toEqual([seeded.noah]);
  });
});

/** The numeric id Shopify puts in `logged_in_customer_id`. */
function loggedInId(customerGid: string): string {
  return numeric(customerGid);
}
