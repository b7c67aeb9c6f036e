import type { LoaderFunctionArgs } from "@remix-run/node";
import { handlePortal } from "~/portal/proxy.server";
import { listCustomerOrders } from "~/returns/portal.server";

/** GET /apps/aftercare/orders — the signed-in customer's recent orders. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handlePortal(request, (ctx) => listCustomerOrders(ctx));
}
