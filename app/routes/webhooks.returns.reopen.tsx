import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook, webhookResponse } from "~/automation/inbox.server";
import { verifyWebhook } from "~/shopify.server";

/** returns/reopen (a closed return was reopened) → the worker mirrors the return as it stands in Shopify now. */
export const action = async ({ request }: ActionFunctionArgs) => {
  // Verifies the HMAC over the raw body: throws a 401 Response on a bad one, 405 on a non-POST.
  const webhook = await verifyWebhook(request);
  // Webhook requests can trigger multiple times, out of order, and after an app has already
  // been uninstalled. So receipt needs no session: we record the event and the worker reads
  // the return's current state from Shopify, keyed by shop.
  // Answer at once; Shopify gives up after 5 seconds. A duplicate, or an unknown shop, is a
  // 200 too; a body replayed under another shop's header is a 401 (docs/decisions/025-webhook-door.md).
  return webhookResponse(await receiveWebhook(webhook));
};
