/**
 * What one `email.send` job sends, read from the database at send time: recipient, headers
 * and the rendered template. null when there is nothing to send any more (the ticket or
 * return was erased or redacted, the shopper already answered, the ticket moved on).
 */
import prisma from "~/db.server";
import { normalizeLocale, type PortalLocale } from "~/portal/messages";
import { eventMessageId, replyToAddress, ticketMessageId } from "./address";
import type { EmailConfig } from "./config";
import { CSAT_LINK_DAYS, csatRatingUrls, signCsatToken } from "./csat-token";
import type { EmailJobPayload } from "./jobs";
import { renderEmail, type RenderedEmail, type TemplateInput } from "./templates";

export type ComposedEmail = RenderedEmail & {
  to: string;
  fromName: string;
  /** Without <>. */
  messageId: string;
  replyTo: string | null;
  /** A stable id per ticket (without <>) that every email about it references, so mail clients keep one thread. */
  threadId: string | null;
  /** Set on emails that no person wrote: auto-replies to them are not expected (RFC 3834). */
  autoSubmitted: boolean;
  ticketId: string | null;
  returnCaseId: string | null;
  ticketMessageId: string | null;
};

type Skip = { skip: string };

/** The email a job stands for, or why there is none to send. */
export async function composeEmail(shop: string, payload: EmailJobPayload, config: EmailConfig, now: Date): Promise<ComposedEmail | Skip> {
  const shopRow = await prisma.shop.findUnique({ where: { shop }, select: { name: true, emailSenderName: true, emailLocale: true } });
  const shopName = shopRow?.name?.trim() || shop.replace(/\.myshopify\.com$/, "");
  const sender = { fromName: shopRow?.emailSenderName?.trim() || shopName, shopName, shopLocale: normalizeLocale(shopRow?.emailLocale) };
  if (payload.event === "return.approved" || payload.event === "return.received") {
    const rc = await prisma.returnCase.findFirst({ where: { id: payload.returnCaseId, shop }, select: { customerEmail: true, customerName: true, orderName: true, locale: true } });
    if (!rc) return { skip: "the return no longer exists" };
    if (!rc.customerEmail) return { skip: "the return has no customer email" };
    const locale = rc.locale ? normalizeLocale(rc.locale) : sender.shopLocale;
    const rendered = renderEmail({ kind: payload.event, locale, shopName: sender.shopName, customerName: rc.customerName, orderName: rc.orderName });
    return {
      ...rendered,
      to: rc.customerEmail,
      fromName: sender.fromName,
      messageId: eventMessageId("r", payload.returnCaseId, payload.event, config.messageIdDomain),
      replyTo: null,
      threadId: null,
      autoSubmitted: true,
      ticketId: null,
      returnCaseId: payload.returnCaseId,
      ticketMessageId: null,
    };
  }
  const ticket = await prisma.ticket.findFirst({
    where: { id: payload.ticketId, shop },
    select: { id: true, number: true, subject: true, status: true, customerEmail: true, customerName: true, locale: true, resolvedAt: true, category: true },
  });
  if (!ticket) return { skip: "the ticket no longer exists" };
  if (!ticket.customerEmail || ticket.category === "system") return { skip: "the ticket has no customer email" };
  const locale: PortalLocale = ticket.locale ? normalizeLocale(ticket.locale) : sender.shopLocale;
  const common = { locale, shopName: sender.shopName, customerName: ticket.customerName, ticketNumber: ticket.number, ticketSubject: ticket.subject };
  let input: TemplateInput;
  let messageId: string;
  let ticketMessage: string | null = null;
  if (payload.event === "ticket.reply") {
    const message = await prisma.ticketMessage.findFirst({ where: { id: payload.ticketMessageId, ticketId: ticket.id, shop }, select: { id: true, body: true, authorName: true, visibility: true } });
    if (!message || message.visibility !== "public") return { skip: "the message no longer exists or is not public" };
    input = { ...common, kind: "ticket.reply", agentName: message.authorName, body: message.body };
    messageId = ticketMessageId(ticket.id, message.id, config.messageIdDomain);
    ticketMessage = message.id;
  } else if (payload.event === "ticket.solved") {
    const solvedAt = new Date(payload.solvedAt);
    if (ticket.status !== "solved" && ticket.status !== "closed") return { skip: "the ticket was reopened before the email went out" };
    if (ticket.resolvedAt?.getTime() !== solvedAt.getTime()) return { skip: "the ticket was solved again since; that solve sends its own email" };
    const token = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(now.getTime() + CSAT_LINK_DAYS * 24 * 60 * 60 * 1000) }, config.linkSecret);
    input = { ...common, kind: "ticket.solved", ratingUrls: csatRatingUrls(config.appUrl, token) };
    // One id per solve (as the job's key): two solves are two emails, never one id twice.
    messageId = eventMessageId("t", ticket.id, `solved-${solvedAt.getTime()}`, config.messageIdDomain);
  } else {
    const since = new Date(payload.pendingSince);
    if (ticket.status !== "pending") return { skip: "the ticket is no longer waiting on the customer" };
    const answered = await prisma.ticketMessage.count({ where: { shop, ticketId: ticket.id, authorType: "customer", createdAt: { gte: since } } });
    if (answered > 0) return { skip: "the customer answered meanwhile" };
    input = { ...common, kind: "ticket.waiting" };
    messageId = eventMessageId("t", ticket.id, `waiting-${since.getTime()}`, config.messageIdDomain);
  }
  return {
    ...renderEmail(input),
    to: ticket.customerEmail,
    fromName: sender.fromName,
    messageId,
    replyTo: replyToAddress(ticket.id),
    threadId: `t.${ticket.id}@${config.messageIdDomain}`,
    autoSubmitted: payload.event !== "ticket.reply",
    ticketId: ticket.id,
    returnCaseId: null,
    ticketMessageId: ticketMessage,
  };
}
