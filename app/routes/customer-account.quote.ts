import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";
import { parseBody } from "~/portal/proxy.server";
import { quoteRequestSchema } from "~/returns/portal-contract";
import { quotePortalReturn } from "~/returns/quote.server";

/** POST /customer-account/quote — exact amounts for a draft return; nothing is stored. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(request, async (ctx) => quotePortalReturn(ctx, await parseBody(request, quoteRequestSchema, ctx.locale)));
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
