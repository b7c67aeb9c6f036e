import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";
import { parseBody } from "~/portal/proxy.server";
import { ticketRequestSchema } from "~/returns/portal-contract";
import { createPortalTicket } from "~/returns/portal.server";

/** POST /customer-account/tickets — an exception request or a question, as a ticket. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(request, async (ctx) => createPortalTicket(ctx, await parseBody(request, ticketRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
