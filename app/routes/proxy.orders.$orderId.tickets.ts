import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { handlePortal } from "~/portal/proxy.server";
import { listPortalTickets } from "~/tickets/portal.server";

/** GET /apps/aftercare/orders/:orderId/tickets — the shopper's conversations about this order, public messages only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handlePortal(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw portalError("not_found", "error_order_not_found");
    return listPortalTickets(ctx, orderId);
  });
}
