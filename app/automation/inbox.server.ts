import { randomUUID } from "node:crypto";
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import prisma, { createPrismaClient, dialect, type Db } from "~/db.server";
import { env } from "~/env.server";
import { parseWebhookPayload } from "./payloads";
import type { VerifiedWebhook } from "~/shopify.server";
import { firstAttemptDelayMs, retryDelayMs } from "./retry";
import { insertIntoSpool, sqliteTime, syncSpool, type InboxRow } from "./spool.server";

/** A verified webhook (`verifyWebhook` in app/shopify.server.ts, or the door), as the inbox keeps it. */
export type IncomingWebhook = VerifiedWebhook;

export type RecordOutcome = "accepted" | "duplicate" | "invalid_payload";
export type ReceiveOutcome = RecordOutcome | "unknown_shop" | "shop_mismatch";

/**
 * What a webhook door receives: the shop must be one Aftercare knows (a Shop row or a
 * session), and where the payload names its shop that name must be the signed request's
 * X-Shopify-Shop-Domain — the HMAC covers the body only, so a header naming another shop
 * is a replayed body, never Shopify. A known shop's webhook is then recorded by `record`
 * (`recordWebhook`, or the production door's `spoolWebhook` on SQLite).
 *
 * An unknown shop is answered 200 and nothing is stored: Aftercare holds no data of a shop
 * it never saw, so there is nothing to export, redact or update, and a non-2xx would only
 * bring the same delivery back 8 times (docs/decisions/025-webhook-door.md).
 */
export async function receiveWebhook(
  webhook: IncomingWebhook,
  now: Date = new Date(),
  record: (webhook: IncomingWebhook, now: Date) => Promise<RecordOutcome> = recordWebhook,
): Promise<ReceiveOutcome> {
  const named = shopNamedByPayload(webhook.payload);
  if (named !== null && named.toLowerCase() !== webhook.shop.toLowerCase()) return "shop_mismatch";
  if (!(await isKnownShop(webhook.shop))) return "unknown_shop";
  return record(webhook, now);
}

/** The answer a door gives for each outcome: 401 for a body replayed under another shop, 200 otherwise. */
export function webhookResponse(outcome: ReceiveOutcome): Response {
  return outcome === "shop_mismatch" ? new Response(undefined, { status: 401, statusText: "Unauthorized" }) : new Response();
}

/**
 * The shop a payload names, where its topic puts one: `shop_domain` (the compliance topics)
 * or `myshopify_domain` (app/uninstalled's Shop). null when it names none.
 */
