import { describe, expect, it } from "vitest";
import { issuePortalToken, verifyPortalToken } from "~/portal/token.server";
import { assertLookupAllowed, lookupClientKey, MemoryLookupFailureStore } from "~/portal/rate-limit.server";

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

describe("lookup rate limit", () => {
  it("allows 5 misses in 15 minutes, then answers 429 until the oldest leaves the window", async () => {
    const store = new MemoryLookupFailureStore();
    const t0 = Date.parse("2026-03-01T12:00:00Z");
    for (let i = 0; i < 5; i++) {
      await assertLookupAllowed("k", t0 + i * 1000, store);
      await store.recordMiss("k", t0 + i * 1000);
    }
    await expect(assertLookupAllowed("k", t0 + 10_000, store)).rejects.toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 890 } });
    await expect(assertLookupAllowed("k", t0 + 15 * 60_000 + 1, store)).resolves.toBeUndefined();
  });

  it("keys by signed-in customer, else by a hash of the client IP — never the IP itself", () => {
    const headers = new Headers({ "X-Forwarded-For": "203.0.113.9, 10.0.0.1" });
    expect(lookupClientKey(shop, { customerId: "gid://shopify/Customer/7", headers }, secret)).toBe(`${shop}|customer:gid://shopify/Customer/7`);
    const byIp = lookupClientKey(shop, { customerId: null, headers }, secret);
    expect(byIp).toMatch(/^a\.myshopify\.com\|ip:/);
    expect(byIp).not.toContain("203.0.113.9");
  });
});
