import type { ActionFunctionArgs } from "@remix-run/node";
import { portalError } from "~/portal/messages";
import { savePhoto } from "~/portal/photos.server";
import { handlePortal, methodNotAllowed } from "~/portal/proxy.server";
import { PHOTO_MAX_BYTES } from "~/returns/portal-contract";

/** POST /apps/aftercare/photos — multipart `file`: JPEG/PNG/WebP/HEIC ≤ 5 MB → { photoId }. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(
    request,
    async (ctx) => {
      if (!ctx.token && !ctx.customerId) throw portalError("unauthorized", "error_look_up_again");
      // Refuse an oversized body before reading it (multipart adds a little framing).
      const length = Number(request.headers.get("content-length") ?? "0");
      if (length > PHOTO_MAX_BYTES + 64 * 1024) throw portalError("invalid", "error_photo_too_large");
      const form = await request.formData().catch(() => {
        throw portalError("bad_request", "error_photo_unreadable");
      });
      const file = form.get("file");
      if (!(file instanceof File)) throw portalError("invalid", "error_photo_missing");
      // Recorded with the session's order and customer, so redaction can find it unattached too.
      return savePhoto(ctx.shop, file, { orderId: ctx.token?.orderId ?? null, customerId: ctx.token?.customerId ?? ctx.customerId }, ctx.now);
    },
    { status: 201 },
  );
}

export const loader = () => methodNotAllowed();
