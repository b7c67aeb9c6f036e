import type { ActionFunctionArgs } from "@remix-run/node";
import { handlePortal, methodNotAllowed, parseBody } from "~/portal/proxy.server";
import { quoteRequestSchema } from "~/returns/portal-contract";
import { quotePortalReturn } from "~/returns/quote.server";

/** POST /apps/aftercare/quote — exact amounts for a draft return; nothing is stored. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(request, async (ctx) => quotePortalReturn(ctx, await parseBody(request, quoteRequestSchema, ctx.locale)));
}

export const loader = () => methodNotAllowed();
