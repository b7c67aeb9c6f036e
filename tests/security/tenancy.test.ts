/**
 * Another shop's id is as good as none. Every route that takes an id — returns, tickets,
 * photos, orders, lines — answers a 4xx when the id belongs to another shop (or, on the
 * storefront, to another order than the shopper's), and changes nothing in either shop.
 */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { savePhoto } from "~/portal/photos.server";
import { type RETURN_ACTION_INTENTS } from "~/returns/actions.schemas";
import { addMessage, createTicket } from "~/tickets/tickets.server";
import { adminRequest, newShop } from "../routes/app.support";
import { createReturnCase, createTestTicket } from "../support/factories";
import { dig, str } from "../support/json";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { customerAccountRequest, customerAccountToken, type CustomerAccountRequestOptions } from "../support/customer-account";
import { admin, customerAccount, proxy } from "./routes";
import { numeric, portalToken, refusedWithoutTrace, send, changes, checkThisFile, signedProxy, snapshot, storeForThisFile, type ProxyOptions, type Route } from "./support";

const sim = storeForThisFile();

const order1001 = FIXTURES.order1001;
const SHOPS = [DEMO_SHOP, EU_SHOP];

describe("the storefront with another shop's or another order's ids", () => {
  let token = "";
  let euOrder = "";
  let euReturn = "";
  let euTicket = "";
  let euPhoto = "";
  let noahsReturn = "";
  let noahsTicket = "";

  beforeAll(async () => {
    token = portalToken(DEMO_SHOP, order1001.id);
    const { body } = await sim().graphql(EU_SHOP, "{ orders(first: 1) { nodes { id } } }", {});
    euOrder = str(dig(body, "data", "orders", "nodes", 0, "id"));
    euReturn = (await createReturnCase(EU_SHOP, { orderId: euOrder, status: "approved" })).id;
    const ticket = await createTicket(EU_SHOP, { subject: "EU", category: "question_order", channel: "portal", orderId: euOrder, firstMessage: { authorType: "customer", visibility: "public", body: "Hallo" } });
    await addMessage(EU_SHOP, ticket.id, { authorType: "agent", visibility: "public", body: "Guten Tag" }, "staff:1");
    euTicket = ticket.id;
    euPhoto = (await savePhoto(EU_SHOP, { type: "image/jpeg", size: 6, arrayBuffer: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).buffer }, { orderId: null, customerId: null })).photoId;
    // Noah's order in the same shop: another order than the token's
    noahsReturn = (await createReturnCase(DEMO_SHOP, { orderId: FIXTURES.order1003.id, status: "approved" })).id;
    noahsTicket = (await createTestTicket(DEMO_SHOP, { orderId: FIXTURES.order1003.id, firstMessage: { authorType: "customer", visibility: "public", body: "Hi" } })).id;
  });

  const clientKey = () => `ck_ten_${Math.random().toString(36).slice(2, 10)}`;
  const mugLine = (extra: Record<string, unknown> = {}) => ({ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind", ...extra });

  it("answers 4xx to every id that is not the shopper's, and writes nothing", async () => {
    const cases: { name: string; route: Route; path: string; options?: Partial<ProxyOptions>; params?: Record<string, string> }[] = [
      { name: "status of another shop's return", route: proxy.status, path: "/returns/x", params: { returnId: euReturn } },
      { name: "status of another order's return", route: proxy.status, path: "/returns/x", params: { returnId: noahsReturn } },
      { name: "reply on another shop's ticket", route: proxy.reply, path: "/tickets/x/messages", options: { body: { message: "Hi" } }, params: { ticketId: euTicket } },
      { name: "reply on another order's ticket", route: proxy.reply, path: "/tickets/x/messages", options: { body: { message: "Hi" } }, params: { ticketId: noahsTicket } },
      { name: "rating of another shop's ticket", route: proxy.rating, path: "/tickets/x/rating", options: { body: { score: 1 } }, params: { ticketId: euTicket } },
      { name: "rating of another order's ticket", route: proxy.rating, path: "/tickets/x/rating", options: { body: { score: 1 } }, params: { ticketId: noahsTicket } },
      { name: "eligibility of another shop's order", route: proxy.eligibility, path: "/orders/x/eligibility", params: { orderId: numeric(euOrder) } },
      { name: "eligibility of another order", route: proxy.eligibility, path: "/orders/x/eligibility", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "tickets of another shop's order", route: proxy.orderTickets, path: "/orders/x/tickets", params: { orderId: numeric(euOrder) } },
      { name: "tickets of another order", route: proxy.orderTickets, path: "/orders/x/tickets", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "returns of another shop's order", route: proxy.orderReturns, path: "/orders/x/returns", params: { orderId: numeric(euOrder) } },
      { name: "returns of another order", route: proxy.orderReturns, path: "/orders/x/returns", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "quote on another shop's order", route: proxy.quote, path: "/quote", options: { body: { orderId: euOrder, resolution: "refund", lines: [mugLine()] } } },
      { name: "return on another shop's order", route: proxy.returns, path: "/returns", options: { body: { orderId: euOrder, resolution: "refund", clientKey: clientKey(), lines: [mugLine()] } } },
      { name: "return on another order", route: proxy.returns, path: "/returns", options: { body: { orderId: FIXTURES.order1003.id, resolution: "refund", clientKey: clientKey(), lines: [mugLine()] } } },
      {
        name: "return of the token's order with a line of another order",
        route: proxy.returns,
        path: "/returns",
        options: { body: { orderId: order1001.id, resolution: "refund", clientKey: clientKey(), lines: [{ lineItemId: "gid://shopify/LineItem/99999999", quantity: 1, reasonCode: "changed_mind" }] } },
      },
      {
        name: "return with another shop's photo",
        route: proxy.returns,
        path: "/returns",
        options: { body: { orderId: order1001.id, resolution: "refund", clientKey: clientKey(), lines: [mugLine({ reasonCode: "damaged", photoIds: [euPhoto] })] } },
      },
      { name: "ticket on another shop's order", route: proxy.tickets, path: "/tickets", options: { body: { kind: "question", subject: "Hi", message: "Hi", orderId: euOrder } } },
      { name: "ticket on another order", route: proxy.tickets, path: "/tickets", options: { body: { kind: "question", subject: "Hi", message: "Hi", orderId: FIXTURES.order1003.id } } },
      {
        name: "signed-in customer's eligibility for someone else's order",
        route: proxy.eligibility,
        path: "/orders/x/eligibility",
        options: { token: undefined, customerId: numeric(FIXTURES.noah.id) },
        params: { orderId: numeric(order1001.id) },
      },
    ];
    for (const c of cases) {
      const request = await signedProxy(c.path, { shop: DEMO_SHOP, token, ...c.options });
      const response = await refusedWithoutTrace(c.name, SHOPS, c.route, request, c.params ?? {});
      expect([404, 422], c.name).toContain(response.status);
    }
  });

  it("answers 4xx on the customer-accounts door to every id that is not the signed-in customer's, and writes nothing", async () => {
    // GIVEN Ava's session token of the demo shop: Noah's order, return and ticket and the EU shop's are not hers
    const token = await customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id });
    const ca = customerAccount;
    const cases: { name: string; route: Route; path: string; init?: CustomerAccountRequestOptions; params?: Record<string, string> }[] = [
      { name: "status of another shop's return", route: ca.status, path: "/returns/x", params: { returnId: euReturn } },
      { name: "status of another customer's return", route: ca.status, path: "/returns/x", params: { returnId: noahsReturn } },
      { name: "reply on another shop's ticket", route: ca.reply, path: "/tickets/x/messages", init: { body: { message: "Hi" } }, params: { ticketId: euTicket } },
      { name: "reply on another customer's ticket", route: ca.reply, path: "/tickets/x/messages", init: { body: { message: "Hi" } }, params: { ticketId: noahsTicket } },
      { name: "rating of another customer's ticket", route: ca.rating, path: "/tickets/x/rating", init: { body: { score: 1 } }, params: { ticketId: noahsTicket } },
      { name: "eligibility of another shop's order", route: ca.eligibility, path: "/orders/x/eligibility", params: { orderId: numeric(euOrder) } },
      { name: "eligibility of another customer's order", route: ca.eligibility, path: "/orders/x/eligibility", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "tickets of another customer's order", route: ca.orderTickets, path: "/orders/x/tickets", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "returns of another customer's order", route: ca.orderReturns, path: "/orders/x/returns", params: { orderId: numeric(FIXTURES.order1003.id) } },
      { name: "quote on another shop's order", route: ca.quote, path: "/quote", init: { body: { orderId: euOrder, resolution: "refund", lines: [mugLine()] } } },
      { name: "return on another customer's order", route: ca.returns, path: "/returns", init: { body: { orderId: FIXTURES.order1003.id, resolution: "refund", clientKey: clientKey(), lines: [mugLine()] } } },
      {
        name: "return with another shop's photo",
        route: ca.returns,
        path: "/returns",
        init: { body: { orderId: order1001.id, resolution: "refund", clientKey: clientKey(), lines: [mugLine({ reasonCode: "damaged", photoIds: [euPhoto] })] } },
      },
      { name: "ticket on another customer's order", route: ca.tickets, path: "/tickets", init: { body: { kind: "question", subject: "Hi", message: "Hi", orderId: FIXTURES.order1003.id } } },
    ];
    for (const c of cases) {
      const response = await refusedWithoutTrace(`customer-account ${c.name}`, SHOPS, c.route, customerAccountRequest(c.path, { ...c.init, token }), c.params ?? {});
      expect([404, 422], c.name).toContain(response.status);
    }
  });

  it("lists a signed-in customer's own orders only, never another shop's", async () => {
    const before = await snapshot(SHOPS);
    const response = await send("orders of a signed-in customer", "accept", proxy.orders, await signedProxy("/orders", { shop: DEMO_SHOP, customerId: numeric(FIXTURES.ava.id) }));
    const { orders } = (await response.json()) as { orders: { id: string }[] };
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.map((o) => o.id)).not.toContain(euOrder);
    expect(orders.map((o) => o.id)).not.toContain(FIXTURES.order1003.id);
    expect(changes(before, await snapshot(SHOPS))).toEqual([]);
  });
});

