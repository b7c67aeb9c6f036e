import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { loader as inboxLoader } from "~/routes/app.tickets._index";
import { action as ticketAction, loader as ticketLoader } from "~/routes/app.tickets.$id";
import { createReturnCase, createTestTicket } from "../support/factories";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

describe("the tickets inbox (/app/tickets)", () => {
  it("lists open tickets newest first with counts per status, and searches", async () => {
    const shop = newShop("inbox");
    const t1 = await createTestTicket(shop, { subject: "Where is my refund?", customerEmail: "ivy@example.com", customerName: "Ivy Chen" });
    const t2 = await createTestTicket(shop, { subject: "Damaged mug", category: "damaged", priority: "high" });
    const t3 = await createTestTicket(shop, { subject: "Old question" });
    await prisma.ticket.update({ where: { id: t3.id }, data: { status: "solved" } });
    const { data } = ok(await load(inboxLoader, adminRequest(shop, "/app/tickets")));
    expect(data.rows.map((r) => r.id)).toEqual([t2.id, t1.id]);
    expect(data.counts).toEqual({ open: 2, pending: 0, solved: 1, closed: 0, all: 3 });
    const search = async (q: string) => ok(await load(inboxLoader, adminRequest(shop, `/app/tickets?status=all&q=${encodeURIComponent(q)}`))).data.rows.map((r) => r.id);
    expect(await search("ivy@")).toEqual([t1.id]);
    expect(await search(`#${t3.number}`)).toEqual([t3.id]);
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets?category=damaged"))).data.rows.map((r) => r.id)).toEqual([t2.id]);
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets?priority=urgent"))).status).toBe(200);
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets?priority=whenever"))).status).toBe(422);
  });

  it("filters by assignee: mine, unassigned, or a colleague's", async () => {
    const shop = newShop("inbox-assignee");
    await load(inboxLoader, adminRequest(shop, "/app/tickets", { userId: 43 }));
    const mine = await createTestTicket(shop, { subject: "Mine" });
    const theirs = await createTestTicket(shop, { subject: "Theirs" });
    const nobody = await createTestTicket(shop, { subject: "Nobody's" });
    await prisma.ticket.update({ where: { id: mine.id }, data: { assignee: "staff:42" } });
    await prisma.ticket.update({ where: { id: theirs.id }, data: { assignee: "staff:43" } });
    const ids = async (query: string, userId = 42) => ok(await load(inboxLoader, adminRequest(shop, `/app/tickets?${query}`, { userId }))).data.rows.map((r) => r.id);
    expect(await ids("assignee=me")).toEqual([mine.id]);
    expect(await ids("assignee=me", 43)).toEqual([theirs.id]);
    expect(await ids("assignee=none")).toEqual([nobody.id]);
    expect(await ids("assignee=staff:43")).toEqual([theirs.id]);
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets?assignee=Eve"))).status).toBe(422);
  });

  it("never shows another shop's tickets", async () => {
    const shopA = newShop("inbox-a");
    const shopB = newShop("inbox-b");
    await createTestTicket(shopB);
    const { data } = ok(await load(inboxLoader, adminRequest(shopA, "/app/tickets?status=all")));
    expect(data.rows).toEqual([]);
    expect(data.counts.all).toBe(0);
  });
});

