import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";
import { parseBody } from "~/portal/proxy.server";
import { createReturnRequestSchema } from "~/returns/portal-contract";
import { createPortalReturn } from "~/returns/request.server";

/** POST /customer-account/returns — creates the return request; idempotent on clientKey. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(request, async (ctx) => createPortalReturn(ctx, await parseBody(request, createReturnRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
