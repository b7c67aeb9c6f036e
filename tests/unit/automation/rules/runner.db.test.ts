import { afterAll, describe, expect, it } from "vitest";
import { rulesFromPolicy, type RuleSetRules } from "~/automation/rules/definitions";
import { runReturnRules } from "~/automation/rules/runner.server";
import { saveRuleSetVersion } from "~/automation/rules/ruleset.server";
import { sweepRules } from "~/automation/rules/sweep.server";
import prisma from "~/db.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { performReturnAction } from "~/returns/actions.server";
import { FIXTURES } from "../../../support/shopify-sim";
import { createMoneyMovement, createReturnCase, createTestTicket, uniqueShop } from "../../../support/factories";
import { movementsOf, openShopifyReturn, receivedReturnCase, refundEvents, simClient } from "../../refunds/support";

const AGENT = "staff:42";
const base = rulesFromPolicy(DEFAULT_POLICY);
const withRules = async (shop: string, change: Partial<RuleSetRules>) => saveRuleSetVersion(shop, { ...base, ...change }, AGENT);
const runsOf = (shop: string) =>
  prisma.ruleRun.findMany({ where: { shop }, orderBy: { createdAt: "asc" }, select: { ruleKey: true, entityId: true, trigger: true, ruleSetVersion: true, decision: true, outcome: true, reasons: true, facts: true, error: true } });

afterAll(async () => {
  await prisma.$disconnect();
});

describe("refund or credit on receipt", () => {
  it("pays out the chosen refund when the agent marks the return received, tells the shopper, and never pays twice", async () => {
    // GIVEN an approved return of #1001's tee and mug ($46.44 with tax, $5 fee), and the rules on
    const shop = uniqueShop("receipt");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim), { status: "approved" });
    await withRules(shop, { refund_on_receipt: { enabled: true, maxValueMinor: 10000 }, notify_shopper: { enabled: true } });
    // WHEN the agent receives both items
    const answer = await performReturnAction(shop, rc.id, { intent: "receive", lines: rc.lines.map((l) => ({ lineId: l.id, quantity: 1, restock: true })) }, AGENT, { client });
    // THEN the refund went out once through the ledger, and the agent is told the rule acted
    expect(answer.message).toBe('Received 2 items (2 restocked). Rule "Refund or credit on receipt" acted.');
    expect(refundEvents(sim)).toHaveLength(1);
    expect((await movementsOf(shop, rc.id)).map((m) => [m.kind, m.amountMinor, m.status])).toEqual([
      ["fee", 500, "succeeded"],
      ["refund", 4144, "succeeded"],
    ]);
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("resolved");
    const runs = await runsOf(shop);
    expect(runs[0]).toMatchObject({
      ruleKey: "refund_on_receipt",
      entityId: rc.id,
      trigger: "return.received",
      ruleSetVersion: 1,
      decision: "act",
      outcome: "succeeded",
      reasons: ["received items worth $46.44", "within the cap of $100.00", "pays out the chosen refund"],
      facts: { status: "received", resolution: "refund", receivedValueMinor: 4644, paidOut: false },
    });
    // AND the shopper reads it in the portal conversation about the return
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, returnCaseId: rc.id }, include: { messages: true } });
    expect(ticket.status).toBe("solved");
    expect(ticket.messages.map((m) => [m.visibility, m.body])).toEqual([["public", `Your refund of $41.44 for order ${FIXTURES.order1001.name} has been sent to your original payment method.`]]);
    expect(runs.map((r) => [r.ruleKey, r.outcome])).toEqual([
      ["refund_on_receipt", "succeeded"],
      ["notify_shopper", "succeeded"],
    ]);

    // WHEN the hook is replayed and the sweep runs
    const again = await runReturnRules(shop, rc.id, "return.received", { client });
    await sweepRules({ clientFor: async () => client });
    // THEN nothing more is paid or said
    expect(again).toEqual([{ ruleKey: "refund_on_receipt", entityId: rc.id, decision: "skip", outcome: "already_run" }]);
    expect(refundEvents(sim)).toHaveLength(1);
    expect(await prisma.ticketMessage.count({ where: { shop } })).toBe(1);
    expect(await prisma.ruleRun.count({ where: { shop } })).toBe(2);
  });

  it("records a run it could not act on as failed, with the reason, and acts on nothing else", async () => {
    // GIVEN a received return and a shop without an offline session
    const shop = uniqueShop("receipt-fail");
    const { sim } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    await withRules(shop, { refund_on_receipt: { enabled: true, maxValueMinor: null } });
    // WHEN the rule runs without a Shopify client
    const reports = await runReturnRules(shop, rc.id, "return.received", { client: null });
    // THEN the run is failed with words, nothing moved, and the audit trail says so
    expect(reports).toEqual([{ ruleKey: "refund_on_receipt", entityId: rc.id, decision: "act", outcome: "failed" }]);
    expect((await runsOf(shop))[0]?.error).toBe("The shop has no offline Shopify session, so money cannot move automatically.");
    expect(await prisma.moneyMovement.count({ where: { shop } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { shop, action: "rule.failed", entityId: rc.id } })).toBe(1);
  });

  it("leaves a return over the cap to the agent", async () => {
    const shop = uniqueShop("receipt-cap");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    await withRules(shop, { refund_on_receipt: { enabled: true, maxValueMinor: 4000 } });
    const reports = await runReturnRules(shop, rc.id, "return.received", { client });
    expect(reports).toEqual([{ ruleKey: "refund_on_receipt", entityId: rc.id, decision: "skip", outcome: "skipped" }]);
    expect((await runsOf(shop))[0]?.reasons).toEqual(["value $46.44 is over the automatic payout cap of $40.00"]);
    expect(refundEvents(sim)).toHaveLength(0);
  });
});

