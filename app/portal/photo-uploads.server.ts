/**
 * The PhotoUpload rows: who a photo was uploaded under and whether a return took it. The
 * row is written before the bytes and deleted after them (app/compliance/photo-erasure),
 * so no stored photo is ever unknown to redaction or expiry.
 */
import prisma, { type Tx } from "~/db.server";
import { portalError } from "~/portal/messages";
import { DEFAULT_PHOTO_STORAGE, photoStorage, type PhotoType } from "~/portal/photo-storage.server";

/** Unattached uploads older than this expire: their rows and bytes are deleted. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;
// A return may only take uploads well inside the TTL: a sweep that started deleting an
// upload's bytes can then never race a return that is attaching it.
const ATTACHABLE_MS = UPLOAD_TTL_MS - 60 * 60_000;

/** The portal session an upload was made in: the token's order, the token's or signed-in customer. */
export type UploadOwner = { orderId: string | null; customerId: string | null };

/** Records and stores one checked photo. */
export async function storeUpload(shop: string, owner: UploadOwner, photoId: string, contentType: PhotoType, bytes: Uint8Array, now: Date): Promise<void> {
  await prisma.photoUpload.create({
    data: { id: photoId, shop, storage: DEFAULT_PHOTO_STORAGE, contentType, size: bytes.length, orderId: owner.orderId, customerId: owner.customerId, createdAt: now },
  });
  try {
    await photoStorage(DEFAULT_PHOTO_STORAGE).put(shop, photoId, contentType, bytes);
  } catch (error) {
    // Nothing was stored (the write failed): the row would only point at nothing.
    await prisma.photoUpload.deleteMany({ where: { shop, id: photoId } });
    throw error;
  }
}

/**
 * Attaches the uploads a return request lists to the return, in the request's transaction.
 * Each must be this shop's, unattached, recent, and made for this order or this customer;
 * otherwise the request fails as if the photo did not exist and nothing is recorded.
 */
export async function attachUploads(
  tx: Tx,
  shop: string,
  photoIds: readonly string[],
  target: { returnCaseId: string; orderId: string; customerId: string | null },
  now: Date,
): Promise<void> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return;
  const attached = await tx.photoUpload.updateMany({
    where: {
      shop,
      id: { in: ids },
      returnCaseId: null,
      createdAt: { gt: new Date(now.getTime() - ATTACHABLE_MS) },
      OR: [{ orderId: target.orderId }, ...(target.customerId ? [{ customerId: target.customerId }] : [])],
    },
    data: { returnCaseId: target.returnCaseId, attachedAt: now },
  });
  if (attached.count !== ids.length) throw portalError("invalid", "error_photo_not_found");
}
