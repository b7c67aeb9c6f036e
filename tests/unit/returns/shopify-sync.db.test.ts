/**
 * A return whose request never reached Shopify (the call failed at request time) must not
 * be a dead end: it waits in review with a ticket, the page says what to do, and approving
 * it (or paying it, once approved) sends it to Shopify first — adopting what an earlier
 * try made, never requesting twice.
 */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { shopifyNextStep } from "~/returns/action-table";
import { performReturnAction } from "~/returns/actions.server";
import { loadReturnFacts } from "~/returns/facts.server";
import type { PortalContext } from "~/returns/portal.server";
import { createPortalReturn } from "~/returns/request.server";
import { FIXTURES, type Simulator } from "../../support/shopify-sim";
import { uniqueShop } from "../../support/factories";
import { rejection } from "../../support/errors";
import { receivedReturnCase, shopifyReturnStatus, simClient, type SimClient } from "../refunds/support";

const AGENT = "staff:42";
const o = FIXTURES.order1001;

afterAll(async () => {
  await prisma.$disconnect();
});

/** The shopper's side: a portal request for #1001's tee, refunded, within policy (approved automatically when Shopify answers). */
async function shopperRequests(shop: string, { client }: SimClient) {
  const now = new Date();
  const seconds = Math.floor(now.getTime() / 1000);
  const ctx: PortalContext = {
    shop,
    client,
    secret: "test-portal-secret",
    now,
    locale: "en",
    customerId: null,
    token: { shop, orderId: o.id, customerId: null, iat: seconds, exp: seconds + 3600 },
    clientKey: `test|${shop}`,
  };
  return createPortalReturn(ctx, {
    orderId: o.id,
    resolution: "refund",
    clientKey: `ck_${shop}`,
    lines: [{ lineItemId: o.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" }],
  });
}

const requestedInShopify = (sim: Simulator) => sim.store.events.filter((e) => e.type === "return.requested").length;

async function returnOf(shop: string, id: string) {
  return prisma.returnCase.findFirstOrThrow({ where: { id, shop }, include: { lines: true } });
}

describe("a return whose Shopify request failed at request time", () => {
  it("is approved by sending it to Shopify first, then refunded — no longer 'approve it first'", async () => {
    // GIVEN Shopify's returnRequest fails while the shopper submits
    const shop = uniqueShop("sync-down");
    const sim = simClient();
    sim.takeDown("PortalReturnRequest");
    const created = await shopperRequests(shop, sim);
    // THEN the return waits in review, not in Shopify, with a system ticket saying what to do
    expect(created).toMatchObject({ status: "needs_review", decision: "needs_review" });
    const held = await returnOf(shop, created.returnId);
    expect(held.shopifyReturnId).toBeNull();
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, returnCaseId: held.id }, include: { messages: true } });
    expect(ticket.subject).toBe("Return request for #1001 did not reach Shopify");
    expect(ticket.messages[0]?.body).toContain("approve it from the return page, which sends it to Shopify first");
    // AND the return page tells the agent the way forward in words
    expect(shopifyNextStep(await loadReturnFacts(shop, held))).toBe(
      "Return #1001 is not in Shopify yet: its request did not reach Shopify. Approve sends it to Shopify first and approves it there; Decline or Cancel keep it in Aftercare only.",
    );

    // WHEN Shopify is back and the agent approves, then refunds
    sim.bringBack("PortalReturnRequest");
    const approved = await performReturnAction(shop, held.id, { intent: "approve" }, AGENT, { client: sim.client });
    const afterApproval = await returnOf(shop, held.id);
    const refunded = await performReturnAction(shop, held.id, { intent: "refund" }, AGENT, { client: sim.client });

    // THEN the approval sent it to Shopify (one request, approved there) and the refund went through
    expect(approved.message).toBe("Return #1001 sent to Shopify and approved.");
    expect(afterApproval.status).toBe("approved");
    expect(afterApproval.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
    expect(requestedInShopify(sim.sim)).toBe(1);
    expect(refunded.message).toMatch(/^Refunded \$\d+\.\d\d to the original payment method\./);
    const after = await returnOf(shop, held.id);
    expect(after.status).toBe("resolved");
    expect(await shopifyReturnStatus(sim.sim, after.shopifyReturnId ?? "")).not.toBe("REQUESTED");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: held.id, action: "return.opened_in_shopify" } });
    expect(audit).toMatchObject({ actor: AGENT, data: { shopifyReturnId: after.shopifyReturnId, adopted: false } });
    expect(await prisma.job.findFirstOrThrow({ where: { shop, dedupeKey: `portal-return-request:${held.id}` } })).toMatchObject({ status: "done" });
  });

  it("adopts the Shopify return a request made before its answer was lost, and requests nothing twice", async () => {
    // GIVEN returnRequest reached Shopify but its answer timed out
    const shop = uniqueShop("sync-lost");
    const sim = simClient();
    sim.timeOutAfterOnce("PortalReturnRequest");
    const created = await shopperRequests(shop, sim);
    expect(created.status).toBe("needs_review");
    expect(requestedInShopify(sim.sim)).toBe(1);
    const requestsSent = sim.sent.filter((s) => s === "PortalReturnRequest").length;
    // WHEN the agent approves
    await performReturnAction(shop, created.returnId, { intent: "approve" }, AGENT, { client: sim.client });
    // THEN the orphan in Shopify became this return's, approved there; no second request was sent
    const after = await returnOf(shop, created.returnId);
    expect(after.status).toBe("approved");
    expect(sim.sent.filter((s) => s === "PortalReturnRequest").length).toBe(requestsSent);
    expect(requestedInShopify(sim.sim)).toBe(1);
    expect(await shopifyReturnStatus(sim.sim, after.shopifyReturnId ?? "")).toBe("OPEN");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: after.id, action: "return.opened_in_shopify" } });
    expect(audit.data).toMatchObject({ adopted: true });
  });

  it("says in words that Shopify is still down, keeps the return in review, and approves on the next try", async () => {
    // GIVEN the request failed and Shopify is still down
    const shop = uniqueShop("sync-still-down");
    const sim = simClient();
    sim.takeDown("PortalReturnRequest");
    const created = await shopperRequests(shop, sim);
    // WHEN the agent approves
    const error = await rejection(performReturnAction(shop, created.returnId, { intent: "approve" }, AGENT, { client: sim.client }));
    // THEN nothing changed, and the answer says what to do
    expect([error.code, error.message]).toEqual([
      "upstream",
      "Shopify did not answer, so return #1001 is still not in Shopify. Try again in a minute: Aftercare first looks for what an earlier try made, and never makes it twice.",
    ]);
    expect(await returnOf(shop, created.returnId)).toMatchObject({ status: "needs_review", shopifyReturnId: null });
    expect(await prisma.job.findFirstOrThrow({ where: { shop, dedupeKey: `portal-return-request:${created.returnId}` } })).toMatchObject({ status: "failed" });
    // WHEN Shopify is back and the agent tries again
    sim.bringBack("PortalReturnRequest");
    const approved = await performReturnAction(shop, created.returnId, { intent: "approve" }, AGENT, { client: sim.client });
    // THEN it is approved, with one Shopify return
    expect(approved.message).toBe("Return #1001 sent to Shopify and approved.");
    expect(requestedInShopify(sim.sim)).toBe(1);
  });

  it("refuses in words while the shopper's retry is sending it to Shopify", async () => {
    // GIVEN the request failed, and a retry holds the attempt lock right now
    const shop = uniqueShop("sync-busy");
    const sim = simClient();
    sim.takeDown("PortalReturnRequest");
    const created = await shopperRequests(shop, sim);
    sim.bringBack("PortalReturnRequest");
    await prisma.job.updateMany({ where: { shop, dedupeKey: `portal-return-request:${created.returnId}` }, data: { status: "running", lockedAt: new Date() } });
    // WHEN the agent approves
    const error = await rejection(performReturnAction(shop, created.returnId, { intent: "approve" }, AGENT, { client: sim.client }));
    // THEN
    expect([error.code, error.message]).toEqual(["conflict", "Aftercare is sending return #1001 to Shopify right now; reload in a minute."]);
    expect(requestedInShopify(sim.sim)).toBe(0);
    expect((await returnOf(shop, created.returnId)).status).toBe("needs_review");
  });

  it("opens an approved return that never reached Shopify when the agent pays it", async () => {
    // GIVEN an approved refund return without a Shopify return (approved before this fix)
    const shop = uniqueShop("sync-pay");
    const sim = simClient();
    const rc = await receivedReturnCase(shop, null, { status: "approved", feeMinor: 0, bonusMinor: 0 });
    expect(shopifyNextStep(await loadReturnFacts(shop, rc))).toBe("Return #1001 is not in Shopify yet. Refund sends it to Shopify first and approves it there, then pays.");
    // WHEN the agent refunds
    const result = await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client: sim.client });
    // THEN the return was requested and approved in Shopify, then paid through it, and is resolved
    expect(result.message).toBe("Refunded $46.44 to the original payment method.");
    const after = await returnOf(shop, rc.id);
    expect(after.status).toBe("resolved");
    expect(after.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
    expect(requestedInShopify(sim.sim)).toBe(1);
    expect(sim.sent).toEqual(expect.arrayContaining(["PortalReturnRequest", "PortalReturnApproveRequest", "ReturnProcess"]));
  });
});
