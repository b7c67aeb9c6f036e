import { describe, expect, it } from "vitest";
import { listAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { setAvailability } from "~/tickets/assignment.server";
import { applyMacro, createMacro, previewMacro, updateMacro } from "~/tickets/macros.server";
import { mergeTickets } from "~/tickets/merge.server";
import { listInbox, parseInboxFilters } from "~/tickets/queries.server";
import { saveSlaSettings, getSlaSettings } from "~/tickets/sla.server";
import { DEFAULT_BUSINESS_HOURS } from "~/tickets/sla";
import { addTag, removeTag } from "~/tickets/tags.server";
import { addMessage, createTicket, transitionTicket } from "~/tickets/tickets.server";
import { customerTimeline } from "~/timeline/timeline.server";
import { createMoneyMovement, createReturnCase, createTestTicket, uniqueShop } from "../../support/factories";

const at = (iso: string) => new Date(iso);
const inbox = (shop: string, query: string, now = new Date()) => listInbox(shop, parseInboxFilters(new URLSearchParams(query)), now);

async function staff(shop: string, userIds: number[], available: boolean) {
  for (const id of userIds) await prisma.staffMember.create({ data: { shop, userId: String(id), name: `Agent ${id}`, available } });
}

describe("SLA due times on tickets", () => {
  it("counts the targets in the shop's business hours and carries them over the weekend", async () => {
    // GIVEN a shop on the default hours (Mon–Fri 09:00–17:00, UTC)
    const shop = uniqueShop("sla-weekend");
    // WHEN an urgent ticket (1 business hour, resolution 8) arrives on Friday at 16:30
    const t = await createTicket(shop, { subject: "Broken", category: "damaged", channel: "portal", priority: "urgent" }, { now: at("2026-12-04T16:30:00Z") });
    // THEN the first response is due Monday 09:30 and the resolution Monday 16:30
    expect(t.slaDueAt).toEqual(at("2026-12-07T09:30:00Z"));
    expect(t.resolutionDueAt).toEqual(at("2026-12-07T16:30:00Z"));
  });

  it("uses the category's own target over the one for every category, in the shop's time zone", async () => {
    // GIVEN a Toronto shop whose damaged tickets get 30 minutes
    const shop = uniqueShop("sla-category");
    await prisma.shop.create({ data: { shop, ianaTimezone: "America/Toronto" } });
    const { targets } = await getSlaSettings(shop);
    expect(targets).toHaveLength(4);
    await saveSlaSettings(shop, { hours: DEFAULT_BUSINESS_HOURS, targets: [...targets, { category: "damaged", priority: "normal", firstResponseMinutes: 30, resolutionMinutes: 60 }] }, "staff:42");
    // WHEN a damaged and a billing ticket arrive Monday 13:00Z (08:00 in Toronto)
    const now = at("2026-12-07T13:00:00Z");
    const damaged = await createTicket(shop, { subject: "Cracked", category: "damaged", channel: "portal" }, { now });
    const billing = await createTicket(shop, { subject: "Charge", category: "question_billing", channel: "portal" }, { now });
    // THEN the clock starts at 09:00 Toronto (14:00Z): 14:30Z for damaged, a full 8-hour day for billing
    expect(damaged.slaDueAt).toEqual(at("2026-12-07T14:30:00Z"));
    expect(billing.slaDueAt).toEqual(at("2026-12-07T22:00:00Z"));
  });

  it("refuses SLA settings without a target for every priority", async () => {
    const shop = uniqueShop("sla-invalid");
    await expect(saveSlaSettings(shop, { hours: DEFAULT_BUSINESS_HOURS, targets: [] }, "staff:42")).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.slaPolicy.count({ where: { shop } })).toBe(0);
  });

  it("stops the clock while the ticket waits on the shopper and moves the due time by the pause", async () => {
    // GIVEN an urgent ticket opened Monday 09:00 (first response due 10:00, resolution 17:00)
    const shop = uniqueShop("sla-pause");
    const t = await createTicket(shop, { subject: "Where?", category: "question_order", channel: "portal", priority: "urgent" }, { now: at("2026-12-07T09:00:00Z") });
    // WHEN it waits on the shopper from 09:30 until Tuesday 09:00
    await transitionTicket(shop, t.id, "pending", "staff:42", at("2026-12-07T09:30:00Z"));
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).slaPausedAt).toEqual(at("2026-12-07T09:30:00Z"));
    // THEN a paused ticket is neither breached nor breaching
    expect((await inbox(shop, "sla=breached", at("2026-12-07T12:00:00Z"))).rows).toEqual([]);
    await transitionTicket(shop, t.id, "open", "staff:42", at("2026-12-08T09:00:00Z"));
    // THEN 30 minutes were left of the first response and 7.5 hours of the resolution
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(after).toMatchObject({ slaPausedAt: null, slaDueAt: at("2026-12-08T09:30:00Z"), resolutionDueAt: at("2026-12-08T16:30:00Z") });
  });

  it("restarts the clock when the shopper writes back to a pending ticket", async () => {
    const shop = uniqueShop("sla-reply");
    const t = await createTestTicket(shop);
    await transitionTicket(shop, t.id, "pending", "staff:42");
    await addMessage(shop, t.id, { authorType: "customer", body: "Here is the photo." });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(after.status).toBe("open");
    expect(after.slaPausedAt).toBeNull();
    expect(after.slaDueAt!.getTime()).toBeGreaterThanOrEqual(t.slaDueAt!.getTime());
  });

  it("lists breached and breaching-soon tickets with their badge", async () => {
    // GIVEN three urgent tickets opened Monday at 09:00, 09:40 and 12:00
    const shop = uniqueShop("sla-inbox");
    const make = (iso: string) => createTicket(shop, { subject: iso, category: "question_order", channel: "portal", priority: "urgent" }, { now: at(iso) });
    const late = await make("2026-12-07T09:00:00Z");
    const soon = await make("2026-12-07T09:40:00Z");
    await make("2026-12-07T12:00:00Z");
    // WHEN the inbox is read at 10:15
    const now = at("2026-12-07T10:15:00Z");
    // THEN
    expect((await inbox(shop, "sla=breached", now)).rows.map((r) => [r.id, r.sla])).toEqual([[late.id, { state: "breached", label: "Breached" }]]);
    expect((await inbox(shop, "sla=soon", now)).rows.map((r) => [r.id, r.sla])).toEqual([[soon.id, { state: "soon", label: "Due in 25 min", minutesLeft: 25 }]]);
  });
});

