import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { photoDir } from "~/portal/photo-storage.server";
import { savePhoto } from "~/portal/photos.server";
import type { UploadOwner } from "~/portal/photo-uploads.server";

/** The first bytes of a JPEG: enough for the type check. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);

/** Points the photo store at a fresh temporary folder for this test file, removed afterwards. */
export function withTempPhotoDir(): void {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "aftercare-photos-"));
    process.env.AFTERCARE_PHOTO_DIR = dir;
  });
  afterAll(() => {
    delete process.env.AFTERCARE_PHOTO_DIR;
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Uploads a JPEG the way the portal route does; answers its id. */
export async function uploadPhoto(shop: string, owner: UploadOwner, now = new Date()): Promise<string> {
  const { photoId } = await savePhoto(shop, new File([JPEG], "photo.jpg", { type: "image/jpeg" }), owner, now);
  return photoId;
}

/** The photo files on disk for the shop, as photo ids. */
export function photoFilesOf(shop: string): string[] {
  const dir = photoDir(shop);
  return existsSync(dir) ? readdirSync(dir).map((file) => file.replace(/\.[a-z]+$/, "")).sort() : [];
}
