import { eventTransaction } from "../event-transaction.server";
import type { AppUninstalledPayload } from "../payloads";
import type { WebhookHandler } from "./types";

/**
 * Forgets the shop's sessions and marks it uninstalled. The shop's data stays: Shopify
 * sends shop/redact 48 hours later, and a merchant who reinstalls meanwhile finds it all.
 */
export const handleAppUninstalled: WebhookHandler<AppUninstalledPayload> = async (shop, _payload, event) => {
  await eventTransaction(event, async (tx) => {
    const existing = await tx.shop.findUnique({ where: { shop }, select: { installedAt: true } });
    // Webhooks can arrive late and after the app was installed again: an uninstall raised
    // before the current installation must not sign the merchant out of it.
    if (existing && event.triggeredAt && existing.installedAt > event.triggeredAt) return;
    await tx.session.deleteMany({ where: { shop } });
    await tx.shop.upsert({
      where: { shop },
      create: { shop, uninstalledAt: event.now },
      update: { uninstalledAt: event.now },
    });
  });
};
