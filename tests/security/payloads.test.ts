/**
 * Markup typed into any text field — by a shopper on the storefront, or by a staff member in
 * the admin — is stored as it was typed and comes back as data: exactly the same string in
 * the JSON answers, and escaped text (never an element or an attribute) in the pages the admin
 * renders. (Text that cannot be stored at all has its own file: text.db.test.ts.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import ReturnPage from "~/routes/app.returns.$id";
import ReturnsQueue from "~/routes/app.returns._index";
import Settings from "~/routes/app.settings";
import TicketPage from "~/routes/app.tickets.$id";
import TicketsInbox from "~/routes/app.tickets._index";
import type { EligibilityResponse, TicketResponse, TicketsResponse } from "~/returns/portal-contract";
import { transitionTicket } from "~/tickets/tickets.server";
import { adminRequest } from "../routes/app.support";
import { createReturnCase } from "../support/factories";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { loaderData, renderPage } from "./render";
import { admin, proxy } from "./routes";
import {
  assertInertHtml,
  checkThisFile,
  numeric,
  portalToken,
  SCRIPT_PAYLOADS,
  send,
  signedProxy,
  storeForThisFile,
  type Route,
} from "./support";

storeForThisFile();

const order1001 = FIXTURES.order1001;
const ORDER = numeric(order1001.id);
const ALL = SCRIPT_PAYLOADS.join("\n");
let token = "";

beforeAll(() => {
  token = portalToken(DEMO_SHOP, order1001.id);
});

/** React's escaping of text: what a payload must look like inside the rendered page. */
function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

async function portal(label: string, route: Route, path: string, body: unknown, params: Record<string, string> = {}): Promise<Response> {
  return send(label, "any", route, await signedProxy(path, { shop: DEMO_SHOP, token, body }), params);
}

async function adminJson(label: string, route: Route, path: string, json: unknown, params: Record<string, string> = {}): Promise<Response> {
  return send(label, "any", route, adminRequest(DEMO_SHOP, path, { json }), params);
}

async function adminPage(route: Route, path: string, params: Record<string, string> = {}): Promise<unknown> {
  const data = await loaderData(route, adminRequest(DEMO_SHOP, path), params);
  // The loader's answer goes through the recorder too: it is a request the suite sends.
  await send(`GET ${path}`, "accept", route, adminRequest(DEMO_SHOP, path), params);
  return data;
}

function expectJsonAnswer(response: Response): void {
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
}

