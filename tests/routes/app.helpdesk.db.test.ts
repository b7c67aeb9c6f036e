import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import CustomerTimelinePage, { loader as customerLoader } from "~/routes/app.customers.$id";
import HelpdeskSettings, { action as helpdeskAction, loader as helpdeskLoader } from "~/routes/app.helpdesk";
import Macros, { action as macrosAction, loader as macrosLoader } from "~/routes/app.macros";
import TicketsInbox, { action as inboxAction, loader as inboxLoader } from "~/routes/app.tickets._index";
import TicketPage, { action as ticketAction, loader as ticketLoader } from "~/routes/app.tickets.$id";
import { renderPage } from "../security/render";
import { DEFAULT_BUSINESS_HOURS } from "~/tickets/sla";
import { createTestTicket } from "../support/factories";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

describe("the macros page (/app/macros)", () => {
  it("creates, lists, edits and deletes a macro, and shows an unknown variable on the field", async () => {
    const shop = newShop("macros-page");
    const post = (json: unknown) => act(macrosAction, adminRequest(shop, "/app/macros", { json }));
    // WHEN a macro with an unknown variable is saved
    const bad = ok(await post({ intent: "create", name: "Hello", body: "Hi {{customer.nickname}}" }));
    // THEN a 422 names it on the body field
    expect(bad.status).toBe(422);
    expect(bad.data).toMatchObject({ ok: false, errors: { body: [expect.stringContaining("Unknown variable {{customer.nickname}}.")] } });
    // WHEN a good one is created, then edited
    expect(ok(await post({ intent: "create", name: "Hello", body: "Hi {{customer.first_name}}", setStatus: "pending", addTags: "greeting" })).data).toEqual({ ok: true, message: "Macro “Hello” saved." });
    const [macro] = ok(await load(macrosLoader, adminRequest(shop, "/app/macros"))).data.macros;
    expect(macro).toMatchObject({ name: "Hello", setStatus: "pending", addTags: ["greeting"] });
    expect(ok(await post({ intent: "create", name: "Hello", body: "Again" })).status).toBe(409);
    expect(ok(await post({ intent: "update", macroId: macro?.id, name: "Hello there", body: "Hi {{customer.first_name}}!" })).data.ok).toBe(true);
    // THEN deleting removes it; another shop cannot delete it
    expect(ok(await act(macrosAction, adminRequest(newShop("macros-other"), "/app/macros", { json: { intent: "delete", macroId: macro?.id } }))).status).toBe(404);
    expect(ok(await post({ intent: "delete", macroId: macro?.id })).data).toEqual({ ok: true, message: "Macro deleted." });
    expect(await prisma.macro.count({ where: { shop } })).toBe(0);
  });
});

describe("the SLA settings page (/app/helpdesk)", () => {
  it("seeds default targets on first visit and saves new hours and targets", async () => {
    const shop = newShop("helpdesk-page");
    const { data } = ok(await load(helpdeskLoader, adminRequest(shop, "/app/helpdesk")));
    expect(data.hours).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(data.targets.map((t) => [t.category, t.priority, t.firstResponseMinutes])).toEqual(
      expect.arrayContaining([["any", "urgent", 60], ["any", "high", 240], ["any", "normal", 480], ["any", "low", 1440]]),
    );
    const post = (settings: unknown) => act(helpdeskAction, adminRequest(shop, "/app/helpdesk", { json: { intent: "save_sla", settings } }));
    const saturday = { ...DEFAULT_BUSINESS_HOURS, sat: [[600, 840]] };
    expect(ok(await post({ hours: saturday, targets: data.targets })).data.ok).toBe(true);
    expect(ok(await load(helpdeskLoader, adminRequest(shop, "/app/helpdesk"))).data.hours.sat).toEqual([[600, 840]]);
    const closed = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
    const refused = ok(await post({ hours: closed, targets: data.targets }));
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ ok: false, errors: { hours: ["Open at least one day a week, or no ticket could ever be due."] } });
  });
});

