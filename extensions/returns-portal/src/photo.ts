/**
 * Photo checks done before upload, so a shopper learns at once that a 12 MB TIFF will not
 * do. The values mirror PHOTO_CONTENT_TYPES / PHOTO_MAX_BYTES in the contract (a test keeps
 * them equal; the bundle cannot import the contract's values without zod).
 */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic"];
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export type PhotoProblem = "photo_type" | "photo_size" | null;

/** The string key of what is wrong with a file, or null when it can be uploaded. */
export function checkPhoto(file: { type: string; size: number; name?: string }): PhotoProblem {
  // Some browsers leave HEIC files without a MIME type: fall back to the extension.
  const type = file.type || (/\.hei[cf]$/i.test(file.name ?? "") ? "image/heic" : "");
  if (!PHOTO_TYPES.includes(type)) return "photo_type";
  if (file.size > PHOTO_MAX_BYTES) return "photo_size";
  return null;
}
