import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { ticketReplyRequestSchema } from "~/returns/portal-contract";
import { replyFromPortal } from "~/tickets/portal.server";

/** POST /apps/aftercare/tickets/:ticketId/messages — the shopper writes back; answers the conversation. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => replyFromPortal(ctx, params.ticketId ?? "", await parseBody(request, ticketReplyRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = () => methodNotAllowed();