describe("the admin with another shop's ids", () => {
  let attacker = "";
  let victim = "";
  let theirs: Awaited<ReturnType<typeof createReturnCase>>;
  let ours: Awaited<ReturnType<typeof createReturnCase>>;
  let theirTicket = "";

  beforeAll(async () => {
    attacker = newShop("sec-attacker");
    victim = newShop("sec-victim");
    theirs = await createReturnCase(victim, { status: "received", lines: [{ quantityRequested: 1 }] });
    ours = await createReturnCase(attacker, { status: "approved", lines: [{ quantityRequested: 1 }] });
    theirTicket = (await createTestTicket(victim, { firstMessage: { authorType: "customer", visibility: "public", body: "Hi" } })).id;
    // The attacker's staff member signs in once (token exchange), as before any real action.
    await send("warm-up: the attacker's queue", "accept", admin.queue, adminRequest(attacker, "/app/returns"));
  });

  const intentBodies = (lineId: string): Record<(typeof RETURN_ACTION_INTENTS)[number] | "open_ticket", Record<string, unknown>> => ({
    approve: { intent: "approve" },
    decline: { intent: "decline", reason: "No" },
    receive: { intent: "receive", lines: [{ lineId, quantity: 1 }] },
    refund: { intent: "refund" },
    store_credit: { intent: "store_credit" },
    exchange: { intent: "exchange" },
    partial_refund: { intent: "partial_refund", amount: "1.00", note: "Goodwill", actionId: "act_security_tenancy_1" },
    fee_override: { intent: "fee_override", fee: "0.00", note: "Waived" },
    cancel: { intent: "cancel", reason: "Stop" },
    close: { intent: "close" },
    open_ticket: { intent: "open_ticket", subject: "Hijack" },
  });

  it("answers 404 to every read and action on another shop's return, and changes neither shop", async () => {
    const shops = [attacker, victim];
    const read = await refusedWithoutTrace("read another shop's return", shops, admin.returnPage, adminRequest(attacker, `/app/returns/${theirs.id}`), { id: theirs.id });
    expect(read.status).toBe(404);
    for (const [intent, json] of Object.entries(intentBodies(theirs.lines[0]?.id ?? ""))) {
      const response = await refusedWithoutTrace(`${intent} on another shop's return`, shops, admin.returnAction, adminRequest(attacker, `/app/returns/${theirs.id}`, { json }), { id: theirs.id });
      expect(response.status, intent).toBe(404);
    }
    // AND the attacker's own return cannot receive another shop's line
    const foreignLine = await refusedWithoutTrace(
      "receive another shop's line on our return",
      shops,
      admin.returnAction,
      adminRequest(attacker, `/app/returns/${ours.id}`, { json: { intent: "receive", lines: [{ lineId: theirs.lines[0]?.id ?? "", quantity: 1 }] } }),
      { id: ours.id },
    );
    expect([404, 409, 422]).toContain(foreignLine.status);
  });

  it("changes nothing when the bulk actions name another shop's returns, and says so", async () => {
    const forms: Record<string, string>[] = [
      { intent: "bulk_approve", ids: theirs.id },
      { intent: "bulk_decline", ids: theirs.id, reason: "No" },
    ];
    for (const form of forms) {
      const before = await snapshot([attacker, victim]);
      const response = await send(`${form.intent} with another shop's id`, "any", admin.queueAction, adminRequest(attacker, "/app/returns", { form }));
      const answer = (await response.json()) as { message: string };
      expect(answer.message).toMatch(/^(Approved|Declined) 0 returns; 1 could not be changed\.$/);
      expect(changes(before, await snapshot([attacker, victim])), form.intent).toEqual([]);
    }
  });

  it("answers 404 to every read and action on another shop's ticket, and changes neither shop", async () => {
    const shops = [attacker, victim];
    expect((await refusedWithoutTrace("read another shop's ticket", shops, admin.ticketPage, adminRequest(attacker, `/app/tickets/${theirTicket}`), { id: theirTicket })).status).toBe(404);
    for (const json of [
      { intent: "reply", body: "Hijacked", visibility: "public" },
      { intent: "reply", body: "Hijacked", visibility: "internal" },
      { intent: "set_status", status: "closed" },
      { intent: "update_fields", priority: "urgent", assignee: "staff:42" },
    ]) {
      const response = await refusedWithoutTrace(`${json.intent} on another shop's ticket`, shops, admin.ticketAction, adminRequest(attacker, `/app/tickets/${theirTicket}`, { json }), { id: theirTicket });
      expect(response.status, json.intent).toBe(404);
    }
    expect(await prisma.ticketMessage.count({ where: { ticketId: theirTicket, body: "Hijacked" } })).toBe(0);
  });
});

checkThisFile(import.meta.url);
