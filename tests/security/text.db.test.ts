/**
 * Text no database can store as text is refused at the door with a clear 4xx, on every text
 * field, and nothing is stored: a lone UTF-16 surrogate (not Unicode at all) and a NUL character
 * (PostgreSQL's text cannot hold it). Runs on SQLite and PostgreSQL (*.db.test.ts).
 */
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import type { TicketResponse } from "~/returns/portal-contract";
import { transitionTicket } from "~/tickets/tickets.server";
import { adminRequest } from "../routes/app.support";
import { createReturnCase } from "../support/factories";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { admin, proxy } from "./routes";
import { changes, checkThisFile, LONE_SURROGATES, portalToken, send, signedProxy, snapshot, storeForThisFile, type Route } from "./support";

storeForThisFile();

const order1001 = FIXTURES.order1001;
const portal = async (label: string, route: Route, path: string, body: unknown, params: Record<string, string> = {}) =>
  send(label, "any", route, await signedProxy(path, { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), body }), params);

describe("text that is not Unicode", () => {
  const bad = LONE_SURROGATES[0];

  // Being fixed: the proxy answers 500 today (the database layer chokes on the lone surrogate).
  it("is refused on every portal text field with 400, and nothing is stored", async () => {
    // GIVEN a question to reply to and a solved one to rate
    const asked = (await (await portal("POST /tickets", proxy.tickets, "/tickets", { kind: "question", subject: "Plain", message: "Plain", orderId: order1001.id })).json()) as TicketResponse;
    await transitionTicket(DEMO_SHOP, asked.ticketId, "solved", "staff:1");
    const attempts: [string, Route, string, unknown, Record<string, string>][] = [];
    for (const text of LONE_SURROGATES) {
      attempts.push(
        ["ticket subject", proxy.tickets, "/tickets", { kind: "question", subject: text, message: "Hello", orderId: order1001.id }, {}],
        ["ticket message", proxy.tickets, "/tickets", { kind: "question", subject: "Hello", message: text, orderId: order1001.id }, {}],
        ["reply", proxy.reply, "/tickets/x/messages", { message: text }, { ticketId: asked.ticketId }],
        ["rating comment", proxy.rating, "/tickets/x/rating", { score: 3, comment: text }, { ticketId: asked.ticketId }],
        [
          "return note",
          proxy.returns,
          "/returns",
          { orderId: order1001.id, resolution: "refund", clientKey: `ck_sur_${Math.random().toString(36).slice(2, 10)}`, lines: [{ lineItemId: order1001.tee.lineItemId, quantity: 1, reasonCode: "changed_mind", note: text }] },
          {},
        ],
      );
    }
    for (const [field, route, path, body, params] of attempts) {
      const before = await snapshot([DEMO_SHOP]);
      const response = await send(`lone surrogate in the ${field}`, "reject", route, await signedProxy(path, { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), body }), params);
      expect(response.status, field).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
      expect(changes(before, await snapshot([DEMO_SHOP])), field).toEqual([]);
    }
  });

  // Being fixed with the proxy's: the admin's actions answer 500 today.
  it("is refused on the admin's text fields with a 4xx, and nothing is stored", async () => {
    const rc = await createReturnCase(DEMO_SHOP, { orderId: order1001.id, status: "requested" });
    const ticket = await prisma.ticket.create({ data: { shop: DEMO_SHOP, number: 9000 + Math.floor(Math.random() * 1000), subject: "Plain", category: "question_order", channel: "admin", slaDueAt: new Date() } });
    const attempts: [string, Route, string, unknown, Record<string, string>][] = [
      ["decline reason", admin.returnAction, `/app/returns/${rc.id}`, { intent: "decline", reason: bad }, { id: rc.id }],
      ["ticket subject", admin.returnAction, `/app/returns/${rc.id}`, { intent: "open_ticket", subject: bad }, { id: rc.id }],
      ["ticket note", admin.returnAction, `/app/returns/${rc.id}`, { intent: "open_ticket", subject: "Hi", note: bad }, { id: rc.id }],
      ["reply", admin.ticketAction, `/app/tickets/${ticket.id}`, { intent: "reply", body: bad, visibility: "internal" }, { id: ticket.id }],
      ["policy text", admin.settingsAction, "/app/settings", { intent: "save_policy", policy: { ...DEFAULT_POLICY, policyText: bad } }, {}],
    ];
    // The first admin request of a session records the shop's details and the staff member;
    // that bookkeeping happens before any action is judged, so it is done before the snapshots.
    await send("admin warm-up (return page)", "accept", admin.returnPage, adminRequest(DEMO_SHOP, `/app/returns/${rc.id}`), { id: rc.id });
    for (const [field, route, path, json, params] of attempts) {
      const before = await snapshot([DEMO_SHOP]);
      const response = await send(`lone surrogate in the admin's ${field}`, "reject", route, adminRequest(DEMO_SHOP, path, { json }), params);
      expect(response.status, field).toBeGreaterThanOrEqual(400);
      expect(response.status, field).toBeLessThan(500);
      expect(changes(before, await snapshot([DEMO_SHOP])), field).toEqual([]);
    }
  });
});

describe("a NUL character", () => {
  const nul = "before\u0000after";

  // Not being fixed yet (reported): PostgreSQL refuses the row and the proxy answers 500; SQLite
  // stores it, so the same ticket would not move to PostgreSQL.
  it("is refused on the portal's text fields with 400, and nothing is stored", async () => {
    const attempts: [string, unknown][] = [
      ["ticket subject", { kind: "question", subject: nul, message: "Hello", orderId: order1001.id }],
      ["ticket message", { kind: "question", subject: "Hello", message: nul, orderId: order1001.id }],
    ];
    for (const [field, body] of attempts) {
      const before = await snapshot([DEMO_SHOP]);
      const response = await send(`NUL in the ${field}`, "reject", proxy.tickets, await signedProxy("/tickets", { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), body }));
      expect(response.status, field).toBe(400);
      expect(changes(before, await snapshot([DEMO_SHOP])), field).toEqual([]);
    }
  });
});

checkThisFile(import.meta.url);