describe("round-robin assignment", () => {
  it("takes turns among the available agents only, fairly, when tickets arrive in parallel", async () => {
    // GIVEN two available agents and one who is away
    const shop = uniqueShop("round-robin");
    await staff(shop, [41, 42], true);
    await staff(shop, [43], false);
    // WHEN six tickets are opened at the same moment
    const tickets = await Promise.all(Array.from({ length: 6 }, (_, i) => createTestTicket(shop, { subject: `Q${i}` })));
    // THEN each available agent has three, and nobody else any
    const counts: Record<string, number> = {};
    for (const t of tickets) counts[t.assignee ?? "none"] = (counts[t.assignee ?? "none"] ?? 0) + 1;
    expect(counts).toEqual({ "staff:41": 3, "staff:42": 3 });
  });

  it("gives two parallel tickets to two different agents", async () => {
    const shop = uniqueShop("round-robin-pair");
    await staff(shop, [7, 8], true);
    const [a, b] = await Promise.all([createTestTicket(shop), createTestTicket(shop)]);
    expect(new Set([a?.assignee, b?.assignee])).toEqual(new Set(["staff:7", "staff:8"]));
  });

  it("leaves tickets unassigned when nobody is available, and follows the availability toggle", async () => {
    const shop = uniqueShop("round-robin-none");
    await staff(shop, [9], false);
    expect((await createTestTicket(shop)).assignee).toBeNull();
    await setAvailability(shop, "staff:9", true);
    expect((await createTestTicket(shop)).assignee).toBe("staff:9");
    await expect(setAvailability(shop, "staff:10", true)).rejects.toMatchObject({ code: "not_found" });
    // another shop's staff member of the same id is untouched
    const other = uniqueShop("round-robin-other");
    await staff(other, [9], false);
    expect((await prisma.staffMember.findFirstOrThrow({ where: { shop: other } })).available).toBe(false);
  });
});

