import type { Prisma } from "~/db.server";
import prisma, { isUniqueViolation } from "~/db.server";
import { parseWebhookPayload } from "./payloads";
import type { VerifiedWebhook } from "~/shopify.server";
import { firstAttemptDelayMs, retryDelayMs } from "./retry";

/** A verified webhook (`verifyWebhook` in app/shopify.server.ts), as the inbox keeps it. */
export type IncomingWebhook = VerifiedWebhook;

export type ReceiveOutcome = "accepted" | "duplicate" | "invalid_payload";

/**
 * Records a verified webhook in the inbox, keyed by its X-Shopify-Webhook-Id, and
 * returns at once; the worker does the work (returns/* after a short settling delay,
 * `firstAttemptDelayMs`). A second delivery of the same webhook id is a no-op.
 *
 * A payload that does not parse is still stored — status `failed`, `lastError` naming
 * the bad field — and the caller still answers 200. Its HMAC proved Shopify sent it, so
 * a 4xx would only make Shopify resend the same bytes 8 times over 4 hours and count the
 * subscription as failing, while we already hold the body. The worker retries it like any
 * failure (a schema fix deployed meanwhile picks it up), and after the last attempt it
 * becomes a dead letter with a system ticket, so a person sees it.
 */
export async function receiveWebhook(webhook: IncomingWebhook, now: Date = new Date()): Promise<ReceiveOutcome> {
  const parsed = parseWebhookPayload(webhook.topic, webhook.payload);
  try {
    await prisma.webhookEvent.create({
      data: {
        shop: webhook.shop,
        topic: webhook.topic,
        webhookId: webhook.webhookId,
        eventId: webhook.eventId ?? null,
        apiVersion: webhook.apiVersion,
        triggeredAt: parseTimestamp(webhook.triggeredAt),
        payload: asJsonValue(webhook.payload),
        receivedAt: now,
        ...(parsed.ok
          ? { status: "pending", attempts: 0, nextAttemptAt: new Date(now.getTime() + firstAttemptDelayMs(webhook.topic)) }
          : { status: "failed", attempts: 1, nextAttemptAt: new Date(now.getTime() + retryDelayMs(1)), lastError: parsed.error }),
      },
    });
  } catch (error) {
    // The insert itself is the duplicate check: a pre-check would race with a parallel
    // delivery of the same webhook id (Shopify retries while a slow first try still runs).
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
  return parsed.ok ? "accepted" : "invalid_payload";
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// The payload came from JSON.parse, so it is a JSON value; a bare `null` body (never sent
// by Shopify) is kept as an empty object and fails the topic's schema like any bad payload.
function asJsonValue(payload: unknown): Prisma.InputJsonValue {
  return (payload ?? {}) as Prisma.InputJsonValue;
}
