/**
 * The demo's Outbox: the SMTP catcher takes what the app sends, the pages list and show it,
 * and "Answer as the shopper" posts a signed, threaded reply that the app's real inbound door
 * files onto the ticket.
 */
import { createTransport } from "nodemailer";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { ticketReplyLocalPart } from "~/email/address";
import { processDueEmails } from "~/email/send.server";
import { action as inboundEmail } from "~/routes/inbound.email";
import { addMessage, createTicket } from "~/tickets/tickets.server";
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

  it("shows the agent's reply the app sent through its email job, and files the shopper's answer from it on the same ticket", async () => {
    // GIVEN the app sends email through the catcher, and a shopper's ticket
    vi.stubEnv("SMTP_URL", smtpUrl);
    vi.stubEnv("EMAIL_FROM_ADDRESS", "support@aftercare.example");
    const shop = uniqueShop("outbox");
    await prisma.shop.create({ data: { shop, name: "Demo Store" } });
    const ticket = await createTicket(shop, { subject: "Wrong size", category: "question_order", channel: "portal", customerEmail: "ava@example.com", customerName: "Ava" });
    // WHEN an agent answers publicly (an internal note beside it) and the email worker runs
    const reply = await addMessage(shop, ticket.id, { authorType: "agent", authorName: "Sam", visibility: "public", body: "Which size do you need?" }, "staff:1");
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "internal", body: "Check the warehouse." }, "staff:1");
    expect(await processDueEmails({ shop })).toMatchObject({ sent: 1 });
    // THEN the Outbox lists the one reply, to the shopper, answerable through the ticket's signed address
    expect(sim.outbox.emails.map((e) => [e.to, e.replyTo])).toEqual([["ava@example.com", `${ticketReplyLocalPart(ticket.id)}@${INBOUND_DOMAIN}`]]);
    const email = sim.outbox.emails[0];
    const list = await get("/outbox");
    expect(list.text).toContain("1 email");
    expect(list.text).toContain(email?.subject ?? "?");
    expect((await get(`/outbox/${email?.id}`)).text).toContain("Which size do you need?");
    const sent = await prisma.ticketMessage.findUniqueOrThrow({ where: { id: reply.id } });
    expect(`<${sent.emailMessageId}>`).toBe(email?.messageId);
    // WHEN the shopper's answer is posted from the email's page ("Answer as the shopper")
    const response = await sim.handler(
      new Request(`${SIM}/outbox/${email?.id}/answer`, { method: "POST", body: new URLSearchParams({ text: "An L, please." }), headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
    );
    // THEN the page reports the app's 201, and the same ticket holds the answer without the quoted email
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("Location") ?? "").searchParams.get("answered")).toBe("201");
    const messages = await prisma.ticketMessage.findMany({ where: { shop, ticketId: ticket.id, visibility: "public" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(messages.at(-1)).toMatchObject({ authorType: "customer", body: "An L, please." });
    expect(await prisma.ticket.count({ where: { shop } })).toBe(1);
  });
});
