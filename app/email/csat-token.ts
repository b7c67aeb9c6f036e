/**
 * The signed token in a solved ticket's one-click rating links (`/csat/{token}?score=1..5`):
 * shop, ticket and expiry, HMAC-SHA256-signed with the app's secret. Pure.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long the rating links of a solved-ticket email work. */
export const CSAT_LINK_DAYS = 30;

export type CsatClaim = { shop: string; ticketId: string; expiresAt: Date };
export type CsatTokenResult = { ok: true; shop: string; ticketId: string } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`csat:${payload}`).digest("base64url");
}

/** The token for a ticket's rating links. */
export function signCsatToken(claim: CsatClaim, secret: string): string {
  const payload = [claim.shop, claim.ticketId, Math.floor(claim.expiresAt.getTime() / 1000)].join("\n");
  return `${Buffer.from(payload, "utf8").toString("base64url")}.${sign(secret, payload)}`;
}

/** Checks a token's signature (constant time) and expiry; the shop and ticket it names when both hold. */
export function verifyCsatToken(token: string, secret: string, now: Date): CsatTokenResult {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined || token.length > 600) return { ok: false, reason: "malformed" };
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(sign(secret, payload), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  const [shop, ticketId, exp, rest] = payload.split("\n");
  const expiresSec = Number(exp);
  if (!shop || !ticketId || rest !== undefined || !Number.isInteger(expiresSec)) return { ok: false, reason: "malformed" };
  if (now.getTime() >= expiresSec * 1000) return { ok: false, reason: "expired" };
  return { ok: true, shop, ticketId };
}

/** The five one-click links (scores 1 to 5) of a solved ticket's email. */
export function csatRatingUrls(appUrl: string, token: string): string[] {
  return [1, 2, 3, 4, 5].map((score) => `${appUrl}/csat/${encodeURIComponent(token)}?score=${score}`);
}
