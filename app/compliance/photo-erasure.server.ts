/**
 * Deleting shoppers' photos: for customers/redact, shop/redact, and the expiry of uploads
 * no return took. Always the bytes first, then the row: a delete that fails leaves the row
 * naming the photo, so whoever runs next (the webhook's retry, the next sweep) finds it and
 * finishes. Deleting a photo that is already gone succeeds, so every step can be repeated.
 */
import prisma from "~/db.server";
import { allPhotoStorages, photoStorage } from "~/portal/photo-storage.server";
import { UPLOAD_TTL_MS } from "~/portal/photo-uploads.server";
import { findCustomerPhotos, type CustomerScope, type PhotoRef } from "./customer-records.server";

export type ErasureOutcome = { erased: number; failed: { id: string; error: string }[] };

/** Deletes each photo's bytes, then its row; tries every photo and reports those that failed. */
async function erasePhotos(shop: string, photos: readonly PhotoRef[]): Promise<ErasureOutcome> {
  const outcome: ErasureOutcome = { erased: 0, failed: [] };
  for (const photo of photos) {
    try {
      await photoStorage(photo.storage).delete(shop, photo.id);
    } catch (error) {
      outcome.failed.push({ id: photo.id, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    await prisma.photoUpload.deleteMany({ where: { shop, id: photo.id } });
    outcome.erased++;
  }
  return outcome;
}

/** customers/redact's first step: every photo of the customer, attached or not. Throws (to be retried) if one remains. */
export async function eraseCustomerPhotos(shop: string, scope: CustomerScope): Promise<number> {
  const { photos } = await findCustomerPhotos(prisma, shop, scope);
  return orThrow(shop, await erasePhotos(shop, photos));
}

/** shop/redact's first step: every photo of the shop in every backend. Throws (to be retried) if one remains. */
export async function eraseShopPhotos(shop: string): Promise<number> {
  const uploads = await prisma.photoUpload.findMany({ where: { shop }, select: { id: true, storage: true } });
  const erased = orThrow(shop, await erasePhotos(shop, uploads));
  // Bytes no row knows of: photos stored before uploads had rows, never attached to a return.
  for (const storage of allPhotoStorages()) await storage.deleteShop(shop);
  return erased;
}

function orThrow(shop: string, outcome: ErasureOutcome): number {
  if (outcome.failed.length === 0) return outcome.erased;
  const first = outcome.failed[0];
  throw new Error(`Could not delete ${outcome.failed.length} photo(s) of ${shop} (first ${first?.id}: ${first?.error}); their rows are kept for the retry`);
}

const SWEEP_BATCH = 100;

/**
 * Deletes the uploads no return took within UPLOAD_TTL_MS, in every shop. Idempotent and
 * safe beside another sweep; an upload whose bytes cannot be deleted keeps its row, is
 * logged, and is tried again by the next sweep.
 */
export async function expireOrphanUploads(now: Date, log: (line: string) => void = console.warn): Promise<ErasureOutcome> {
  const cutoff = new Date(now.getTime() - UPLOAD_TTL_MS);
  const total: ErasureOutcome = { erased: 0, failed: [] };
  for (;;) {
    const due = await prisma.photoUpload.findMany({
      where: { returnCaseId: null, createdAt: { lt: cutoff }, id: { notIn: total.failed.map((failure) => failure.id) } },
      orderBy: { createdAt: "asc" },
      take: SWEEP_BATCH,
      select: { id: true, shop: true, storage: true },
    });
    let erased = 0;
    for (const upload of due) {
      const outcome = await erasePhotos(upload.shop, [upload]);
      erased += outcome.erased;
      total.failed.push(...outcome.failed);
      for (const failure of outcome.failed) log(`Photo expiry: could not delete ${failure.id} of ${upload.shop}, retrying next sweep: ${failure.error}`);
    }
    total.erased += erased;
    // A batch that failed whole means the storage is down: the next sweep tries again.
    if (due.length < SWEEP_BATCH || erased === 0) return total;
  }
}

/**
 * Runs expireOrphanUploads a minute after start and then every `intervalMs` until the
 * returned stop function is called. Ticks never overlap; the timers never keep the process alive.
 */
export function startUploadExpiry({ intervalMs = 60 * 60_000, firstAfterMs = 60_000 } = {}): () => Promise<void> {
  let inFlight: Promise<unknown> = Promise.resolve();
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    inFlight = expireOrphanUploads(new Date())
      .catch((error: unknown) => console.error("Photo expiry: the sweep failed", error))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, firstAfterMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await inFlight;
  };
}
