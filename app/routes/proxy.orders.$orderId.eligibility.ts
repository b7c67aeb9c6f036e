import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handlePortal } from "~/portal/proxy.server";
import { getPortalEligibility } from "~/returns/portal.server";

/** GET /apps/aftercare/orders/:orderId/eligibility — what can be returned, and why not. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handlePortal(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return getPortalEligibility(ctx, orderId);
  });
}
