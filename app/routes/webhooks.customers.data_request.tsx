import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook, webhookResponse } from "~/automation/inbox.server";
import { verifyWebhook } from "~/shopify.server";

/** customers/data_request (mandatory) → the worker puts the customer's data export in a ticket for the merchant. */
export const action = async ({ request }: ActionFunctionArgs) => {
  // Verifies the HMAC over the raw body: throws a 401 Response on a bad one, 405 on a non-POST.
  const webhook = await verifyWebhook(request);
  // Webhook requests can trigger multiple times and after an app has already been
  // uninstalled; the CLI also triggers them for shops that never installed the app. So
  // receipt needs no session: we record the event and the worker works from our own
  // database, keyed by shop.
  // Answer at once; Shopify gives up after 5 seconds. A duplicate, or an unknown shop, is a
  // 200 too; a body replayed under another shop's header is a 401 (docs/decisions/025-webhook-door.md).
  return webhookResponse(await receiveWebhook(webhook));
};
