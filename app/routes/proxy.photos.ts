import type { ActionFunctionArgs } from "@remix-run/node";
import { DomainError } from "~/lib/errors";
import { savePhoto } from "~/portal/photos.server";
import { handlePortal, methodNotAllowed } from "~/portal/proxy.server";
import { PHOTO_MAX_BYTES } from "~/returns/portal-contract";

/** POST /apps/aftercare/photos — multipart `file`: JPEG/PNG/WebP/HEIC ≤ 5 MB → { photoId }. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return handlePortal(
    request,
    async (ctx) => {
      if (!ctx.token && !ctx.customerId) throw new DomainError("unauthorized", "Please look up your order again.");
      // Refuse an oversized body before reading it (multipart adds a little framing).
      const length = Number(request.headers.get("content-length") ?? "0");
      if (length > PHOTO_MAX_BYTES + 64 * 1024) throw new DomainError("invalid", "That photo is larger than 5 MB. Please choose a smaller one.");
      const form = await request.formData().catch(() => {
        throw new DomainError("bad_request", "We couldn't read that photo. Please try again.");
      });
      const file = form.get("file");
      if (!(file instanceof File)) throw new DomainError("invalid", "Choose a photo to upload.");
      return savePhoto(ctx.shop, file);
    },
    { status: 201 },
  );
}

export const loader = () => methodNotAllowed();
