import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readPhotoUpload, savePhoto } from "~/portal/photos.server";
import { customerAccountMethodNotAllowed, customerAccountPreflight, handleCustomerAccount } from "~/portal/customer-account.server";

/** POST /customer-account/photos — multipart `file`: JPEG/PNG/WebP/HEIC ≤ 5 MB → { photoId }; larger → 413 unread. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return customerAccountMethodNotAllowed(request);
  return handleCustomerAccount(
    request,
    // Recorded with the customer, so redaction can find it unattached too.
    async (ctx) => savePhoto(ctx.shop, await readPhotoUpload(request), { orderId: null, customerId: ctx.customerId }, ctx.now),
    { status: 201 },
  );
}

export const loader = ({ request }: LoaderFunctionArgs) => customerAccountPreflight(request);
