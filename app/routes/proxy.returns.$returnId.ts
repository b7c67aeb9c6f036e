import type { LoaderFunctionArgs } from "@remix-run/node";
import { handlePortal } from "~/portal/proxy.server";
import { getPortalReturnStatus } from "~/returns/status-view.server";

/** GET /apps/aftercare/returns/:returnId — status, timeline, instructions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handlePortal(request, (ctx) => getPortalReturnStatus(ctx, params.returnId ?? ""));
}
