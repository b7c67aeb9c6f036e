import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handleCustomerAccount } from "~/portal/customer-account.server";
import { listPortalTickets } from "~/tickets/portal.server";

/** GET /customer-account/orders/:orderId/tickets — the customer's conversations about their order, public messages only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleCustomerAccount(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return listPortalTickets(ctx, orderId);
  });
}
