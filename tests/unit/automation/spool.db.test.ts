import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma, { databaseUrl, dialect } from "~/db.server";
import { handleWebhookRequest } from "~/automation/door.server";
import { spoolWebhook } from "~/automation/inbox.server";
import { moveSpooledWebhooks, spoolPathFor } from "~/automation/spool.server";
import { processDueEvents } from "~/automation/worker.server";
import { API_VERSION } from "~/shopify/api-version";
import { API_SECRET_KEY, newWebhookId, uniqueShop, webhookRequest, type WebhookRequestOptions } from "../../support/shopify-app";

/*
 * The production door on SQLite writes a spool file of its own, which the worker moves into
 * the inbox (app/automation/spool.server.ts): acknowledged means committed in the spool,
 * and the inbox's unique keys still keep one row per webhook and event.
 */

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => void handleWebhookRequest(req, res, { secret: API_SECRET_KEY, spool: true, log: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Nothing is left in the spool for the next test file's worker to find.
  moveSpooledWebhooks();
  await new Promise((resolve) => server.close(resolve));
  await prisma.$disconnect();
});

async function deliver(options: WebhookRequestOptions): Promise<number> {
  const request = webhookRequest(options);
  const response = await fetch(`${origin}/webhooks/${options.topic}`, { method: "POST", headers: request.headers, body: await request.text() });
  return response.status;
}

async function installedShop(label: string): Promise<string> {
  const shop = uniqueShop(label);
  await prisma.shop.create({ data: { shop } });
  return shop;
}