export function shopNamedByPayload(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  for (const field of ["shop_domain", "myshopify_domain"]) {
    const value: unknown = Reflect.get(payload, field);
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

// Which shops Aftercare knows, cached per process so the door's fast path asks the database
// once a minute per shop rather than on every delivery. An unknown answer is kept briefly,
// so a shop that installs is heard from within seconds.
const KNOWN_TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 5_000;
const SHOP_CACHE_LIMIT = 10_000;
const shopCache = new Map<string, { known: boolean; until: number }>();

/** True when the shop has a Shop row (installed, or uninstalled and not yet redacted) or a session. */
export async function isKnownShop(shop: string, nowMs: number = Date.now()): Promise<boolean> {
  const cached = shopCache.get(shop);
  if (cached && cached.until > nowMs) return cached.known;
  const [row, session] = await Promise.all([
    prisma.shop.findUnique({ where: { shop }, select: { id: true } }),
    prisma.session.findFirst({ where: { shop }, select: { id: true } }),
  ]);
  const known = row !== null || session !== null;
  if (shopCache.size >= SHOP_CACHE_LIMIT) shopCache.clear();
  shopCache.set(shop, { known, until: nowMs + (known ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) });
  return known;
}

/** Forgets the cached answers (tests that install a shop after a delivery was refused). */
export function forgetKnownShops(): void {
  shopCache.clear();
}

/**
 * Records a verified webhook in the inbox, keyed by its X-Shopify-Webhook-Id and by its
 * X-Shopify-Event-Id (per topic), and returns once it is committed; the worker does the
 * work (returns/* after a short settling delay, `firstAttemptDelayMs`). A second delivery
 * of the same webhook or event is a no-op answered "duplicate".
 *
 * Deliveries that arrive while a write is in flight are committed together in the next
 * one (group commit): one statement for many rows, so a burst costs a few writes, not one
 * per request, and SQLite's single writer is held for milliseconds.
 *
 * A payload that does not parse is still stored — status `failed`, `lastError` naming
 * the bad field — and the caller still answers 200. Its HMAC proved Shopify sent it, so
 * a 4xx would only make Shopify resend the same bytes 8 times over 4 hours and count the
 * subscription as failing, while we already hold the body. The worker retries it like any
 * failure (a schema fix deployed meanwhile picks it up), and after the last attempt it
 * becomes a dead letter with a system ticket, so a person sees it.
 */
export function recordWebhook(webhook: IncomingWebhook, now: Date = new Date()): Promise<RecordOutcome> {
  return inboxCommit.add(webhook, now);
}

/**
 * Records a verified webhook in the SQLite spool (app/automation/spool.server.ts) rather than
 * in the inbox table: the same row, the same group commit, but in a database file of its own,
 * so the production door never waits on a worker's write lock. The worker moves spooled rows
 * into the inbox, where the unique indexes settle duplicates as `recordWebhook` does; the
 * outcome here says only whether the spool already held the webhook or event.
 */
export function spoolWebhook(webhook: IncomingWebhook, now: Date = new Date()): Promise<RecordOutcome> {
  return spoolCommit.add(webhook, now);
}

/** The inbox row of a webhook, with what the caller is told once it is stored. */
function inboxRow(webhook: IncomingWebhook, now: Date): { row: InboxRow; outcome: RecordOutcome } {
  const parsed = parseWebhookPayload(webhook.topic, webhook.payload);
  const row: InboxRow = {
    id: randomUUID(),
    shop: webhook.shop,
    topic: webhook.topic,
    webhookId: webhook.webhookId,
    eventId: webhook.eventId || null,
    apiVersion: webhook.apiVersion ?? null,
    triggeredAt: parseTimestamp(webhook.triggeredAt),
    // A bare `null` body (never sent by Shopify) is kept as an empty object and fails the
    // topic's schema like any bad payload.
    payload: webhook.payload ?? {},
    receivedAt: now,
    ...(parsed.ok
      ? { status: "pending", attempts: 0, nextAttemptAt: new Date(now.getTime() + firstAttemptDelayMs(webhook.topic)), lastError: null }
      : { status: "failed", attempts: 1, nextAttemptAt: new Date(now.getTime() + retryDelayMs(1)), lastError: parsed.error }),
  };
  return { row, outcome: parsed.ok ? "accepted" : "invalid_payload" };
}

type Queued = { row: InboxRow; outcome: RecordOutcome; settle: (outcome: RecordOutcome | Error) => void };

/** Rows per statement: SQLite binds at most 32,766 parameters, PostgreSQL 65,535; a row takes 13. */
const MAX_BATCH = 500;

/**
 * A group commit: rows queued while a write is in flight are written together by the next
 * one. `write` stores a batch all or nothing and returns the webhook ids it stored (the rest
 * were duplicates); when it throws, every delivery of the batch is told so, and none is stored.
 */
function groupCommit(write: (rows: InboxRow[]) => Promise<Set<string>>) {
  let queue: Queued[] = [];
  let flushing: Promise<void> | null = null;

  async function flushQueue(): Promise<void> {
    // Let the requests already read in this turn of the event loop join the first write.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        await writeBatch(batch);
      }
    } finally {
      flushing = null;
    }
  }

  async function writeBatch(batch: Queued[]): Promise<void> {
    try {
      const fresh = withoutRepeats(batch);
      const inserted = fresh.length > 0 ? await write(fresh.map((queued) => queued.row)) : new Set<string>();
      for (const queued of fresh) queued.settle(inserted.has(queued.row.webhookId) ? queued.outcome : "duplicate");
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const queued of batch) queued.settle(failure);
    }
  }

  return {
    add(webhook: IncomingWebhook, now: Date): Promise<RecordOutcome> {
      const { row, outcome } = inboxRow(webhook, now);
      return new Promise((resolve, reject) => {
        queue.push({ row, outcome, settle: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
        if (!flushing) flushing = flushQueue();
      });
    },
  };
}

/** The batch without a second delivery of a webhook or event already in it; those are settled as duplicates here. */
function withoutRepeats(batch: Queued[]): Queued[] {
  const webhooks = new Set<string>();
  const events = new Set<string>();
  const fresh: Queued[] = [];
  for (const queued of batch) {
    const { webhookId, eventId, topic, shop } = queued.row;
    const eventKey = eventId ? `${eventId}\n${topic}\n${shop}` : null;
    if (webhooks.has(webhookId) || (eventKey !== null && events.has(eventKey))) {
      queued.settle("duplicate");
      continue;
    }
    webhooks.add(webhookId);
    if (eventKey !== null) events.add(eventKey);
    fresh.push(queued);
  }
  return fresh;
}

const inboxCommit = groupCommit(insertIgnoringDuplicates);
const spoolCommit = groupCommit(async (rows) => {
  // SQLite's lock is free at once or not: wait for it on a timer, never inside SQLite.
  const giveUpAt = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = insertIntoSpool(rows);
      // Acknowledged only once on disk; the process serves requests while the log is synced.
      await syncSpool();
      return inserted;
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 10)));
    }
  }
});

