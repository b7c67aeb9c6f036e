import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/automation/inbox.server";
import { verifyWebhook } from "~/shopify.server";

/** orders/updated (an order changed) → the worker applies it to the order mirror unless a newer update was applied already. */
export const action = async ({ request }: ActionFunctionArgs) => {
  // Verifies the HMAC over the raw body: throws a 401 Response on a bad one, 405 on a non-POST.
  const webhook = await verifyWebhook(request);
  // Webhook requests can trigger multiple times, out of order, and after an app has already
  // been uninstalled. So receipt needs no session: we record the event and the worker applies
  // it from our own database, keyed by shop.
  await receiveWebhook(webhook);
  // Answer at once; Shopify gives up after 5 seconds. A duplicate is a 200 too.
  return new Response();
};
