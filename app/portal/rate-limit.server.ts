/**
 * Failed order lookups are rate-limited per shop + client: 5 misses in 15 minutes and the
 * client waits until the oldest miss leaves the window (429 with Retry-After). The client
 * is the signed-in customer id, else a keyed hash of the shopper's IP (never the IP itself).
 *
 * The store is an interface. The default keeps the misses in the database
 * (`PortalLookupFailure`), so every app instance sees the same window and a restart does
 * not forgive a guesser; `MemoryLookupFailureStore` serves tests and tools.
 *
 * The shopper's writes on their conversations (replies, ratings) have a limit of their own
 * per order, counted from the audit trail (`assertConversationWriteAllowed`).
 */
import { createHash, createHmac } from "node:crypto";
import prisma from "~/db.server";
import type { DomainError } from "~/lib/errors";
import { localizedError, message, minutes } from "~/portal/messages";

export const LOOKUP_MAX_MISSES = 5;
export const LOOKUP_WINDOW_MS = 15 * 60 * 1000;

export interface LookupFailureStore {
  /** Miss times (ms) for this key at or after `since`, oldest first. */
  missesSince(key: string, since: number): Promise<number[]>;
  recordMiss(key: string, at: number): Promise<void>;
  /** A successful lookup forgives earlier misses of this key. */
  clear(key: string): Promise<void>;
}

/** In-process store: bounded, prunes old entries as it goes. */
export class MemoryLookupFailureStore implements LookupFailureStore {
  private readonly misses = new Map<string, number[]>();
  constructor(private readonly maxKeys = 50_000) {}

  async missesSince(key: string, since: number): Promise<number[]> {
    const kept = (this.misses.get(key) ?? []).filter((t) => t >= since);
    if (kept.length) this.misses.set(key, kept);
    else this.misses.delete(key);
    return kept;
  }

  async recordMiss(key: string, at: number): Promise<void> {
    if (!this.misses.has(key) && this.misses.size >= this.maxKeys) {
      // Drop the oldest key (Map keeps insertion order) rather than grow without bound.
      const oldest = this.misses.keys().next().value;
      if (oldest !== undefined) this.misses.delete(oldest);
    }
    this.misses.set(key, [...(this.misses.get(key) ?? []), at].slice(-LOOKUP_MAX_MISSES * 2));
  }

  async clear(key: string): Promise<void> {
    this.misses.delete(key);
  }
}

/** Shared by every app instance: one row per miss, pruned once out of the window. */
export class DatabaseLookupFailureStore implements LookupFailureStore {
  async missesSince(key: string, since: number): Promise<number[]> {
    const rows = await prisma.portalLookupFailure.findMany({
      where: { shop: shopOf(key), clientKey: key, createdAt: { gte: new Date(since) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    return rows.map((row) => row.createdAt.getTime());
  }

  async recordMiss(key: string, at: number): Promise<void> {
    await prisma.portalLookupFailure.create({ data: { shop: shopOf(key), clientKey: key, createdAt: new Date(at) } });
    // Misses are rare (a guesser is stopped after five), so pruning the shop's expired
    // misses here keeps the table small.
    await prisma.portalLookupFailure.deleteMany({ where: { shop: shopOf(key), createdAt: { lt: new Date(at - LOOKUP_WINDOW_MS) } } });
  }

  async clear(key: string): Promise<void> {
    await prisma.portalLookupFailure.deleteMany({ where: { shop: shopOf(key), clientKey: key } });
  }
}

// Keys are "<shop>|customer:<id>" or "<shop>|ip:<hash>" (lookupClientKey).
function shopOf(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf("|")));
}

let defaultStore: LookupFailureStore = new DatabaseLookupFailureStore();

/** The store the portal uses; tests and a database-backed deployment replace it. */
export function lookupFailureStore(): LookupFailureStore {
  return defaultStore;
}

export function setLookupFailureStore(store: LookupFailureStore): void {
  defaultStore = store;
}

/** The rate-limit key of a request: shop + signed-in customer, else a keyed hash of the client IP. */
export function lookupClientKey(
  shop: string,
  request: { customerId: string | null; headers: Headers },
  secret: string,
): string {
  if (request.customerId) return `${shop}|customer:${request.customerId}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || request.headers.get("x-real-ip")?.trim() || "unknown";
  const hashed = createHmac("sha256", createHash("sha256").update(secret).digest()).update(ip).digest("base64url").slice(0, 22);
  return `${shop}|ip:${hashed}`;
}

/** Throws 429 `rate_limited` (with `retryAfterSeconds`) when the client has used up its misses. */
export async function assertLookupAllowed(key: string, now: number, store: LookupFailureStore = defaultStore): Promise<void> {
  const misses = await store.missesSince(key, now - LOOKUP_WINDOW_MS);
  if (misses.length < LOOKUP_MAX_MISSES) return;
  const oldest = misses[misses.length - LOOKUP_MAX_MISSES] ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + LOOKUP_WINDOW_MS - now) / 1000));
  throw waitError("error_too_many_lookups", retryAfterSeconds);
}

/** 429 with the wait in whole minutes, in the shopper's language. */
function waitError(key: "error_too_many_lookups" | "error_too_many_messages", retryAfterSeconds: number): DomainError {
  const count = Math.ceil(retryAfterSeconds / 60);
  return localizedError("rate_limited", (locale) => message(locale, key, { minutes: minutes(locale, count) }), { retryAfterSeconds });
}

// ── the shopper's writes on conversations ─────────────────────────────────────────────

export const CONVERSATION_MAX_WRITES = 10;
export const CONVERSATION_WINDOW_MS = 15 * 60 * 1000;
const CONVERSATION_ACTIONS = ["ticket.message_added", "ticket.rated"];

/**
 * The shopper's replies and ratings are limited per order: 10 across the order's tickets in
 * 15 minutes, then 429 with `retryAfterSeconds` until the oldest leaves the window. A token
 * proves the order, so this only stops a script holding one from flooding the agents' inbox.
 * Counted from the audit trail (each write records one event by "portal" on the ticket), so it
 * needs no table of its own and every app instance sees the same count.
 */
export async function assertConversationWriteAllowed(shop: string, ticketIds: string[], now: number): Promise<void> {
  const writes = await prisma.auditEvent.findMany({
    where: {
      shop,
      entityType: "ticket",
      entityId: { in: ticketIds },
      createdAt: { gte: new Date(now - CONVERSATION_WINDOW_MS) },
      actor: "portal",
      action: { in: CONVERSATION_ACTIONS },
    },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (writes.length < CONVERSATION_MAX_WRITES) return;
  const oldest = writes[writes.length - CONVERSATION_MAX_WRITES]?.createdAt.getTime() ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + CONVERSATION_WINDOW_MS - now) / 1000));
  throw waitError("error_too_many_messages", retryAfterSeconds);
}
