import { recordExternalRefund } from "~/refunds/external.server";
import type { RefundEventPayload } from "../payloads";
import type { WebhookHandler } from "./types";

/**
 * refunds/create → a refund Aftercare did not make enters the ledger as an `external` movement
 * (app/refunds/external.server.ts); Aftercare's own refunds and repeated deliveries are no-ops.
 */
export const handleRefundsCreate: WebhookHandler<RefundEventPayload> = async (shop, payload, event) => {
  await recordExternalRefund(shop, payload, event.now);
};