describe("markup a shopper types", () => {
  it("comes back exactly as typed in the portal's JSON, and as escaped text in every admin page that shows it", async () => {
    // GIVEN one question per payload (the payload as its subject), a reply and a rating comment with all of them
    const asked: TicketResponse[] = [];
    for (const payload of SCRIPT_PAYLOADS) {
      const response = await portal("POST /tickets with markup", proxy.tickets, "/tickets", { kind: "question", subject: payload, message: `${payload}\n${ALL}`, orderId: order1001.id });
      expect(response.status, payload).toBe(201);
      asked.push((await response.json()) as TicketResponse);
    }
    const first = asked[0]?.ticketId ?? "";
    expect((await portal("POST reply with markup", proxy.reply, "/tickets/x/messages", { message: ALL }, { ticketId: first })).status).toBe(201);
    const rated = asked[1]?.ticketId ?? "";
    await transitionTicket(DEMO_SHOP, rated, "solved", "staff:1");
    expect((await portal("POST rating with markup", proxy.rating, "/tickets/x/rating", { score: 1, comment: ALL }, { ticketId: rated })).status).toBe(200);
    // ... and a return of the mug with all of them as its note
    const created = await portal("POST /returns with a markup note", proxy.returns, "/returns", {
      orderId: order1001.id,
      resolution: "refund",
      clientKey: `ck_markup_${Date.now().toString(36)}`,
      lines: [{ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind", note: ALL }],
    });
    expect(created.status).toBe(201);
    const { returnId } = (await created.json()) as { returnId: string };

    // WHEN the shopper reads the conversations back
    const listed = await send("GET order tickets", "accept", proxy.orderTickets, await signedProxy(`/orders/${ORDER}/tickets`, { shop: DEMO_SHOP, token }), { orderId: ORDER });
    // THEN the JSON holds every payload exactly as typed
    expectJsonAnswer(listed);
    const { tickets } = (await listed.json()) as TicketsResponse;
    expect(tickets.map((t) => t.subject).sort()).toEqual([...SCRIPT_PAYLOADS].sort());
    const firstTicket = tickets.find((t) => t.id === first);
    expect(firstTicket?.messages.map((m) => m.body)).toEqual([`${SCRIPT_PAYLOADS[0]}\n${ALL}`, ALL]);
    expect(tickets.find((t) => t.id === rated)?.rating).toEqual({ score: 1, comment: ALL });
    // AND the database holds them as typed
    expect((await prisma.returnLine.findFirstOrThrow({ where: { returnCaseId: returnId } })).note).toBe(ALL);

    // WHEN the agent opens the inbox, the ticket and the return
    const inboxHtml = await renderPage(TicketsInbox, await adminPage(admin.inbox, "/app/tickets"));
    const ticketHtml = await renderPage(TicketPage, await adminPage(admin.ticketPage, `/app/tickets/${first}`, { id: first }));
    const ratedHtml = await renderPage(TicketPage, await adminPage(admin.ticketPage, `/app/tickets/${rated}`, { id: rated }));
    const returnHtml = await renderPage(ReturnPage, await adminPage(admin.returnPage, `/app/returns/${returnId}`, { id: returnId }));
    const queueHtml = await renderPage(ReturnsQueue, await adminPage(admin.queue, "/app/returns"));
    // THEN every page shows the markup as text
    for (const html of [inboxHtml, ticketHtml, ratedHtml, returnHtml, queueHtml]) assertInertHtml(html);
    // (the inbox opens on open tickets: the rated one is solved)
    for (const payload of SCRIPT_PAYLOADS.filter((_, i) => i !== 1)) expect(inboxHtml.includes(escaped(payload)), `inbox shows ${payload} as text`).toBe(true);
    for (const payload of SCRIPT_PAYLOADS) expect(ticketHtml.includes(escaped(payload)), `ticket page shows ${payload} as text`).toBe(true);
    expect(ratedHtml.includes(escaped(ALL)) || ratedHtml.includes(escaped(SCRIPT_PAYLOADS[1])), "the rated ticket shows its markup as text").toBe(true);
    expect(returnHtml.includes(escaped(SCRIPT_PAYLOADS[1])), "the return page shows the note as text").toBe(true);
    expect(queueHtml.includes("#1001"), "the queue lists the return").toBe(true);
  });
});

describe("markup a staff member types", () => {
  it("comes back exactly as typed in the admin's data and the portal's JSON, and as escaped text in the admin's pages", async () => {
    // GIVEN a policy whose reasons and text are markup
    const reasons = SCRIPT_PAYLOADS.map((label, i) => ({ code: `reason_${i}`, label: label.slice(0, 100), requiresPhoto: false }));
    const saved = await adminJson("POST save_policy with markup", admin.settingsAction, "/app/settings", { intent: "save_policy", policy: { ...DEFAULT_POLICY, reasons, policyText: ALL } });
    expect(saved.status).toBe(200);
    // ... a return declined with markup, a ticket opened on it with markup, and a markup reply
    const rc = await createReturnCase(DEMO_SHOP, { orderId: order1001.id, status: "requested" });
    expect((await adminJson("POST decline with markup", admin.returnAction, `/app/returns/${rc.id}`, { intent: "decline", reason: ALL }, { id: rc.id })).status).toBe(200);
    expect((await adminJson("POST open_ticket with markup", admin.returnAction, `/app/returns/${rc.id}`, { intent: "open_ticket", subject: SCRIPT_PAYLOADS[0], note: ALL }, { id: rc.id })).status).toBe(200);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop: DEMO_SHOP, returnCaseId: rc.id } });
    expect((await adminJson("POST reply with markup", admin.ticketAction, `/app/tickets/${ticket.id}`, { intent: "reply", body: ALL, visibility: "public" }, { id: ticket.id })).status).toBe(200);

    // WHEN the shopper's portal reads the policy
    const eligibility = await send("GET eligibility", "accept", proxy.eligibility, await signedProxy(`/orders/${ORDER}/eligibility`, { shop: DEMO_SHOP, token }), { orderId: ORDER });
    // THEN the labels and the text are the same strings, in JSON
    expectJsonAnswer(eligibility);
    const body = (await eligibility.json()) as EligibilityResponse;
    expect(body.reasons.map((r) => r.label)).toEqual(reasons.map((r) => r.label));
    expect(body.policyText.join("\n")).toContain(SCRIPT_PAYLOADS[0]);

    // WHEN the admin shows the return, the ticket and the settings
    const returnData = await adminPage(admin.returnPage, `/app/returns/${rc.id}`, { id: rc.id });
    expect(JSON.stringify(returnData)).toContain(JSON.stringify(ALL).slice(1, -1));
    const pages = [
      await renderPage(ReturnPage, returnData),
      await renderPage(TicketPage, await adminPage(admin.ticketPage, `/app/tickets/${ticket.id}`, { id: ticket.id })),
      await renderPage(Settings, await adminPage(admin.settings, "/app/settings")),
    ];
    // THEN each shows the markup as text only
    for (const html of pages) assertInertHtml(html);
    expect(pages[0]?.includes(escaped(SCRIPT_PAYLOADS[2])), "the return page shows the decline reason as text").toBe(true);
    expect(pages[1]?.includes(escaped(SCRIPT_PAYLOADS[0])), "the ticket page shows the subject as text").toBe(true);
    expect(pages[1]?.includes(escaped(SCRIPT_PAYLOADS[2])), "the ticket page shows the reply as text").toBe(true);
    expect(pages[2]?.includes(escaped(SCRIPT_PAYLOADS[3])), "the settings page shows the reason label as text").toBe(true);
  });
});

checkThisFile(import.meta.url);