describe("macros", () => {
  it("refuses an unknown variable on save, naming it", async () => {
    const shop = uniqueShop("macro-unknown");
    await expect(createMacro(shop, { name: "Hi", body: "Hello {{customer.first_name}}, order {{order.number}}" }, "staff:42")).rejects.toMatchObject({
      code: "invalid",
      details: { fieldErrors: { body: [expect.stringContaining("Unknown variable {{order.number}}.")] } },
    });
    expect(await prisma.macro.count({ where: { shop } })).toBe(0);
  });

  it("renders variables in the shopper's language and money format", async () => {
    // GIVEN a ticket about a completed EUR return with 45.50 refunded
    const shop = uniqueShop("macro-render");
    const rc = await createReturnCase(shop, { orderName: "#1042", status: "resolved", currencyCode: "EUR" });
    await createMoneyMovement(shop, { returnCaseId: rc.id, amountMinor: 4550, currencyCode: "EUR", status: "succeeded" });
    const t = await createTestTicket(shop, { returnCaseId: rc.id, orderName: "#1042", customerName: "Léa Martin" });
    const macro = await createMacro(shop, { name: "Refund sent", body: "Bonjour {{customer.first_name}}, {{order.name}} : {{return.status}}, {{refund.amount}}." }, "staff:42");
    // WHEN previewed in French and in English
    const fr = await previewMacro(shop, t.id, macro.id, "fr", "Sam");
    const en = await previewMacro(shop, t.id, macro.id, "en", "Sam");
    // THEN
    expect(fr.body).toBe("Bonjour Léa, #1042 : Terminé, 45,50\u00a0€.");
    expect(en.body).toBe("Bonjour Léa, #1042 : Completed, €45.50.");
    expect(fr.missing).toEqual([]);
  });

  it("sends the reply, sets the status and adds the tags in one go, and refuses leftover variables", async () => {
    // GIVEN a macro that solves and tags, and a ticket with no return
    const shop = uniqueShop("macro-apply");
    const t = await createTestTicket(shop, { customerName: "Ivy Chen" });
    const macro = await createMacro(shop, { name: "Close out", body: "Thanks {{customer.first_name}}! Status: {{return.status}}", setStatus: "solved", addTags: "VIP follow-up" }, "staff:42");
    // WHEN previewed, the missing return status is named and left visible
    const preview = await previewMacro(shop, t.id, macro.id, "en", "Sam");
    expect(preview).toMatchObject({ body: "Thanks Ivy! Status: {{return.status}}", missing: ["return.status"], setStatus: "solved", addTags: ["vip", "follow-up"] });
    // THEN sending it unedited is refused and changes nothing
    await expect(applyMacro(shop, t.id, { macroId: macro.id, body: preview.body }, "staff:42", "Sam")).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.ticketMessage.count({ where: { ticketId: t.id } })).toBe(0);
    // WHEN the agent edits the gap away and sends
    const done = await applyMacro(shop, t.id, { macroId: macro.id, body: "Thanks Ivy! All done." }, "staff:42", "Sam");
    // THEN
    expect(done).toEqual({ number: t.number, status: "solved" });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { messages: true, tags: true } });
    expect(after.messages.map((m) => [m.authorType, m.visibility, m.body, m.authorName])).toEqual([["agent", "public", "Thanks Ivy! All done.", "Sam"]]);
    expect(after.tags.map((x) => x.tag).sort()).toEqual(["follow-up", "vip"]);
    expect(after.firstResponseAt).not.toBeNull();
    expect((await listAudit(shop, "ticket", t.id)).map((e) => e.action)).toEqual(expect.arrayContaining(["ticket.solved", "ticket.tagged", "ticket.macro_applied"]));
  });

  it("never edits or applies another shop's macro", async () => {
    const mine = uniqueShop("macro-mine");
    const theirs = await createMacro(uniqueShop("macro-theirs"), { name: "X", body: "Hi" }, "staff:1");
    const t = await createTestTicket(mine);
    await expect(updateMacro(mine, theirs.id, { name: "Y", body: "Hacked" }, "staff:2")).rejects.toMatchObject({ code: "not_found" });
    await expect(applyMacro(mine, t.id, { macroId: theirs.id, body: "Hi" }, "staff:2", null)).rejects.toMatchObject({ code: "not_found" });
    expect((await prisma.macro.findUniqueOrThrow({ where: { id: theirs.id } })).body).toBe("Hi");
  });
});

