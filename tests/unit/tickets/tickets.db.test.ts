import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { addMessage, createSystemTicket, createTicket, getTicket, listTickets, rateTicket, transitionTicket } from "~/tickets/tickets.server";
import { addBusinessMinutes, DEFAULT_BUSINESS_HOURS } from "~/tickets/sla";
import { createReturnCase, createTestTicket, uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});


describe(`tickets (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("opens ticket #1 with an SLA from its priority, the first message and an audit event", async () => {
    // GIVEN
    const shop = uniqueShop("ticket");
    const rc = await createReturnCase(shop);
    // WHEN
    const ticket = await createTicket(shop, {
      subject: "Arrived broken",
      category: "damaged",
      channel: "portal",
      priority: "urgent",
      returnCaseId: rc.id,
      orderId: "gid://shopify/Order/1001",
      orderName: "#1001",
      customerEmail: "shopper@example.com",
      firstMessage: { authorType: "customer", visibility: "public", body: "The mug is cracked." },
    });
    // THEN
    expect(ticket).toMatchObject({
      shop,
      number: 1,
      subject: "Arrived broken",
      category: "damaged",
      channel: "portal",
      priority: "urgent",
      status: "open",
      returnCaseId: rc.id,
      customerEmail: "shopper@example.com",
      firstResponseAt: null,
    });
    // urgent: a first response within one business hour (Mon–Fri 09:00–17:00 in the shop's zone, UTC here)
    expect(ticket.slaDueAt).toEqual(addBusinessMinutes(ticket.createdAt, 60, DEFAULT_BUSINESS_HOURS, "UTC"));
    expect(ticket.messages.map((m) => [m.authorType, m.visibility, m.body])).toEqual([["customer", "public", "The mug is cracked."]]);
    const trail = await listAudit(shop, "ticket", ticket.id);
    expect(trail.map(({ actor, action, data }) => ({ actor, action, data }))).toEqual([
      { actor: "portal", action: "ticket.created", data: { number: 1, category: "damaged", channel: "portal", priority: "urgent", returnCaseId: rc.id, assignee: null } },
    ]);
  });

  it("numbers parallel tickets of one shop distinctly and consecutively", async () => {
    // GIVEN a shop with no row yet
    const shop = uniqueShop("ticket-parallel");
    // WHEN six tickets are opened at once
    const tickets = await Promise.all(Array.from({ length: 6 }, (_, i) => createTestTicket(shop, { subject: `Question ${i}` })));
    // THEN
    expect(tickets.map((t) => t.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("numbers each shop's tickets on its own", async () => {
    // GIVEN another shop with two tickets
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    await createTestTicket(other);
    await createTestTicket(other);
    // WHEN
    const ticket = await createTestTicket(mine);
    // THEN
    expect(ticket.number).toBe(1);
  });

  it("refuses to link a ticket to another shop's return", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const theirs = await createReturnCase(uniqueShop("other"));
    // WHEN / THEN
    await expect(createTestTicket(mine, { returnCaseId: theirs.id })).rejects.toThrow(
      new DomainError("not_found", `Return ${theirs.id} was not found.`),
    );
    expect(await prisma.ticket.count({ where: { shop: mine } })).toBe(0);
  });

  it("opens a high-priority system ticket with an internal note", async () => {
    // GIVEN
    const shop = uniqueShop("system");
    // WHEN
    const ticket = await createSystemTicket(shop, { subject: "Webhook refunds/create failed 9 times", body: "Last error: timeout", orderId: "gid://shopify/Order/5" });
    // THEN
    expect(ticket).toMatchObject({ category: "system", channel: "system", priority: "high", status: "open", orderId: "gid://shopify/Order/5" });
    expect(ticket.slaDueAt).toEqual(addBusinessMinutes(ticket.createdAt, 4 * 60, DEFAULT_BUSINESS_HOURS, "UTC"));
    expect(ticket.messages.map((m) => [m.authorType, m.visibility, m.body])).toEqual([["system", "internal", "Last error: timeout"]]);
    expect((await listAudit(shop, "ticket", ticket.id))[0]?.actor).toBe("system");
  });

  it("refuses a system ticket linked to another shop's return, and numbers it apart from that shop", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    const theirs = await createReturnCase(other);
    await createTestTicket(other);
    // WHEN / THEN
    await expect(createSystemTicket(mine, { subject: "Refund failed", body: "x", returnCaseId: theirs.id })).rejects.toThrow(
      `Return ${theirs.id} was not found.`,
    );
    expect((await createSystemTicket(mine, { subject: "Refund failed", body: "x" })).number).toBe(1);
    expect(await prisma.ticket.count({ where: { shop: other } })).toBe(1);
  });

  it("refuses an invalid ticket with the field message", async () => {
    // GIVEN
    const shop = uniqueShop("invalid");
    // WHEN / THEN
    await expect(createTestTicket(shop, { subject: "" })).rejects.toThrow(
      expect.objectContaining({ code: "invalid", details: { fieldErrors: { subject: ["A ticket needs a subject."] }, formErrors: [] } }),
    );
  });

  it("stamps the first response at the first public agent reply only", async () => {
    // GIVEN
    const shop = uniqueShop("first-response");
    const ticket = await createTestTicket(shop);
    // WHEN an internal note, then two public replies
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "internal", body: "Checking with the warehouse." }, "staff:1");
    const afterNote = await getTicket(shop, ticket.id);
    const reply = await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Refunded today." }, "staff:1");
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Anything else?" }, "staff:1");
    // THEN
    expect(afterNote.firstResponseAt).toBeNull();
    const read = await getTicket(shop, ticket.id);
    expect(read.firstResponseAt).toEqual(reply.createdAt);
    expect(read.messages.map((m) => m.body)).toEqual(["Checking with the warehouse.", "Refunded today.", "Anything else?"]);
  });

  it("reopens a solved ticket when the customer writes back, and refuses messages on a closed one", async () => {
    // GIVEN
    const shop = uniqueShop("reopen");
    const ticket = await createTestTicket(shop);
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    // WHEN
    await addMessage(shop, ticket.id, { authorType: "customer", visibility: "public", body: "Still not here." });
    // THEN
    const reopened = await getTicket(shop, ticket.id);
    expect([reopened.status, reopened.resolvedAt]).toEqual(["open", null]);
    // AND once closed
    await transitionTicket(shop, ticket.id, "closed", "staff:1");
    await expect(addMessage(shop, ticket.id, { authorType: "customer", body: "Hello?" })).rejects.toThrow(
      new DomainError("conflict", `Ticket #${ticket.number} is closed and cannot take new messages; open a new ticket.`),
    );
    expect((await listAudit(shop, "ticket", ticket.id)).map((e) => e.action)).toEqual([
      "ticket.created",
      "ticket.solved",
      "ticket.message_added",
      "ticket.closed",
    ]);
  });

  it("keeps message bodies out of the audit trail", async () => {
    // GIVEN
    const shop = uniqueShop("audit-body");
    const ticket = await createTestTicket(shop);
    // WHEN
    const message = await addMessage(shop, ticket.id, { authorType: "customer", body: "My address is 1 Main St." });
    // THEN
    const event = (await listAudit(shop, "ticket", ticket.id)).at(-1);
    expect(event?.data).toEqual({ messageId: message.id, authorType: "customer", visibility: "public", reopened: false });
  });

  it("cannot read, message or move another shop's ticket", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const theirs = await createTestTicket(uniqueShop("other"));
    const notFound = new DomainError("not_found", `Ticket ${theirs.id} was not found.`);
    // WHEN / THEN
    await expect(getTicket(mine, theirs.id)).rejects.toThrow(notFound);
    await expect(addMessage(mine, theirs.id, { authorType: "agent", body: "Hi" }, "staff:1")).rejects.toThrow(notFound);
    await expect(transitionTicket(mine, theirs.id, "closed", "staff:1")).rejects.toThrow(notFound);
    // AND theirs is untouched
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: theirs.id }, include: { messages: true } });
    expect([row.status, row.firstResponseAt, row.messages.length]).toEqual(["open", null, 0]);
  });

  it("records a rating of a solved ticket, replaces it when rated again, and refuses an unsolved or another shop's ticket", async () => {
    // GIVEN an open ticket of this shop and a solved ticket of another shop
    const shop = uniqueShop("csat");
    const ticket = await createTestTicket(shop);
    const theirs = await createTestTicket(uniqueShop("csat-other"));
    await transitionTicket(theirs.shop, theirs.id, "solved", "staff:1");
    // WHEN it is rated while open, THEN it is refused, naming the ticket
    await expect(rateTicket(shop, ticket.id, { score: 5 })).rejects.toMatchObject({
      code: "conflict",
      message: `Ticket #${ticket.number} is open; it can be rated once it is solved.`,
    });
    // WHEN solved and rated twice
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    expect(await rateTicket(shop, ticket.id, { score: 2, comment: "Slow" })).toMatchObject({ csatScore: 2, csatComment: "Slow" });
    const again = await rateTicket(shop, ticket.id, { score: 4 });
    // THEN the second rating replaces the first, and the trail has both without the comment's words
    expect(again).toMatchObject({ status: "solved", csatScore: 4, csatComment: null });
    const trail = (await listAudit(shop, "ticket", ticket.id)).filter((e) => e.action === "ticket.rated");
    expect(trail.map((e) => [e.actor, e.data])).toEqual([
      ["portal", { score: 2, previousScore: null, hasComment: true }],
      ["portal", { score: 4, previousScore: 2, hasComment: false }],
    ]);
    // AND a score out of range is refused on its field
    await expect(rateTicket(shop, ticket.id, { score: 6 })).rejects.toMatchObject({ code: "invalid", details: { fieldErrors: { score: ["A rating is a whole number from 1 to 5."] } } });
    // AND another shop's ticket reads as not found and stays unrated
    await expect(rateTicket(shop, theirs.id, { score: 1 })).rejects.toThrow(new DomainError("not_found", `Ticket ${theirs.id} was not found.`));
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: theirs.id } })).csatScore).toBeNull();
  });

  it("lists a shop's tickets newest first, page by page, with filters", async () => {
    // GIVEN five tickets, two of them solved, and another shop's ticket
    const shop = uniqueShop("list");
    await createTestTicket(uniqueShop("other"));
    const created = [];
    for (let i = 1; i <= 5; i++) created.push(await createTestTicket(shop, { subject: `Q${i}`, priority: i % 2 ? "normal" : "high" }));
    await transitionTicket(shop, created[1]!.id, "solved", "staff:1");
    await transitionTicket(shop, created[3]!.id, "solved", "staff:1");
    // WHEN
    const first = await listTickets(shop, { limit: 2 });
    const second = await listTickets(shop, { limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await listTickets(shop, { limit: 2, cursor: second.nextCursor ?? undefined });
    const solved = await listTickets(shop, { status: "solved" });
    const openHigh = await listTickets(shop, { status: ["open", "pending"], priority: "high" });
    // THEN
    expect([first, second, third].map((page) => page.tickets.map((t) => t.number))).toEqual([[5, 4], [3, 2], [1]]);
    expect([first.nextCursor, second.nextCursor, third.nextCursor]).toEqual(["4", "2", null]);
    expect(solved.tickets.map((t) => t.subject)).toEqual(["Q4", "Q2"]);
    expect(openHigh.tickets).toEqual([]);
    expect((await listTickets(shop, { priority: "normal" })).tickets.map((t) => t.subject)).toEqual(["Q5", "Q3", "Q1"]);
  });
});
