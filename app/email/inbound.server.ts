/**
 * Inbound email → tickets. A mail provider (through a small relay, docs/email-providers.md)
 * posts each raw message signed with INBOUND_EMAIL_SECRET; this file verifies it, finds the
 * shop from the address it was sent to, threads it onto its ticket or opens one, and stores
 * the shopper's new words (quoted history trimmed) with the files worth keeping.
 *
 * Which shop, which ticket (docs/decisions/029-inbound-email.md):
 * - `reply+{ticketId}.{sig}@{INBOUND_EMAIL_DOMAIN}`, the Reply-To of our outbound mail: that
 *   ticket, in its shop. The signature (address.ts) makes it a capability nobody can forge.
 * - `{shop handle}@{INBOUND_EMAIL_DOMAIN}` (the merchant forwards support@ there): that shop;
 *   then In-Reply-To/References name one of the shop's messages → its ticket, if the sender is
 *   the ticket's customer; otherwise a new ticket linked to the customer by the sender's email.
 * A closed ticket takes no more messages: a reply to it opens a new ticket that names it.
 * The same Message-ID twice (a provider's retry) is stored once.
 */
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { readBodyBytes } from "~/lib/body.server";
import { DomainError } from "~/lib/errors";
import { ticketStatusSchema, type TicketStatus } from "~/tickets/schemas";
import { canTransitionTicket } from "~/tickets/status";
import { createTicket } from "~/tickets/tickets.server";
import { parseReplyToken } from "./address";
import { droppedNote, selectAttachments, type DroppedFile } from "./inbound-attachments";
import { parseInboundEmail, type InboundEmail, type InboundFile } from "./inbound-parse";
import { SIGNATURE_HEADER, verifyInboundSignature } from "./inbound-signature";
import { trimQuotedReply } from "./inbound-trim";
import { findTicketByEmailMessageIds } from "./threading.server";

/** Providers cap messages at 25–40 MB; support mail with a few photos fits in 10. */
export const INBOUND_EMAIL_MAX_BYTES = 10 * 1024 * 1024;
/** TicketMessage bodies hold at most this (app/tickets/schemas.ts). */
const BODY_MAX = 20_000;

type InboundOutcome = {
  status: "stored" | "duplicate";
  ticketId: string;
  ticketNumber: number;
  /** How the ticket was found: the reply address, the References chain, or a new ticket (null for a duplicate). */
  threadedBy: "address" | "references" | "new" | null;
};

type TicketRef = { id: string; shop: string; number: number; status: TicketStatus; customerEmail: string | null };
type Target = { shop: string; ticket: TicketRef | null; threadedBy: "address" | "references" | "new" };

/** Verifies, parses and stores one inbound email (the whole of `POST /inbound/email`). */
export async function receiveInboundEmail(request: Request, now: Date = new Date()): Promise<InboundOutcome> {
  const secret = process.env.INBOUND_EMAIL_SECRET;
  const domain = process.env.INBOUND_EMAIL_DOMAIN?.trim().toLowerCase();
  if (!secret || !domain) throw new DomainError("not_found", "Inbound email is not set up on this app (INBOUND_EMAIL_SECRET and INBOUND_EMAIL_DOMAIN).");
  const raw = await readBodyBytes(request, { maxBytes: INBOUND_EMAIL_MAX_BYTES });
  if (!verifyInboundSignature(raw, request.headers.get(SIGNATURE_HEADER), secret)) {
    throw new DomainError("unauthorized", `The ${SIGNATURE_HEADER} header is missing or is not the HMAC-SHA256 of this body.`);
  }
  const email = await parseInboundEmail(raw);
  const target = await findTarget(email, domain);
  const existing = await findDuplicate(target.shop, email.messageId);
  if (existing) return existing;
  try {
    return await store(target, email, now);
  } catch (error) {
    // The same message delivered twice at once: the other delivery stored it.
    const stored = isUniqueViolation(error) ? await findDuplicate(target.shop, email.messageId) : null;
    if (stored) return stored;
    throw error;
  }
}

// ── which shop, which ticket ──────────────────────────────────────────────────────────

async function findTarget(email: InboundEmail, domain: string): Promise<Target> {
  const locals = email.recipients.flatMap((address) => (address.endsWith(`@${domain}`) ? [address.slice(0, -domain.length - 1)] : []));
  for (const local of locals) {
    const ticketId = local.startsWith("reply+") ? parseReplyToken(local) : null;
    if (!ticketId) continue;
    // Unscoped on purpose: the mac proves we issued this address for this ticket, and the ticket names its shop.
    const ticket = await prisma.ticket.findUnique({ where: { id: ticketId }, select: TICKET_REF });
    if (ticket) return { shop: ticket.shop, ticket: toRef(ticket), threadedBy: "address" };
  }
  for (const local of locals) {
    if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(local)) continue;
    const shop = await prisma.shop.findFirst({ where: { shop: `${local}.myshopify.com`, uninstalledAt: null }, select: { shop: true } });
    if (!shop) continue;
    const ticket = await findByReferences(shop.shop, email);
    return { shop: shop.shop, ticket, threadedBy: ticket ? "references" : "new" };
  }
  throw new DomainError("not_found", `None of the recipients is an inbound address of this app (reply+…@${domain} or <shop>@${domain}) for an installed shop.`);
}

const TICKET_REF = { id: true, shop: true, number: true, status: true, customerEmail: true } as const;

function toRef(row: { id: string; shop: string; number: number; status: string; customerEmail: string | null }): TicketRef {
  return { ...row, status: ticketStatusSchema.parse(row.status) };
}

