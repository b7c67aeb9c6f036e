import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { parseReplyToken } from "~/email/address";
import { EMAIL_RETRY } from "~/email/jobs";
import { processDueEmails, type EmailTransport } from "~/email/send.server";
import { findTicketByEmailMessageIds } from "~/email/threading.server";
import { transitionReturn } from "~/returns/transition.server";
import { addMessage, transitionTicket } from "~/tickets/tickets.server";
import { createReturnCase, createTestTicket, uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(() => {
  vi.stubEnv("SMTP_HOST", "127.0.0.1");
  vi.stubEnv("SMTP_PORT", "2525");
  vi.stubEnv("EMAIL_FROM_ADDRESS", "support@mail.example.com");
  vi.stubEnv("INBOUND_EMAIL_DOMAIN", "reply.example.com");
  vi.stubEnv("INBOUND_EMAIL_SECRET", "inbound-secret-0123456789abcdefgh");
  vi.stubEnv("EMAIL_WAITING_REMINDER_HOURS", "24");
});

/** A real nodemailer transport that writes the MIME message instead of connecting: what was sent, as sent. */
function capture() {
  const sent: string[] = [];
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const transport: EmailTransport = {
    sendMail: async (mail) => {
      const info = await stream.sendMail(mail);
      sent.push(info.message.toString("utf8"));
      return {};
    },
  };
  return { transport, sent };
}

function failing(message = "connect ECONNREFUSED 127.0.0.1:2525") {
  const sendMail = vi.fn<EmailTransport["sendMail"]>().mockRejectedValue(new Error(message));
  return { transport: { sendMail }, sendMail };
}

async function ticketWithShopper(shop: string, locale: "en" | "fr" | "de" | "es" | null = "fr") {
  await prisma.shop.create({ data: { shop, name: "Maison Bleue", emailSenderName: "Service client Maison Bleue" } });
  return createTestTicket(shop, { subject: "Taille incorrecte", customerEmail: "zoe@example.com", customerName: "Zoé", locale });
}

async function subjectOf(message: string): Promise<string> {
  return (await simpleParser(message)).subject ?? "";
}

function header(message: string, name: string): string | undefined {
  const head = message.split("\n\n")[0] ?? "";
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, "mi").exec(head);
  return match?.[1]?.replace(/\n[ \t]+/g, " ").trim();
}

