/** What a handler knows about the inbox event it is processing. */
export type WebhookEventContext = {
  webhookId: string;
  /** X-Shopify-Triggered-At: when Shopify raised the event (deliveries can arrive out of order). */
  triggeredAt: Date | null;
  now: Date;
};

/** Processes one parsed webhook payload for one shop. Throws to have the inbox retry. */
export type WebhookHandler<P> = (shop: string, payload: P, event: WebhookEventContext) => Promise<void>;
