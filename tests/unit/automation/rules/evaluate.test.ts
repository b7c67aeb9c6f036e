import { describe, expect, it } from "vitest";
import { rulesFromPolicy, ruleSetSchema } from "~/automation/rules/definitions";
import {
  judgeAutoApprove,
  judgeGreenReturn,
  judgeNotifyShopper,
  judgeRefundOnReceipt,
  judgeReviewSignal,
  judgeSlaEscalation,
  type ReturnFacts,
  type TicketFacts,
} from "~/automation/rules/evaluate";

const facts = (over: Partial<ReturnFacts> = {}): ReturnFacts => ({
  returnId: "rc_1",
  orderName: "#1001",
  status: "received",
  resolution: "refund",
  currencyCode: "USD",
  valueMinor: 4644,
  receivedValueMinor: 4644,
  paidOut: false,
  recentReturns: 0,
  hasOpenTicket: false,
  ...over,
});

describe("auto-approve", () => {
  it("approves within policy when on, and says why it holds a request otherwise", () => {
    expect(judgeAutoApprove({ enabled: true }, 0)).toEqual({ decision: "approve", reasons: ["Within policy: approved automatically."] });
    expect(judgeAutoApprove({ enabled: false }, 0)).toEqual({ decision: "review", reasons: ["The store reviews every return by hand."] });
    expect(judgeAutoApprove({ enabled: true }, 2)).toEqual({ decision: "review", reasons: ["2 policy exceptions need a person."] });
  });

  it("migrates the policy's switch unchanged and starts every money or shopper rule off", () => {
    // GIVEN a policy with auto-approve off and its thresholds
    const rules = rulesFromPolicy({ autoApprove: false, keepItemThresholdMinor: 1000, serialReturnerCount: 3, serialReturnerDays: 90, manualReviewThresholdMinor: 30000 });
    // THEN the rule set keeps the switch and the thresholds, and acts on nothing new
    expect(rules).toEqual({
      auto_approve: { enabled: false },
      refund_on_receipt: { enabled: false, maxValueMinor: null },
      green_return: { enabled: false, maxValueMinor: 1000 },
      review_signal: { enabled: false, serialCount: 3, serialDays: 90, valueThresholdMinor: 30000 },
      sla_escalation: { enabled: false, fallbackAssignee: null },
      notify_shopper: { enabled: false },
    });
    expect(ruleSetSchema.safeParse(rules).success).toBe(true);
  });
});

describe("refund or credit on receipt", () => {
  const on = { enabled: true, maxValueMinor: 10000 };

  it("pays out the chosen resolution of a received return within the cap", () => {
    expect(judgeRefundOnReceipt(on, facts())).toEqual({
      decision: "act",
      reasons: ["received items worth $46.44", "within the cap of $100.00", "pays out the chosen refund"],
      effect: { intent: "refund" },
    });
    expect(judgeRefundOnReceipt({ enabled: true, maxValueMinor: null }, facts({ resolution: "store_credit" }))).toMatchObject({
      decision: "act",
      reasons: ["received items worth $46.44", "no value cap", "pays out the chosen store credit"],
      effect: { intent: "store_credit" },
    });
  });

  it("skips over the cap, before receipt, after a payout, and for a kept item", () => {
    expect(judgeRefundOnReceipt({ enabled: true, maxValueMinor: 4000 }, facts()).reasons).toEqual(["value $46.44 is over the automatic payout cap of $40.00"]);
    expect(judgeRefundOnReceipt(on, facts({ status: "needs_review" })).reasons).toEqual(["Return #1001 is needs review, not received."]);
    expect(judgeRefundOnReceipt(on, facts({ paidOut: true })).reasons).toEqual(["A payout is already moving or done."]);
    expect(judgeRefundOnReceipt(on, facts({ resolution: "keep" })).decision).toBe("skip");
    expect(judgeRefundOnReceipt(on, facts({ receivedValueMinor: 0 })).reasons).toEqual(["No items were counted in yet."]);
  });
});

