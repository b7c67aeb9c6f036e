import { mirrorShopifyReturn, type MirrorOutcome } from "~/returns/mirror.server";
import type { ShopifyReturnStatus } from "~/returns/status";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { offlineAdminClient } from "../admin-client.server";
import type { ShopifyReturnEventPayload, WebhookTopic } from "../payloads";
import type { WebhookHandler } from "./types";

export type ShopifyReturnTopic = Extract<WebhookTopic, `RETURNS_${string}`>;

/** The status each topic announces, for the date a change is stamped with; returns/process changes none. */
// returns/update (lines, notes or reasons edited) announces no status either.
const ANNOUNCES: Readonly<Record<ShopifyReturnTopic, ShopifyReturnStatus | null>> = {
  RETURNS_REQUEST: "REQUESTED",
  RETURNS_APPROVE: "OPEN",
  RETURNS_DECLINE: "DECLINED",
  RETURNS_CANCEL: "CANCELED",
  RETURNS_CLOSE: "CLOSED",
  RETURNS_REOPEN: "OPEN",
  RETURNS_PROCESS: null,
  RETURNS_UPDATE: null,
};

export type ShopifyReturnHandlerDeps = {
  /** The shop's Admin API client; null when the shop has no offline session (uninstalled). */
  clientFor?: (shop: string) => Promise<ShopifyAdminClient | null>;
  /** Where the no-ops are explained; never receives customer data. */
  log?: (line: string) => void;
};

/**
 * The handlers of the returns/* topics: each mirrors the return the event names, read as it
 * stands in Shopify now (app/returns/mirror.server.ts). A no-op — the return is gone, belongs
 * to no order line, or Shopify moved it where Aftercare must not follow — is logged and done:
 * retrying cannot change it. Shopify being unavailable throws, so the worker retries.
 */
export function shopifyReturnHandlers(deps: ShopifyReturnHandlerDeps = {}): { [T in ShopifyReturnTopic]: WebhookHandler<ShopifyReturnEventPayload> } {
  const handler =
    (topic: ShopifyReturnTopic): WebhookHandler<ShopifyReturnEventPayload> =>
    async (shop, payload, event) => {
      const log = deps.log ?? console.warn;
      const where = `${topic} ${event.webhookId} for ${shop}`;
      const client = await (deps.clientFor ?? offlineAdminClient)(shop);
      if (!client) {
        log(`${where}: the shop has no offline session (the app was uninstalled), so Shopify return ${payload.returnId} was not mirrored.`);
        return;
      }
      const outcome = await mirrorShopifyReturn(shop, payload.returnId, {
        client,
        now: event.now,
        event: { triggeredAt: event.triggeredAt, announces: ANNOUNCES[topic] },
      });
      const note = noOpNote(outcome, payload.returnId);
      if (note) log(`${where}: ${note}`);
    };
  return {
    RETURNS_REQUEST: handler("RETURNS_REQUEST"),
    RETURNS_APPROVE: handler("RETURNS_APPROVE"),
    RETURNS_DECLINE: handler("RETURNS_DECLINE"),
    RETURNS_CANCEL: handler("RETURNS_CANCEL"),
    RETURNS_CLOSE: handler("RETURNS_CLOSE"),
    RETURNS_REOPEN: handler("RETURNS_REOPEN"),
    RETURNS_PROCESS: handler("RETURNS_PROCESS"),
    RETURNS_UPDATE: handler("RETURNS_UPDATE"),
  };
}

/** Why nothing was done, in words, for the outcomes a person may want to know about. */
function noOpNote(outcome: MirrorOutcome, shopifyReturnId: string): string | null {
  switch (outcome.kind) {
    case "not_found":
      return `Shopify has no return ${shopifyReturnId} for this shop (deleted with its order, or another shop's), so there is nothing to mirror.`;
    case "unsupported":
      return `Shopify return ${shopifyReturnId} was not mirrored: ${outcome.reason}`;
    case "drift":
      return `Shopify return ${shopifyReturnId} is ${outcome.shopifyStatus}, but return ${outcome.returnCaseId} is ${outcome.status} in Aftercare and cannot follow without undoing what Aftercare did; it was left as it is.`;
    default:
      return null;
  }
}
