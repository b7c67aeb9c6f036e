/**
 * The guest's portal session: a short-lived token bound to shop + order (+ customer when
 * signed in), signed with HMAC-SHA256 under a key derived from the app secret. The app
 * proxy's own signature only lives 90 seconds, so it cannot carry a session of several
 * steps; this token does (docs/decisions/006-portal-token.md).
 *
 * Format: `v1.<base64url(JSON claims)>.<base64url(HMAC)>`. No dependency: node:crypto.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { portalError } from "~/portal/messages";

export const PORTAL_TOKEN_TTL_SECONDS = 30 * 60;
const VERSION = "v1";

export interface PortalTokenClaims {
  shop: string;
  orderId: string;
  customerId: string | null;
  /** Issued at / expires at, seconds since the epoch. */
  iat: number;
  exp: number;
}

const claimsSchema = z.object({
  shop: z.string().min(1),
  orderId: z.string().min(1),
  customerId: z.string().nullable(),
  iat: z.number().int(),
  exp: z.number().int(),
});

// A key of its own for portal tokens: the raw app secret also signs app proxy requests and
// webhooks, and a token must never be mistakable for (or forgeable from) either.
function tokenKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("aftercare/portal-token/v1").digest();
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", tokenKey(secret)).update(`${VERSION}.${payload}`).digest("base64url");
}

/** Issues a token for one order of one shop, valid for 30 minutes. */
export function issuePortalToken(
  claims: { shop: string; orderId: string; customerId?: string | null },
  options: { secret: string; now?: Date; ttlSeconds?: number },
): { token: string; expiresAt: Date } {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = iat + (options.ttlSeconds ?? PORTAL_TOKEN_TTL_SECONDS);
  const body: PortalTokenClaims = { shop: claims.shop, orderId: claims.orderId, customerId: claims.customerId ?? null, iat, exp };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return { token: `${VERSION}.${payload}.${sign(payload, options.secret)}`, expiresAt: new Date(exp * 1000) };
}

/**
 * Verifies a token for this shop (constant-time signature check, expiry, shop binding) and
 * returns its claims; throws 401 `unauthorized` with the same words for every failure.
 */
export function verifyPortalToken(token: string, options: { secret: string; shop: string; now?: Date }): PortalTokenClaims {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) throw portalError("unauthorized", "error_session_expired");
  const [, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(payload, options.secret), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw portalError("unauthorized", "error_session_expired");

  let claims: PortalTokenClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    throw portalError("unauthorized", "error_session_expired");
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (claims.exp <= now) throw portalError("unauthorized", "error_session_expired");
  // A token of another shop is as good as none here.
  if (claims.shop !== options.shop) throw portalError("unauthorized", "error_session_expired");
  return claims;
}