describe("green return", () => {
  it("refunds an approved return under the limit without a shipment", async () => {
    // GIVEN an approved return worth $46.44 with no fee, and a $50 keep-the-item limit
    const shop = uniqueShop("green");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim), { status: "approved", feeMinor: 0, bonusMinor: 0 });
    await withRules(shop, { green_return: { enabled: true, maxValueMinor: 5000 } });
    // WHEN the approval's rules run
    await runReturnRules(shop, rc.id, "return.approved", { client });
    // THEN the full value is refunded and the return is resolved with nothing received
    expect((await movementsOf(shop, rc.id)).map((m) => [m.kind, m.amountMinor, m.status])).toEqual([["refund", 4644, "succeeded"]]);
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop }, include: { lines: true } });
    expect(after.status).toBe("resolved");
    expect(after.lines.map((l) => l.quantityReceived)).toEqual([0, 0]);
    expect((await runsOf(shop))[0]?.reasons).toEqual(["value $46.44 is within the keep-the-item limit of $50.00", "the shopper keeps the item; no return shipment"]);
  });
});

describe("review signal", () => {
  it("opens one review ticket with the reasons in words for a serial returner", async () => {
    // GIVEN a customer with 3 earlier returns and a new one worth $412.00
    const shop = uniqueShop("review");
    for (let i = 0; i < 3; i++) await createReturnCase(shop, { customerId: "gid://shopify/Customer/7" });
    const rc = await createReturnCase(shop, { customerId: "gid://shopify/Customer/7", orderName: "#2002", lines: [{ unitPriceMinor: 20600, quantityRequested: 2 }] });
    await prisma.returnCase.updateMany({ where: { id: rc.id, shop }, data: { createdAt: new Date(Date.now() + 1000) } });
    await withRules(shop, { review_signal: { enabled: true, serialCount: 3, serialDays: 90, valueThresholdMinor: 30000 } });
    // WHEN its request is judged, twice
    await runReturnRules(shop, rc.id, "return.requested", { client: null });
    await runReturnRules(shop, rc.id, "return.requested", { client: null });
    // THEN one fraud-review ticket names both reasons
    const tickets = await prisma.ticket.findMany({ where: { shop, returnCaseId: rc.id }, include: { messages: true } });
    expect(tickets.map((t) => [t.subject, t.category, t.priority])).toEqual([
      ["Review return for #2002: 3 returns in the last 90 days (threshold 3); value $412.00 is over the review threshold of $300.00", "fraud_review", "high"],
    ]);
    expect(tickets[0]?.messages.map((m) => [m.visibility, m.body])).toEqual([
      ["internal", "The review rule (version 1) flagged return #2002:\n- 3 returns in the last 90 days (threshold 3)\n- value $412.00 is over the review threshold of $300.00"],
    ]);
  });
});

