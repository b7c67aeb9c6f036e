import { empty, sqltag as sql } from "@prisma/client/runtime/client";
import prisma, { dialect, type Tx } from "~/db.server";
import { TOPIC_HANDLERS, type TopicHandlers } from "./handlers/index.server";
import type { EventTransaction, WebhookEventContext } from "./handlers/types";
import { isWebhookTopic, parsePayload, type WebhookTopic } from "./payloads";
import { RETRY, retryDelayMs, type RetryPolicy } from "./retry";
import { moveSpooledWebhooks } from "./spool.server";
import { openSystemTicket, type OpenSystemTicket, type SystemTicketInput } from "./system-ticket.server";

type WebhookEvent = Awaited<ReturnType<typeof prisma.webhookEvent.findUniqueOrThrow>>;

// Their payloads name a customer; once handled, only the webhook id is still needed.
const PAYLOAD_DROPPED_AFTER_PROCESSING: ReadonlySet<string> = new Set<WebhookTopic>(["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT"]);

export type ProcessOptions = {
  now?: Date;
  limit?: number;
  /** Only this shop's events (a replay for one shop; tests keep to their own shop). */
  shop?: string;
  handlers?: TopicHandlers;
  retry?: RetryPolicy;
  openTicket?: OpenSystemTicket;
  /** Where retry and dead-letter notices go; never receives payloads. */
  log?: (line: string) => void;
  /**
   * Called after a handler's effect, inside its transaction, just before the event is marked
   * processed. Tests throw here to stand for a crash between the effect and the mark.
   */
  afterEffect?: (webhookId: string) => void | Promise<void>;
};

export type ProcessResult = { claimed: number; processed: number; retrying: number; dead: number };

/**
 * Claims the inbox events that are due and runs each topic's handler. Safe with any
 * number of concurrent callers, in one process or many: the claim is one UPDATE that
 * moves the events it picks to `processing`, so exactly one caller wins each event
 * (`claimDueEvents`). Each event's effect commits with its "processed" mark (`runClaimed`).
 */
export async function processDueEvents(options: ProcessOptions = {}): Promise<ProcessResult> {
  const now = options.now ?? new Date();
  const retry = options.retry ?? RETRY;
  const result: ProcessResult = { claimed: 0, processed: 0, retrying: 0, dead: 0 };
  // What the production door acknowledged into its SQLite spool becomes inbox rows first.
  moveSpooledWebhooks();
  const claimed = await claimDueEvents({ now, limit: options.limit ?? 25, leaseMs: retry.leaseMs, shop: options.shop });
  if (claimed.length === 0) return result;
  const events = await prisma.webhookEvent.findMany({ where: { id: { in: claimed.map((claim) => claim.id) } } });
  const byId = new Map(events.map((event) => [event.id, event]));
  for (const claim of claimed) {
    const event = byId.get(claim.id);
    if (!event) continue; // erased since the claim (a shop/redact of the same shop ran first)
    result.claimed++;
    const outcome = await runClaimed(event, claim.attempts, now, retry, options);
    result[outcome]++;
  }
  return result;
}

type Claim = { id: string; attempts: number };

/**
 * Claims up to `limit` due events in one statement: new ones, ones waiting for a retry, and
 * ones whose worker's lease ran out (it crashed or was redeployed mid-event). Claiming moves
 * `nextAttemptAt` to the end of the lease, so the event is no longer due for anyone else.
 *
 * On PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`: parallel workers each take
 * different rows without waiting on one another. SQLite has one writer at a time, so the
 * same UPDATE — picking and moving the rows under the write lock — is already exclusive.
 * Either way the attempt number is counted here, so an outcome written late by a worker
 * that lost its lease matches nothing (see `runClaimed`).
 */
