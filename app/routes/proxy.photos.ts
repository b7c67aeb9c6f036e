import type { ActionFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { readPhotoUpload, savePhoto } from "~/portal/photos.server";
import { handlePortal, methodNotAllowed } from "~/portal/proxy.server";

/** POST /apps/aftercare/photos — multipart `file`: JPEG/PNG/WebP/HEIC ≤ 5 MB → { photoId }; larger → 413 unread. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(
    request,
    async (ctx) => {
      if (!ctx.token && !ctx.customerId) throw portalError("unauthorized", "error_look_up_again");
      // Recorded with the session's order and customer, so redaction can find it unattached too.
      const owner = { orderId: ctx.token?.orderId ?? null, customerId: ctx.token?.customerId ?? ctx.customerId };
      return savePhoto(ctx.shop, await readPhotoUpload(request), owner, ctx.now);
    },
    { status: 201 },
  );
}

export const loader = () => methodNotAllowed();
