import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { ticketReplyLocalPart } from "~/email/address";
import { MAX_ATTACHMENT_BYTES } from "~/email/inbound-attachments";
import { INBOUND_EMAIL_MAX_BYTES } from "~/email/inbound.server";
import { processDueEmails } from "~/email/send.server";
import { action } from "~/routes/inbound.email";
import { createTicket, transitionTicket } from "~/tickets/tickets.server";
import { composeEmail, INBOUND_DOMAIN, INBOUND_SECRET, inboundRequest, shopAddress } from "../support/inbound-email";
import { callAction, uniqueShop } from "../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

beforeEach(() => {
  vi.stubEnv("INBOUND_EMAIL_SECRET", INBOUND_SECRET);
  vi.stubEnv("INBOUND_EMAIL_DOMAIN", INBOUND_DOMAIN);
});

async function installedShop(label: string): Promise<string> {
  const shop = uniqueShop(label);
  await prisma.shop.create({ data: { shop } });
  return shop;
}

/** A ticket as outbound email would leave it: the agent's reply carries a Message-ID. */
async function ticketWithOutboundReply(shop: string, customerEmail = "ava@example.com") {
  const ticket = await createTicket(shop, {
    subject: "Where is my parcel?",
    category: "question_order",
    channel: "portal",
    customerEmail,
    customerId: "gid://shopify/Customer/7",
    firstMessage: { authorType: "customer", body: "It has not arrived." },
  });
  const outboundId = `agent-${ticket.id}@mail.aftercare.test`;
  await prisma.ticketMessage.create({ data: { shop, ticketId: ticket.id, authorType: "agent", visibility: "public", body: "It ships today.", emailMessageId: outboundId } });
  return { ticket, outboundId, replyTo: `${ticketReplyLocalPart(ticket.id) ?? ""}@${INBOUND_DOMAIN}` };
}

async function post(raw: Uint8Array | string, options?: Parameters<typeof inboundRequest>[1]) {
  const response = await callAction(action, inboundRequest(raw, options));
  return { status: response.status, body: await response.json() };
}

