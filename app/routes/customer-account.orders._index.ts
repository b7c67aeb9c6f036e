import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleCustomerAccount } from "~/portal/customer-account.server";
import { listCustomerOrders } from "~/returns/portal.server";

/** GET /customer-account/orders — the signed-in customer's recent orders (the token's `sub`). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleCustomerAccount(request, (ctx) => listCustomerOrders(ctx));
}
