import { describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { localDiskStorage } from "~/portal/photo-storage.server";
import { savePhoto, signedPhotoUrl } from "~/portal/photos.server";
import { loader } from "~/routes/photos.$photoId";
import { JPEG, withTempPhotoDir } from "../../support/photos";

const GUEST = { orderId: "gid://shopify/Order/1001", customerId: null };

withTempPhotoDir();

async function get(url: string): Promise<Response> {
  const full = new URL(url, "https://my-test-app.myshopify.io");
  const photoId = decodeURIComponent(full.pathname.split("/").pop() ?? "");
  return loader({ request: new Request(full), params: { photoId }, context: {} }) as Promise<Response>;
}

describe("return photos in the back office", () => {
  it("serves a shop's photo through a URL signed for that shop", async () => {
    // GIVEN a shopper's photo and the URL an authenticated admin page got for it
    const { photoId } = await savePhoto("a.myshopify.com", new File([JPEG], "mug.jpg", { type: "image/jpeg" }), GUEST);
    const url = signedPhotoUrl("a.myshopify.com", photoId, new Date());
    // WHEN the browser loads it
    const response = await get(url);
    // THEN the bytes come back as what they are, never sniffed as something else
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG);
  });

  it("refuses a tampered, expired or other shop's link", async () => {
    // GIVEN a photo of shop A
    const { photoId } = await savePhoto("a.myshopify.com", new File([JPEG], "mug.jpg", { type: "image/jpeg" }), GUEST);
    const good = new URL(signedPhotoUrl("a.myshopify.com", photoId, new Date()), "https://x");
    // WHEN shop B's name replaces A's, the link is an hour and a minute old, or B signs for A's photo
    const otherShop = new URL(good);
    otherShop.searchParams.set("shop", "b.myshopify.com");
    const expired = signedPhotoUrl("a.myshopify.com", photoId, new Date(Date.now() - 61 * 60_000));
    const signedByB = signedPhotoUrl("b.myshopify.com", photoId, new Date());
    // THEN no image
    expect((await get(otherShop.pathname + otherShop.search)).status).toBe(403);
    expect((await get(expired)).status).toBe(403);
    expect((await get(signedByB)).status).toBe(404);
  });
});

describe("storing an uploaded photo", () => {
  it("records the upload with the session's order and customer before storing the bytes", async () => {
    // WHEN a signed-in shopper uploads while looking at an order
    const owner = { orderId: "gid://shopify/Order/1002", customerId: "gid://shopify/Customer/7" };
    const { photoId } = await savePhoto("a.myshopify.com", new File([JPEG], "mug.jpg", { type: "image/jpeg" }), owner);
    // THEN
    expect(await prisma.photoUpload.findUniqueOrThrow({ where: { id: photoId } })).toMatchObject({
      shop: "a.myshopify.com",
      storage: "local",
      contentType: "image/jpeg",
      size: JPEG.length,
      ...owner,
      returnCaseId: null,
    });
  });

  it("leaves no row behind when the bytes cannot be stored", async () => {
    // GIVEN a disk that refuses the write
    vi.spyOn(localDiskStorage, "put").mockRejectedValueOnce(new Error("ENOSPC: no space left on device"));
    const before = await prisma.photoUpload.count({ where: { shop: "full.myshopify.com" } });
    // WHEN / THEN
    await expect(savePhoto("full.myshopify.com", new File([JPEG], "mug.jpg", { type: "image/jpeg" }), GUEST)).rejects.toThrow("ENOSPC");
    expect(await prisma.photoUpload.count({ where: { shop: "full.myshopify.com" } })).toBe(before);
  });
});
