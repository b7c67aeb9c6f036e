/**
 * Email addresses and ids that thread a conversation back to its ticket:
 * - Reply-To `reply+{ticketId}.{sig}@{INBOUND_EMAIL_DOMAIN}`, sig = first 20 hex of
 *   HMAC-SHA256(INBOUND_EMAIL_SECRET, "reply:" + ticketId): a reply proves which ticket it
 *   answers, and nobody can make up an address that posts into someone else's ticket.
 * - Message-ID `<t.{ticketId}.{messageId}@{EMAIL_DOMAIN}>`, kept on the ticket message
 *   (TicketMessage.emailMessageId) so In-Reply-To / References find the ticket too.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { emailEnv } from "~/env.server";
import { inboundSettings } from "./config";

const SIG_HEX = 20;
// cuid ids: lower-case letters and digits. The local part is compared lower-cased, since
// some mail systems change its case.
const TOKEN = /^reply\+([a-z0-9]{1,64})\.([0-9a-f]{20})$/;

function signature(secret: string, ticketId: string): string {
  return createHmac("sha256", secret).update(`reply:${ticketId}`).digest("hex").slice(0, SIG_HEX);
}

/** The local part `reply+{ticketId}.{sig}` for a ticket, signed with this secret. */
export function replyLocalPart(ticketId: string, secret: string): string {
  return `reply+${ticketId}.${signature(secret, ticketId)}`;
}

/**
 * The local part `reply+{ticketId}.{sig}` with this deployment's INBOUND_EMAIL_SECRET, or
 * null when inbound email is not set up: for the demo and tests, which write to the address.
 */
export function ticketReplyLocalPart(ticketId: string, source: Record<string, string | undefined> = process.env): string | null {
  const inbound = inboundSettings(emailEnv(source));
  return inbound ? replyLocalPart(ticketId, inbound.secret) : null;
}

/**
 * The Reply-To address of email about this ticket, or null when inbound email is not set
 * up (INBOUND_EMAIL_DOMAIN and INBOUND_EMAIL_SECRET).
 */
export function replyToAddress(ticketId: string, source: Record<string, string | undefined> = process.env): string | null {
  const inbound = inboundSettings(emailEnv(source));
  return inbound ? `${replyLocalPart(ticketId, inbound.secret)}@${inbound.domain}` : null;
}

/**
 * The ticket id a reply address's local part (`reply+{ticketId}.{sig}`, any case) stands
 * for, or null when it is not one of ours, its signature is wrong, or inbound email is not
 * set up. The signature is compared in constant time.
 */
export function parseReplyToken(localPart: string, source: Record<string, string | undefined> = process.env): string | null {
  const inbound = inboundSettings(emailEnv(source));
  if (!inbound) return null;
  const match = TOKEN.exec(localPart.trim().toLowerCase());
  if (!match) return null;
  const [, ticketId = "", sig = ""] = match;
  const expected = Buffer.from(signature(inbound.secret, ticketId), "utf8");
  const given = Buffer.from(sig, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? ticketId : null;
}

/** The Message-ID (without <>) of the email that carries ticket message `messageId`. */
export function ticketMessageId(ticketId: string, messageId: string, domain: string): string {
  return `t.${ticketId}.${messageId}@${domain}`;
}

/** The Message-ID (without <>) of an email about an event with no message of its own (solved, reminder, a return's step). */
export function eventMessageId(entity: "t" | "r", entityId: string, event: string, domain: string): string {
  return `${entity}.${entityId}.${event.replace(/[^a-z0-9]+/gi, "-")}@${domain}`;
}