describe("SLA escalation", () => {
  it("raises and reassigns each breached open ticket once; answered tickets and other shops stay as they were", async () => {
    // GIVEN two normal tickets due 2 hours ago, one answered, and a fallback agent
    const shop = uniqueShop("sla");
    const other = uniqueShop("sla-other");
    const opened = new Date(Date.now() - 26 * 60 * 60 * 1000);
    await prisma.staffMember.create({ data: { shop, userId: "9", name: "Fallback Fay" } });
    const breached = await createTestTicket(shop, { priority: "normal", assignee: null });
    const answered = await createTestTicket(shop, { priority: "normal" });
    const elsewhere = await createTestTicket(other, { priority: "normal" });
    await prisma.ticket.updateMany({ where: { id: { in: [breached.id, answered.id, elsewhere.id] } }, data: { createdAt: opened, slaDueAt: new Date(opened.getTime() + 24 * 60 * 60 * 1000) } });
    await prisma.ticket.updateMany({ where: { id: answered.id }, data: { firstResponseAt: new Date() } });
    await withRules(shop, { sla_escalation: { enabled: true, fallbackAssignee: "staff:9" } });
    // WHEN the sweep runs twice
    const first = await sweepRules({ clientFor: async () => null });
    const second = await sweepRules({ clientFor: async () => null });
    // THEN only the breached ticket moved, once
    const after = await prisma.ticket.findMany({ where: { id: { in: [breached.id, answered.id, elsewhere.id] } }, orderBy: { createdAt: "asc" }, select: { id: true, priority: true, assignee: true } });
    expect(after.find((t) => t.id === breached.id)).toMatchObject({ priority: "high", assignee: "staff:9" });
    expect(after.find((t) => t.id === answered.id)).toMatchObject({ priority: "normal" });
    expect(after.find((t) => t.id === elsewhere.id)).toMatchObject({ priority: "normal" });
    expect(first.runs).toBeGreaterThanOrEqual(1);
    expect(await prisma.ruleRun.count({ where: { shop, ruleKey: "sla_escalation" } })).toBe(1);
    expect(second.failed).toBe(0);
    expect((await runsOf(shop))[0]?.reasons).toEqual(["no first response 2 h after the SLA was due", "priority normal → high", "reassigned to staff:9"]);
  });
});

describe("telling the shopper", () => {
  it("joins the return's open conversation when an agent's refund succeeds, once however often the sweep runs", async () => {
    // GIVEN a refund an agent paid, and the shopper's open conversation about that return
    const shop = uniqueShop("notify");
    const rc = await createReturnCase(shop, { orderName: "#3003" });
    const conversation = await createTestTicket(shop, { returnCaseId: rc.id, orderId: rc.orderId, orderName: "#3003" });
    const refund = await createMoneyMovement(shop, { returnCaseId: rc.id, kind: "refund", amountMinor: 5000, status: "succeeded" });
    await prisma.moneyMovement.updateMany({ where: { id: refund.id }, data: { completedAt: new Date() } });
    await withRules(shop, { notify_shopper: { enabled: true } });
    // WHEN the sweep runs twice
    await sweepRules({ clientFor: async () => null });
    await sweepRules({ clientFor: async () => null });
    // THEN one public message joined that conversation, and no other ticket was opened
    const messages = await prisma.ticketMessage.findMany({ where: { shop }, select: { ticketId: true, authorType: true, visibility: true, body: true } });
    expect(messages).toEqual([{ ticketId: conversation.id, authorType: "system", visibility: "public", body: "Your refund of $50.00 for order #3003 has been sent to your original payment method." }]);
    expect(await prisma.ticket.count({ where: { shop } })).toBe(1);
    expect((await runsOf(shop)).map((r) => [r.ruleKey, r.entityId, r.outcome])).toEqual([["notify_shopper", refund.id, "succeeded"]]);
  });
});
