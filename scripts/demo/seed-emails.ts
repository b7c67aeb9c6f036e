/**
 * The seed's emails: the public agent replies of a few seeded conversations, sent to the
 * customers through the SMTP catcher, as the app's outbound email sends them — Reply-To the
 * ticket's reply address, a Message-ID stored on the message so an answer threads back. The
 * Outbox page then has mail to read and answer from the first minute.
 *
 * One function, so the outbound email module can take its place: once the app sends its own
 * email (the `email.send` job), the seed calls that instead and this file goes.
 */
import { randomBytes } from "node:crypto";
import { createTransport } from "nodemailer";
import type { PrismaClient } from ".prisma/client-sqlite";

export interface SeedEmailOptions {
  shop: string;
  shopName: string;
  smtpUrl: string;
  inboundDomain: string;
  /** The reply address's local part for a ticket (app/email/inbound-address.ts), null without a secret. */
  replyLocalPart: (ticketId: string) => string | null;
  /** At most this many emails. */
  limit?: number;
}

/** Sends the newest seeded agent replies as emails; resolves with how many were sent. */
export async function sendSeedEmails(db: PrismaClient, options: SeedEmailOptions): Promise<number> {
  const replies = await db.ticketMessage.findMany({
    where: { shop: options.shop, authorType: "agent", visibility: "public", emailMessageId: null, ticket: { customerEmail: { not: null }, status: { not: "closed" } } },
    include: { ticket: { select: { id: true, number: true, subject: true, customerEmail: true, customerName: true } } },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 4,
  });
  const transport = createTransport(options.smtpUrl);
  let sent = 0;
  try {
    for (const reply of replies) {
      const local = options.replyLocalPart(reply.ticket.id);
      if (!local || !reply.ticket.customerEmail) continue;
      const messageId = `ticket-${reply.id}.${randomBytes(4).toString("hex")}@${options.inboundDomain}`;
      await transport.sendMail({
        from: { name: `${options.shopName} Support`, address: `${options.shop.replace(/\.myshopify\.com$/, "")}@${options.inboundDomain}` },
        to: { name: reply.ticket.customerName ?? "", address: reply.ticket.customerEmail },
        replyTo: `${local}@${options.inboundDomain}`,
        subject: `Re: ${reply.ticket.subject} [#${reply.ticket.number}]`,
        messageId: `<${messageId}>`,
        text: `${reply.body}\n\n${reply.authorName ?? "The support team"}\n${options.shopName}`,
        html: `<p>${escape(reply.body).replace(/\n/g, "<br>")}</p><p>${escape(reply.authorName ?? "The support team")}<br><strong>${escape(options.shopName)}</strong></p>`,
      });
      await db.ticketMessage.update({ where: { id: reply.id }, data: { emailMessageId: messageId } });
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return sent;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
