import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorLabel } from "~/components/format";
import { availableActions } from "~/components/returns/available-actions";
import prisma from "~/db.server";
import { action as queueAction, loader as queueLoader } from "~/routes/app.returns._index";
import { action as returnAction, loader as returnLoader } from "~/routes/app.returns.$id";
import { shopifyNextStep } from "~/returns/action-table";
import { recordStaffMember } from "~/staff/directory.server";
import { createMoneyMovement, createReturnCase } from "../support/factories";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { act, adminRequest, load, newShop, newShopLikeDemo, ok, useSimulator } from "./app.support";

// The returns queue and the return page through their real doors: session token, token
// exchange and Admin GraphQL answered by the store simulator, a real database.
let stop: () => void;
beforeAll(() => {
  stop = useSimulator().stop;
});
afterAll(async () => {
  stop();
  // The demo shop's session holds this simulator's token: leave none behind for the next file's simulator.
  await prisma.session.deleteMany({ where: { shop: DEMO_SHOP } });
  await prisma.$disconnect();
});

// One unit of the tee of the demo store's order #1001 (newShopLikeDemo copies it).
const onOrder1001 = {
  orderId: FIXTURES.order1001.id,
  orderName: FIXTURES.order1001.name,
  lines: [{ orderLineItemId: FIXTURES.order1001.tee.lineItemId, quantityRequested: 1 }],
};

async function seedQueue(shop: string) {
  const a = await createReturnCase(shop, { status: "requested", orderName: "#2001", lines: [{ reasonCode: "damaged", quantityRequested: 1 }] });
  const b = await createReturnCase(shop, { status: "approved", orderName: "#2002", resolution: "store_credit" });
  const c = await createReturnCase(shop, { status: "needs_review", orderName: "#2003" });
  await prisma.returnCase.update({ where: { id: a.id }, data: { customerEmail: "mia.stone@example.com", customerName: "Mia Stone", createdAt: new Date("2026-01-01T10:00:00Z") } });
  await prisma.returnCase.update({ where: { id: b.id }, data: { customerEmail: "leo@example.com", customerName: "Leo Park", createdAt: new Date("2026-01-02T10:00:00Z") } });
  await prisma.returnCase.update({ where: { id: c.id }, data: { createdAt: new Date("2026-01-03T10:00:00Z") } });
  return { a, b, c };
}

