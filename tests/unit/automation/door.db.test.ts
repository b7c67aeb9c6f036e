import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { handleWebhookRequest } from "~/automation/door.server";
import { API_VERSION } from "~/shopify/api-version";
import { API_SECRET_KEY, newWebhookId, uniqueShop, webhookRequest, type WebhookRequestOptions } from "../../support/shopify-app";

/*
 * The production server's webhook door, over real HTTP on a loopback port: what Shopify's
 * delivery sees of `npm start` before Remix is involved.
 */

const MAX_BODY = 4096;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => void handleWebhookRequest(req, res, { secret: API_SECRET_KEY, maxBodyBytes: MAX_BODY }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await prisma.$disconnect();
});

/** Sends the test helper's signed request to the door instead of to a Remix action. */
async function deliver(options: WebhookRequestOptions): Promise<number> {
  const request = webhookRequest(options);
  const body = request.method === "GET" ? undefined : await request.text();
  const response = await fetch(`${origin}/webhooks/${options.topic}`, { method: request.method, headers: request.headers, body });
  return response.status;
}

async function installedShop(label: string): Promise<string> {
  const shop = uniqueShop(label);
  await prisma.shop.create({ data: { shop } });
  return shop;
}

const scopes = { id: 1, previous: ["read_orders"], current: ["read_orders", "write_returns"] };

describe("the webhook door of the production server", () => {
  it("answers 200 to a signed webhook of an installed shop and records one inbox row with its headers", async () => {
    // GIVEN
    const shop = await installedShop("door");
    const webhookId = newWebhookId();
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload: scopes, webhookId, eventId: "ev-door-1", triggeredAt: "2026-11-20T10:00:00.000Z" });
    // THEN
    expect(status).toBe(200);
    const rows = await prisma.webhookEvent.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      topic: "APP_SCOPES_UPDATE",
      webhookId,
      eventId: "ev-door-1",
      apiVersion: API_VERSION,
      triggeredAt: new Date("2026-11-20T10:00:00.000Z"),
      payload: scopes,
      status: "pending",
    });
  });

  it("answers 401 to a webhook signed with another secret and stores nothing", async () => {
    // GIVEN
    const shop = await installedShop("door-forged");
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload: scopes, secret: "not-the-app-secret" });
    // THEN
    expect(status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 401 to a body changed after signing and stores nothing", async () => {
    // GIVEN
    const shop = await installedShop("door-tampered");
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload: scopes, tamperedBody: JSON.stringify({ ...scopes, current: ["write_orders"] }) });
    // THEN
    expect(status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 413 to a body over the cap, even one correctly signed, and stores nothing", async () => {
    // GIVEN a signed body larger than the door takes
    const shop = await installedShop("door-large");
    const payload = { ...scopes, padding: "x".repeat(MAX_BODY * 4) };
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload });
    // THEN
    expect(status).toBe(413);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 405 to a GET and stores nothing", async () => {
    const shop = await installedShop("door-get");
    expect(await deliver({ topic: "app/scopes_update", shop, payload: scopes, method: "GET" })).toBe(405);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 200 to a signed webhook of a shop Aftercare never saw, and stores nothing", async () => {
    // GIVEN a shop with neither a Shop row nor a session
    const shop = uniqueShop("door-unknown");
    // WHEN its mandatory compliance webhook arrives
    const status = await deliver({ topic: "customers/redact", shop, payload: { shop_id: 1, shop_domain: shop, customer: { id: 1 }, orders_to_redact: [] } });
    // THEN it is answered (Shopify stops resending) but nothing is kept: we hold no data of that shop
    expect(status).toBe(200);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("records the webhook of a shop known only by its session", async () => {
    // GIVEN a shop with an offline session and no Shop row
    const shop = uniqueShop("door-session");
    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test" } });
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload: scopes });
    // THEN
    expect(status).toBe(200);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(1);
  });

  it("answers 401 to a signed body replayed under another installed shop's header, and stores nothing", async () => {
    // GIVEN two installed shops, and a compliance body of the first sent as the second
    const victim = await installedShop("door-victim");
    const owner = await installedShop("door-owner");
    // WHEN
    const status = await deliver({ topic: "shop/redact", shop: victim, payload: { shop_id: 1, shop_domain: owner } });
    // THEN
    expect(status).toBe(401);
    expect(await prisma.webhookEvent.count({ where: { shop: { in: [victim, owner] } } })).toBe(0);
  });

  it("answers 200 to the same webhook id twice and keeps one row", async () => {
    // GIVEN
    const shop = await installedShop("door-dup");
    const webhookId = newWebhookId();
    // WHEN Shopify delivers it twice, the second time with a fresh event id
    const statuses = [await deliver({ topic: "app/scopes_update", shop, payload: scopes, webhookId }), await deliver({ topic: "app/scopes_update", shop, payload: scopes, webhookId })];
    // THEN
    expect(statuses).toEqual([200, 200]);
    expect(await prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
  });

  it("answers 200 to the same event id under two webhook ids and keeps one row", async () => {
    // GIVEN one event delivered twice, each time with its own webhook id
    const shop = await installedShop("door-event");
    const eventId = `ev-${newWebhookId()}`;
    // WHEN
    const statuses = await Promise.all([
      deliver({ topic: "app/scopes_update", shop, payload: scopes, eventId }),
      deliver({ topic: "app/scopes_update", shop, payload: scopes, eventId }),
    ]);
    // THEN
    expect(statuses).toEqual([200, 200]);
    expect(await prisma.webhookEvent.count({ where: { shop, eventId } })).toBe(1);
  });

  it("keeps one row per topic for an event id that two topics share", async () => {
    // GIVEN one event id on two topics' deliveries
    const shop = await installedShop("door-topics");
    const eventId = `ev-${newWebhookId()}`;
    // WHEN
    await deliver({ topic: "app/scopes_update", shop, payload: scopes, eventId });
    await deliver({ topic: "app/uninstalled", shop, payload: { id: 1 }, eventId });
    // THEN
    expect(await prisma.webhookEvent.count({ where: { shop, eventId } })).toBe(2);
  });

  it("answers every one of a burst of parallel deliveries and records each once", async () => {
    // GIVEN
    const shop = await installedShop("door-burst");
    // WHEN 60 deliveries arrive together (they are committed in a few group writes)
    const statuses = await Promise.all(Array.from({ length: 60 }, () => deliver({ topic: "app/scopes_update", shop, payload: scopes })));
    // THEN
    expect(statuses).toEqual(Array(60).fill(200));
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(60);
  });
});
