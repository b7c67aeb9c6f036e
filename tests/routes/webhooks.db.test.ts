import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { TopicHandlers } from "~/automation/handlers/index.server";
import { processDueEvents } from "~/automation/worker.server";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as appScopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as returnsApprove } from "~/routes/webhooks.returns.approve";
import { action as returnsCancel } from "~/routes/webhooks.returns.cancel";
import { action as returnsClose } from "~/routes/webhooks.returns.close";
import { action as returnsDecline } from "~/routes/webhooks.returns.decline";
import { action as returnsProcess } from "~/routes/webhooks.returns.process";
import { action as returnsReopen } from "~/routes/webhooks.returns.reopen";
import { action as returnsRequest } from "~/routes/webhooks.returns.request";
import { FIRST_ATTEMPT_DELAY_MS } from "~/automation/retry";
import { API_VERSION } from "~/shopify/api-version";
import { callAction, newWebhookId, uniqueShop, webhookRequest } from "../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

/** A shop Aftercare knows (a Shop row): the door stores only known shops' webhooks. */
async function installedShop(label: string): Promise<string> {
  const shop = uniqueShop(label);
  await prisma.shop.create({ data: { shop } });
  return shop;
}

function compliancePayload(shop: string) {
  return { shop_id: 954889, shop_domain: shop };
}

const ROUTES = [
  { topic: "app/uninstalled", stored: "APP_UNINSTALLED", action: appUninstalled, payload: (_shop: string) => ({ id: 954889 }) },
  {
    topic: "app/scopes_update",
    stored: "APP_SCOPES_UPDATE",
    action: appScopesUpdate,
    payload: (_shop: string) => ({ id: 1, previous: ["read_orders"], current: ["read_orders", "write_returns"] }),
  },
  {
    topic: "customers/data_request",
    stored: "CUSTOMERS_DATA_REQUEST",
    action: customersDataRequest,
    payload: (shop: string) => ({ ...compliancePayload(shop), customer: { id: 191167, email: "john@example.com" }, orders_requested: [299938], data_request: { id: 9999 } }),
  },
  {
    topic: "customers/redact",
    stored: "CUSTOMERS_REDACT",
    action: customersRedact,
    payload: (shop: string) => ({ ...compliancePayload(shop), customer: { id: 191167, email: "john@example.com" }, orders_to_redact: [299938] }),
  },
  { topic: "shop/redact", stored: "SHOP_REDACT", action: shopRedact, payload: compliancePayload },
  ...(
    [
      ["request", "RETURNS_REQUEST", returnsRequest],
      ["approve", "RETURNS_APPROVE", returnsApprove],
      ["decline", "RETURNS_DECLINE", returnsDecline],
      ["cancel", "RETURNS_CANCEL", returnsCancel],
      ["close", "RETURNS_CLOSE", returnsClose],
      ["reopen", "RETURNS_REOPEN", returnsReopen],
      ["process", "RETURNS_PROCESS", returnsProcess],
    ] as const
  ).map(([verb, stored, action]) => ({ topic: `returns/${verb}`, stored, action, payload: (_shop: string) => returnPayload(945000959) })),
];

/** A returns/* body as Shopify sends it: the Return, REST-style, with its GID. */
function returnPayload(id: number) {
  return { id, admin_graphql_api_id: `gid://shopify/Return/${id}`, status: "requested", order: { id: 450789469, admin_graphql_api_id: "gid://shopify/Order/450789469" } };
}

function countingHandlers() {
  const calls: Array<{ topic: string; shop: string }> = [];
  const record = (topic: string) => async (shop: string) => {
    calls.push({ topic, shop });
  };
  const handlers: TopicHandlers = {
    APP_UNINSTALLED: record("APP_UNINSTALLED"),
    APP_SCOPES_UPDATE: record("APP_SCOPES_UPDATE"),
    CUSTOMERS_DATA_REQUEST: record("CUSTOMERS_DATA_REQUEST"),
    CUSTOMERS_REDACT: record("CUSTOMERS_REDACT"),
    SHOP_REDACT: record("SHOP_REDACT"),
    RETURNS_REQUEST: record("RETURNS_REQUEST"),
    RETURNS_APPROVE: record("RETURNS_APPROVE"),
    RETURNS_DECLINE: record("RETURNS_DECLINE"),
    RETURNS_CANCEL: record("RETURNS_CANCEL"),
    RETURNS_CLOSE: record("RETURNS_CLOSE"),
    RETURNS_REOPEN: record("RETURNS_REOPEN"),
    RETURNS_PROCESS: record("RETURNS_PROCESS"),
    RETURNS_UPDATE: record("RETURNS_UPDATE"),
    ORDERS_CREATE: record("ORDERS_CREATE"),
    ORDERS_UPDATED: record("ORDERS_UPDATED"),
    FULFILLMENTS_CREATE: record("FULFILLMENTS_CREATE"),
    FULFILLMENTS_UPDATE: record("FULFILLMENTS_UPDATE"),
    REFUNDS_CREATE: record("REFUNDS_CREATE"),
  };
  return { calls, handlers };
}