describe("green return", () => {
  const on = { enabled: true, maxValueMinor: 1000 };

  it("refunds an approved return worth up to the limit without the item coming back", () => {
    expect(judgeGreenReturn(on, facts({ status: "approved", valueMinor: 800, receivedValueMinor: 0 }))).toEqual({
      decision: "act",
      reasons: ["value $8.00 is within the keep-the-item limit of $10.00", "the shopper keeps the item; no return shipment"],
      effect: { intent: "refund" },
    });
  });

  it("asks for the item back above the limit and for exchanges", () => {
    expect(judgeGreenReturn(on, facts({ status: "approved", valueMinor: 1001, receivedValueMinor: 0 })).reasons).toEqual([
      "value $10.01 is over the keep-the-item limit of $10.00",
    ]);
    expect(judgeGreenReturn(on, facts({ status: "approved", valueMinor: 800, receivedValueMinor: 0, resolution: "exchange" })).reasons).toEqual([
      "An exchange ships a new item, so the old one comes back.",
    ]);
  });
});

describe("review signal", () => {
  const on = { enabled: true, serialCount: 3, serialDays: 90, valueThresholdMinor: 30000 };

  it("names every reason in words", () => {
    expect(judgeReviewSignal(on, facts({ recentReturns: 3, valueMinor: 41200 }))).toEqual({
      decision: "act",
      reasons: ["3 returns in the last 90 days (threshold 3)", "value $412.00 is over the review threshold of $300.00"],
      effect: { subject: "Review return for #1001: 3 returns in the last 90 days (threshold 3); value $412.00 is over the review threshold of $300.00" },
    });
  });

  it("stays quiet below both thresholds and when a review ticket is already open", () => {
    expect(judgeReviewSignal(on, facts({ recentReturns: 2, valueMinor: 30000 })).decision).toBe("skip");
    expect(judgeReviewSignal(on, facts({ recentReturns: 5, hasOpenTicket: true })).reasons).toEqual([
      "5 returns in the last 90 days (threshold 3)",
      "a ticket about this return is already open",
    ]);
  });
});

describe("SLA escalation", () => {
  const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
    ticketId: "t_1",
    number: 12,
    status: "open",
    priority: "normal",
    assignee: "staff:1",
    slaDueAt: "2026-12-07T10:00:00.000Z",
    firstResponseAt: null,
    now: "2026-12-07T13:20:00.000Z",
    ...over,
  });

  it("raises the priority one step and reassigns an unanswered ticket past its SLA", () => {
    expect(judgeSlaEscalation({ enabled: true, fallbackAssignee: "staff:9" }, ticket())).toEqual({
      decision: "act",
      reasons: ["no first response 3 h 20 min after the SLA was due", "priority normal → high", "reassigned to staff:9"],
      effect: { priority: "high", assignee: "staff:9" },
    });
    expect(judgeSlaEscalation({ enabled: true, fallbackAssignee: null }, ticket({ priority: "urgent" })).effect).toEqual({ priority: "urgent", assignee: null });
  });

  it("leaves answered, solved and in-time tickets alone", () => {
    const on = { enabled: true, fallbackAssignee: null };
    expect(judgeSlaEscalation(on, ticket({ firstResponseAt: "2026-12-07T11:00:00.000Z" })).reasons).toEqual(["Ticket #12 was answered."]);
    expect(judgeSlaEscalation(on, ticket({ status: "solved" })).reasons).toEqual(["Ticket #12 is solved."]);
    expect(judgeSlaEscalation(on, ticket({ now: "2026-12-07T09:59:00.000Z" })).reasons).toEqual(["Ticket #12 is within its SLA."]);
  });
});

describe("telling the shopper", () => {
  const money = { movementId: "m_1", kind: "refund", status: "succeeded", amountMinor: 4144, currencyCode: "USD", orderName: "#1001", returnCaseId: "rc_1" };

  it("writes one sentence per money event", () => {
    expect(judgeNotifyShopper({ enabled: true }, money).effect).toEqual({ body: "Your refund of $41.44 for order #1001 has been sent to your original payment method." });
    expect(judgeNotifyShopper({ enabled: true }, { ...money, kind: "store_credit" }).effect).toEqual({ body: "$41.44 in store credit for order #1001 has been added to your account." });
    expect(judgeNotifyShopper({ enabled: true }, { ...money, kind: "exchange_balance", amountMinor: 0 }).effect).toEqual({ body: "Your exchange for order #1001 has been processed." });
  });

  it("says nothing of fees, bonuses or money still pending", () => {
    expect(judgeNotifyShopper({ enabled: true }, { ...money, kind: "fee" }).decision).toBe("skip");
    expect(judgeNotifyShopper({ enabled: true }, { ...money, status: "pending" }).decision).toBe("skip");
  });
});
