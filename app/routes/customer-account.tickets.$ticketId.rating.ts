import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";
import { parseBody } from "~/portal/proxy.server";
import { ticketRatingRequestSchema } from "~/returns/portal-contract";
import { rateFromPortal } from "~/tickets/portal.server";

/** POST /customer-account/tickets/:ticketId/rating — the customer rates a solved ticket 1–5 (again: replaces). */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(request, async (ctx) => rateFromPortal(ctx, params.ticketId ?? "", await parseBody(request, ticketRatingRequestSchema, ctx.locale)));
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
