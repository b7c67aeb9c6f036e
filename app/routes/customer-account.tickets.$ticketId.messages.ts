import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";
import { parseBody } from "~/portal/proxy.server";
import { ticketReplyRequestSchema } from "~/returns/portal-contract";
import { replyFromPortal } from "~/tickets/portal.server";

/** POST /customer-account/tickets/:ticketId/messages — the customer writes back; answers the conversation. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(request, async (ctx) => replyFromPortal(ctx, params.ticketId ?? "", await parseBody(request, ticketReplyRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