describe("tags", () => {
  it("adds, filters by and removes a tag", async () => {
    const shop = uniqueShop("tags");
    const a = await createTestTicket(shop);
    const b = await createTestTicket(shop);
    await addTag(shop, a.id, "VIP", "staff:42");
    await addTag(shop, a.id, "vip", "staff:42");
    expect((await inbox(shop, "tag=vip")).rows.map((r) => [r.id, r.tags])).toEqual([[a.id, ["vip"]]]);
    await expect(addTag(shop, b.id, "not a tag!", "staff:42")).rejects.toMatchObject({ code: "invalid" });
    await removeTag(shop, a.id, "vip", "staff:42");
    expect((await inbox(shop, "tag=vip")).rows).toEqual([]);
    await expect(addTag(uniqueShop("tags-other"), a.id, "vip", "staff:42")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("merging tickets", () => {
  it("moves the messages to the target and closes the source with a note", async () => {
    // GIVEN two tickets of one customer
    const shop = uniqueShop("merge");
    const target = await createTestTicket(shop, { customerId: "gid://shopify/Customer/5", firstMessage: { authorType: "customer", body: "First" } });
    const source = await createTestTicket(shop, { customerId: "gid://shopify/Customer/5", firstMessage: { authorType: "customer", body: "Second" } });
    await addTag(shop, source.id, "damaged", "staff:42");
    // WHEN
    const merged = await mergeTickets(shop, source.id, target.id, "staff:42");
    // THEN
    expect(merged).toEqual({ source: source.number, target: target.number, moved: 1 });
    const t = await prisma.ticket.findUniqueOrThrow({ where: { id: target.id }, include: { messages: { orderBy: { createdAt: "asc" } }, tags: true } });
    expect(t.messages.map((m) => m.body)).toEqual(["First", "Second", `Ticket #${source.number} was merged into this ticket (1 message).`]);
    expect(t.tags.map((x) => x.tag)).toEqual(["damaged"]);
    const s = await prisma.ticket.findUniqueOrThrow({ where: { id: source.id }, include: { messages: true } });
    expect(s).toMatchObject({ status: "closed", mergedIntoId: target.id });
    expect(s.messages.map((m) => [m.visibility, m.body])).toEqual([["internal", `Merged into #${target.number}.`]]);
    expect((await listAudit(shop, "ticket", target.id)).map((e) => e.action)).toContain("ticket.merged");
    expect((await listAudit(shop, "ticket", source.id)).find((e) => e.action === "ticket.closed")?.data).toEqual({ from: "open", to: "closed", mergedInto: target.number });
  });

  it("refuses tickets of another customer or another shop, changing nothing", async () => {
    const shop = uniqueShop("merge-refuse");
    const a = await createTestTicket(shop, { customerId: "gid://shopify/Customer/5", firstMessage: { authorType: "customer", body: "A" } });
    const b = await createTestTicket(shop, { customerId: "gid://shopify/Customer/6" });
    const elsewhere = await createTestTicket(uniqueShop("merge-elsewhere"), { customerId: "gid://shopify/Customer/5" });
    await expect(mergeTickets(shop, a.id, b.id, "staff:42")).rejects.toThrow(new DomainError("conflict", `Ticket #${a.number} and ticket #${b.number} belong to different customers and cannot be merged.`));
    await expect(mergeTickets(shop, a.id, elsewhere.id, "staff:42")).rejects.toMatchObject({ code: "not_found" });
    await expect(mergeTickets(shop, a.id, a.id, "staff:42")).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.ticketMessage.count({ where: { ticketId: a.id } })).toBe(1);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("open");
  });
});

describe("searching the conversation", () => {
  it("finds tickets by words in their messages, case-insensitively, a page at a time", async () => {
    // GIVEN three tickets mentioning a tracking number, and one that does not
    const shop = uniqueShop("search");
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await createTestTicket(shop, { subject: `Q${i}`, firstMessage: { authorType: "customer", body: `Parcel TRACK-77${i} never came` } }));
    await createTestTicket(shop, { subject: "Other", firstMessage: { authorType: "customer", body: "Wrong size" } });
    await createTestTicket(uniqueShop("search-other"), { firstMessage: { authorType: "customer", body: "track-770" } });
    // WHEN searched two at a time
    const first = await inbox(shop, "status=all&q=track-77&limit=2");
    const second = await inbox(shop, `status=all&q=track-77&limit=2&cursor=${first.nextCursor}`);
    // THEN newest first, across both pages, this shop's only
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([hits[2]?.id, hits[1]?.id, hits[0]?.id]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("the customer timeline", () => {
  it("lists orders, returns, tickets, messages, ratings and money newest first, for this shop only", async () => {
    // GIVEN a customer with an order, a return, money, a ticket with a message and a rating
    const shop = uniqueShop("timeline");
    const customerId = "gid://shopify/Customer/77";
    await prisma.orderMirror.create({ data: { shop, orderId: "gid://shopify/Order/1", name: "#1001", customerId, orderCreatedAt: at("2026-11-01T10:00:00Z"), shopifyUpdatedAt: at("2026-11-01T10:00:00Z"), totalMinor: 5000n, currencyCode: "USD", lineCount: 1 } });
    const rc = await createReturnCase(shop, { customerId, orderName: "#1001" });
    await prisma.returnCase.update({ where: { id: rc.id }, data: { requestedAt: at("2026-11-05T10:00:00Z") } });
    const money = await createMoneyMovement(shop, { returnCaseId: rc.id, status: "succeeded" });
    await prisma.moneyMovement.update({ where: { id: money.id }, data: { customerId, createdAt: at("2026-11-06T10:00:00Z") } });
    const t = await createTicket(shop, { subject: "Late", category: "question_order", channel: "portal", customerId, firstMessage: { authorType: "customer", body: "Where is it?" } }, { now: at("2026-11-07T10:00:00Z") });
    await prisma.ticketMessage.updateMany({ where: { ticketId: t.id }, data: { createdAt: at("2026-11-07T10:00:00Z") } });
    await prisma.auditEvent.create({ data: { shop, actor: "portal", action: "ticket.rated", entityType: "ticket", entityId: t.id, data: { score: 5 }, createdAt: at("2026-11-08T10:00:00Z") } });
    // and another shop's ticket for the same customer id
    await createTestTicket(uniqueShop("timeline-other"), { customerId, subject: "Not mine" });
    // WHEN
    const timeline = await customerTimeline(shop, { customerId });
    // THEN
    expect(timeline.entries.map((e) => [e.kind, e.title])).toEqual([
      ["rating", `Rated ticket #${t.number} 5 of 5`],
      ["message", `Customer wrote on #${t.number}`],
      ["ticket", `Ticket #${t.number} opened: Late`],
      ["money", "refund · succeeded"],
      ["return", "Return for #1001"],
      ["order", "Order #1001"],
    ]);
    expect(timeline.hasNext).toBe(false);
    await expect(customerTimeline(shop, { customerId }, -1)).rejects.toMatchObject({ code: "invalid" });
  });

  it("pages through a long history", async () => {
    const shop = uniqueShop("timeline-pages");
    const customerId = "gid://shopify/Customer/78";
    for (let i = 0; i < 30; i++) {
      await prisma.orderMirror.create({ data: { shop, orderId: `gid://shopify/Order/${i}`, name: `#${1000 + i}`, customerId, orderCreatedAt: new Date(Date.UTC(2026, 0, 1 + i)), shopifyUpdatedAt: new Date(), totalMinor: 100n, currencyCode: "USD", lineCount: 1 } });
    }
    const first = await customerTimeline(shop, { customerId }, 0);
    const second = await customerTimeline(shop, { customerId }, 1);
    expect(first.entries).toHaveLength(25);
    expect(first.entries[0]?.title).toBe("Order #1029");
    expect(first.hasNext).toBe(true);
    expect(second.entries.map((e) => e.title)).toEqual(["Order #1004", "Order #1003", "Order #1002", "Order #1001", "Order #1000"]);
    expect(second.hasNext).toBe(false);
  });
});
