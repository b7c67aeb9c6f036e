/**
 * The inbound door's authentication: the relay in front of the mail provider signs the raw
 * message with INBOUND_EMAIL_SECRET and sends `X-Aftercare-Signature: sha256=<hex>`. The
 * HMAC covers every byte of the body, so a message altered on the way is refused like an
 * unsigned one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Aftercare-Signature";
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Whether `header` is the signature of exactly these bytes with `secret` (constant-time compare). */
export function verifyInboundSignature(body: Uint8Array, header: string | null, secret: string): boolean {
  const match = header ? SIGNATURE.exec(header.trim()) : null;
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
