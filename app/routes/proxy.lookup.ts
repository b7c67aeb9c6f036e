import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { lookupRequestSchema } from "~/returns/portal-contract";
import { lookupOrder } from "~/returns/portal.server";

/** POST /apps/aftercare/lookup — order number + email → portal token and order summary. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => lookupOrder(ctx, await parseBody(request, lookupRequestSchema, ctx.locale)), { ignoreToken: true });
}

export const loader = () => methodNotAllowed();
