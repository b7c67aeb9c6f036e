import { describe, expect, it } from "vitest";
import { addressSubject, lookupClientKey, lookupSubjectKeys, trustedClientAddress } from "~/portal/rate-limit.server";

const secret = "testApiSecretKey";
const shop = "a.myshopify.com";
const forwarded = (value: string) => new Headers({ "X-Forwarded-For": value });

describe("the shopper's address behind trusted proxies", () => {
  it("takes the entry Shopify wrote — the rightmost with one hop — and ignores what the client prefixed", () => {
    // GIVEN a client that sent its own X-Forwarded-For, to which Shopify appended the real address
    const headers = forwarded("198.51.100.1, 10.9.9.9, 203.0.113.9");
    // THEN with Shopify as the only proxy the shopper is the last entry, whatever came before
    expect(trustedClientAddress(headers, 1)).toBe("203.0.113.9");
    // AND behind one more proxy (a load balancer appended Shopify's address) it is one further left
    expect(trustedClientAddress(headers, 2)).toBe("10.9.9.9");
  });

  it("has no address when the header is missing, shorter than the hops, or not an IP", () => {
    expect(trustedClientAddress(new Headers(), 1)).toBeNull();
    expect(trustedClientAddress(forwarded("203.0.113.9"), 2)).toBeNull();
    expect(trustedClientAddress(forwarded("unknown"), 1)).toBeNull();
    expect(trustedClientAddress(forwarded("203.0.113.9, not-an-ip"), 1)).toBeNull();
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4", () => {
    expect(addressSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressSubject("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressSubject("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressSubject("203.0.113.9")).toBe("203.0.113.9");
  });
});

describe("rate-limit keys", () => {
  it("keys by signed-in customer, else by a hash of the trusted address — never the address itself — else none", () => {
    const headers = forwarded("10.0.0.1, 203.0.113.9");
    expect(lookupClientKey(shop, { customerId: "gid://shopify/Customer/7", headers }, secret, 1)).toBe(`${shop}|customer:gid://shopify/Customer/7`);
    const byIp = lookupClientKey(shop, { customerId: null, headers }, secret, 1);
    expect(byIp).toMatch(/^a\.myshopify\.com\|ip:/);
    expect(byIp).not.toContain("203.0.113.9");
    // A different prefix is the same client; no header is no client key (not a shared "unknown")
    expect(lookupClientKey(shop, { customerId: null, headers: forwarded("1.2.3.4, 203.0.113.9") }, secret, 1)).toBe(byIp);
    expect(lookupClientKey(shop, { customerId: null, headers: new Headers() }, secret, 1)).toBeNull();
  });

  it("keys the order number and the email per shop, hashed, the number in any letter case", () => {
    const keys = lookupSubjectKeys(shop, { orderName: "#a-1001", email: "ava.lee@example.com" }, secret);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^a\.myshopify\.com\|order:/);
    expect(keys[1]).toMatch(/^a\.myshopify\.com\|email:/);
    expect(keys.join(" ")).not.toContain("ava.lee");
    expect(lookupSubjectKeys(shop, { orderName: "#A-1001", email: "ava.lee@example.com" }, secret)).toEqual(keys);
    expect(lookupSubjectKeys("b.myshopify.com", { orderName: "#A-1001", email: "ava.lee@example.com" }, secret)[0]).not.toBe(keys[0]);
  });
});
