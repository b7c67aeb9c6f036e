import { dataRequestHandler } from "~/compliance/data-request.server";
import { handleCustomersRedact } from "~/compliance/customer-redact.server";
import { handleShopRedact } from "~/compliance/shop-redact.server";
import type { PayloadMap, WebhookTopic } from "../payloads";
import { handleAppScopesUpdate } from "./app-scopes-update.server";
import { handleAppUninstalled } from "./app-uninstalled.server";
import { handleFulfillmentEvent, handleOrderEvent } from "./order-mirror.server";
import { handleRefundsCreate } from "./refunds-create.server";
import { shopifyReturnHandlers } from "./shopify-returns.server";
import type { WebhookHandler } from "./types";

export type TopicHandlers = { [T in WebhookTopic]: WebhookHandler<PayloadMap[T]> };

/** The handler of each topic: a topic with a payload schema must have one (checked by the type). */
export const TOPIC_HANDLERS: TopicHandlers = {
  APP_UNINSTALLED: handleAppUninstalled,
  APP_SCOPES_UPDATE: handleAppScopesUpdate,
  CUSTOMERS_DATA_REQUEST: dataRequestHandler(),
  CUSTOMERS_REDACT: handleCustomersRedact,
  SHOP_REDACT: handleShopRedact,
  // returns/* — mirror returns made or changed in Shopify (docs/decisions/016)
  ...shopifyReturnHandlers(),
  // the order and delivery mirror (app/orders/mirror.server.ts)
  ORDERS_CREATE: handleOrderEvent,
  ORDERS_UPDATED: handleOrderEvent,
  FULFILLMENTS_CREATE: handleFulfillmentEvent,
  FULFILLMENTS_UPDATE: handleFulfillmentEvent,
  // money moved outside Aftercare (app/refunds/external.server.ts)
  REFUNDS_CREATE: handleRefundsCreate,
};
