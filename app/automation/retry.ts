/** How the inbox retries a webhook it could not process. Pure; shared by inbox and worker. */
import { isWebhookTopic, type WebhookTopic } from "./payloads";

export const RETRY = {
  /** Attempts before an event becomes a dead letter (a system ticket is opened then). */
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  /** How long a claimed event stays claimed; after that a crashed worker's claim lapses. */
  leaseMs: 5 * 60_000,
} as const;

/**
 * How long a new event of these topics waits before its first attempt. returns/* also echo
 * Aftercare's own calls (our returnApproveRequest raises returns/approve), and Shopify may send
 * the webhook before its answer to that call has reached us and been recorded. Waiting a few
 * seconds lets our own write land first, so the echo finds the return already in step instead
 * of racing the action that caused it (docs/decisions/016).
 */
export const FIRST_ATTEMPT_DELAY_MS: Readonly<Partial<Record<WebhookTopic, number>>> = {
  RETURNS_REQUEST: 15_000,
  RETURNS_APPROVE: 15_000,
  RETURNS_DECLINE: 15_000,
  RETURNS_CANCEL: 15_000,
  RETURNS_CLOSE: 15_000,
  RETURNS_REOPEN: 15_000,
  RETURNS_PROCESS: 15_000,
  RETURNS_UPDATE: 15_000,
  // Our own refunds echo as refunds/create too: let the ledger record their Shopify id first.
  REFUNDS_CREATE: 15_000,
};

/** The wait before a new event's first attempt: 0 unless its topic asks for one. */
export function firstAttemptDelayMs(topic: string): number {
  return isWebhookTopic(topic) ? (FIRST_ATTEMPT_DELAY_MS[topic] ?? 0) : 0;
}

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; leaseMs: number };

/** The delay before the next try after `attempts` failed tries: 30 s · 2^(attempts−1), capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = RETRY): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

