/**
 * The demo's Outbox: the SMTP catcher takes what the app sends, the pages list and show it,
 * and "Answer as the shopper" posts a signed, threaded reply that the app's real inbound door
 * files onto the ticket.
 */
import { createTransport } from "nodemailer";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { replyLocalPart } from "~/email/inbound-address";
import { action as inboundEmail } from "~/routes/inbound.email";
import { addMessage, createTicket } from "~/tickets/tickets.server";
import { sendSeedEmails } from "../../scripts/demo/seed-emails";
import { INBOUND_DOMAIN, INBOUND_SECRET } from "../support/inbound-email";
import { callAction, uniqueShop } from "../support/shopify-app";
import { createSimulator, type Simulator } from "../support/shopify-sim";

const SIM = "http://localhost:3001";
let sim: Simulator;
let smtpUrl: string;

beforeEach(async () => {
  vi.stubEnv("INBOUND_EMAIL_SECRET", INBOUND_SECRET);
  vi.stubEnv("INBOUND_EMAIL_DOMAIN", INBOUND_DOMAIN);
  sim = createSimulator({ seed: false, appUrl: "http://localhost:3000", inboundSecret: INBOUND_SECRET, fetch: (request) => callAction(inboundEmail, request) });
  smtpUrl = await sim.outbox.listen();
});

afterEach(async () => {
  await sim.stop();
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function sendThroughSmtp(mail: Parameters<ReturnType<typeof createTransport>["sendMail"]>[0]): Promise<void> {
  const transport = createTransport(smtpUrl);
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

const get = async (path: string) => {
  const response = await sim.handler(new Request(`${SIM}${path}`));
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe("the Outbox", () => {
  it("lists every email the app sent over SMTP, newest first, and shows one with its HTML sandboxed", async () => {
    // GIVEN two emails sent through the catcher
    await sendThroughSmtp({ from: "Demo Store <support@demo.example>", to: "ava@example.com", subject: "Your return is approved", text: "First", html: "<p>First <script>alert(1)</script></p>" });
    await sendThroughSmtp({ from: "Demo Store <support@demo.example>", to: "bo@example.com", subject: "Refund sent", text: "Second" });
    // WHEN the Outbox is opened
    const list = await get("/outbox");
    // THEN both are listed with from, to and subject, the newest first
    expect(list.status).toBe(200);
    expect(list.text).toContain("2 emails, newest first.");
    expect(list.text.indexOf("Refund sent")).toBeLessThan(list.text.indexOf("Your return is approved"));
    expect(list.text).toContain("bo@example.com");
    // AND one email shows its fields, its text, its HTML in a sandboxed iframe, and the answer form
    const first = sim.outbox.emails.find((e) => e.subject === "Your return is approved");
    const shown = await get(`/outbox/${first?.id}`);
    expect(shown.text).toContain(`<iframe title="Email" sandbox="" src="/outbox/${first?.id}/html">`);
    expect(shown.text).toContain("<pre>First</pre>");
    expect(shown.text).toContain("Answer as the shopper</button>");
    const frame = await get(`/outbox/${first?.id}/html`);
    expect(frame.headers.get("Content-Security-Policy")).toMatch(/^sandbox; default-src 'none'/);
    expect(frame.text).toContain("<script>alert(1)</script>");
    expect((await get("/outbox/99")).status).toBe(404);
  });

  it("answers as the shopper with a signed reply to the Reply-To that the app threads onto the ticket, trimmed of the quote", async () => {
    // GIVEN a ticket whose agent reply went out by email with a reply address and a Message-ID
    const shop = uniqueShop("outbox");
    await prisma.shop.create({ data: { shop } });
    const ticket = await createTicket(shop, { subject: "Wrong size", category: "question_order", channel: "email", customerEmail: "ava@example.com" });
    await prisma.ticketMessage.create({ data: { shop, ticketId: ticket.id, authorType: "agent", body: "Which size do you need?", emailMessageId: "agent-1@demo.example" } });
    await sendThroughSmtp({
      from: "Demo Store <support@demo.example>",
      to: "Ava <ava@example.com>",
      replyTo: `${replyLocalPart(ticket.id)}@${INBOUND_DOMAIN}`,
      subject: "Re: Wrong size",
      messageId: "<agent-1@demo.example>",
      text: "Which size do you need?",
    });
    const email = sim.outbox.emails[0];
    // WHEN the shopper's answer is posted from the email's page
    const response = await sim.handler(
      new Request(`${SIM}/outbox/${email?.id}/answer`, { method: "POST", body: new URLSearchParams({ text: "An L, please." }), headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
    );
    // THEN the page reports the app's 201, and the ticket holds the answer without the quoted email
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("Location") ?? "").searchParams.get("answered")).toBe("201");
    const messages = await prisma.ticketMessage.findMany({ where: { shop, ticketId: ticket.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(messages.at(-1)).toMatchObject({ authorType: "customer", authorName: "Ava", body: "An L, please." });
    expect(messages.at(-1)?.emailMessageId).toMatch(/^answer-[0-9a-f]{16}@shopper\.example$/);
  });

  it("is filled by the demo seed: each seeded agent reply goes out once, with the ticket's reply address and its Message-ID stored", async () => {
    // GIVEN a ticket with a public agent reply and an internal note
    const shop = uniqueShop("seedmail");
    const ticket = await createTicket(shop, { subject: "Late parcel", category: "question_order", channel: "portal", customerEmail: "bo@example.com", customerName: "Bo" });
    const reply = await addMessage(shop, ticket.id, { authorType: "agent", authorName: "Sam", visibility: "public", body: "It ships today." });
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "internal", body: "Check the warehouse." });
    const options = { shop, shopName: "Demo Store", smtpUrl, inboundDomain: INBOUND_DOMAIN, replyLocalPart };
    // WHEN the seed sends its emails, twice
    expect(await sendSeedEmails(prisma, options)).toBe(1);
    expect(await sendSeedEmails(prisma, options)).toBe(0);
    // THEN the Outbox has the one reply, addressed to the customer, answerable through the ticket's address
    expect(sim.outbox.emails.map((e) => [e.to, e.replyTo, e.subject])).toEqual([[`"Bo" <bo@example.com>`, `${replyLocalPart(ticket.id)}@${INBOUND_DOMAIN}`, `Re: Late parcel [#${ticket.number}]`]]);
    const stored = await prisma.ticketMessage.findUniqueOrThrow({ where: { id: reply.id } });
    expect(`<${stored.emailMessageId}>`).toBe(sim.outbox.emails[0]?.messageId);
  });
});