describe("the returns queue (/app/returns)", () => {
  it("lists the shop's returns newest first with a count per status for the tabs", async () => {
    // GIVEN
    const shop = newShop("queue");
    const { a, b, c } = await seedQueue(shop);
    // WHEN
    const { status, data } = ok(await load(queueLoader, adminRequest(shop, "/app/returns")));
    // THEN
    expect(status).toBe(200);
    expect(data.page.rows.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(data.counts).toMatchObject({ all: 3, requested: 1, approved: 1, needs_review: 1, resolved: 0 });
    expect(data.page.rows[2]).toMatchObject({ orderName: "#2001", customerName: "Mia Stone", itemCount: 1, firstReason: "damaged", amount: { amountMinor: 0, currencyCode: "USD" } });
    expect(data.page.rows[0]?.needsAttention).toBe(true);
  });

  it("searches by order name, customer email and customer name", async () => {
    const shop = newShop("search");
    const { a, b } = await seedQueue(shop);
    const ids = async (q: string) => ok(await load(queueLoader, adminRequest(shop, `/app/returns?q=${encodeURIComponent(q)}`))).data.page.rows.map((r) => r.id);
    expect(await ids("2001")).toEqual([a.id]);
    expect(await ids("#2002")).toEqual([b.id]);
    expect(await ids("leo@")).toEqual([b.id]);
    expect(await ids("Mia")).toEqual([a.id]);
  });

  it("filters by status, reason, resolution, date and needs-attention", async () => {
    const shop = newShop("filters");
    const { a, b, c } = await seedQueue(shop);
    await createMoneyMovement(shop, { returnCaseId: b.id, status: "failed" });
    const ids = async (query: string) => ok(await load(queueLoader, adminRequest(shop, `/app/returns?${query}`))).data.page.rows.map((r) => r.id).sort();
    expect(await ids("status=approved")).toEqual([b.id]);
    expect(await ids("reason=damaged")).toEqual([a.id]);
    expect(await ids("resolution=store_credit")).toEqual([b.id]);
    expect(await ids("from=2026-01-02&to=2026-01-02")).toEqual([b.id]);
    expect(await ids("needsAttention=1")).toEqual([b.id, c.id].sort());
  });

  it("filters by whole days of the shop's time zone, not UTC's", async () => {
    // GIVEN a Los Angeles shop with a return made at 03:00 UTC on 26 November (19:00 on the
    // 25th in Los Angeles) and one at 09:00 UTC (01:00 on the 26th)
    const shop = newShop("queue-la", "USD", "America/Los_Angeles");
    const evening = await createReturnCase(shop, { orderName: "#3001" });
    const night = await createReturnCase(shop, { orderName: "#3002" });
    await prisma.returnCase.update({ where: { id: evening.id }, data: { createdAt: new Date("2026-11-26T03:00:00Z") } });
    await prisma.returnCase.update({ where: { id: night.id }, data: { createdAt: new Date("2026-11-26T09:00:00Z") } });
    const ids = async (query: string) => ok(await load(queueLoader, adminRequest(shop, `/app/returns?${query}`))).data.page.rows.map((r) => r.id);
    // WHEN / THEN the 25th is the merchant's 25th
    expect(await ids("from=2026-11-25&to=2026-11-25")).toEqual([evening.id]);
    expect(await ids("from=2026-11-26&to=2026-11-26")).toEqual([night.id]);
    expect(await ids("to=2026-11-25")).toEqual([evening.id]);
    expect(await ids("from=2026-11-26")).toEqual([night.id]);
  });

  it("refuses a day that is not on the calendar", async () => {
    const shop = newShop("queue-feb30");
    await seedQueue(shop);
    const answer = ok(await load(queueLoader, adminRequest(shop, "/app/returns?from=2026-02-30")));
    expect(answer.status).toBe(422);
    expect(answer.data.filterError).toBe("That date does not exist.");
  });

  it("pages with a cursor forwards and back, in either sort order", async () => {
    const shop = newShop("pages");
    const { a, b, c } = await seedQueue(shop);
    const first = ok(await load(queueLoader, adminRequest(shop, "/app/returns?limit=2&sort=created_asc"))).data.page;
    expect(first.rows.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(first.previousCursor).toBeNull();
    const second = ok(await load(queueLoader, adminRequest(shop, `/app/returns?limit=2&sort=created_asc&cursor=${first.nextCursor}`))).data.page;
    expect(second.rows.map((r) => r.id)).toEqual([c.id]);
    expect(second.nextCursor).toBeNull();
    const back = ok(await load(queueLoader, adminRequest(shop, `/app/returns?limit=2&sort=created_asc&cursor=${second.previousCursor}`))).data.page;
    expect(back.rows.map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it("answers invalid filters with 422 and the first page, saying what was wrong", async () => {
    const shop = newShop("badfilter");
    await seedQueue(shop);
    const answer = ok(await load(queueLoader, adminRequest(shop, "/app/returns?status=lost&from=2026-13-40")));
    expect(answer.status).toBe(422);
    expect(answer.data.filterError).toBe("Unknown return status.");
    expect(answer.data.page.rows).toHaveLength(3);
    const stale = ok(await load(queueLoader, adminRequest(shop, "/app/returns?cursor=bm9wZQ")));
    expect(stale.status).toBe(422);
    expect(stale.data.filterError).toBe("That page link is no longer valid; go back to the first page.");
  });

  it("never lists or counts another shop's returns", async () => {
    const shopA = newShop("iso-a");
    const shopB = newShop("iso-b");
    await seedQueue(shopB);
    const { data } = ok(await load(queueLoader, adminRequest(shopA, "/app/returns?q=2001")));
    expect(data.page.rows).toEqual([]);
    expect(data.counts.all).toBe(0);
  });

  it("bulk-approves the selection and reports the returns it could not approve", async () => {
    // An exchange is approved in Aftercare only (Shopify hears of it when it is created), but
    // approving grants its units, so the order is read: a copy of the demo store's #1001.
    // Returns that go to Shopify: tests/unit/returns/.
    const shop = newShopLikeDemo("bulk");
    const a = await createReturnCase(shop, { status: "requested", resolution: "exchange", ...onOrder1001 });
    const b = await createReturnCase(shop, { status: "approved", resolution: "store_credit", orderName: "#2002" });
    const foreign = await createReturnCase(newShop("bulk-other"));
    const answer = ok(await act(queueAction, adminRequest(shop, "/app/returns", { form: { intent: "bulk_approve", ids: [a.id, b.id, foreign.id] } })));
    expect(answer.status).toBe(200);
    expect(answer.data.message).toBe("Approved 1 return; 2 could not be changed.");
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "approved" });
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ status: "requested" });
  });

  it("refuses a bulk action without a selection or a decline reason (422 with field errors)", async () => {
    const shop = newShop("bulk422");
    const none = await act(queueAction, adminRequest(shop, "/app/returns", { form: { intent: "bulk_approve" } }));
    expect(ok(none)).toMatchObject({ status: 422, data: { ok: false, errors: { ids: ["Select at least one return."] } } });
    const { a } = await seedQueue(shop);
    const noReason = await act(queueAction, adminRequest(shop, "/app/returns", { form: { intent: "bulk_decline", ids: [a.id] } }));
    expect(ok(noReason)).toMatchObject({ status: 422, data: { errors: { reason: ["Tell the shoppers why their returns are declined."] } } });
  });
});

describe("the return page (/app/returns/:id)", () => {
  it("shows lines, quote, every money movement, the policy version and the timeline", async () => {
    // GIVEN a return judged by policy version 1, with a refund that succeeded and one that failed
    const shop = newShop("detail");
    const policy = await prisma.policy.create({
      data: { shop, version: 1, excludedTags: [], excludedProductTypes: [], reasons: [{ code: "damaged", label: "Arrived damaged", requiresPhoto: true }], returnWindowDays: 45 },
    });
    const rc = await createReturnCase(shop, { status: "approved", lines: [{ reasonCode: "damaged", title: "Classic Tee", unitPriceMinor: 2500, quantityRequested: 2 }] });
    await prisma.returnCase.update({
      where: { id: rc.id },
      data: { policyId: policy.id, policyVersion: 1, refundAmountMinor: 5000n, decision: [{ rule: "window", outcome: "pass", message: "Delivered 5 days ago, within 45 days." }] },
    });
    await createMoneyMovement(shop, { returnCaseId: rc.id, status: "succeeded", amountMinor: 2000 });
    await createMoneyMovement(shop, { returnCaseId: rc.id, status: "failed", amountMinor: 3000 });
    await prisma.auditEvent.create({ data: { shop, actor: "system", action: "return.approved", entityType: "return", entityId: rc.id, data: { from: "requested", to: "approved" } } });
    // WHEN
    const { data } = ok(await load(returnLoader, adminRequest(shop, `/app/returns/${rc.id}`), { id: rc.id }));
    // THEN
    expect(data.detail.lines).toEqual([expect.objectContaining({ title: "Classic Tee", quantityRequested: 2, reasonCode: "damaged", unitPrice: { amountMinor: 2500, currencyCode: "USD" } })]);
    expect(data.detail.quote.refund).toEqual({ amountMinor: 5000, currencyCode: "USD" });
    expect(data.detail.movements.map((m) => [m.amount.amountMinor, m.status])).toEqual([[2000, "succeeded"], [3000, "failed"]]);
    expect(data.detail.policy).toMatchObject({ version: 1, returnWindowDays: 45 });
    expect(data.detail.decision).toEqual([{ rule: "window", outcome: "pass", message: "Delivered 5 days ago, within 45 days." }]);
    expect(data.detail.timeline.map((e) => [e.action, e.actor])).toEqual([["return.approved", "system"]]);
    expect(data.reasonLabels).toEqual({ damaged: "Arrived damaged" });
  });

  it("offers the actions of the action table for the loaded facts, says the next step, and the server refuses the rest in the same words", async () => {
    // GIVEN a return held in review whose request never reached Shopify
    const shop = newShop("facts");
    const rc = await createReturnCase(shop, { status: "needs_review", orderName: "#5101" });
    // WHEN the page loads
    const { data } = ok(await load(returnLoader, adminRequest(shop, `/app/returns/${rc.id}`), { id: rc.id }));
    // THEN the page reads the facts the server judges by, and tells the agent what to do next
    expect(data.detail.facts).toEqual({
      id: rc.id,
      name: "#5101",
      status: "needs_review",
      resolution: "refund",
      inShopify: false,
      exchangeItems: 0,
      unitsToReceive: 2,
      payout: null,
      moneyMoved: false,
    });
    expect(availableActions(data.detail.facts)).toEqual(["approve", "decline", "fee_override", "cancel", "open_ticket"]);
    expect(shopifyNextStep(data.detail.facts)).toContain("Approve sends it to Shopify first");
    // AND an action the page does not offer is refused by the server with the table's sentence
    const close = ok(await act(returnAction, adminRequest(shop, `/app/returns/${rc.id}`, { json: { intent: "close" } }), { id: rc.id }));
    expect(close).toMatchObject({ status: 409, data: { ok: false, message: "Return #5101 is in review and cannot be closed." } });
  });

  it("names the staff members of the timeline and the money movements from the shop's directory, else 'Staff <id>'", async () => {
    // GIVEN a return approved by user 42 and received by user 77, refunded by user 42, and
    // another shop whose directory does know a user 77
    const shop = newShop("staff-names");
    const rc = await createReturnCase(shop, { status: "received" });
    const refund = await createMoneyMovement(shop, { returnCaseId: rc.id, status: "succeeded" });
    await prisma.moneyMovement.update({ where: { id: refund.id }, data: { actor: "staff:42" } });
    const events = [["staff:42", "return.approved"], ["staff:77", "return.received"], ["system", "money.refund_succeeded"]] as const;
    for (const [i, [actor, action]] of events.entries()) {
      await prisma.auditEvent.create({ data: { shop, actor, action, entityType: "return", entityId: rc.id, createdAt: new Date(Date.UTC(2026, 10, 20, 10, i)) } });
    }
    await recordStaffMember(newShop("staff-names-other"), { id: 77, first_name: "Someone", last_name: "Elsewhere" });
    // WHEN user 42 opens the page (their first request records them in the directory)
    const { data } = ok(await load(returnLoader, adminRequest(shop, `/app/returns/${rc.id}`, { userId: 42 }), { id: rc.id }));
    // THEN 42 is named, and 77 — unknown in this shop — reads as "Staff 77"
    expect(data.staffNames).toEqual({ "42": "Sam Novak" });
    expect(data.detail.timeline.map((e) => actorLabel(e.actor, data.staffNames))).toEqual(["Sam Novak", "Staff 77", "Aftercare (automatic)"]);
    expect(data.detail.movements.map((m) => actorLabel(m.actor, data.staffNames))).toEqual(["Sam Novak"]);
  });

  it("shows the customer's Shopify context and their other returns in this shop", async () => {
    // GIVEN Ava (store credit $15.00 in the simulator) with two returns in the demo shop, and no
    // session left by another file's simulator (its token would not open this one)
    await prisma.session.deleteMany({ where: { shop: DEMO_SHOP } });
    const earlier = await createReturnCase(DEMO_SHOP, { customerId: FIXTURES.ava.id, status: "resolved", orderName: "#1002" });
    const rc = await createReturnCase(DEMO_SHOP, { customerId: FIXTURES.ava.id, orderId: FIXTURES.order1001.id, orderName: "#1001" });
    // WHEN
    const { data } = ok(await load(returnLoader, adminRequest(DEMO_SHOP, `/app/returns/${rc.id}`), { id: rc.id }));
    // THEN
    expect(data.customer.shopify).toMatchObject({ displayName: "Ava Lee", email: FIXTURES.ava.email, storeCredit: [{ amountMinor: 1500, currencyCode: "USD" }] });
    expect(data.customer.shopify?.numberOfOrders).toBeGreaterThan(0);
    expect(data.customer.shopify?.recentOrders.length).toBeGreaterThan(0);
    expect(data.customer.pastReturns.map((r) => r.id)).toContain(earlier.id);
    expect(data.customer.pastReturns.map((r) => r.id)).not.toContain(rc.id);
  });

  it("answers 404 for another shop's return, and neither changes it nor opens a ticket on it", async () => {
    // GIVEN a return of shop B
    const shopA = newShop("own-a");
    const shopB = newShop("own-b");
    const theirs = await createReturnCase(shopB, { status: "requested" });
    // WHEN shop A reads it, approves it and opens a ticket on it
    const read = await load(returnLoader, adminRequest(shopA, `/app/returns/${theirs.id}`), { id: theirs.id });
    const approve = await act(returnAction, adminRequest(shopA, `/app/returns/${theirs.id}`, { json: { intent: "approve" } }), { id: theirs.id });
    const ticket = await act(returnAction, adminRequest(shopA, `/app/returns/${theirs.id}`, { json: { intent: "open_ticket", subject: "Hi" } }), { id: theirs.id });
    // THEN
    expect(read).toBeInstanceOf(Response);
    expect((read as Response).status).toBe(404);
    expect(ok(approve).data.ok).toBe(false);
    expect(ok(ticket).status).toBe(404);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "requested", approvedAt: null });
    expect(await prisma.ticket.count({ where: { returnCaseId: theirs.id } })).toBe(0);
  });

  it("answers 422 with the field's message when an action lacks what it needs", async () => {
    const shop = newShop("act422");
    const rc = await createReturnCase(shop);
    const post = (json: unknown) => act(returnAction, adminRequest(shop, `/app/returns/${rc.id}`, { json }), { id: rc.id });
    expect(ok(await post({ intent: "decline", reason: " " }))).toMatchObject({ status: 422, data: { errors: { reason: ["Tell the shopper why the return is declined."] } } });
    expect(ok(await post({ intent: "partial_refund", amount: "5.00", note: "", actionId: "form-act422" }))).toMatchObject({ status: 422, data: { errors: { note: ["Write a note explaining why."] } } });
    expect(ok(await post({ intent: "fee_override", fee: "abc", note: "x" }))).toMatchObject({ status: 422, data: { errors: { fee: ["Enter the fee as a number, like 12.50."] } } });
    expect(ok(await post({ intent: "open_ticket", subject: "" }))).toMatchObject({ status: 422, data: { errors: { subject: ["A ticket needs a subject."] } } });
    expect(ok(await post({ intent: "teleport" })).status).toBe(422);
  });

  it("approves and declines from the page, saying what happened, audited as the staff member", async () => {
    const shop = newShopLikeDemo("wired");
    const a = await createReturnCase(shop, { resolution: "exchange", ...onOrder1001 });
    const b = await createReturnCase(shop, { orderName: "#5006" });
    const approved = ok(await act(returnAction, adminRequest(shop, `/app/returns/${a.id}`, { json: { intent: "approve" } }), { id: a.id }));
    expect(approved).toMatchObject({ status: 200, data: { ok: true, message: expect.stringContaining("approved") } });
    const declined = ok(await act(returnAction, adminRequest(shop, `/app/returns/${b.id}`, { json: { intent: "decline", reason: "Worn items cannot be returned." } }), { id: b.id }));
    expect(declined.data.ok).toBe(true);
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "declined", declineReason: "Worn items cannot be returned." });
    expect((await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: a.id, action: "return.approved" } })).actor).toBe("staff:42");
    // a second approval is refused in words, with 409
    const again = ok(await act(returnAction, adminRequest(shop, `/app/returns/${a.id}`, { json: { intent: "approve" } }), { id: a.id }));
    expect(again).toMatchObject({ status: 409, data: { ok: false } });
  });

  it("answers 404 when another shop's return is approved from the page", async () => {
    const theirs = await createReturnCase(newShop("wired-b"));
    const answer = ok(await act(returnAction, adminRequest(newShop("wired-a"), `/app/returns/${theirs.id}`, { json: { intent: "approve" } }), { id: theirs.id }));
    expect(answer.status).toBe(404);
  });

  it("opens a ticket linked to the return, its order and customer", async () => {
    const shop = newShop("ticket");
    const rc = await createReturnCase(shop, { orderName: "#3003" });
    const answer = ok(await act(returnAction, adminRequest(shop, `/app/returns/${rc.id}`, { json: { intent: "open_ticket", subject: "Parcel lost", note: "Carrier says delivered", priority: "high" } }), { id: rc.id }));
    expect(answer).toMatchObject({ status: 200, data: { ok: true, message: "Ticket #1 opened for this return." } });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, returnCaseId: rc.id }, include: { messages: true } });
    expect(ticket).toMatchObject({ subject: "Parcel lost", orderName: "#3003", priority: "high", channel: "admin", category: "return_exception" });
    expect(ticket.messages).toEqual([expect.objectContaining({ visibility: "internal", authorType: "agent", authorName: "Sam Novak", body: "Carrier says delivered" })]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: ticket.id, action: "ticket.created" } });
    expect(audit.actor).toBe("staff:42");
  });
});
