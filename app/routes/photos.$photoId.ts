import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPhoto, verifyPhotoUrl } from "~/portal/photos.server";

/**
 * GET /photos/:photoId?shop&expires&signature — a return photo for the back office. The
 * URL was signed by an authenticated admin loader (image requests carry no session token).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const photoId = params.photoId ?? "";
  const verified = verifyPhotoUrl(photoId, new URL(request.url).searchParams, new Date());
  if (!verified) return new Response("This photo link has expired; reload the return page.", { status: 403 });
  const photo = readPhoto(verified.shop, photoId);
  if (!photo) return new Response("Photo not found.", { status: 404 });
  return new Response(new Uint8Array(photo.bytes), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
};
