import prisma from "~/db.server";
import { TOPIC_HANDLERS, type TopicHandlers } from "./handlers/index.server";
import type { WebhookEventContext } from "./handlers/types";
import { isWebhookTopic, parsePayload, type WebhookTopic } from "./payloads";
import { RETRY, retryDelayMs, type RetryPolicy } from "./retry";
import { openSystemTicket, type OpenSystemTicket, type SystemTicketInput } from "./system-ticket.server";

// Statuses a worker may pick up: new, waiting for a retry, or claimed by a worker whose
// lease ran out (it crashed or was redeployed mid-event).
const CLAIMABLE = ["pending", "failed", "processing"];

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
};

export type ProcessResult = { claimed: number; processed: number; retrying: number; dead: number };

/**
 * Claims the inbox events that are due and runs each topic's handler. Safe with any
 * number of concurrent callers, in one process or many: a claim is an update guarded on
 * the status and attempt count the caller read, so exactly one caller wins each event.
 */
export async function processDueEvents(options: ProcessOptions = {}): Promise<ProcessResult> {
  const now = options.now ?? new Date();
  const retry = options.retry ?? RETRY;
  const result: ProcessResult = { claimed: 0, processed: 0, retrying: 0, dead: 0 };
  const due = await prisma.webhookEvent.findMany({
    where: { status: { in: CLAIMABLE }, nextAttemptAt: { lte: now }, ...(options.shop ? { shop: options.shop } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 25,
    select: { id: true, status: true, attempts: true },
  });
  for (const candidate of due) {
    const attempt = candidate.attempts + 1;
    const claim = await prisma.webhookEvent.updateMany({
      where: { id: candidate.id, status: candidate.status, attempts: candidate.attempts },
      data: { status: "processing", attempts: attempt, nextAttemptAt: new Date(now.getTime() + retry.leaseMs) },
    });
    if (claim.count === 0) continue; // another worker got there first
    result.claimed++;
    const outcome = await runClaimed(candidate.id, attempt, now, retry, options);
    result[outcome]++;
  }
  return result;
}

async function runClaimed(
  id: string,
  attempt: number,
  now: Date,
  retry: RetryPolicy,
  options: ProcessOptions,
): Promise<"processed" | "retrying" | "dead"> {
  const event = await prisma.webhookEvent.findUniqueOrThrow({ where: { id } });
  // Guards every outcome write: if our lease ran out and another worker reclaimed the
  // event, its attempt number moved on and our late write changes nothing.
  const ours = { id, status: "processing", attempts: attempt };
  try {
    await dispatch(event.topic, event.shop, event.payload, options.handlers ?? TOPIC_HANDLERS, {
      webhookId: event.webhookId,
      triggeredAt: event.triggeredAt,
      now,
    });
    await prisma.webhookEvent.updateMany({
      where: ours,
      data: {
        status: "processed",
        processedAt: now,
        lastError: null,
        ...(PAYLOAD_DROPPED_AFTER_PROCESSING.has(event.topic) ? { payload: { redacted: true } } : {}),
      },
    });
    return "processed";
  } catch (error) {
    const message = errorMessage(error);
    const log = options.log ?? console.warn;
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
      const marked = await tx.webhookEvent.updateMany({ where: ours, data: { status: "dead", lastError: message } });
      if (marked.count === 0) return;
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
 * Runs processDueEvents every `intervalMs` until the returned stop function is called;
 * stop resolves once the batch in flight has finished. Ticks never overlap. The app's
 * boot starts one per process; more processes simply share the inbox.
 */
export function startWorker({ intervalMs = 5_000, ...options }: { intervalMs?: number } & Omit<ProcessOptions, "now"> = {}): () => Promise<void> {
  let inFlight: Promise<unknown> = Promise.resolve();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    inFlight = processDueEvents(options)
      .catch((error: unknown) => console.error("Webhook worker: processing the inbox failed", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  // The worker never keeps the process alive on its own.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
