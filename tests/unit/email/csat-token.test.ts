import { describe, expect, it } from "vitest";
import { csatRatingUrls, signCsatToken, verifyCsatToken } from "~/email/csat-token";

const SECRET = "app-secret";
const NOW = new Date("2026-12-07T12:00:00Z");
const LATER = new Date("2026-12-20T12:00:00Z");

describe("CSAT link tokens", () => {
  it("verifies a token it signed and names its shop and ticket until it expires", () => {
    const token = signCsatToken({ shop: "a.myshopify.com", ticketId: "tk1", expiresAt: LATER }, SECRET);
    expect(verifyCsatToken(token, SECRET, NOW)).toEqual({ ok: true, shop: "a.myshopify.com", ticketId: "tk1" });
    expect(verifyCsatToken(token, SECRET, LATER)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token whose payload was swapped for another ticket's, or signed with another secret", () => {
    const token = signCsatToken({ shop: "a.myshopify.com", ticketId: "tk1", expiresAt: LATER }, SECRET);
    const other = signCsatToken({ shop: "a.myshopify.com", ticketId: "tk2", expiresAt: LATER }, SECRET);
    const forged = `${other.split(".")[0]}.${token.split(".")[1]}`;
    expect(verifyCsatToken(forged, SECRET, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyCsatToken(token, "other-secret", NOW)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a token with a later expiry written in without a new signature", () => {
    const token = signCsatToken({ shop: "a.myshopify.com", ticketId: "tk1", expiresAt: NOW }, SECRET);
    const payload = Buffer.from(`a.myshopify.com\ntk1\n${Math.floor(LATER.getTime() / 1000)}`).toString("base64url");
    expect(verifyCsatToken(`${payload}.${token.split(".")[1]}`, SECRET, NOW)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("calls garbage malformed", () => {
    expect(verifyCsatToken("", SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyCsatToken("a.b.c", SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it("links scores 1 to 5 to /csat/{token} on the app's URL", () => {
    expect(csatRatingUrls("https://app.example.com", "p.s")).toEqual([1, 2, 3, 4, 5].map((n) => `https://app.example.com/csat/p.s?score=${n}`));
  });
});
