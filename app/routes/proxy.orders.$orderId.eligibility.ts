import type { LoaderFunctionArgs } from "@remix-run/node";
import { DomainError } from "~/lib/errors";
import { handlePortal } from "~/portal/proxy.server";
import { getPortalEligibility } from "~/returns/portal.server";

/** GET /apps/aftercare/orders/:orderId/eligibility — what can be returned, and why not. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handlePortal(request, async (ctx) => {
    const orderId = params.orderId ?? "";
    if (!/^\d{1,20}$/.test(orderId)) throw new DomainError("not_found", "We couldn't find that order.");
    return getPortalEligibility(ctx, orderId);
  });
}
