/**
 * Photos shoppers attach to a return line (a damaged item, a wrong item). Checked by
 * declared type AND by the file's first bytes (a renamed .exe is not a JPEG), at most
 * 5 MB, stored under a random id per shop. The store is the local disk
 * (`AFTERCARE_PHOTO_DIR`, default `./tmp/portal-photos`): right for one instance; a
 * multi-instance deployment moves it to Shopify Files (stagedUploadsCreate + fileCreate)
 * behind the same three functions.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "~/lib/errors";
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from "~/returns/portal-contract";

type PhotoType = (typeof PHOTO_CONTENT_TYPES)[number];
const EXTENSION: Record<PhotoType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic" };
const ID = /^ph_[A-Za-z0-9_-]{22}$/;

function photoDir(shop: string): string {
  const root = process.env.AFTERCARE_PHOTO_DIR ?? join(process.cwd(), "tmp", "portal-photos");
  return join(root, createHash("sha256").update(shop).digest("hex").slice(0, 24));
}

/** The content type the bytes really are, or null. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 8 && ascii(1, 4) === "PNG" && bytes[0] === 0x89) return "image/png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp" && ["heic", "heix", "mif1", "msf1", "hevc", "heim", "heis"].includes(ascii(8, 12))) return "image/heic";
  return null;
}

/** Checks and stores one uploaded photo; answers its id. */
export async function savePhoto(shop: string, file: { type: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<{ photoId: string }> {
  if (file.size > PHOTO_MAX_BYTES) throw new DomainError("invalid", "That photo is larger than 5 MB. Please choose a smaller one.");
  if (file.size === 0) throw new DomainError("invalid", "That photo is empty. Please choose another one.");
  const declared = file.type.toLowerCase() as PhotoType;
  if (!PHOTO_CONTENT_TYPES.includes(declared)) {
    throw new DomainError("invalid", "Please upload a JPEG, PNG, WebP or HEIC photo.");
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > PHOTO_MAX_BYTES) throw new DomainError("invalid", "That photo is larger than 5 MB. Please choose a smaller one.");
  const actual = sniffImageType(bytes);
  if (!actual) throw new DomainError("invalid", "Please upload a JPEG, PNG, WebP or HEIC photo.");
  const photoId = `ph_${randomBytes(16).toString("base64url")}`;
  const dir = photoDir(shop);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${photoId}.${EXTENSION[actual]}`), bytes, { flag: "wx" });
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