export async function claimDueEvents({ now, limit, leaseMs, shop }: { now: Date; limit: number; leaseMs: number; shop?: string }): Promise<Claim[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const onlyShop = shop === undefined ? empty : sql` AND "shop" = ${shop}`;
  const lock = dialect === "postgres" ? sql` FOR UPDATE SKIP LOCKED` : empty;
  const rows = await prisma.$queryRaw<Array<{ id: string; attempts: unknown }>>(sql`
    UPDATE "WebhookEvent"
    SET "status" = 'processing', "attempts" = "attempts" + 1, "nextAttemptAt" = ${dbTime(leaseUntil)}
    WHERE "id" IN (
      SELECT "id" FROM "WebhookEvent"
      WHERE "status" IN ('pending', 'failed', 'processing') AND "nextAttemptAt" <= ${dbTime(now)}${onlyShop}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}${lock}
    )
    RETURNING "id", "attempts"`);
  return rows.map((row) => ({ id: row.id, attempts: Number(row.attempts) })).sort((a, b) => a.id.localeCompare(b.id));
}

/** A timestamp as a raw query binds it: Prisma's SQLite adapter keeps DateTime as ISO-8601 text. */
function dbTime(date: Date): Date | string {
  return dialect === "postgres" ? date : date.toISOString().replace("Z", "+00:00");
}

/** Thrown inside the event transaction when the event is no longer ours: everything rolls back. */
class LeaseLost extends Error {
  constructor(webhookId: string) {
    super(`Webhook ${webhookId}: the lease ran out and another worker claimed the event; this attempt's effect was rolled back`);
    this.name = "LeaseLost";
  }
}

async function runClaimed(
  event: WebhookEvent,
  attempt: number,
  now: Date,
  retry: RetryPolicy,
  options: ProcessOptions,
): Promise<"processed" | "retrying" | "dead"> {
  const id = event.id;
  // Guards every outcome write: if our lease ran out and another worker reclaimed the
  // event, its attempt number moved on and our late write changes nothing.
  const ours = { id, status: "processing", attempts: attempt };
  const processed = {
    status: "processed",
    processedAt: now,
    lastError: null,
    ...(PAYLOAD_DROPPED_AFTER_PROCESSING.has(event.topic) ? { payload: { redacted: true } } : {}),
  };
  let marked = false;
  const markProcessed = async (db: Tx) => {
    await options.afterEffect?.(event.webhookId);
    const mark = await db.webhookEvent.updateMany({ where: ours, data: processed });
    // A handler may erase its own event (shop/redact erases the whole shop): nothing to mark.
    if (mark.count === 0 && (await db.webhookEvent.count({ where: { id } })) > 0) throw new LeaseLost(event.webhookId);
    marked = true;
  };
  // The handler's database effect and the mark commit in one transaction (exactly once).
  const transaction: EventTransaction = (effect, txOptions) => {
    if (marked) return Promise.reject(new Error(`Webhook ${event.webhookId}: a handler opens at most one event transaction`));
    return prisma.$transaction(
      async (tx) => {
        // Write first: the guard both checks the event is still ours and, on SQLite, takes the
        // write lock before the effect reads, so a commit by another process in between cannot
        // invalidate what it read (SQLITE_BUSY_SNAPSHOT in WAL mode).
        const held = await tx.webhookEvent.updateMany({ where: ours, data: { status: "processing" } });
        if (held.count === 0) throw new LeaseLost(event.webhookId);
        const value = await effect(tx);
        await markProcessed(tx);
        return value;
      },
      { timeout: txOptions?.timeout ?? 30_000 },
    );
  };
  try {
    await dispatch(event.topic, event.shop, event.payload, options.handlers ?? TOPIC_HANDLERS, {
      webhookId: event.webhookId,
      eventId: event.eventId,
      triggeredAt: event.triggeredAt,
      now,
      transaction,
    });
    // A handler without a database effect of its own (or one whose effect is idempotent by
    // nature, like mirroring a return as Shopify has it now) is marked on its own.
    if (!marked) await prisma.$transaction((tx) => markProcessed(tx));
    return "processed";
  } catch (error) {
    const message = errorMessage(error);
    const log = options.log ?? console.warn;
    if (error instanceof LeaseLost) {
      log(message);
      return "retrying";
    }
    if (attempt < retry.maxAttempts) {
      const delay = retryDelayMs(attempt, retry);
      await prisma.webhookEvent.updateMany({
        where: ours,
        data: { status: "failed", lastError: message, nextAttemptAt: new Date(now.getTime() + delay) },
      });
      log(`Webhook ${event.topic} ${event.webhookId} for ${event.shop} failed (attempt ${attempt} of ${retry.maxAttempts}), retrying in ${delay / 1000}s: ${message}`);
      return "retrying";
    }
    const openTicket = options.openTicket ?? openSystemTicket;
    await prisma.$transaction(async (tx) => {
      const deadMark = await tx.webhookEvent.updateMany({ where: ours, data: { status: "dead", lastError: message } });
      if (deadMark.count === 0) return;
      const ticket: SystemTicketInput = {
        subject: `Webhook ${event.topic} failed ${attempt} times and was set aside`,
        body: [
          `Aftercare could not process the ${event.topic} webhook ${event.webhookId} after ${attempt} attempts and stopped retrying.`,
          `Last error: ${message}`,
          "The event is kept in the webhook inbox (status dead); support can replay it once the cause is fixed.",
        ].join("\n"),
        priority: "high",
      };
      await openTicket(tx, event.shop, ticket, now);
    });
    log(`Webhook ${event.topic} ${event.webhookId} for ${event.shop} is a dead letter after ${attempt} attempts: ${message}`);
    return "dead";
  }
}

