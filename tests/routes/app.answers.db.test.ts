import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { action as returnAction } from "~/routes/app.returns.$id";
import { action as ticketAction } from "~/routes/app.tickets.$id";
import { createReturnCase, createTestTicket } from "../support/factories";
import { act, adminRequest, APP_URL, newShop, useSimulator } from "./app.support";

// What the admin doors answer when the request or Shopify is the problem: words the agent can
// act on and the right status, never a 500 with a stack.
let harness: ReturnType<typeof useSimulator>;
beforeAll(() => {
  harness = useSimulator();
});
afterAll(async () => {
  harness.stop();
  await prisma.$disconnect();
});

/** A request from the embedded admin carrying `body` as sent, with the App Bridge token of `shop`. */
function rawAdminRequest(shop: string, path: string, body: BodyInit, contentType = "application/json"): Request {
  const signed = adminRequest(shop, path, { json: {} });
  const headers = new Headers(signed.headers);
  headers.set("Content-Type", contentType);
  return new Request(`${APP_URL}${path}`, { method: "POST", headers, body });
}

describe("admin actions when Shopify throttles", () => {
  it("answers a refund that meets Shopify's rate limit with 503, Retry-After and a sentence the agent can act on", async () => {
    // GIVEN a received return in Shopify, and a store whose API bucket can never hold the order read
    const shop = newShop("throttle");
    const rc = await createReturnCase(shop, { status: "received" });
    await prisma.returnCase.update({ where: { id: rc.id }, data: { shopifyReturnId: "gid://shopify/Return/9001" } });
    harness.sim().setRateLimit(shop, { maximumAvailable: 5, restoreRate: 1000 });
    // WHEN the agent refunds it
    const answer = await returnAction({ request: adminRequest(shop, `/app/returns/${rc.id}`, { json: { intent: "refund" } }), params: { id: rc.id }, context: {} });
    // THEN 503 with the wait Shopify's throttle status implies, and no money row was written
    expect(answer).toMatchObject({
      init: { status: 503, headers: { "Retry-After": "1" } },
      data: { ok: false, message: "Shopify is limiting requests for this store right now (API rate limit), so this action did not finish. Try again in 1 second." },
    });
    expect(await prisma.moneyMovement.count({ where: { shop } })).toBe(0);
  });
});

describe("admin action bodies", () => {
  it("answers an agent's reply with a lone UTF-16 surrogate with 400 in words, and stores nothing", async () => {
    // GIVEN an open ticket
    const shop = newShop("surrogate");
    const ticket = await createTestTicket(shop, { subject: "Where is my parcel?" });
    const before = await prisma.ticketMessage.count({ where: { shop } });
    // WHEN a reply arrives whose JSON carries "\ud800"
    const request = rawAdminRequest(shop, `/app/tickets/${ticket.id}`, '{"intent":"reply","visibility":"public","body":"On its way \\ud800"}');
    const answer = await act(ticketAction, request, { id: ticket.id });
    // THEN 400 naming the field, and no message was stored
    expect(answer).toMatchObject({ status: 400, data: { ok: false, message: 'The text in "body" contains an invalid character (a lone UTF-16 surrogate). Remove it and try again.' } });
    expect(await prisma.ticketMessage.count({ where: { shop } })).toBe(before);
  });

  it("answers a 10 MB JSON action with 413 before reading it whole", async () => {
    const shop = newShop("big-body");
    const rc = await createReturnCase(shop, { status: "requested" });
    const request = rawAdminRequest(shop, `/app/returns/${rc.id}`, JSON.stringify({ intent: "decline", reason: "x".repeat(10 * 1024 * 1024) }));
    const answer = await act(returnAction, request, { id: rc.id });
    expect(answer).toMatchObject({
      status: 413,
      data: { ok: false, message: "That is more than Aftercare accepts in one save (256 KB). Shorten the text or select fewer items." },
    });
    expect((await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe("requested");
  });
});
