import type { Tx } from "~/db.server";

/**
 * Runs `effect` in one database transaction that also marks the inbox event processed, so
 * the effect and the mark commit together or not at all (docs/decisions/025-webhook-door.md).
 * A handler opens at most one; Shopify calls belong before it, never inside.
 */
export type EventTransaction = <T>(effect: (tx: Tx) => Promise<T>, options?: { timeout?: number }) => Promise<T>;

/** What a handler knows about the inbox event it is processing. */
export type WebhookEventContext = {
  webhookId: string;
  /** X-Shopify-Event-Id, when Shopify sent one: the same for every delivery of one event. */
  eventId?: string | null;
  /** X-Shopify-Triggered-At: when Shopify raised the event (deliveries can arrive out of order). */
  triggeredAt: Date | null;
  now: Date;
  /**
   * Set by the worker: the transaction the handler's database effect must run in (see
   * `eventTransaction` in app/automation/event-transaction.server.ts). Absent when a
   * handler is called directly, as some tests do.
   */
  transaction?: EventTransaction;
};

/** Processes one parsed webhook payload for one shop. Throws to have the inbox retry. */
export type WebhookHandler<P> = (shop: string, payload: P, event: WebhookEventContext) => Promise<void>;
