import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { ticketRatingRequestSchema } from "~/returns/portal-contract";
import { rateFromPortal } from "~/tickets/portal.server";

/** POST /apps/aftercare/tickets/:ticketId/rating — the shopper rates a solved ticket 1–5 (again: replaces). */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => rateFromPortal(ctx, params.ticketId ?? "", await parseBody(request, ticketRatingRequestSchema, ctx.locale)));
}

export const loader = () => methodNotAllowed();