async function messagesOf(ticketId: string) {
  return prisma.ticketMessage.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

async function rowCounts(shop: string) {
  const [tickets, messages, attachments, audits] = await Promise.all([
    prisma.ticket.count({ where: { shop } }),
    prisma.ticketMessage.count({ where: { shop } }),
    prisma.ticketAttachment.count({ where: { shop } }),
    prisma.auditEvent.count({ where: { shop } }),
  ]);
  return { tickets, messages, attachments, audits };
}

describe("POST /inbound/email — authentication", () => {
  it("refuses a missing, wrong or other-body signature with 401 and stores nothing", async () => {
    // GIVEN a shop and a well-formed email to it
    const shop = await installedShop("sig");
    const raw = await composeEmail({ from: "ava@example.com", to: shopAddress(shop), messageId: "<sig-1@example.com>" });
    const tampered = Buffer.concat([raw, Buffer.from("\r\nP.S. send it to me instead\r\n")]);
    // WHEN it arrives unsigned, signed with another secret, or altered after signing
    const answers = [
      await post(raw, { signature: null }),
      await post(raw, { secret: "not-the-inbound-secret-0123456789" }),
      await post(raw, { signature: "sha256=" + "0".repeat(64) }),
      await callAction(action, new Request("https://my-test-app.myshopify.io/inbound/email", { method: "POST", headers: inboundRequest(raw).headers, body: tampered })).then(async (r) => ({ status: r.status, body: await r.json() })),
    ];
    // THEN each is a 401 JSON error and the shop has no ticket
    for (const answer of answers) expect(answer).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect(await rowCounts(shop)).toEqual({ tickets: 0, messages: 0, attachments: 0, audits: 0 });
  });

  it("accepts the same email signed with the secret", async () => {
    const shop = await installedShop("sig-ok");
    const raw = await composeEmail({ from: "ava@example.com", to: shopAddress(shop), messageId: "<sig-2@example.com>" });
    expect((await post(raw)).status).toBe(201);
  });

  it("answers 413 for a body over the cap, before verifying or storing anything", async () => {
    const shop = await installedShop("big");
    const raw = Buffer.alloc(INBOUND_EMAIL_MAX_BYTES + 1, 0x61);
    const answer = await post(raw);
    expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect(await rowCounts(shop)).toEqual({ tickets: 0, messages: 0, attachments: 0, audits: 0 });
  });

  it("answers 405 to anything but POST", async () => {
    const response = await callAction(action, new Request("https://my-test-app.myshopify.io/inbound/email", { method: "PUT", body: "x" }));
    expect(response.status).toBe(405);
  });
});

describe("POST /inbound/email — threading", () => {
  it("threads a reply onto its ticket by In-Reply-To, trimmed of the quoted history", async () => {
    // GIVEN a ticket whose agent reply went out as an email
    const shop = await installedShop("irt");
    const { ticket, outboundId } = await ticketWithOutboundReply(shop);
    // WHEN the customer answers it, writing to the shop's address with In-Reply-To
    const raw = await composeEmail({
      from: "Ava Example <AVA@example.com>",
      to: shopAddress(shop),
      subject: "Re: Where is my parcel?",
      inReplyTo: `<${outboundId}>`,
      messageId: "<irt-1@example.com>",
      text: "Great, thanks!\n\nOn Mon, 7 Dec 2026 at 10:00, Demo Support <support@demo.example> wrote:\n> It ships today.",
    });
    const answer = await post(raw);
    // THEN it is the ticket's next message, a public customer message without the quote
    expect(answer).toMatchObject({ status: 201, body: { status: "stored", ticketId: ticket.id, ticketNumber: ticket.number, threadedBy: "references" } });
    const last = (await messagesOf(ticket.id)).at(-1);
    expect(last).toMatchObject({ authorType: "customer", visibility: "public", authorName: "Ava Example", body: "Great, thanks!", emailMessageId: "irt-1@example.com" });
    expect(await prisma.ticket.count({ where: { shop } })).toBe(1);
  });

  it("threads by References when In-Reply-To names a message we never sent", async () => {
    const shop = await installedShop("refs");
    const { ticket, outboundId } = await ticketWithOutboundReply(shop);
    const raw = await composeEmail({
      from: "ava@example.com",
      to: shopAddress(shop),
      inReplyTo: "<someone-elses@example.org>",
      references: [`<${outboundId}>`, "<someone-elses@example.org>"],
      messageId: "<refs-1@example.com>",
      text: "Still nothing here.",
    });
    const answer = await post(raw);
    expect(answer.body).toMatchObject({ ticketId: ticket.id, threadedBy: "references" });
    expect((await messagesOf(ticket.id)).at(-1)?.body).toBe("Still nothing here.");
  });

  it("threads by the reply address alone, whatever the subject and headers say", async () => {
    // GIVEN a ticket and its reply address (the Reply-To of our outbound mail)
    const shop = await installedShop("token");
    const { ticket, replyTo } = await ticketWithOutboundReply(shop);
    // WHEN a message with no thread headers, from a forwarding address, is sent to it
    const raw = await composeEmail({ from: "ava.forwarded@example.net", to: replyTo, subject: "new subject", messageId: "<token-1@example.net>", text: "Here is the photo." });
    const answer = await post(raw);
    // THEN it joins that ticket
    expect(answer).toMatchObject({ status: 201, body: { ticketId: ticket.id, threadedBy: "address" } });
    expect((await messagesOf(ticket.id)).at(-1)?.body).toBe("Here is the photo.");
  });

  it("opens a new email ticket for a new conversation, linked to the customer an earlier ticket knew by that address", async () => {
    // GIVEN a shop where ava@example.com has an earlier ticket linked to her customer record
    const shop = await installedShop("new");
    await ticketWithOutboundReply(shop, "ava@example.com");
    // WHEN she writes to the shop's address without any thread headers
    const raw = await composeEmail({ from: "Ava <ava@example.com>", to: `Support <${shopAddress(shop)}>`, subject: "Wrong size", messageId: "<new-1@example.com>", text: "I got an M instead of an L." });
    const answer = await post(raw);
    // THEN a new ticket on the email channel carries her words, email, name and customer id
    expect(answer).toMatchObject({ status: 201, body: { status: "stored", threadedBy: "new" } });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, id: answer.body.ticketId } });
    expect(ticket).toMatchObject({ number: 2, subject: "Wrong size", channel: "email", status: "open", customerEmail: "ava@example.com", customerName: "Ava", customerId: "gid://shopify/Customer/7" });
    expect((await messagesOf(ticket.id)).map((m) => m.body)).toEqual(["I got an M instead of an L."]);
  });

  it("finds the shop from Delivered-To when To names the merchant's own support address", async () => {
    const shop = await installedShop("fwd");
    const raw = await composeEmail({ from: "bo@example.com", to: "support@merchant.example", headers: { "Delivered-To": shopAddress(shop) }, messageId: "<fwd-1@example.com>" });
    const answer = await post(raw);
    expect(answer.status).toBe(201);
    expect(await prisma.ticket.count({ where: { shop, channel: "email" } })).toBe(1);
  });

  it("reopens a solved ticket when the customer replies", async () => {
    const shop = await installedShop("reopen");
    const { ticket, replyTo } = await ticketWithOutboundReply(shop);
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    await post(await composeEmail({ from: "ava@example.com", to: replyTo, messageId: "<reopen-1@example.com>", text: "Actually, one more thing." }));
    expect(await prisma.ticket.findFirstOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("threads a reply to the solved email, which no ticket message carries, onto its ticket by In-Reply-To", async () => {
    // GIVEN outbound email is set up and the agent solves the ticket, so the solved email goes out
    vi.stubEnv("SMTP_HOST", "127.0.0.1");
    vi.stubEnv("EMAIL_FROM_ADDRESS", "support@mail.aftercare.test");
    const shop = await installedShop("solved-mail");
    const { ticket } = await ticketWithOutboundReply(shop);
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    const sent: string[] = [];
    await processDueEmails({ shop, transport: { sendMail: async (mail) => (sent.push(String(mail.messageId)), {}) } });
    const solved = await prisma.emailDelivery.findFirstOrThrow({ where: { shop, ticketId: ticket.id } });
    expect(sent).toEqual([`<${solved.messageId}>`]);
    expect(await prisma.ticketMessage.count({ where: { emailMessageId: solved.messageId } })).toBe(0);
    // WHEN the shopper answers it through the shop's address (a forwarder dropped the Reply-To)
    const answer = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shop), inReplyTo: `<${solved.messageId}>`, references: `<${solved.messageId}>`, messageId: "<solved-1@example.com>", text: "It broke again." }));
    // THEN the answer lands on that ticket, which opens again
    expect(answer).toMatchObject({ status: 201, body: { ticketId: ticket.id, threadedBy: "references" } });
    expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({ authorType: "customer", body: "It broke again." });
    expect(await prisma.ticket.findFirstOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "open" });
  });

  it("opens a new ticket naming the old one when the customer replies to a closed ticket", async () => {
    const shop = await installedShop("closed");
    const { ticket, replyTo } = await ticketWithOutboundReply(shop);
    await transitionTicket(shop, ticket.id, "closed", "staff:1");
    const answer = await post(await composeEmail({ from: "ava@example.com", to: replyTo, subject: "Re: Where is my parcel?", messageId: "<closed-1@example.com>", text: "It came broken." }));
    expect(answer).toMatchObject({ status: 201, body: { threadedBy: "new" } });
    expect(answer.body.ticketId).not.toBe(ticket.id);
    const messages = await messagesOf(answer.body.ticketId);
    expect(messages.map((m) => [m.authorType, m.visibility, m.body])).toEqual([
      ["system", "internal", `The customer answered closed ticket #${ticket.number}; this ticket continues it.`],
      ["customer", "public", "It came broken."],
    ]);
    expect(await prisma.ticket.findFirstOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "closed" });
  });
});

