import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { createReturnRequestSchema } from "~/returns/portal-contract";
import { createPortalReturn } from "~/returns/request.server";

/** POST /apps/aftercare/returns — creates the return request; idempotent on clientKey. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => createPortalReturn(ctx, await parseBody(request, createReturnRequestSchema, ctx.locale)), { status: 201 });
}

export const loader = () => methodNotAllowed();
