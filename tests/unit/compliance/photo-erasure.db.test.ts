import { afterAll, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { handleAppUninstalled } from "~/automation/handlers/app-uninstalled.server";
import { handleCustomersRedact } from "~/compliance/customer-redact.server";
import { expireOrphanUploads, startUploadExpiry } from "~/compliance/photo-erasure.server";
import { handleShopRedact } from "~/compliance/shop-redact.server";
import { localDiskStorage } from "~/portal/photo-storage.server";
import { attachUploads, UPLOAD_TTL_MS } from "~/portal/photo-uploads.server";
import { photoFilesOf, uploadPhoto, withTempPhotoDir } from "../../support/photos";
import { uniqueShop } from "../../support/shopify-app";
import { seedCustomer, seedCustomerPhotos } from "./seed";

withTempPhotoDir();

afterAll(async () => {
  await prisma.$disconnect();
});

const NOW = new Date("2026-11-20T10:00:00.000Z");
const HOUR = 60 * 60_000;
const JANE = { customerNumber: "191167", email: "jane@example.com", name: "Jane Doe", orderNumber: "299938" };
const BOB = { customerNumber: "555001", email: "bob@example.com", name: "Bob Roe", orderNumber: "777001" };
const context = (webhookId: string) => ({ webhookId, triggeredAt: null, now: NOW });
const janeRedact = (shop: string) => ({ shop_id: "1", shop_domain: shop, customer: { id: JANE.customerNumber, email: JANE.email }, orders_to_redact: [JANE.orderNumber] });

async function uploadRows(shop: string): Promise<string[]> {
  return (await prisma.photoUpload.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
}

describe("customers/redact and photo files", () => {
  it("deletes every photo file of the customer, attached or not, and leaves another customer's and another shop's", async () => {
    // GIVEN Jane's and Bob's photos in the shop, and Jane's in another shop
    const shop = uniqueShop("photo-redact");
    const otherShop = uniqueShop("photo-other");
    const jane = await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    const bob = await seedCustomerPhotos(shop, await seedCustomer(shop, BOB));
    const janeElsewhere = await seedCustomerPhotos(otherShop, await seedCustomer(otherShop, JANE));
    expect(photoFilesOf(shop)).toEqual([...jane.all, ...bob.all].sort());
    // WHEN
    await handleCustomersRedact(shop, janeRedact(shop), context("wh-photo-redact"));
    // THEN no file of Jane's remains, nor a row; Bob's and the other shop's all do
    expect(photoFilesOf(shop)).toEqual(bob.all);
    expect(await uploadRows(shop)).toEqual([bob.attached, bob.guest, bob.signedIn].sort());
    expect(photoFilesOf(otherShop)).toEqual(janeElsewhere.all);
    expect(await uploadRows(otherShop)).toHaveLength(3);
    // AND the redaction counts the photos, naming none
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "customer.redacted" } });
    expect(audit.data).toMatchObject({ photos: 4 });
  });

  it("finds the photos of a customer known only by email through their returns", async () => {
    // GIVEN Jane's photos; the request names neither her id nor her orders
    const shop = uniqueShop("photo-email");
    const jane = await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    // WHEN
    await handleCustomersRedact(shop, { shop_id: "1", shop_domain: shop, customer: { email: JANE.email }, orders_to_redact: [] }, context("wh-photo-email"));
    // THEN the photos on her return are gone; the unattached ones were linked only to her id and order, and expire
    expect(photoFilesOf(shop)).toEqual([jane.guest, jane.signedIn].sort());
  });

  it("keeps the rows and redacts nothing when a file cannot be deleted, and the retry finishes the job", async () => {
    // GIVEN Jane's photos, and a disk that refuses the second delete once
    const shop = uniqueShop("photo-fail");
    const seeded = await seedCustomer(shop, JANE);
    const jane = await seedCustomerPhotos(shop, seeded);
    const realDelete = localDiskStorage.delete.bind(localDiskStorage);
    let calls = 0;
    vi.spyOn(localDiskStorage, "delete").mockImplementation(async (forShop, photoId) => {
      calls += 1;
      if (calls === 2) throw new Error("EIO: i/o error, unlink");
      return realDelete(forShop, photoId);
    });
    // WHEN the redaction runs
    await expect(handleCustomersRedact(shop, janeRedact(shop), context("wh-photo-fail"))).rejects.toThrow(/Could not delete 1 photo\(s\) of .*EIO/);
    // THEN every photo whose file remains still has its row, and no other row was redacted yet
    const filesLeft = photoFilesOf(shop);
    expect(filesLeft).toHaveLength(1);
    const rowsLeft = await uploadRows(shop);
    expect(filesLeft.filter((id) => id !== jane.unrecorded).every((id) => rowsLeft.includes(id))).toBe(true);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: seeded.returnCase.id } })).toMatchObject({ customerEmail: JANE.email });
    // WHEN the inbox retries
    await handleCustomersRedact(shop, janeRedact(shop), context("wh-photo-fail"));
    // THEN nothing of Jane's remains
    expect(photoFilesOf(shop)).toEqual([]);
    expect(await uploadRows(shop)).toEqual([]);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: seeded.returnCase.id } })).toMatchObject({ customerEmail: null });
  });
});