/**
 * The shop's ticket the email answers: the newest id of In-Reply-To/References that Aftercare
 * sent for one of the shop's tickets, a ticket message's email or one with no message of its
 * own (solved, reminder; threading.server.ts). Only for its customer: a Message-ID travels in
 * every copy of a thread, so knowing one is no proof of being the shopper (the reply address is).
 */
async function findByReferences(shop: string, email: InboundEmail): Promise<TicketRef | null> {
  // threadIds is newest first; findTicketByEmailMessageIds reads References order, newest last.
  const found = await findTicketByEmailMessageIds([...email.threadIds].reverse(), shop);
  if (!found) return null;
  const ticket = await prisma.ticket.findFirst({ where: { id: found.ticketId, shop }, select: TICKET_REF });
  if (!ticket) return null;
  const owner = ticket.customerEmail?.toLowerCase() ?? null;
  return owner === null || owner === email.from.address ? toRef(ticket) : null;
}

async function findDuplicate(shop: string, messageId: string): Promise<InboundOutcome | null> {
  const row = await prisma.ticketMessage.findFirst({ where: { shop, emailMessageId: messageId }, select: { ticket: { select: { id: true, number: true } } } });
  if (!row) return null;
  return { status: "duplicate", ticketId: row.ticket.id, ticketNumber: row.ticket.number, threadedBy: null };
}

// ── storing ───────────────────────────────────────────────────────────────────────────

async function store(target: Target, email: InboundEmail, now: Date): Promise<InboundOutcome> {
  const { kept, dropped } = selectAttachments(email.files);
  const body = messageBody(email.text, kept.length);
  return prisma.$transaction(async (tx) => {
    const open = target.ticket && target.ticket.status !== "closed" ? target.ticket : null;
    const ticket = open ?? (await openTicket(tx, target.shop, email, target.ticket, now));
    const reopened = open ? await reopen(tx, open) : false;
    const message = await tx.ticketMessage.create({
      data: {
        shop: target.shop,
        ticketId: ticket.id,
        authorType: "customer",
        authorName: email.from.name,
        visibility: "public",
        body,
        emailMessageId: email.messageId,
        createdAt: now,
      },
    });
    await storeFiles(tx, target.shop, ticket.id, message.id, kept, now);
    await noteDropped(tx, target.shop, ticket.id, dropped, now);
    await recordAudit(tx, target.shop, {
      actor: "system",
      action: "ticket.message_added",
      entityType: "ticket",
      entityId: ticket.id,
      // The body and the sender are personal data: the trail records only that a message came.
      data: { messageId: message.id, authorType: "customer", visibility: "public", channel: "email", reopened, attachments: kept.length, droppedAttachments: dropped.length },
    });
    return { status: "stored", ticketId: ticket.id, ticketNumber: ticket.number, threadedBy: open ? target.threadedBy : "new" };
  });
}

/** The shopper's new words; the whole text when trimming leaves nothing (a reply that is all quote is still what they sent). */
function messageBody(text: string, files: number): string {
  const body = trimQuotedReply(text) || text.trim();
  if (body === "" && files === 0) throw new DomainError("invalid", "The email has no text and no attachment to keep; nothing was stored.");
  if (body === "") return "(No text; see the attached files.)";
  return body.length <= BODY_MAX ? body : `${body.slice(0, BODY_MAX - 60).trimEnd()}\n\n[The email was longer; the rest was cut.]`;
}

/** A new ticket on the email channel, linked to the customer an earlier ticket of the shop knew by this address. */
async function openTicket(tx: Tx, shop: string, email: InboundEmail, closed: TicketRef | null, now: Date): Promise<{ id: string; number: number }> {
  const known = await tx.ticket.findFirst({
    where: { shop, customerEmail: { in: [email.from.address] }, customerId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { customerId: true },
  });
  const ticket = await createTicket(
    shop,
    {
      subject: email.subject || "(no subject)",
      category: "question_order",
      channel: "email",
      customerEmail: email.from.address,
      customerName: email.from.name,
      customerId: known?.customerId ?? null,
      actor: "system",
    },
    { tx, now },
  );
  if (closed) {
    await tx.ticketMessage.create({
      data: { shop, ticketId: ticket.id, authorType: "system", visibility: "internal", body: `The customer answered closed ticket #${closed.number}; this ticket continues it.`, createdAt: now },
    });
  }
  return ticket;
}

/** A customer writing back reopens a pending or solved ticket (the ticket table allows it). */
async function reopen(tx: Tx, ticket: TicketRef): Promise<boolean> {
  if (ticket.status === "open" || !canTransitionTicket(ticket.status, "open")) return false;
  const { count } = await tx.ticket.updateMany({ where: { id: ticket.id, shop: ticket.shop, status: ticket.status }, data: { status: "open", resolvedAt: null } });
  return count === 1;
}

async function storeFiles(tx: Tx, shop: string, ticketId: string, messageId: string, files: readonly InboundFile[], now: Date): Promise<void> {
  if (files.length === 0) return;
  await tx.ticketAttachment.createMany({
    data: files.map((file) => ({
      shop,
      ticketId,
      messageId,
      filename: file.filename,
      contentType: file.contentType,
      size: file.content.byteLength,
      content: Buffer.from(file.content),
      createdAt: now,
    })),
  });
}

async function noteDropped(tx: Tx, shop: string, ticketId: string, dropped: readonly DroppedFile[], now: Date): Promise<void> {
  const note = droppedNote(dropped);
  if (!note) return;
  await tx.ticketMessage.create({ data: { shop, ticketId, authorType: "system", visibility: "internal", body: note, createdAt: now } });
}