describe("POST /inbound/email — one shop's thread is not another's", () => {
  it("does not thread into another shop's ticket through its Message-ID: the mail opens a ticket in the shop it was sent to", async () => {
    // GIVEN shop A's ticket with an outbound Message-ID, and shop B
    const shopA = await installedShop("tenant-a");
    const shopB = await installedShop("tenant-b");
    const { ticket, outboundId } = await ticketWithOutboundReply(shopA);
    const before = await messagesOf(ticket.id);
    // WHEN a mail to shop B names A's message in In-Reply-To and References
    const answer = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shopB), inReplyTo: `<${outboundId}>`, references: `<${outboundId}>`, messageId: "<tenant-1@example.com>" }));
    // THEN A's ticket is untouched and B has a new ticket
    expect(answer).toMatchObject({ status: 201, body: { threadedBy: "new" } });
    expect(await messagesOf(ticket.id)).toEqual(before);
    expect(await prisma.ticket.count({ where: { shop: shopB } })).toBe(1);
  });

  it("refuses a reply address whose mac was made for another ticket, and stores nothing", async () => {
    // GIVEN shop A's ticket and shop B's ticket with its reply address
    const shopA = await installedShop("mac-a");
    const shopB = await installedShop("mac-b");
    const { ticket: ticketA } = await ticketWithOutboundReply(shopA);
    const { replyTo: replyB } = await ticketWithOutboundReply(shopB);
    const macB = replyB.split("@")[0]?.split(".")[1] ?? "";
    const before = await rowCounts(shopA);
    // WHEN someone writes to A's ticket id with B's mac
    const answer = await post(await composeEmail({ from: "mallory@example.com", to: `reply+${ticketA.id}.${macB}@${INBOUND_DOMAIN}`, messageId: "<mac-1@example.com>" }));
    // THEN no shop receives it
    expect(answer).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await rowCounts(shopA)).toEqual(before);
  });

  it("threads by References only for the ticket's own customer; another sender opens a new ticket", async () => {
    const shop = await installedShop("sender");
    const { ticket, outboundId } = await ticketWithOutboundReply(shop, "ava@example.com");
    const answer = await post(await composeEmail({ from: "mallory@example.com", to: shopAddress(shop), inReplyTo: `<${outboundId}>`, messageId: "<sender-1@example.com>" }));
    expect(answer.body.ticketId).not.toBe(ticket.id);
    expect(answer.body.threadedBy).toBe("new");
  });
});

