/**
 * Where the bytes of shoppers' photos live, behind one small interface. Today the only
 * backend is the local disk (`AFTERCARE_PHOTO_DIR`, default `./tmp/portal-photos`), right
 * for one instance. A second backend — Shopify Files (stagedUploadsCreate + fileCreate to
 * store, fileDelete to erase) — plugs in beside it: every PhotoUpload row names the backend
 * holding its bytes, so erasure and expiry reach both while photos move from one to the other.
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PHOTO_CONTENT_TYPES } from "~/returns/portal-contract";

export type PhotoType = (typeof PHOTO_CONTENT_TYPES)[number];
export const PHOTO_EXTENSION: Record<PhotoType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic" };
/** A photo id as the shopper holds it: "ph_" and 16 random bytes in base64url. */
export const PHOTO_ID = /^ph_[A-Za-z0-9_-]{22}$/;

export interface PhotoStorage {
  /** Stores a new photo's bytes; fails when the id is already taken. */
  put(shop: string, photoId: string, contentType: PhotoType, bytes: Uint8Array): Promise<void>;
  /** Deletes one photo's bytes. A photo already gone is success; any other failure throws. */
  delete(shop: string, photoId: string): Promise<void>;
  /** Deletes every photo this backend holds for the shop, including any no row knows of. */
  deleteShop(shop: string): Promise<void>;
}

/** The shop's folder on the local disk: a hash, so a shop domain never becomes a path. */
export function photoDir(shop: string): string {
  const root = process.env.AFTERCARE_PHOTO_DIR ?? join(process.cwd(), "tmp", "portal-photos");
  return join(root, createHash("sha256").update(shop).digest("hex").slice(0, 24));
}

export const localDiskStorage: PhotoStorage = {
  async put(shop, photoId, contentType, bytes) {
    const dir = photoDir(shop);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${photoId}.${PHOTO_EXTENSION[contentType]}`), bytes, { flag: "wx" });
  },
  async delete(shop, photoId) {
    // The id comes from our rows and from return lines' JSON: never let it name another path.
    if (!PHOTO_ID.test(photoId)) throw new Error(`Refusing to delete photo with malformed id ${JSON.stringify(photoId.slice(0, 40))}`);
    const dir = photoDir(shop);
    // Every extension: a photo known only by its id (stored before uploads had rows) has no type on record.
    for (const extension of Object.values(PHOTO_EXTENSION)) rmSync(join(dir, `${photoId}.${extension}`), { force: true });
  },
  async deleteShop(shop) {
    rmSync(photoDir(shop), { recursive: true, force: true });
  },
};

/** The backend new uploads go to. */
export const DEFAULT_PHOTO_STORAGE = "local";

const BACKENDS: Readonly<Record<string, PhotoStorage>> = { local: localDiskStorage };

/** The backend a PhotoUpload row names; an unknown name throws, so no photo is skipped unnoticed. */
export function photoStorage(name: string): PhotoStorage {
  const backend = BACKENDS[name];
  if (!backend) throw new Error(`Unknown photo storage "${name}"`);
  return backend;
}

/** Every backend, for erasing all of a shop's photos. */
export function allPhotoStorages(): PhotoStorage[] {
  return Object.values(BACKENDS);
}
