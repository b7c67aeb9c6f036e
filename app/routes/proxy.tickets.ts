import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { ticketRequestSchema } from "~/returns/portal-contract";
import { createPortalTicket } from "~/returns/portal.server";

/** POST /apps/aftercare/tickets — an exception request or a question, as a ticket. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => createPortalTicket(ctx, await parseBody(request, ticketRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = () => methodNotAllowed();
