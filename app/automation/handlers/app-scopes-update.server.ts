import { eventTransaction } from "../event-transaction.server";
import type { AppScopesUpdatePayload } from "../payloads";
import type { WebhookHandler } from "./types";

/** Records the scopes the merchant granted now on the shop's sessions and on the shop. */
export const handleAppScopesUpdate: WebhookHandler<AppScopesUpdatePayload> = async (shop, payload, event) => {
  // Sessions keep scopes comma-separated, as @shopify/shopify-api's Session does.
  const scope = payload.current.join(",");
  await eventTransaction(event, async (tx) => {
    await tx.session.updateMany({ where: { shop }, data: { scope } });
    await tx.shop.upsert({ where: { shop }, create: { shop, scopes: scope }, update: { scopes: scope } });
  });
};