describe("webhook routes", () => {
  describe.each(ROUTES)("/webhooks/$topic", ({ topic, stored, action, payload }) => {
    it("answers 200 to a signed webhook and records exactly one inbox row with its headers", async () => {
      // GIVEN an installed shop without any session (its offline token is not needed to receive)
      const shop = await installedShop("route");
      const webhookId = newWebhookId();
      const request = webhookRequest({ topic, shop, payload: payload(shop), webhookId, eventId: "ev-1", triggeredAt: "2026-11-20T10:00:00.000Z" });
      // WHEN
      const response = await callAction(action, request);
      // THEN
      expect(response.status).toBe(200);
      const rows = await prisma.webhookEvent.findMany({ where: { shop } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        shop,
        topic: stored,
        webhookId,
        eventId: "ev-1",
        apiVersion: API_VERSION,
        triggeredAt: new Date("2026-11-20T10:00:00.000Z"),
        payload: payload(shop),
        status: "pending",
        attempts: 0,
        lastError: null,
      });
    });

    it("answers 401 to a webhook signed with another secret and stores nothing", async () => {
      // GIVEN
      const shop = uniqueShop("forged");
      const request = webhookRequest({ topic, shop, payload: payload(shop), secret: "not-the-app-secret" });
      // WHEN
      const response = await callAction(action, request);
      // THEN
      expect(response.status).toBe(401);
      expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
    });
  });

  it("answers 401 to a body changed after signing and stores nothing", async () => {
    // GIVEN a genuine signature over one body, sent with another
    const shop = uniqueShop("tampered");
    const request = webhookRequest({
      topic: "shop/redact",
      shop,
      payload: compliancePayload(shop),
      tamperedBody: JSON.stringify(compliancePayload("victim.myshopify.com")),
    });
    // WHEN
    const response = await callAction(shopRedact, request);
    // THEN
    expect(response.status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 200 to a signed webhook of a shop Aftercare never saw and stores nothing", async () => {
    // GIVEN a shop with neither a Shop row nor a session (the CLI's trigger command sends these)
    const shop = uniqueShop("unknown");
    // WHEN
    const response = await callAction(customersRedact, webhookRequest({ topic: "customers/redact", shop, payload: { ...compliancePayload(shop), customer: { id: 1 }, orders_to_redact: [] } }));
    // THEN Shopify is answered, and there is nothing of that shop to export or redact
    expect(response.status).toBe(200);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 401 to a signed compliance body sent under another installed shop's header and stores nothing", async () => {
    // GIVEN the body of one shop's shop/redact, replayed with another shop's header
    const victim = await installedShop("victim");
    const owner = await installedShop("owner");
    // WHEN
    const response = await callAction(shopRedact, webhookRequest({ topic: "shop/redact", shop: victim, payload: compliancePayload(owner) }));
    // THEN
    expect(response.status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop: { in: [victim, owner] } } })).toBe(0);
  });

  it("answers 405 to a GET and stores nothing", async () => {
    // GIVEN
    const shop = uniqueShop("get");
    const request = webhookRequest({ topic: "app/uninstalled", shop, payload: {}, method: "GET" });
    // WHEN
    const response = await callAction(appUninstalled, request);
    // THEN
    expect(response.status).toBe(405);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 200 to the same webhook id twice, keeps one row and processes it once", async () => {
    // GIVEN one delivery already recorded
    const shop = await installedShop("dup");
    const webhookId = newWebhookId();
    const body = { id: 1, previous: [], current: ["read_orders"] };
    const first = await callAction(appScopesUpdate, webhookRequest({ topic: "app/scopes_update", shop, payload: body, webhookId }));
    // WHEN Shopify delivers it again
    const second = await callAction(appScopesUpdate, webhookRequest({ topic: "app/scopes_update", shop, payload: body, webhookId }));
    const { calls, handlers } = countingHandlers();
    const result = await processDueEvents({ shop, handlers });
    // THEN
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
    expect(calls).toEqual([{ topic: "APP_SCOPES_UPDATE", shop }]);
    expect(result).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
  });

  it("keeps one row for a returns/* webhook delivered twice and processes it once, after it settled", async () => {
    // GIVEN Shopify delivering the same returns/approve twice
    const shop = await installedShop("dup-return");
    const webhookId = newWebhookId();
    const received = Date.now();
    const deliver = () => callAction(returnsApprove, webhookRequest({ topic: "returns/approve", shop, payload: returnPayload(77), webhookId }));
    const answers = [await deliver(), await deliver()];
    const { calls, handlers } = countingHandlers();
    // WHEN the worker looks at once, and again once the settling delay is over
    const early = await processDueEvents({ shop, handlers });
    const later = await processDueEvents({ shop, handlers, now: new Date(received + (FIRST_ATTEMPT_DELAY_MS.RETURNS_APPROVE ?? 0) + 1_000) });
    // THEN one row, untouched while Aftercare's own write may still be landing, then processed once
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
    expect(early.claimed).toBe(0);
    expect(later).toEqual({ claimed: 1, processed: 1, retrying: 0, dead: 0 });
    expect(calls).toEqual([{ topic: "RETURNS_APPROVE", shop }]);
  });

  it("stores a returns/* payload without a Return id as failed, naming the field", async () => {
    // GIVEN a returns/close whose admin_graphql_api_id names an order, not a return
    const shop = await installedShop("bad-return");
    const webhookId = newWebhookId();
    const request = webhookRequest({ topic: "returns/close", shop, payload: { admin_graphql_api_id: "gid://shopify/Order/1" }, webhookId });
    // WHEN
    const response = await callAction(returnsClose, request);
    // THEN
    expect(response.status).toBe(200);
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ status: "failed", lastError: "Invalid RETURNS_CLOSE payload — admin_graphql_api_id: must be a Return GID" });
  });

  it("answers 200 to a payload that does not parse and stores it failed, naming the bad field", async () => {
    // GIVEN a customers/redact without its customer
    const shop = await installedShop("bad");
    const webhookId = newWebhookId();
    const request = webhookRequest({ topic: "customers/redact", shop, payload: { shop_id: 1, shop_domain: shop, orders_to_redact: ["#1001"] }, webhookId });
    // WHEN
    const before = Date.now();
    const response = await callAction(customersRedact, request);
    // THEN Shopify is not asked to resend the same bytes; the row waits for a retry
    expect(response.status).toBe(200);
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId } });
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe(
      "Invalid CUSTOMERS_REDACT payload — customer: Invalid input: expected object, received undefined; orders_to_redact.0: must be a numeric id",
    );
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
  });

  it("records the webhook of a shop that still has a session, and leaves the session alone", async () => {
    // GIVEN the shop's offline session (unexpired, so the library loads it without a refresh)
    const shop = uniqueShop("session");
    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: "read_orders" } });
    // WHEN
    const response = await callAction(appUninstalled, webhookRequest({ topic: "app/uninstalled", shop, payload: { id: 1 } }));
    // THEN the route only records; the worker deletes the session later
    expect(response.status).toBe(200);
    expect(await prisma.webhookEvent.count({ where: { shop, topic: "APP_UNINSTALLED" } })).toBe(1);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
  });
});

describe("webhook receipt and the shop's offline token", () => {
  it("records app/uninstalled without refreshing an expired offline token (shopify-app-js#3360)", async () => {
    // GIVEN an uninstalled shop whose expiring offline token has lapsed: a refresh
    // would be refused by Shopify, and any outbound call here would fail the test
    const shop = uniqueShop("expired");
    await prisma.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: "shpat_expired",
        expires: new Date(Date.now() - 60_000),
        refreshToken: "shprt_refused",
        refreshTokenExpires: new Date(Date.now() + 86_400_000),
      },
    });
    const outbound: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL) => {
      outbound.push(String(input instanceof Request ? input.url : input));
      return new Response("{}", { status: 401 });
    };
    try {
      // WHEN
      const response = await callAction(appUninstalled, webhookRequest({ topic: "app/uninstalled", shop, payload: { id: 1 } }));
      // THEN
      expect(response.status).toBe(200);
      expect(outbound).toEqual([]);
      expect(await prisma.webhookEvent.count({ where: { shop, topic: "APP_UNINSTALLED" } })).toBe(1);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
