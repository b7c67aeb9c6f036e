/**
 * Raw emails for the inbound door's tests, composed by nodemailer's MailComposer (real MIME:
 * multipart, base64 attachments, encoded headers), and the signed request a relay would send.
 */
import { createHmac } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { SIGNATURE_HEADER } from "~/email/inbound-signature";

export const INBOUND_SECRET = "test-inbound-secret-0123456789abcdef";
export const INBOUND_DOMAIN = "inbound.aftercare.test";

/** The header value a relay sends for `body` signed with `secret`: "sha256=<64 hex digits>". */
export function signInboundEmail(body: Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The inbound address for new conversations with a shop: "<handle>@domain". */
export function shopAddress(shop: string): string {
  return `${shop.replace(/\.myshopify\.com$/, "")}@${INBOUND_DOMAIN}`;
}

/** A raw RFC 822 message (Buffer) built from nodemailer's message options. */
export async function composeEmail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ text: "Hello", subject: "Question", ...options }).compile().build();
}

/** POST /inbound/email with the raw message, signed with `secret` unless a signature is given (null: none). */
export function inboundRequest(raw: Uint8Array | string, options: { secret?: string; signature?: string | null } = {}): Request {
  const bytes = Buffer.from(raw);
  const headers = new Headers({ "Content-Type": "message/rfc822" });
  const signature = options.signature === undefined ? signInboundEmail(bytes, options.secret ?? INBOUND_SECRET) : options.signature;
  if (signature !== null) headers.set(SIGNATURE_HEADER, signature);
  return new Request("https://my-test-app.myshopify.io/inbound/email", { method: "POST", headers, body: bytes });
}