describe(`outbound support email (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("mails a public agent reply with the ticket's Message-ID, a signed Reply-To and the sender name, and keeps the Message-ID on the message", async () => {
    // GIVEN a French shopper's ticket
    const shop = uniqueShop("mail-reply");
    const ticket = await ticketWithShopper(shop);
    // WHEN an agent answers publicly and the worker runs
    const message = await addMessage(shop, ticket.id, { authorType: "agent", authorName: "Ana", visibility: "public", body: "Voici <l'étiquette>." }, "staff:1");
    const { transport, sent } = capture();
    const result = await processDueEmails({ shop, transport });
    // THEN one email went out
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent).toHaveLength(1);
    const mime = sent[0] ?? "";
    expect(header(mime, "Message-ID")).toBe(`<t.${ticket.id}.${message.id}@mail.example.com>`);
    expect(header(mime, "From")).toBe("Service client Maison Bleue <support@mail.example.com>");
    expect(header(mime, "To")).toBe("zoe@example.com");
    expect(header(mime, "References")).toBe(`<t.${ticket.id}@mail.example.com>`);
    const replyTo = header(mime, "Reply-To") ?? "";
    expect(replyTo).toMatch(/^reply\+[a-z0-9]+\.[0-9a-f]{20}@reply\.example\.com$/);
    expect(parseReplyToken(replyTo.split("@")[0] ?? "")).toBe(ticket.id);
    expect(await subjectOf(mime)).toBe("Re : Taille incorrecte [demande n° 1]");
    expect(header(mime, "Auto-Submitted")).toBeUndefined();
    // AND the delivery is recorded and the message can be found by its email id
    const stored = await prisma.ticketMessage.findFirstOrThrow({ where: { shop, id: message.id } });
    expect(stored.emailMessageId).toBe(`t.${ticket.id}.${message.id}@mail.example.com`);
    const deliveries = await prisma.emailDelivery.findMany({ where: { shop } });
    expect(deliveries.map((d) => [d.event, d.status, d.ticketId, d.attempts])).toEqual([["ticket.reply", "sent", ticket.id, 1]]);
  });

  it("sends nothing for an internal note, a customer's own message, a ticket without an email address, or when SMTP is not configured", async () => {
    const shop = uniqueShop("mail-none");
    const ticket = await ticketWithShopper(shop);
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "internal", body: "Note" });
    await addMessage(shop, ticket.id, { authorType: "customer", visibility: "public", body: "Merci" });
    const anonymous = await createTestTicket(shop, { subject: "No address" });
    await addMessage(shop, anonymous.id, { authorType: "agent", visibility: "public", body: "Hello" });
    vi.stubEnv("SMTP_HOST", "");
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Sans SMTP" });
    expect(await prisma.job.count({ where: { shop, kind: "email.send" } })).toBe(0);
  });

  it("retries a failing SMTP server with exponential backoff and makes a dead letter after the last attempt", async () => {
    // GIVEN a reply whose SMTP server refuses every connection
    const shop = uniqueShop("mail-dead");
    const ticket = await ticketWithShopper(shop);
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Bonjour" });
    const { transport, sendMail } = failing();
    const log = vi.fn();
    let now = new Date(Date.now() + 1000);
    const waits: number[] = [];
    // WHEN the worker tries each time the job is due
    for (let attempt = 1; attempt <= EMAIL_RETRY.maxAttempts; attempt++) {
      const result = await processDueEmails({ shop, transport, now, log });
      expect(result.claimed, `attempt ${attempt}`).toBe(1);
      const job = await prisma.job.findFirstOrThrow({ where: { shop, kind: "email.send" } });
      if (attempt < EMAIL_RETRY.maxAttempts) {
        expect(job.status).toBe("failed");
        waits.push(job.runAt.getTime() - now.getTime());
        // not due a moment before its time
        expect((await processDueEmails({ shop, transport, now: new Date(job.runAt.getTime() - 1), log })).claimed).toBe(0);
        now = job.runAt;
      } else {
        // THEN the last attempt makes it dead, with the error kept
        expect(job.status).toBe("dead");
        expect(job.attempts).toBe(EMAIL_RETRY.maxAttempts);
        expect(job.lastError).toContain("ECONNREFUSED");
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
    expect(sendMail).toHaveBeenCalledTimes(EMAIL_RETRY.maxAttempts);
    const delivery = await prisma.emailDelivery.findFirstOrThrow({ where: { shop } });
    expect(delivery).toMatchObject({ status: "dead", event: "ticket.reply", attempts: EMAIL_RETRY.maxAttempts, sentAt: null });
    // AND a dead job is never picked up again
    expect((await processDueEmails({ shop, transport, now: new Date(now.getTime() + 24 * HOUR) })).claimed).toBe(0);
  });

  it("sends once: a job run again after the SMTP server accepted it finds its delivery and does not resend", async () => {
    // GIVEN a reply that went out
    const shop = uniqueShop("mail-once");
    const ticket = await ticketWithShopper(shop);
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Bonjour" });
    const { transport, sent } = capture();
    await processDueEmails({ shop, transport });
    // WHEN the job is put back as if a worker crashed before marking it, and two workers run at once
    await prisma.job.updateMany({ where: { shop, kind: "email.send" }, data: { status: "failed", runAt: new Date(0) } });
    const results = await Promise.all([processDueEmails({ shop, transport }), processDueEmails({ shop, transport })]);
    // THEN nothing is sent again, and the job is done
    expect(sent).toHaveLength(1);
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(1);
    expect((await prisma.job.findFirstOrThrow({ where: { shop, kind: "email.send" } })).status).toBe("done");
  });

  it("mails a solved ticket with five signed rating links, and drops it if the ticket was reopened before sending", async () => {
    const shop = uniqueShop("mail-solved");
    const ticket = await ticketWithShopper(shop, "de");
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    const { transport, sent } = capture();
    await processDueEmails({ shop, transport });
    expect(sent).toHaveLength(1);
    const mime = sent[0] ?? "";
    expect(await subjectOf(mime)).toBe("Ihre Anfrage Nr. 1 ist gelöst");
    expect(header(mime, "Auto-Submitted")).toBe("auto-generated");
    const text = (await simpleParser(mime)).text ?? "";
    const links = [...new Set(text.match(/https:\/\/my-test-app\.myshopify\.io\/csat\/[A-Za-z0-9_.%-]+\?score=[1-5]/g) ?? [])];
    expect(links.map((l) => l.slice(-1)).sort()).toEqual(["1", "2", "3", "4", "5"]);
    // WHEN solved again and reopened before the worker runs
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    const result = await processDueEmails({ shop, transport });
    expect(result).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    expect(sent).toHaveLength(1);
  });

  it("sends one solved email for a ticket solved, reopened and solved again before the worker ran: the later solve's", async () => {
    const shop = uniqueShop("mail-solved-twice");
    const ticket = await ticketWithShopper(shop, "en");
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    const { transport, sent } = capture();
    const result = await processDueEmails({ shop, transport });
    expect(result).toMatchObject({ claimed: 2, sent: 1, skipped: 1 });
    expect(sent).toHaveLength(1);
    const resolvedAt = (await prisma.ticket.findFirstOrThrow({ where: { shop, id: ticket.id } })).resolvedAt?.getTime();
    expect(header(sent[0] ?? "", "Message-ID")).toBe(`<t.${ticket.id}.solved-${resolvedAt}@mail.example.com>`);
  });

  it("reminds a shopper once after the configured hours waiting, unless they answered meanwhile", async () => {
    const shop = uniqueShop("mail-waiting");
    const ticket = await ticketWithShopper(shop, "es");
    const other = await createTestTicket(shop, { subject: "Otra", customerEmail: "zoe@example.com", locale: "es" });
    await transitionTicket(shop, ticket.id, "pending", "staff:1");
    await transitionTicket(shop, other.id, "pending", "staff:1");
    // the other shopper answers (which reopens their ticket), then it waits on them again
    await addMessage(shop, other.id, { authorType: "customer", visibility: "public", body: "Aquí está" });
    const { transport, sent } = capture();
    expect((await processDueEmails({ shop, transport, now: new Date(Date.now() + 23 * HOUR) })).claimed).toBe(0);
    const result = await processDueEmails({ shop, transport, now: new Date(Date.now() + 25 * HOUR) });
    expect(result).toMatchObject({ claimed: 2, sent: 1, skipped: 1 });
    expect(sent).toHaveLength(1);
    expect(await subjectOf(sent[0] ?? "")).toBe("Esperamos tu respuesta a la solicitud n.º 1");
  });

  it("mails the receipt of a return and the approval of an exchange Shopify does not hold yet, but not an approval Shopify already mailed nor a change made in Shopify", async () => {
    const shop = uniqueShop("mail-return");
    await prisma.shop.create({ data: { shop, name: "Laden", emailLocale: "de" } });
    const exchange = await createReturnCase(shop, { resolution: "exchange" });
    const inShopify = await createReturnCase(shop);
    await prisma.returnCase.updateMany({ where: { shop }, data: { customerEmail: "kunde@example.com" } });
    await prisma.returnCase.updateMany({ where: { shop, id: inShopify.id }, data: { shopifyReturnId: "gid://shopify/Return/1" } });
    await transitionReturn(shop, exchange.id, "approved", "staff:1");
    await transitionReturn(shop, inShopify.id, "approved", "staff:1");
    await transitionReturn(shop, inShopify.id, "received", "staff:1");
    // a return received in Shopify admin comes in as a webhook: Shopify's to announce
    const mirrored = await createReturnCase(shop, { status: "approved" });
    await prisma.returnCase.updateMany({ where: { shop, id: mirrored.id }, data: { customerEmail: "kunde@example.com" } });
    await transitionReturn(shop, mirrored.id, "received", "webhook");
    const { transport, sent } = capture();
    await processDueEmails({ shop, transport });
    const subjects = (await Promise.all(sent.map(subjectOf))).sort();
    expect(subjects).toEqual(["Ihre Rücksendung zur Bestellung #1001 ist bei uns angekommen", "Ihre Rücksendung zur Bestellung #1001 ist genehmigt"]);
    expect(sent.every((m) => header(m, "From") === "Laden <support@mail.example.com>")).toBe(true);
    expect((await prisma.emailDelivery.findMany({ where: { shop } })).map((d) => d.event).sort()).toEqual(["return.approved", "return.received"]);
  });

  it("speaks to a real SMTP server: the message arrives with its envelope and a Message-ID", async () => {
    // GIVEN a local SMTP server (the smtp-server package) that keeps what it receives
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      vi.stubEnv("SMTP_HOST", "");
      vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
      const shop = uniqueShop("mail-smtp");
      const ticket = await ticketWithShopper(shop, null);
      const message = await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Hello" });
      // WHEN the worker sends through the configured SMTP server
      const result = await processDueEmails({ shop });
      // THEN
      expect(result.sent).toBe(1);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: "support@mail.example.com", to: ["zoe@example.com"] });
      expect(header((received[0]?.data ?? "").replace(/\r\n/g, "\n"), "Message-ID")).toBe(`<t.${ticket.id}.${message.id}@mail.example.com>`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("never sends another shop's job when run for one shop", async () => {
    const shop = uniqueShop("mail-tenant");
    const other = uniqueShop("mail-tenant-other");
    const ticket = await ticketWithShopper(other);
    await addMessage(other, ticket.id, { authorType: "agent", visibility: "public", body: "Hi" });
    const { transport, sent } = capture();
    expect((await processDueEmails({ shop, transport })).claimed).toBe(0);
    expect(sent).toHaveLength(0);
  });
});

describe(`finding the ticket an inbound email answers (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("finds the ticket from the Message-ID of a reply or of the solved email, with or without <>, and only in the shop given", async () => {
    // GIVEN a ticket that got a reply and a solved email
    const shop = uniqueShop("mail-thread");
    const ticket = await ticketWithShopper(shop);
    const message = await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Bonjour" });
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    const { transport } = capture();
    await processDueEmails({ shop, transport });
    const solved = await prisma.emailDelivery.findFirstOrThrow({ where: { shop, event: "ticket.solved" } });
    // THEN
    const found = { shop, ticketId: ticket.id };
    expect(await findTicketByEmailMessageIds([`<t.${ticket.id}.${message.id}@mail.example.com>`])).toEqual(found);
    expect(await findTicketByEmailMessageIds(["<unknown@elsewhere.example>", solved.messageId], shop)).toEqual(found);
    expect(await findTicketByEmailMessageIds([solved.messageId], uniqueShop("mail-thread-other"))).toBeNull();
    expect(await findTicketByEmailMessageIds(["<unknown@elsewhere.example>", ""])).toBeNull();
  });
});