describe("POST /inbound/email — what is stored", () => {
  it("stores a provider's second delivery of the same Message-ID once", async () => {
    const shop = await installedShop("dup");
    const raw = await composeEmail({ from: "ava@example.com", to: shopAddress(shop), messageId: "<dup-1@example.com>", text: "Once, please." });
    const first = await post(raw);
    const again = await post(raw);
    expect(first).toMatchObject({ status: 201, body: { status: "stored" } });
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate", ticketId: first.body.ticketId } });
    expect(await rowCounts(shop)).toMatchObject({ tickets: 1, messages: 1 });
  });

  it("stores an HTML-only reply as its text, trimmed of Gmail's quote block", async () => {
    const shop = await installedShop("html");
    const html =
      '<div dir="ltr">Yes please, the <b>blue</b> one.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, 7 Dec 2026 at 10:00, Support &lt;s@x.com&gt; wrote:<br></div><blockquote class="gmail_quote">Which colour?</blockquote></div>';
    const answer = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shop), text: undefined, html, messageId: "<html-1@example.com>" }));
    expect(answer.status).toBe(201);
    expect((await messagesOf(answer.body.ticketId)).map((m) => m.body)).toEqual(["Yes please, the blue one."]);
  });

  it("dedupes a message without a Message-ID by its bytes", async () => {
    const shop = await installedShop("noid");
    const raw = `From: ava@example.com\r\nTo: ${shopAddress(shop)}\r\nSubject: No id\r\n\r\nHello\r\n`;
    expect((await post(raw)).status).toBe(201);
    expect((await post(raw)).status).toBe(200);
    expect(await prisma.ticketMessage.count({ where: { shop } })).toBe(1);
  });

  it("keeps images and PDFs within the limits and names the files it did not keep to the agents", async () => {
    // GIVEN an email with a photo, a PDF, a zip and a photo over the per-file limit
    const shop = await installedShop("files");
    const raw = await composeEmail({
      from: "ava@example.com",
      to: shopAddress(shop),
      messageId: "<files-1@example.com>",
      text: "Photos attached.",
      attachments: [
        { filename: "damage.jpg", content: Buffer.alloc(2048, 1), contentType: "image/jpeg" },
        { filename: "receipt.pdf", content: Buffer.alloc(1024, 2), contentType: "application/pdf" },
        { filename: "photos.zip", content: Buffer.alloc(1024, 3), contentType: "application/zip" },
        { filename: "huge.png", content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 4), contentType: "image/png" },
      ],
    });
    // WHEN it arrives
    const answer = await post(raw);
    // THEN the text and the two files are kept; the agents' note names the other two and why
    expect(answer.status).toBe(201);
    const files = await prisma.ticketAttachment.findMany({ where: { shop }, orderBy: { filename: "asc" } });
    expect(files.map((f) => [f.filename, f.contentType, f.size, f.ticketId])).toEqual([
      ["damage.jpg", "image/jpeg", 2048, answer.body.ticketId],
      ["receipt.pdf", "application/pdf", 1024, answer.body.ticketId],
    ]);
    expect(Buffer.from(files[0]?.content ?? []).equals(Buffer.alloc(2048, 1))).toBe(true);
    const messages = await messagesOf(answer.body.ticketId);
    expect(messages.map((m) => [m.authorType, m.visibility])).toEqual([
      ["customer", "public"],
      ["system", "internal"],
    ]);
    expect(messages[1]?.body).toContain("photos.zip (application/zip, 1 KB): not an image or PDF");
    expect(messages[1]?.body).toContain("huge.png (image/png, 5.0 MB): over 5 MB per file");
  });

  it.each([
    { name: "an empty body", raw: "", code: "bad_request", status: 400 },
    { name: "bytes that are not an email", raw: "\u0000\u0001garbage without headers", code: "bad_request", status: 400 },
    { name: "an email without a From address", raw: "To: x@inbound.aftercare.test\r\nSubject: hi\r\n\r\nhello\r\n", code: "bad_request", status: 400 },
    { name: "an email from a malformed address", raw: "From: not-an-address\r\nTo: x@inbound.aftercare.test\r\n\r\nhello\r\n", code: "bad_request", status: 400 },
  ])("refuses $name with a $status JSON error and stores nothing", async ({ raw, code, status }) => {
    const countsBefore = await prisma.ticketMessage.count();
    const answer = await post(raw);
    expect(answer).toMatchObject({ status, body: { error: { code } } });
    expect(await prisma.ticketMessage.count()).toBe(countsBefore);
  });

  it("refuses an email with no text and no file with 422, and an email to no shop of ours with 404, storing nothing", async () => {
    const shop = await installedShop("empty");
    const empty = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shop), text: "   ", messageId: "<empty-1@example.com>" }));
    const nobody = await post(await composeEmail({ from: "ava@example.com", to: `no-such-shop@${INBOUND_DOMAIN}`, messageId: "<empty-2@example.com>" }));
    const elsewhere = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shop).replace(INBOUND_DOMAIN, "elsewhere.example"), messageId: "<empty-3@example.com>" }));
    expect(empty).toMatchObject({ status: 422, body: { error: { code: "invalid" } } });
    expect(nobody).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(elsewhere.status).toBe(404);
    expect(await rowCounts(shop)).toEqual({ tickets: 0, messages: 0, attachments: 0, audits: 0 });
  });

  it("answers 404 while inbound email is not set up, whatever is sent", async () => {
    vi.stubEnv("INBOUND_EMAIL_SECRET", "");
    const shop = await installedShop("unset");
    const answer = await post(await composeEmail({ from: "ava@example.com", to: shopAddress(shop), messageId: "<unset-1@example.com>" }));
    expect(answer).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await prisma.ticket.count({ where: { shop } })).toBe(0);
  });
});