/**
 * Inserts the rows in one statement that skips any row whose webhook id, or event id for its
 * topic and shop, is already stored (ON CONFLICT DO NOTHING: the unique indexes decide, so
 * parallel instances cannot both win), and returns the webhook ids it inserted. One statement
 * per batch is what keeps a burst cheap; Prisma's createMany cannot skip duplicates on SQLite
 * nor say which rows it wrote, so the SQL is written out, in the dialect both databases accept.
 */
async function insertIgnoringDuplicates(rows: InboxRow[]): Promise<Set<string>> {
  const postgres = dialect === "postgres";
  const time = (value: Date | null) => (value === null ? null : postgres ? value : sqliteTime(value));
  const json = (value: unknown) => (postgres ? sql`CAST(${JSON.stringify(value)} AS jsonb)` : sql`${JSON.stringify(value)}`);
  const values = rows.map(
    (row) =>
      sql`(${row.id}, ${row.shop}, ${row.topic}, ${row.webhookId}, ${row.eventId}, ${row.apiVersion}, ${time(row.triggeredAt)}, ${json(row.payload)}, ${row.status}, ${row.attempts}, ${time(row.nextAttemptAt)}, ${row.lastError}, ${time(row.receivedAt)})`,
  );
  const statement = sql`
    INSERT INTO "WebhookEvent" ("id", "shop", "topic", "webhookId", "eventId", "apiVersion", "triggeredAt", "payload", "status", "attempts", "nextAttemptAt", "lastError", "receivedAt")
    VALUES ${join(values)}
    ON CONFLICT DO NOTHING
    RETURNING "webhookId"`;
  const db = await inboxWriter();
  const giveUpAt = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = await db.$queryRaw<Array<{ webhookId: string }>>(statement);
      return new Set(inserted.map((row) => row.webhookId));
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() > giveUpAt) throw error;
      // A worker's transaction holds SQLite's write lock: wait for it without blocking this process.
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 10)));
    }
  }
}

/** How long a batch waits for SQLite's write lock before the door answers 500 (Shopify then resends). */
const SQLITE_LOCK_WAIT_MS = 4_000;

/**
 * The connection the inbox writes through. On SQLite it is a connection of its own that does
 * not wait for the write lock: better-sqlite3 is synchronous, so a wait inside SQLite would
 * stall every request of this process while a worker commits. It fails at once instead, and
 * the batch is retried after a millisecond or two while the process goes on reading requests
 * (which join the next batch). PostgreSQL waits without blocking anyone: the shared client.
 */
let writer: Promise<Db> | undefined;
function inboxWriter(): Promise<Db> {
  writer ??= (async () => {
    if (dialect === "postgres") return prisma;
    const client = createPrismaClient(env().DATABASE_URL);
    await client.$queryRawUnsafe("PRAGMA busy_timeout = 0");
    return client;
  })();
  return writer;
}

/** SQLite's "the write lock is taken", as Prisma's adapter (in the message) or better-sqlite3 (in the code) reports it. */
function isSqliteBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = "code" in error && typeof error.code === "string" ? error.code : "";
  return code.startsWith("SQLITE_BUSY") || error.message.includes("SQLITE_BUSY");
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
