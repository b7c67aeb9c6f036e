/**
 * A raw RFC 822 message → the few facts the ticket needs: who wrote (From), to which of our
 * addresses (Delivered-To, X-Original-To, To, Cc), which messages it answers (In-Reply-To,
 * References), its Message-ID, subject, text and files. mailparser reads the MIME; this file
 * decides what counts as an email we can take, and refuses the rest with a 400 naming why.
 */
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type Attachment, type HeaderValue, type ParsedMail } from "mailparser";
import { z } from "zod";
import { DomainError } from "~/lib/errors";

export type InboundFile = { filename: string; contentType: string; content: Uint8Array };

export type InboundEmail = {
  from: { address: string; name: string | null };
  /** Every recipient address, lower-cased, envelope headers first. */
  recipients: string[];
  /** Without angle brackets; derived from the bytes when the message has none, so a resend still matches. */
  messageId: string;
  /** In-Reply-To first, then References newest first: the order to look for the thread in. */
  threadIds: string[];
  subject: string;
  text: string;
  files: InboundFile[];
};

const RECIPIENT_HEADERS = ["delivered-to", "x-original-to", "to", "cc"] as const;
/** Longer ids are stored as a hash: a column and a unique index do not need 998 characters. */
const MESSAGE_ID_MAX = 250;
const SUBJECT_MAX = 200;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Parses the raw bytes; throws 400 `bad_request` when they are not an email with a sender. */
export async function parseInboundEmail(raw: Uint8Array): Promise<InboundEmail> {
  if (raw.byteLength === 0) throw new DomainError("bad_request", "The request body is empty; send the raw email (RFC 822).");
  let mail: ParsedMail;
  try {
    mail = await simpleParser(Buffer.from(raw), { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch {
    throw new DomainError("bad_request", "The request body could not be read as an email (RFC 822 / MIME).");
  }
  if (mail.headers.size === 0) throw new DomainError("bad_request", "The request body is not an email: it has no headers (send the raw RFC 822 message).");
  const from = addresses(mail.from)[0];
  if (!from?.address || !z.email().safeParse(from.address).success) throw new DomainError("bad_request", "The email has no sender: its From header names no address.");
  return {
    from: { address: from.address.toLowerCase(), name: clean(from.name).trim().slice(0, 200) || null },
    recipients: [...new Set(RECIPIENT_HEADERS.flatMap((key) => headerAddresses(mail.headers.get(key))))],
    messageId: normalizeId(mail.messageId) ?? `${createHash("sha256").update(raw).digest("hex")}@no-message-id.invalid`,
    threadIds: threadIds(mail),
    subject: clean(mail.subject ?? "").replace(/\s+/g, " ").trim().slice(0, SUBJECT_MAX),
    text: clean(mail.text ?? ""),
    files: mail.attachments.map(toFile),
  };
}

/** Text safe for both databases: no NUL (PostgreSQL refuses it), no lone UTF-16 surrogate. */
function clean(text: string): string {
  return text.replace(/\0/g, "").replace(/\p{Surrogate}/gu, "\uFFFD");
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address?: string; name: string }[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  // Group syntax ("Team: a@x, b@y;") nests addresses one level down.
  return objects.flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === "object" && value !== null && "value" in value && Array.isArray(value.value);
}

function headerAddresses(value: HeaderValue | undefined): string[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const found: string[] = [];
  for (const item of items) {
    if (isAddressObject(item)) found.push(...addresses(item).flatMap((a) => (a.address ? [a.address] : [])));
    // X-Original-To is a plain header: "<a@b>" or "a@b"
    else if (typeof item === "string") found.push(...(item.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []));
  }
  return found.map((address) => address.toLowerCase()).filter((address) => EMAIL.test(address));
}

/** "<abc@host>" → "abc@host"; a very long id becomes a hash of itself. */
function normalizeId(id: string | undefined): string | null {
  const bare = clean(id ?? "").trim().replace(/^<|>$/g, "").trim();
  if (bare === "") return null;
  return bare.length <= MESSAGE_ID_MAX ? bare : `${createHash("sha256").update(bare).digest("hex")}@long-message-id.invalid`;
}

function threadIds(mail: ParsedMail): string[] {
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : mail.references.split(/\s+/);
  const ids = [mail.inReplyTo, ...references.slice().reverse()].flatMap((id) => normalizeId(id) ?? []);
  // A long References chain: the newest 20 ids are enough to find the thread.
  return [...new Set(ids)].slice(0, 20);
}

function toFile(attachment: Attachment): InboundFile {
  const name = clean(attachment.filename ?? "")
    .replace(/[/\\]/g, "_")
    .replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, 200);
  return { filename: name || "attachment", contentType: attachment.contentType.toLowerCase(), content: new Uint8Array(attachment.content) };
}
