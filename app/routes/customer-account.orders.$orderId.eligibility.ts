import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handleCustomerAccount } from "~/portal/customer-account.server";
import { getPortalEligibility } from "~/returns/portal.server";

/** GET /customer-account/orders/:orderId/eligibility — what can be returned, and why not; another customer's order is 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleCustomerAccount(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return getPortalEligibility(ctx, orderId);
  });
}
