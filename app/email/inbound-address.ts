/**
 * The reply address outbound mail carries: `reply+{ticketId}.{mac}@{INBOUND_EMAIL_DOMAIN}`.
 * The mac (HMAC-SHA256 of the ticket id with INBOUND_EMAIL_SECRET, its first 16 hex digits)
 * makes the address unguessable: whoever writes to it received our email about that ticket,
 * so a reply to it threads onto the ticket whatever client or forwarder it went through.
 *
 * Shared contract with app/email/address.ts (outbound), which exports the same
 * `parseReplyToken`; one of the two goes at merge.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const MAC_HEX_LENGTH = 16;
const REPLY_PREFIX = "reply+";
const TOKEN = /^([a-z0-9]{1,64})\.([0-9a-f]{16})$/;

function secret(): string | null {
  const value = process.env.INBOUND_EMAIL_SECRET;
  return value ? value : null;
}

function mac(ticketId: string, key: string): string {
  return createHmac("sha256", key).update(ticketId).digest("hex").slice(0, MAC_HEX_LENGTH);
}

/** The local part of a ticket's reply address, "reply+{ticketId}.{mac}"; null when INBOUND_EMAIL_SECRET is not set. */
export function replyLocalPart(ticketId: string): string | null {
  const key = secret();
  return key ? `${REPLY_PREFIX}${ticketId}.${mac(ticketId, key)}` : null;
}

/**
 * The ticket id a reply address's local part names ("reply+{ticketId}.{mac}", or the token
 * alone), or null when it is not one of ours: malformed, or a mac that does not match
 * (compared in constant time, so a guess learns nothing byte by byte).
 */
export function parseReplyToken(localPart: string): string | null {
  const key = secret();
  if (!key) return null;
  const lower = localPart.trim().toLowerCase();
  const token = lower.startsWith(REPLY_PREFIX) ? lower.slice(REPLY_PREFIX.length) : lower;
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const expected = Buffer.from(mac(match[1], key), "utf8");
  const given = Buffer.from(match[2], "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? match[1] : null;
}