describe("shop/redact and photo files", () => {
  it("deletes every photo file of the shop, even one no row knows of, and no other shop's", async () => {
    // GIVEN two customers' photos in the shop, a stray file, and photos in another shop
    const shop = uniqueShop("photo-erase");
    const otherShop = uniqueShop("photo-keep");
    await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    await seedCustomerPhotos(shop, await seedCustomer(shop, BOB));
    await localDiskStorage.put(shop, `ph_${"s".repeat(22)}`, "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const kept = await seedCustomerPhotos(otherShop, await seedCustomer(otherShop, JANE));
    expect(photoFilesOf(shop)).toHaveLength(9);
    // WHEN
    await handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, context("wh-photo-erase"));
    // THEN
    expect(photoFilesOf(shop)).toEqual([]);
    expect(await uploadRows(shop)).toEqual([]);
    expect(photoFilesOf(otherShop)).toEqual(kept.all);
    expect(await uploadRows(otherShop)).toHaveLength(3);
  });

  it("erases no other row while a photo file remains, and the retry finishes the job", async () => {
    // GIVEN a shop with photos, and a disk that refuses one delete
    const shop = uniqueShop("photo-erase-fail");
    await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    vi.spyOn(localDiskStorage, "delete").mockRejectedValueOnce(new Error("EBUSY: resource busy"));
    // WHEN
    await expect(handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, context("wh-erase-fail"))).rejects.toThrow(/EBUSY/);
    // THEN the photo that failed keeps its row and its file, and the shop's other rows are all there
    expect(await uploadRows(shop)).toHaveLength(1);
    expect(photoFilesOf(shop)).toEqual(expect.arrayContaining(await uploadRows(shop)));
    expect(await prisma.returnCase.count({ where: { shop } })).toBe(1);
    // WHEN the inbox retries
    await handleShopRedact(shop, { shop_id: "1", shop_domain: shop }, context("wh-erase-fail"));
    // THEN
    expect(photoFilesOf(shop)).toEqual([]);
    expect(await uploadRows(shop)).toEqual([]);
    expect(await prisma.returnCase.count({ where: { shop } })).toBe(0);
  });
});

describe("app/uninstalled and photo files", () => {
  it("keeps the shop's photos: shop/redact comes 48 hours later, and a merchant may reinstall", async () => {
    // GIVEN
    const shop = uniqueShop("photo-uninstall");
    const jane = await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    // WHEN
    await handleAppUninstalled(shop, {}, context("wh-photo-uninstall"));
    // THEN
    expect(photoFilesOf(shop)).toEqual(jane.all);
    expect(await uploadRows(shop)).toHaveLength(3);
  });
});

