/**
 * Webhook delivery as Shopify does it: subscriptions from `shopify.app.toml`, JSON bodies signed with
 * the app secret (base64 HMAC-SHA256 of the raw body), retries with backoff on non-2xx, and switches
 * to reproduce what the platform guarantees not to prevent: duplicates and out-of-order delivery.
 */
import { createHmac, randomUUID } from "node:crypto";
import { parse as parseToml } from "smol-toml";

export interface Subscription {
  topic: string;
  url: string;
}

export type Scheduler = (run: () => void, delayMs: number) => void;

export interface WebhookOptions {
  appUrl: string;
  apiSecret: string;
  apiVersion: string;
  subscriptions: Subscription[];
  fetch: (request: Request) => Promise<Response>;
  /** Defaults to setTimeout; tests pass one that runs at once so retries cost no wall time. */
  scheduler: Scheduler;
  /** Delay before each retry. Shopify retries 8 times over about 4 hours. */
  retryDelaysMs: number[];
  nowIso: () => string;
}

export interface DeliveryRecord {
  topic: string;
  shop: string;
  url: string;
  webhookId: string;
  eventId: string;
  attempt: number;
  status: number | "network-error";
  body: string;
}

/** Shopify's documented schedule, compressed: 8 retries within about 4 hours. */
export const SHOPIFY_RETRY_DELAYS_MS = [5_000, 10_000, 30_000, 60_000, 300_000, 1_800_000, 3_600_000, 7_200_000];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `[[webhooks.subscriptions]]` → one entry per topic; relative URIs resolve against the app URL. */
export function subscriptionsFromToml(toml: string, appUrl: string): { subscriptions: Subscription[]; apiVersion: string | null; scopes: string[] } {
  const doc = parseToml(toml);
  const webhooks = isRecord(doc.webhooks) ? doc.webhooks : {};
  const list = Array.isArray(webhooks.subscriptions) ? webhooks.subscriptions : [];
  const subscriptions: Subscription[] = [];
  for (const sub of list) {
    if (!isRecord(sub) || typeof sub.uri !== "string") continue;
    // Pub/Sub and EventBridge destinations are not HTTP; the simulator only delivers HTTP.
    if (/^(pubsub:|arn:)/.test(sub.uri)) continue;
    const url = new URL(sub.uri, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
    const topics = [...(Array.isArray(sub.topics) ? sub.topics : []), ...(Array.isArray(sub.compliance_topics) ? sub.compliance_topics : [])];
    for (const topic of topics) if (typeof topic === "string") subscriptions.push({ topic, url });
  }
  const access = isRecord(doc.access_scopes) ? doc.access_scopes : {};
  const scopes = typeof access.scopes === "string" ? access.scopes.split(",").map((s) => s.trim()).filter(Boolean) : [];
  return { subscriptions, apiVersion: typeof webhooks.api_version === "string" ? webhooks.api_version : null, scopes };
}

export function signWebhook(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export class WebhookDispatcher {
  readonly log: DeliveryRecord[] = [];
  /** Deliver every webhook twice (same webhook id and event id), as Shopify may. */
  duplicates = false;
  /** Hold deliveries and release them newest first on the next scheduler tick. */
  outOfOrder = false;
  private held: (() => Promise<void>)[] = [];
  private inFlight = new Set<Promise<void>>();
  private pendingTimers = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WebhookOptions) {}

  subscribedTo(topic: string): Subscription[] {
    return this.options.subscriptions.filter((s) => s.topic === topic);
  }

  /** Sends `topic` for `shop` to every subscribed URL. Returns the webhook ids used. */
  send(shop: string, topic: string, payload: Record<string, unknown>): string[] {
    const body = JSON.stringify(payload);
    const eventId = randomUUID();
    const triggeredAt = this.options.nowIso();
    return this.subscribedTo(topic).map((sub) => {
      const webhookId = randomUUID();
      const once = () => this.attempt({ sub, shop, topic, body, webhookId, eventId, triggeredAt }, 1);
      const copies = this.duplicates ? 2 : 1;
      for (let i = 0; i < copies; i += 1) {
        if (this.outOfOrder) this.hold(once);
        else this.track(once());
      }
      return webhookId;
    });
  }

  /** Resolves when no delivery or retry is pending (with an immediate scheduler: after all retries). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.pendingTimers > 0 || this.held.length > 0) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private hold(run: () => Promise<void>): void {
    const first = this.held.length === 0;
    this.held.push(run);
    if (!first) return;
    this.later(() => {
      const batch = this.held.reverse();
      this.held = [];
      for (const r of batch) this.track(r());
    }, 0);
  }

  private later(run: () => void, delayMs: number): void {
    this.pendingTimers += 1;
    this.options.scheduler(() => {
      this.pendingTimers -= 1;
      run();
      this.wake();
    }, delayMs);
  }

  private wake(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.wake();
    });
  }

  private async attempt(
    d: { sub: Subscription; shop: string; topic: string; body: string; webhookId: string; eventId: string; triggeredAt: string },
    attempt: number,
  ): Promise<void> {
    const request = new Request(d.sub.url, {
      method: "POST",
      body: d.body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": d.topic,
        "X-Shopify-Hmac-Sha256": signWebhook(d.body, this.options.apiSecret),
        "X-Shopify-Shop-Domain": d.shop,
        "X-Shopify-Webhook-Id": d.webhookId,
        "X-Shopify-Event-Id": d.eventId,
        "X-Shopify-Triggered-At": d.triggeredAt,
        "X-Shopify-API-Version": this.options.apiVersion,
      },
    });
    let status: number | "network-error";
    try {
      const response = await this.options.fetch(request);
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = "network-error";
    }
    this.log.push({ topic: d.topic, shop: d.shop, url: d.sub.url, webhookId: d.webhookId, eventId: d.eventId, attempt, status, body: d.body });
    const ok = typeof status === "number" && status >= 200 && status < 300;
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (!ok && delay !== undefined) {
      this.later(() => this.track(this.attempt(d, attempt + 1)), delay);
    }
  }
}
