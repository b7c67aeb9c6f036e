import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handlePortal } from "~/portal/proxy.server";
import { listPortalOrderReturns } from "~/returns/status-view.server";

/** GET /apps/aftercare/orders/:orderId/returns — the returns of this order, newest first, with their status. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handlePortal(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return listPortalOrderReturns(ctx, orderId);
  });
}