describe("the ticket page (/app/tickets/:id)", () => {
  it("shows the messages and the linked return", async () => {
    const shop = newShop("ticket");
    const rc = await createReturnCase(shop, { orderName: "#4004" });
    const t = await createTestTicket(shop, { returnCaseId: rc.id, orderName: "#4004", firstMessage: { authorType: "customer", body: "It broke" } });
    const { data } = ok(await load(ticketLoader, adminRequest(shop, `/app/tickets/${t.id}`), { id: t.id }));
    expect(data.ticket.messages.map((m) => m.body)).toEqual(["It broke"]);
    expect(data.linkedReturn).toEqual({ id: rc.id, orderName: "#4004", status: "requested", resolution: "refund" });
  });

  it("replies to the customer, adds an internal note, sets priority and assignee, and resolves", async () => {
    const shop = newShop("reply");
    const t = await createTestTicket(shop);
    const post = (json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json }), { id: t.id });
    expect(ok(await post({ intent: "reply", visibility: "public", body: "Refund sent today." })).data).toEqual({ ok: true, message: "Reply sent to the customer." });
    expect(ok(await post({ intent: "reply", visibility: "internal", body: "Checked with the warehouse." })).data).toEqual({ ok: true, message: "Internal note added." });
    expect(ok(await post({ intent: "update_fields", priority: "urgent", assignee: "staff:42" })).data.ok).toBe(true);
    expect(ok(await post({ intent: "set_status", status: "solved" })).data).toEqual({ ok: true, message: `Ticket #${t.number} is solved.` });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(after).toMatchObject({ status: "solved", priority: "urgent", assignee: "staff:42" });
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.resolvedAt).not.toBeNull();
    expect(after.messages.map((m) => [m.visibility, m.authorType])).toEqual([["public", "agent"], ["internal", "agent"]]);
  });

  it("signs each agent's reply and internal note with their name from Shopify, and shows it", async () => {
    // GIVEN a ticket, and two staff members (the simulator names user 42 "Sam Novak", user 43 "Priya Novak")
    const shop = newShop("signed");
    const t = await createTestTicket(shop);
    const post = (userId: number, json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json, userId }), { id: t.id });
    // WHEN user 42 replies to the customer and user 43 adds an internal note
    expect(ok(await post(42, { intent: "reply", visibility: "public", body: "Refund sent today." })).data.ok).toBe(true);
    expect(ok(await post(43, { intent: "reply", visibility: "internal", body: "Checked with the warehouse." })).data.ok).toBe(true);
    // THEN each message carries its author's name, and the audit trail their user id
    const stored = await prisma.ticketMessage.findMany({ where: { shop, ticketId: t.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((m) => [m.authorType, m.authorName, m.visibility])).toEqual([
      ["agent", "Sam Novak", "public"],
      ["agent", "Priya Novak", "internal"],
    ]);
    const audit = await prisma.auditEvent.findMany({ where: { shop, entityId: t.id, action: "ticket.message_added" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.actor)).toEqual(["staff:42", "staff:43"]);
    // ... and the ticket page, whoever opens it, shows both names
    const { data } = ok(await load(ticketLoader, adminRequest(shop, `/app/tickets/${t.id}`, { userId: 43 }), { id: t.id }));
    expect(data.ticket.messages.map((m) => [m.authorName, m.body])).toEqual([
      ["Sam Novak", "Refund sent today."],
      ["Priya Novak", "Checked with the warehouse."],
    ]);
  });

  it("assigns a ticket to someone in the shop's staff directory, and to no one else", async () => {
    // GIVEN two staff members who have opened Aftercare in this shop (42 and 43), and a ticket
    const shop = newShop("assign");
    const t = await createTestTicket(shop);
    await load(inboxLoader, adminRequest(shop, "/app/tickets", { userId: 43 }));
    const post = (json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json, userId: 42 }), { id: t.id });
    // WHEN user 42 opens the ticket, THEN the Assignee list offers both, by name
    const { data } = ok(await load(ticketLoader, adminRequest(shop, `/app/tickets/${t.id}`, { userId: 42 }), { id: t.id }));
    expect(data.me).toBe("staff:42");
    expect(data.staff).toEqual([
      { actor: "staff:43", name: "Priya Novak" },
      { actor: "staff:42", name: "Sam Novak" },
    ]);
    // WHEN 42 assigns it to 43, THEN it is stored by id and the audit says from whom to whom
    expect(ok(await post({ intent: "update_fields", priority: "normal", assignee: "staff:43" })).data).toEqual({ ok: true, message: "Ticket updated." });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).assignee).toBe("staff:43");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: t.id, action: "ticket.updated" } });
    expect(audit.data).toMatchObject({ assignee: { from: null, to: "staff:43" } });
    // WHEN someone unknown here, or a free-text name, is sent, THEN 422 with the field's error, and nothing changes
    const unknown = ok(await post({ intent: "update_fields", priority: "normal", assignee: "staff:99" }));
    expect(unknown).toMatchObject({ status: 422, data: { ok: false, errors: { assignee: ["Pick a staff member from the list, or Unassigned."] } } });
    expect(unknown.data.message).toBe("That staff member has not opened Aftercare in this shop yet, so tickets cannot be assigned to them.");
    expect(ok(await post({ intent: "update_fields", priority: "normal", assignee: "Eve" }))).toMatchObject({ status: 422, data: { errors: { assignee: ["Pick a staff member from the list, or Unassigned."] } } });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).assignee).toBe("staff:43");
    // WHEN it is unassigned again, THEN it is null
    expect(ok(await post({ intent: "update_fields", priority: "normal", assignee: "" })).data.ok).toBe(true);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).assignee).toBeNull();
  });

  it("answers 422 for an empty message and 409 for a move the ticket table forbids", async () => {
    const shop = newShop("t422");
    const t = await createTestTicket(shop);
    const post = (json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json }), { id: t.id });
    expect(ok(await post({ intent: "reply", visibility: "public", body: "  " }))).toMatchObject({ status: 422, data: { errors: { body: ["Write a message before sending."] } } });
    expect(ok(await post({ intent: "set_status", status: "open" }))).toMatchObject({ status: 409, data: { ok: false, message: `Ticket #${t.number} is already open.` } });
  });

  it("answers 404 for another shop's ticket and changes nothing on it", async () => {
    const shopA = newShop("tk-a");
    const shopB = newShop("tk-b");
    const theirs = await createTestTicket(shopB);
    const read = await load(ticketLoader, adminRequest(shopA, `/app/tickets/${theirs.id}`), { id: theirs.id });
    expect((read as Response).status).toBe(404);
    for (const json of [
      { intent: "reply", visibility: "public", body: "Hi" },
      { intent: "set_status", status: "solved" },
      { intent: "update_fields", priority: "low", assignee: "staff:42" },
    ]) {
      expect(ok(await act(ticketAction, adminRequest(shopA, `/app/tickets/${theirs.id}`, { json }), { id: theirs.id })).status).toBe(404);
    }
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: theirs.id }, include: { messages: true } });
    expect(after).toMatchObject({ status: "open", priority: "normal", assignee: null });
    expect(after.messages).toEqual([]);
  });
});
