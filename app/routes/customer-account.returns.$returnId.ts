import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleCustomerAccount } from "~/portal/customer-account.server";
import { getPortalReturnStatus } from "~/returns/status-view.server";

/** GET /customer-account/returns/:returnId — status, timeline, instructions of one of the customer's returns. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleCustomerAccount(request, (ctx) => getPortalReturnStatus(ctx, params.returnId ?? ""));
}
