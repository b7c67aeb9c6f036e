/**
 * Failed order lookups are rate-limited on three keys at once, each per shop, over a sliding
 * 15-minute window (docs/decisions/020-lookup-rate-limit-trust.md):
 *
 * - the client — the signed-in customer id, else a keyed hash of the shopper's IP as the
 *   trusted proxy hop wrote it (`trustedClientAddress`) — 5 misses;
 * - the order number typed, and the email typed (keyed hashes, never the values) — 10 misses
 *   each, whoever sends them, so rotating or forging `X-Forwarded-For` buys no extra guesses
 *   at one order or one customer's email.
 *
 * A blocked key answers 429 with Retry-After until its oldest counted miss leaves the window.
 * A correct lookup forgives nothing: five misses, one success and another miss still block.
 * Without a trustworthy client address there is no client key (guests do not share one
 * "unknown" bucket that a single guesser could fill for everyone); the order and email
 * limits still apply.
 *
 * The store is an interface. The default keeps the misses in the database
 * (`PortalLookupFailure`), so every app instance sees the same window and a restart does
 * not forgive a guesser; it prunes expired rows and caps each shop's rows.
 *
 * The shopper's writes on their conversations (replies, ratings) have a limit of their own
 * per order, counted from the audit trail (`assertConversationWriteAllowed`).
 */
import { createHash, createHmac } from "node:crypto";
import { isIP } from "node:net";
import prisma from "~/db.server";
import type { DomainError } from "~/lib/errors";
import { localizedError, message, minutes } from "~/portal/messages";

/** Misses one client may make in the window. */
const LOOKUP_MAX_MISSES = 5;
/** Misses on one order number, or one email, from all clients together. */
export const LOOKUP_SUBJECT_MAX_MISSES = 10;
export const LOOKUP_WINDOW_MS = 15 * 60 * 1000;
/** No shop keeps more miss rows than this; the oldest go first. */
const LOOKUP_MAX_ROWS_PER_SHOP = 10_000;

/** The keys one lookup is counted under. */
export interface LookupKeys {
  /** The client's key, or null when the request carries no trustworthy client address. */
  client: string | null;
  /** The order number's and the email's keys. */
  subjects: string[];
}

export interface LookupFailureStore {
  /** Miss times (ms) for this key at or after `since`, oldest first. */
  missesSince(key: string, since: number): Promise<number[]>;
  /** Records one miss at `at` under each key (all of one shop). */
  recordMisses(keys: readonly string[], at: number): Promise<void>;
}

/** Shared by every app instance: one row per key per miss, expired rows pruned, each shop's rows capped. */
export class DatabaseLookupFailureStore implements LookupFailureStore {
  constructor(private readonly maxRowsPerShop = LOOKUP_MAX_ROWS_PER_SHOP) {}

  async missesSince(key: string, since: number): Promise<number[]> {
    const rows = await prisma.portalLookupFailure.findMany({
      where: { shop: shopOf(key), clientKey: key, createdAt: { gte: new Date(since) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    return rows.map((row) => row.createdAt.getTime());
  }

  async recordMisses(keys: readonly string[], at: number): Promise<void> {
    const shops = new Set(keys.map(shopOf));
    await prisma.portalLookupFailure.createMany({ data: keys.map((key) => ({ shop: shopOf(key), clientKey: key, createdAt: new Date(at) })) });
    // A row out of the window counts for nobody, whichever shop it was for: they all go.
    await prisma.portalLookupFailure.deleteMany({ where: { createdAt: { lt: new Date(at - LOOKUP_WINDOW_MS) } } });
    // A guesser rotating addresses, numbers and emails makes fresh keys at will: the cap keeps
    // the table bounded within the window too (dropping the oldest, which expire first anyway).
    for (const shop of shops) {
      const overflow = await prisma.portalLookupFailure.findMany({
        where: { shop },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: this.maxRowsPerShop,
        take: 1000,
        select: { id: true },
      });
      if (overflow.length) await prisma.portalLookupFailure.deleteMany({ where: { shop, id: { in: overflow.map((row) => row.id) } } });
    }
  }
}

// Keys are "<shop>|customer:<id>", "<shop>|ip:<hash>", "<shop>|order:<hash>" or "<shop>|email:<hash>".
function shopOf(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf("|")));
}

const defaultStore: LookupFailureStore = new DatabaseLookupFailureStore();

function keyedHash(secret: string, value: string): string {
  return createHmac("sha256", createHash("sha256").update(secret).digest()).update(value).digest("base64url").slice(0, 22);
}

/**
 * The shopper's address as the outermost trusted proxy wrote it, or null. Each proxy appends
 * the address it received the connection from to `X-Forwarded-For`, so with `trustedHops`
 * proxies in front of the app (Shopify's app proxy included) the entry that many places from
 * the right is the one Shopify wrote: the shopper. Everything left of it came from the client
 * and is ignored; fewer entries than hops means the request did not pass every proxy.
 */
export function trustedClientAddress(headers: Headers, trustedHops: number): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (trustedHops < 1 || entries.length < trustedHops) return null;
  const address = entries[entries.length - trustedHops] ?? "";
  return isIP(address) ? address : null;
}

/**
 * The address as a rate-limit subject: IPv4 as is; IPv6 by its /64, the block one subscriber
 * or one cloud host gets, so walking through the addresses of one /64 is still one client.
 */
export function addressSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The rate-limit key of the client: shop + signed-in customer, else a keyed hash of its trusted address, else null. */
export function lookupClientKey(
  shop: string,
  request: { customerId: string | null; headers: Headers },
  secret: string,
  trustedHops: number,
): string | null {
  if (request.customerId) return `${shop}|customer:${request.customerId}`;
  const address = trustedClientAddress(request.headers, trustedHops);
  return address ? `${shop}|ip:${keyedHash(secret, addressSubject(address))}` : null;
}

/** The keys of the order number and the email a lookup typed (normalized by the caller), hashed. */
export function lookupSubjectKeys(shop: string, subject: { orderName: string; email: string }, secret: string): string[] {
  return [`${shop}|order:${keyedHash(secret, `order|${subject.orderName.toUpperCase()}`)}`, `${shop}|email:${keyedHash(secret, `email|${subject.email}`)}`];
}

/** Throws 429 `rate_limited` (with `retryAfterSeconds`) when any of the lookup's keys has used up its misses. */
export async function assertLookupAllowed(keys: LookupKeys, now: number, store: LookupFailureStore = defaultStore): Promise<void> {
  const limits = [...(keys.client ? [{ key: keys.client, max: LOOKUP_MAX_MISSES }] : []), ...keys.subjects.map((key) => ({ key, max: LOOKUP_SUBJECT_MAX_MISSES }))];
  let retryAfterSeconds = 0;
  for (const { key, max } of limits) {
    const misses = await store.missesSince(key, now - LOOKUP_WINDOW_MS);
    if (misses.length < max) continue;
    const oldest = misses[misses.length - max] ?? now;
    retryAfterSeconds = Math.max(retryAfterSeconds, Math.max(1, Math.ceil((oldest + LOOKUP_WINDOW_MS - now) / 1000)));
  }
  if (retryAfterSeconds > 0) throw waitError("error_too_many_lookups", retryAfterSeconds);
}

/** Counts one miss under every key of the lookup. */
export async function recordLookupMiss(keys: LookupKeys, now: number, store: LookupFailureStore = defaultStore): Promise<void> {
  await store.recordMisses([...(keys.client ? [keys.client] : []), ...keys.subjects], now);
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
