import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handleCustomerAccount } from "~/portal/customer-account.server";
import { listPortalOrderReturns } from "~/returns/status-view.server";

/** GET /customer-account/orders/:orderId/returns — the returns of the customer's order, newest first, with their status. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleCustomerAccount(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return listPortalOrderReturns(ctx, orderId);
  });
}