describe("the inbox's help desk tools", () => {
  it("toggles the agent's availability, and available agents get new tickets in turn", async () => {
    const shop = newShop("availability");
    // WHEN agent 42 says they take tickets
    expect(ok(await act(inboxAction, adminRequest(shop, "/app/tickets", { form: { intent: "set_availability", available: "true" } }))).data).toEqual({ ok: true, message: "You are taking new tickets." });
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets"))).data.available).toBe(true);
    // THEN a new ticket is theirs
    expect((await createTestTicket(shop)).assignee).toBe("staff:42");
    expect(ok(await act(inboxAction, adminRequest(shop, "/app/tickets", { form: { intent: "set_availability", available: "maybe" } }))).status).toBe(422);
  });

  it("filters breaching-soon tickets and by tag", async () => {
    const shop = newShop("inbox-sla");
    const t = await createTestTicket(shop, { priority: "urgent" });
    await prisma.ticket.update({ where: { id: t.id }, data: { slaDueAt: new Date(Date.now() + 20 * 60_000) } });
    const other = await createTestTicket(shop);
    await act(ticketAction, adminRequest(shop, `/app/tickets/${other.id}`, { json: { intent: "add_tag", tag: "VIP" } }), { id: other.id });
    const rows = async (query: string) => ok(await load(inboxLoader, adminRequest(shop, `/app/tickets?${query}`))).data.rows;
    const soon = await rows("sla=soon");
    expect(soon.map((r) => r.id)).toEqual([t.id]);
    expect(soon[0]?.sla).toMatchObject({ state: "soon", label: expect.stringMatching(/^Due in (19|20) min$/) });
    expect((await rows("tag=vip")).map((r) => [r.id, r.tags])).toEqual([[other.id, ["vip"]]]);
    expect(ok(await load(inboxLoader, adminRequest(shop, "/app/tickets?sla=someday"))).status).toBe(422);
  });
});

describe("the ticket page's help desk actions", () => {
  it("tags, previews and applies a macro, and merges into another ticket of the customer", async () => {
    const shop = newShop("ticket-helpdesk");
    const target = await createTestTicket(shop, { customerId: "gid://shopify/Customer/9", customerName: "Ivy Chen" });
    const t = await createTestTicket(shop, { customerId: "gid://shopify/Customer/9", customerName: "Ivy Chen", firstMessage: { authorType: "customer", body: "Hello?" } });
    const post = (json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json }), { id: t.id });
    await act(macrosAction, adminRequest(shop, "/app/macros", { json: { intent: "create", name: "Ack", body: "Hi {{customer.first_name}}, this is {{agent.name}}.", addTags: "acked" } }));
    const macro = await prisma.macro.findFirstOrThrow({ where: { shop } });
    // tags
    expect(ok(await post({ intent: "add_tag", tag: "Late" })).data).toEqual({ ok: true, message: "Tagged late." });
    expect(ok(await post({ intent: "add_tag", tag: "no spaces!" })).status).toBe(422);
    // the page lists macros, tags and the timeline link
    const page = ok(await load(ticketLoader, adminRequest(shop, `/app/tickets/${t.id}`), { id: t.id })).data;
    expect(page).toMatchObject({ macros: [{ id: macro.id, name: "Ack" }], tags: ["late"], timelineUrl: "/app/customers/9" });
    // preview, then apply
    const preview = ok(await post({ intent: "preview_macro", macroId: macro.id, locale: "en" })).data;
    expect(preview).toEqual({ ok: true, message: "Preview ready.", preview: { body: "Hi Ivy, this is Sam Novak.", missing: [], setStatus: null, addTags: ["acked"] } });
    expect(ok(await post({ intent: "apply_macro", macroId: macro.id, body: "Hi Ivy, this is Sam Novak." })).data).toEqual({ ok: true, message: `Reply sent; ticket #${t.number} is open.` });
    expect((await prisma.ticketTag.findMany({ where: { ticketId: t.id }, orderBy: { tag: "asc" } })).map((x) => x.tag)).toEqual(["acked", "late"]);
    // merge
    expect(ok(await post({ intent: "merge", targetId: target.id })).data).toEqual({ ok: true, message: `Ticket #${t.number} merged into #${target.number}.` });
    expect(await prisma.ticketMessage.count({ where: { ticketId: target.id } })).toBe(3);
    const stranger = await createTestTicket(shop, { customerId: "gid://shopify/Customer/10" });
    const refused = ok(await act(ticketAction, adminRequest(shop, `/app/tickets/${target.id}`, { json: { intent: "merge", targetId: stranger.id } }), { id: target.id }));
    expect(refused.status).toBe(409);
  });
});

