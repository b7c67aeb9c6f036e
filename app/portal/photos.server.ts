/**
 * Photos shoppers attach to a return line (a damaged item, a wrong item). Checked by
 * declared type AND by the file's first bytes (a renamed .exe is not a JPEG), at most
 * 5 MB, stored under a random id per shop, with a row naming the portal session it came
 * from (app/portal/photo-uploads.server.ts). Where the bytes live is the storage backend's
 * business (app/portal/photo-storage.server.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readFormBody } from "~/lib/body.server";
import { DomainError } from "~/lib/errors";
import { portalError } from "~/portal/messages";
import { PHOTO_EXTENSION as EXTENSION, PHOTO_ID as ID, photoDir, type PhotoType } from "~/portal/photo-storage.server";
import { storeUpload, type UploadOwner } from "~/portal/photo-uploads.server";
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from "~/returns/portal-contract";

/** The content type the bytes really are, or null. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 8 && ascii(1, 4) === "PNG" && bytes[0] === 0x89) return "image/png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp" && ["heic", "heix", "mif1", "msf1", "hevc", "heim", "heis"].includes(ascii(8, 12))) return "image/heic";
  return null;
}

// Multipart framing (boundaries, part headers, the file name) on top of the photo itself.
const UPLOAD_FRAMING_BYTES = 64 * 1024;

/**
 * The uploaded `file` part of a multipart request, read with caps while it streams in: the
 * whole body at most 5 MB + framing, the photo part at most 5 MB, a handful of parts; over
 * a cap → 413 before the rest is read, a broken body → 400, no file → 422.
 */
export async function readPhotoUpload(request: Request): Promise<File> {
  const form = await readFormBody(request, {
    maxBytes: PHOTO_MAX_BYTES + UPLOAD_FRAMING_BYTES,
    maxPartBytes: PHOTO_MAX_BYTES,
    maxParts: 4,
  }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "payload_too_large") throw portalError("payload_too_large", "error_photo_too_large");
    if (error instanceof DomainError && error.code === "bad_request") throw portalError("bad_request", "error_photo_unreadable");
    throw error;
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw portalError("invalid", "error_photo_missing");
  return file;
}

/** Checks and stores one uploaded photo, made in the owner's portal session; answers its id. */
export async function savePhoto(
  shop: string,
  file: { type: string; size: number; arrayBuffer(): Promise<ArrayBuffer> },
  owner: UploadOwner,
  now = new Date(),
): Promise<{ photoId: string }> {
  if (file.size > PHOTO_MAX_BYTES) throw portalError("invalid", "error_photo_too_large");
  if (file.size === 0) throw portalError("invalid", "error_photo_empty");
  const declared = file.type.toLowerCase() as PhotoType;
  if (!PHOTO_CONTENT_TYPES.includes(declared)) {
    throw portalError("invalid", "error_photo_type");
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > PHOTO_MAX_BYTES) throw portalError("invalid", "error_photo_too_large");
  const actual = sniffImageType(bytes);
  if (!actual) throw portalError("invalid", "error_photo_type");
  const photoId = `ph_${randomBytes(16).toString("base64url")}`;
  await storeUpload(shop, owner, photoId, actual, bytes, now);
  return { photoId };
}

/** Whether a photo id belongs to this shop's uploads. */
export function photoExists(shop: string, photoId: string): boolean {
  if (!ID.test(photoId)) return false;
  const dir = photoDir(shop);
  return Object.values(EXTENSION).some((ext) => existsSync(join(dir, `${photoId}.${ext}`)));
}

/** Stored form for ReturnLine.photos: `[{ id, contentType?... }]` — the id is enough to find the file. */
export function photoRecords(photoIds: readonly string[]): { id: string }[] {
  return photoIds.map((id) => ({ id }));
}

/** A stored photo's bytes and type, or null when this shop has no such photo. */
export function readPhoto(shop: string, photoId: string): { bytes: Buffer; contentType: PhotoType } | null {
  if (!ID.test(photoId)) return null;
  const dir = photoDir(shop);
  for (const [contentType, ext] of Object.entries(EXTENSION) as [PhotoType, string][]) {
    const path = join(dir, `${photoId}.${ext}`);
    if (existsSync(path)) return { bytes: readFileSync(path), contentType };
  }
  return null;
}

// Photos show as <img> inside the embedded admin, whose image requests carry no session
// token: the admin's loader hands out short-lived URLs signed with the app secret instead.
const PHOTO_URL_TTL_MS = 60 * 60 * 1000;

function photoSignature(shop: string, photoId: string, expires: number, secret: string): string {
  return createHmac("sha256", secret).update(`photo|${shop}|${photoId}|${expires}`).digest("base64url");
}

/** A URL that shows this shop's photo for an hour, for pages the admin already authenticated. */
export function signedPhotoUrl(shop: string, photoId: string, now: Date, secret = appSecret()): string {
  const expires = now.getTime() + PHOTO_URL_TTL_MS;
  const query = new URLSearchParams({ shop, expires: String(expires), signature: photoSignature(shop, photoId, expires, secret) });
  return `/photos/${encodeURIComponent(photoId)}?${query}`;
}

/** Checks a signed photo URL's query: the shop it names, unexpired, signed by us. */
export function verifyPhotoUrl(photoId: string, query: URLSearchParams, now: Date, secret = appSecret()): { shop: string } | null {
  const shop = query.get("shop") ?? "";
  const expires = Number(query.get("expires"));
  const given = Buffer.from(query.get("signature") ?? "");
  if (!shop || !Number.isSafeInteger(expires) || expires < now.getTime()) return null;
  const expected = Buffer.from(photoSignature(shop, photoId, expires, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? { shop } : null;
}

function appSecret(): string {
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error("SHOPIFY_API_SECRET is required to sign photo URLs");
  return secret;
}
