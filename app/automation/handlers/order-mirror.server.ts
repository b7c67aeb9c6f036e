import { mirrorFulfillment, mirrorOrder } from "~/orders/mirror.server";
import type { FulfillmentEventPayload, OrderEventPayload } from "../payloads";
import type { WebhookHandler } from "./types";

/**
 * orders/create and orders/updated → the order mirror (app/orders/mirror.server.ts). The payload
 * is the order as it stood when the event was raised, so it is applied as it is; an event older
 * than the one already applied (by the order's updated_at) is ignored there.
 */
export const handleOrderEvent: WebhookHandler<OrderEventPayload> = async (shop, payload) => {
  await mirrorOrder(shop, payload);
};

/** fulfillments/create and fulfillments/update → the delivery dates the return window counts from. */
export const handleFulfillmentEvent: WebhookHandler<FulfillmentEventPayload> = async (shop, payload) => {
  await mirrorFulfillment(shop, payload);
};