describe("the customer timeline page (/app/customers/:id)", () => {
  it("shows one customer's history, by id or by email, never another shop's", async () => {
    const shop = newShop("timeline-page");
    const t = await createTestTicket(shop, { customerId: "gid://shopify/Customer/31", customerEmail: "Ivy@Example.com", subject: "Hi" });
    await createTestTicket(newShop("timeline-elsewhere"), { customerId: "gid://shopify/Customer/31", subject: "Elsewhere" });
    const byId = ok(await load(customerLoader, adminRequest(shop, "/app/customers/31"), { id: "31" })).data;
    expect(byId.entries.map((e) => e.title)).toEqual([`Ticket #${t.number} opened: Hi`]);
    const byEmail = ok(await load(customerLoader, adminRequest(shop, "/app/customers/email?email=Ivy%40Example.com"), { id: "email" })).data;
    expect(byEmail.entries.map((e) => e.url)).toEqual([`/app/tickets/${t.id}`]);
    const bad = await load(customerLoader, adminRequest(shop, "/app/customers/abc"), { id: "abc" });
    expect(bad instanceof Response && bad.status).toBe(422);
    const badPage = await load(customerLoader, adminRequest(shop, "/app/customers/31?page=-3"), { id: "31" });
    expect(badPage instanceof Response && badPage.status).toBe(422);
  });
});

describe("the help desk pages render", () => {
  it("shows macros, SLA settings, the inbox badges, the ticket's macro picker and the timeline, with typed markup as text", async () => {
    // GIVEN a macro named with markup, a tagged ticket breaching soon for a customer
    const shop = newShop("render");
    const markup = "<script>alert(1)</script>";
    await act(macrosAction, adminRequest(shop, "/app/macros", { json: { intent: "create", name: markup, body: "Hi {{customer.first_name}}" } }));
    const t = await createTestTicket(shop, { customerId: "gid://shopify/Customer/44", customerName: "Ivy Chen", subject: "Late parcel" });
    await prisma.ticket.update({ where: { id: t.id }, data: { slaDueAt: new Date(Date.now() + 10 * 60_000) } });
    await act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json: { intent: "add_tag", tag: "vip" } }), { id: t.id });
    // WHEN each page renders with its loader's data
    const data = async (loader: Parameters<typeof load>[0], path: string, params: Record<string, string> = {}) => ok(await load(loader, adminRequest(shop, path), params)).data;
    const macros = await renderPage(Macros, await data(macrosLoader, "/app/macros"));
    const settings = await renderPage(HelpdeskSettings, await data(helpdeskLoader, "/app/helpdesk"));
    const inbox = await renderPage(TicketsInbox, await data(inboxLoader, "/app/tickets"));
    const ticket = await renderPage(TicketPage, await data(ticketLoader, `/app/tickets/${t.id}`, { id: t.id }));
    const timeline = await renderPage(CustomerTimelinePage, await data(customerLoader, "/app/customers/44", { id: "44" }));
    // THEN
    expect(macros).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(macros).not.toContain(markup);
    expect(settings).toContain("Monday");
    expect(inbox).toMatch(/Due in (9|10) min/);
    expect(inbox).toContain("vip");
    expect(ticket).toContain("Apply macro");
    expect(ticket).toContain("/app/customers/44");
    expect(timeline).toContain("Late parcel");
  });
});