async function dispatch(topic: string, shop: string, payload: unknown, handlers: TopicHandlers, event: WebhookEventContext): Promise<void> {
  if (!isWebhookTopic(topic)) throw new Error(`No handler for webhook topic ${topic}`);
  await runTopic(topic, shop, payload, handlers, event);
}

async function runTopic<T extends WebhookTopic>(
  topic: T,
  shop: string,
  payload: unknown,
  handlers: TopicHandlers,
  event: WebhookEventContext,
): Promise<void> {
  const parsed = parsePayload(topic, payload);
  if (!parsed.ok) throw new Error(parsed.error);
  const handler: TopicHandlers[T] = handlers[topic];
  await handler(shop, parsed.payload, event);
}

/**
 * The error as lastError, log line and ticket text. Prisma prints the whole call, values
 * included, above the reason on its last line: keep only that line, so no customer data
 * from a query ends up in a log or a ticket.
 */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  if (error.name.startsWith("PrismaClient")) {
    const reason = error.message.trim().split("\n").at(-1) ?? "";
    const code = "code" in error && typeof error.code === "string" ? ` ${error.code}` : "";
    return `${error.name}${code}: ${reason}`.slice(0, 500);
  }
  return error.message.length > 2000 ? `${error.message.slice(0, 2000)}…` : error.message;
}

/**
 * Works the inbox until the returned stop function is called; stop resolves once the batch
 * in flight has finished. A full batch is followed at once by the next, so a backlog drains
 * as fast as the handlers go; an idle inbox is looked at every `intervalMs`. Batches never
 * overlap within one worker; more workers (processes) simply share the inbox.
 */
export function startWorker({ intervalMs = 1_000, limit = 50, ...options }: { intervalMs?: number } & Omit<ProcessOptions, "now"> = {}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, intervalMs);
      // The worker never keeps the process alive on its own.
      timer.unref();
    });
  const loop = async () => {
    let full = false;
    while (!stopped) {
      if (!full) await pause();
      if (stopped) break;
      try {
        const result = await processDueEvents({ ...options, limit });
        full = result.claimed >= limit;
      } catch (error) {
        full = false;
        console.error("Webhook worker: processing the inbox failed", error);
      }
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    wake?.();
    await running;
  };
}