describe("expiry of uploads no return took", () => {
  it("deletes unattached uploads older than the limit, rows and files, and keeps newer and attached ones", async () => {
    // GIVEN an upload a day and a minute old, one 23 hours old, and an old one a return took
    const shop = uniqueShop("photo-expiry");
    const seeded = await seedCustomer(shop, JANE);
    const old = await uploadPhoto(shop, { orderId: seeded.orderId, customerId: null }, new Date(NOW.getTime() - UPLOAD_TTL_MS - 60_000));
    const recent = await uploadPhoto(shop, { orderId: seeded.orderId, customerId: null }, new Date(NOW.getTime() - 23 * HOUR));
    const taken = await uploadPhoto(shop, { orderId: seeded.orderId, customerId: null }, new Date(NOW.getTime() - 30 * HOUR));
    await prisma.$transaction((tx) =>
      attachUploads(tx, shop, [taken], { returnCaseId: seeded.returnCase.id, orderId: seeded.orderId, customerId: null }, new Date(NOW.getTime() - 29 * HOUR)),
    );
    // WHEN the sweep runs
    const first = await expireOrphanUploads(NOW);
    // THEN only the old orphan is gone, from the disk and the table
    expect(first).toEqual({ erased: 1, failed: [] });
    expect(photoFilesOf(shop)).toEqual([recent, taken].sort());
    expect(await uploadRows(shop)).toEqual([recent, taken].sort());
    expect(old).not.toBe(recent);
    // AND a second sweep finds nothing to do
    expect(await expireOrphanUploads(NOW)).toEqual({ erased: 0, failed: [] });
    // AND the recent one goes once it is past the limit
    await expireOrphanUploads(new Date(NOW.getTime() + 2 * HOUR));
    expect(photoFilesOf(shop)).toEqual([taken]);
  });

  it("keeps the row of an upload whose file cannot be deleted, logs it, and the next sweep finishes", async () => {
    // GIVEN an old orphan and a disk that refuses once
    const shop = uniqueShop("photo-expiry-fail");
    const orphan = await uploadPhoto(shop, { orderId: "gid://shopify/Order/1", customerId: null }, new Date(NOW.getTime() - 2 * UPLOAD_TTL_MS));
    vi.spyOn(localDiskStorage, "delete").mockRejectedValueOnce(new Error("EIO: i/o error"));
    const log: string[] = [];
    // WHEN
    const outcome = await expireOrphanUploads(NOW, (line) => log.push(line));
    // THEN
    expect(outcome).toEqual({ erased: 0, failed: [{ id: orphan, error: "EIO: i/o error" }] });
    expect(log).toEqual([`Photo expiry: could not delete ${orphan} of ${shop}, retrying next sweep: EIO: i/o error`]);
    expect(await uploadRows(shop)).toEqual([orphan]);
    expect(photoFilesOf(shop)).toEqual([orphan]);
    // WHEN the next sweep runs
    expect(await expireOrphanUploads(NOW)).toEqual({ erased: 1, failed: [] });
    // THEN
    expect(await uploadRows(shop)).toEqual([]);
    expect(photoFilesOf(shop)).toEqual([]);
  });

  it("runs the sweep on its timer once started, and not after it is stopped", async () => {
    // GIVEN an old orphan
    const shop = uniqueShop("photo-expiry-timer");
    await uploadPhoto(shop, { orderId: "gid://shopify/Order/1", customerId: null }, new Date(Date.now() - 2 * UPLOAD_TTL_MS));
    // WHEN the sweep is started with a short first delay
    const stop = startUploadExpiry({ firstAfterMs: 1, intervalMs: 60 * 60_000 });
    await vi.waitFor(async () => expect(await uploadRows(shop)).toEqual([]), { timeout: 5_000 });
    await stop();
    // THEN its file went too
    expect(photoFilesOf(shop)).toEqual([]);
  });
});

describe("attaching uploads to a return", () => {
  it("takes only the shop's own recent, unattached uploads made for the order or the customer", async () => {
    // GIVEN Jane's return, and uploads: hers, another order's, another shop's, one too old, one already taken
    const shop = uniqueShop("photo-attach");
    const seeded = await seedCustomer(shop, JANE);
    const target = { returnCaseId: seeded.returnCase.id, orderId: seeded.orderId, customerId: seeded.customerId };
    const attach = (ids: string[], now = NOW) => prisma.$transaction((tx) => attachUploads(tx, shop, ids, target, now));
    const mine = await uploadPhoto(shop, { orderId: seeded.orderId, customerId: null }, NOW);
    const signedIn = await uploadPhoto(shop, { orderId: null, customerId: seeded.customerId }, NOW);
    const otherOrder = await uploadPhoto(shop, { orderId: "gid://shopify/Order/1", customerId: null }, NOW);
    const otherShop = await uploadPhoto(uniqueShop("photo-attach-other"), { orderId: seeded.orderId, customerId: null }, NOW);
    const tooOld = await uploadPhoto(shop, { orderId: seeded.orderId, customerId: null }, new Date(NOW.getTime() - UPLOAD_TTL_MS + 30 * 60_000));
    // WHEN / THEN each foreign upload refuses the whole request, and nothing is attached
    for (const foreign of [otherOrder, otherShop, tooOld]) {
      await expect(attach([mine, foreign])).rejects.toMatchObject({ code: "invalid", message: "A photo could not be found. Please upload it again." });
    }
    expect(await prisma.photoUpload.count({ where: { shop, returnCaseId: { not: null } } })).toBe(0);
    // WHEN her own uploads are attached (one listed twice, on two lines)
    await attach([mine, signedIn, mine]);
    // THEN both are the return's, and neither can be taken again
    expect(await prisma.photoUpload.findMany({ where: { shop, returnCaseId: seeded.returnCase.id }, select: { id: true, attachedAt: true }, orderBy: { id: "asc" } })).toEqual(
      [mine, signedIn].sort().map((id) => ({ id, attachedAt: NOW })),
    );
    await expect(attach([mine])).rejects.toMatchObject({ code: "invalid" });
  });
});