/** A connection of the test's own to the spool file, as another process would see it. */
function withSpool<T>(read: (db: Database.Database) => T): T {
  const db = new Database(spoolPathFor(databaseUrl));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const spooled = (shop: string) => withSpool((db) => db.prepare(`SELECT "webhookId" FROM "SpooledWebhook" WHERE "shop" = ?`).all(shop)).length;

const scopes = { id: 1, previous: ["read_orders"], current: ["read_orders", "write_returns"] };
const scopesDelivery = (shop: string, webhookId: string, eventId?: string) => ({ shop, topic: "APP_SCOPES_UPDATE", webhookId, eventId, apiVersion: API_VERSION, payload: scopes });

describe.skipIf(dialect !== "sqlite")("the production door's SQLite spool", () => {
  it("acknowledges a webhook once it is in the spool, and the move makes it the same inbox row the inbox would have stored", async () => {
    // GIVEN
    const shop = await installedShop("spool");
    const webhookId = newWebhookId();
    // WHEN
    const status = await deliver({ topic: "app/scopes_update", shop, payload: scopes, webhookId, eventId: "ev-spool-1", triggeredAt: "2026-11-20T10:00:00.000Z" });
    // THEN it is committed in the spool, not yet in the inbox
    expect(status).toBe(200);
    expect(spooled(shop)).toBe(1);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
    // WHEN a worker moves the spool
    expect(moveSpooledWebhooks()).toBeGreaterThanOrEqual(1);
    // THEN
    expect(spooled(shop)).toBe(0);
    const rows = await prisma.webhookEvent.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      topic: "APP_SCOPES_UPDATE",
      webhookId,
      eventId: "ev-spool-1",
      apiVersion: API_VERSION,
      triggeredAt: new Date("2026-11-20T10:00:00.000Z"),
      payload: scopes,
      status: "pending",
      attempts: 0,
    });
  });

  it("runs a spooled webhook's handler once: the worker moves the spool before it claims", async () => {
    // GIVEN a webhook in the spool
    const shop = await installedShop("spool-work");
    expect(await deliver({ topic: "app/scopes_update", shop, payload: scopes })).toBe(200);
    // WHEN the worker runs twice
    const first = await processDueEvents({ shop, now: new Date(Date.now() + 1_000) });
    const second = await processDueEvents({ shop, now: new Date(Date.now() + 1_000) });
    // THEN the handler's effect is there and the event was processed once
    expect([first.processed, second.processed]).toEqual([1, 0]);
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({ scopes: "read_orders,write_returns" });
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "processed", attempts: 1 });
  });

  it("keeps one inbox row per webhook id and per event across the spool and the inbox", async () => {
    // GIVEN a webhook and an event already moved into the inbox
    const shop = await installedShop("spool-dup");
    const webhookId = newWebhookId();
    const eventId = `ev-${newWebhookId()}`;
    expect(await spoolWebhook(scopesDelivery(shop, webhookId, eventId))).toBe("accepted");
    moveSpooledWebhooks();
    // WHEN Shopify resends it (same webhook id), sends the event again under a new webhook id,
    // and both arrive twice more while they still wait in the spool
    const outcomes = await Promise.all([
      spoolWebhook(scopesDelivery(shop, webhookId)),
      spoolWebhook(scopesDelivery(shop, newWebhookId(), eventId)),
    ]);
    const again = await Promise.all([spoolWebhook(scopesDelivery(shop, webhookId)), spoolWebhook(scopesDelivery(shop, newWebhookId(), eventId))]);
    moveSpooledWebhooks();
    // THEN the spool took each once (it cannot see the inbox), the later ones were duplicates there,
    // and the move stored none of them a second time
    expect(outcomes).toEqual(["accepted", "accepted"]);
    expect(again).toEqual(["duplicate", "duplicate"]);
    expect(spooled(shop)).toBe(0);
    expect(await prisma.webhookEvent.findMany({ where: { shop }, select: { webhookId: true, eventId: true } })).toEqual([{ webhookId, eventId }]);
  });

  it("answers every delivery of a batch whose commit fails with an error and stores none of them, and a resend then succeeds", async () => {
    // GIVEN a spool that refuses one row (a trigger standing for a failing disk)
    const shop = await installedShop("spool-fail");
    const poison = newWebhookId();
    await spoolWebhook(scopesDelivery(shop, newWebhookId())); // the spool exists
    withSpool((db) =>
      db.exec(`CREATE TRIGGER "refuse_poison" BEFORE INSERT ON "SpooledWebhook" WHEN NEW."webhookId" = '${poison}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`),
    );
    const ids = [newWebhookId(), newWebhookId(), poison, newWebhookId()];
    try {
      // WHEN four deliveries arrive together (one group commit) with the refused one among them
      const outcomes = await Promise.allSettled(ids.map((id) => spoolWebhook(scopesDelivery(shop, id))));
      // THEN every one of them fails, and none is stored half-way
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      expect(spooled(shop)).toBe(1);
    } finally {
      withSpool((db) => db.exec(`DROP TRIGGER "refuse_poison"`));
    }
    // WHEN Shopify resends them
    const resent = await Promise.all(ids.map((id) => spoolWebhook(scopesDelivery(shop, id))));
    // THEN each is stored once
    expect(resent).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    moveSpooledWebhooks();
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(5);
  });

  it("answers 500 over HTTP to a delivery whose batch failed, and 200 only to what was stored", async () => {
    // GIVEN a spool that refuses one row
    const shop = await installedShop("spool-http");
    await spoolWebhook(scopesDelivery(shop, newWebhookId()));
    const poison = newWebhookId();
    withSpool((db) =>
      db.exec(`CREATE TRIGGER "refuse_http" BEFORE INSERT ON "SpooledWebhook" WHEN NEW."webhookId" = '${poison}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`),
    );
    const ids = [poison, ...Array.from({ length: 19 }, () => newWebhookId())];
    let statuses: number[];
    try {
      // WHEN a burst arrives with the refused delivery in it
      statuses = await Promise.all(ids.map((webhookId) => deliver({ topic: "app/scopes_update", shop, payload: scopes, webhookId })));
    } finally {
      withSpool((db) => db.exec(`DROP TRIGGER "refuse_http"`));
    }
    // THEN the refused one is a 500, and exactly the deliveries answered 200 are stored
    expect(statuses[0]).toBe(500);
    const stored = new Set(withSpool((db) => db.prepare(`SELECT "webhookId" FROM "SpooledWebhook" WHERE "shop" = ?`).all(shop)).map((row) => Reflect.get(Object(row), "webhookId")));
    expect(ids.filter((_, i) => statuses[i] === 200).sort()).toEqual(ids.filter((id) => stored.has(id)).sort());
    expect(statuses.every((status) => status === 200 || status === 500)).toBe(true);
  });
});

describe.skipIf(dialect !== "postgres")("the spool on PostgreSQL", () => {
  it("moves nothing: the door writes PostgreSQL's inbox directly", () => {
    expect(moveSpooledWebhooks()).toBe(0);
  });
});
