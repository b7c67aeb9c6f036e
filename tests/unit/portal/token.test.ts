import { describe, expect, it } from "vitest";
import { issuePortalToken, verifyPortalToken } from "~/portal/token.server";

const secret = "testApiSecretKey";
const shop = "a.myshopify.com";
const now = new Date("2026-03-01T12:00:00Z");
const EXPIRED = "Your session has expired. Please look up your order again.";

describe("portal token", () => {
  it("round-trips the shop, order and customer for 30 minutes", () => {
    const { token, expiresAt } = issuePortalToken({ shop, orderId: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/7" }, { secret, now });
    expect(expiresAt.toISOString()).toBe("2026-03-01T12:30:00.000Z");
    expect(verifyPortalToken(token, { secret, shop, now: new Date("2026-03-01T12:29:59Z") })).toMatchObject({ orderId: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/7" });
    expect(() => verifyPortalToken(token, { secret, shop, now: new Date("2026-03-01T12:30:00Z") })).toThrow(EXPIRED);
  });

  it("refuses another shop, another secret and any tampering", () => {
    const { token } = issuePortalToken({ shop, orderId: "gid://shopify/Order/1" }, { secret, now });
    expect(() => verifyPortalToken(token, { secret, shop: "b.myshopify.com", now })).toThrow(EXPIRED);
    expect(() => verifyPortalToken(token, { secret: "other", shop, now })).toThrow(EXPIRED);
    const [v, payload, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ shop, orderId: "gid://shopify/Order/2", customerId: null, iat: 0, exp: 9e9 })).toString("base64url");
    expect(() => verifyPortalToken(`${v}.${forged}.${sig}`, { secret, shop, now })).toThrow(EXPIRED);
    expect(() => verifyPortalToken(`${v}.${payload}`, { secret, shop, now })).toThrow(EXPIRED);
    expect(() => verifyPortalToken("garbage", { secret, shop, now })).toThrow(EXPIRED);
  });
});
