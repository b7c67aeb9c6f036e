/**
 * Each rule's judgement — pure. Facts in (loaded by facts.server.ts, or by the preview over
 * 30 days of history), a decision and its reasons in words out. The same functions decide
 * live runs and previews, so a preview says exactly what the rule would have done.
 */
import { formatMoney } from "~/lib/money";
import type { TicketPriority } from "~/tickets/schemas";
import type { RuleSetRules } from "./definitions";

export type Judgement<Effect = null> = { decision: "act" | "skip"; reasons: string[]; effect: Effect | null };

/** What the engine knows about a return when it judges it. Amounts are minor units of `currencyCode`. */
export type ReturnFacts = {
  returnId: string;
  orderName: string;
  status: string;
  resolution: string;
  currencyCode: string;
  /** Price + tax of the requested units. */
  valueMinor: number;
  /** Price + tax of the units received so far. */
  receivedValueMinor: number;
  /** A resolution payout is already moving or done. */
  paidOut: boolean;
  /** The customer's other returns in the review rule's period before this one (canceled ones do not count). */
  recentReturns: number;
  /** A ticket about this return is open (a review already asked for). */
  hasOpenTicket: boolean;
};

export type TicketFacts = {
  ticketId: string;
  number: number;
  status: string;
  priority: TicketPriority;
  assignee: string | null;
  slaDueAt: string | null;
  firstResponseAt: string | null;
  now: string;
};

export type MoneyFacts = {
  movementId: string;
  kind: string;
  status: string;
  amountMinor: number;
  currencyCode: string;
  orderName: string;
  returnCaseId: string | null;
};

const usd = (amountMinor: number, currencyCode: string) => formatMoney({ amountMinor, currencyCode }, "en-US");

/** Auto-approve: approve when the switch is on and no policy exception applies, else review. */
export function judgeAutoApprove(params: RuleSetRules["auto_approve"], exceptions: number): { decision: "approve" | "review"; reasons: string[] } {
  if (!params.enabled) return { decision: "review", reasons: ["The store reviews every return by hand."] };
  if (exceptions > 0) return { decision: "review", reasons: [`${exceptions} policy exception${exceptions === 1 ? "" : "s"} need a person.`] };
  return { decision: "approve", reasons: ["Within policy: approved automatically."] };
}

export type PayoutEffect = { intent: "refund" | "store_credit" | "exchange" };

const PAYABLE: Readonly<Record<string, PayoutEffect["intent"]>> = { refund: "refund", store_credit: "store_credit", exchange: "exchange" };

/** Refund or credit on receipt: a received return, not yet paid, within the optional cap → pay its resolution. */
export function judgeRefundOnReceipt(params: RuleSetRules["refund_on_receipt"], facts: ReturnFacts): Judgement<PayoutEffect> {
  const skip = (reason: string): Judgement<PayoutEffect> => ({ decision: "skip", reasons: [reason], effect: null });
  if (!params.enabled) return skip("The rule is off.");
  if (facts.status !== "received") return skip(`Return ${facts.orderName} is ${facts.status.replace("_", " ")}, not received.`);
  const intent = PAYABLE[facts.resolution];
  if (!intent) return skip(`The shopper keeps the item (${facts.resolution}); there is nothing to pay out.`);
  if (facts.paidOut) return skip("A payout is already moving or done.");
  // The payout pays for received units: with none counted in, there is nothing to pay yet.
  if (facts.receivedValueMinor === 0) return skip("No items were counted in yet.");
  const value = usd(facts.receivedValueMinor, facts.currencyCode);
  if (params.maxValueMinor !== null && facts.receivedValueMinor > params.maxValueMinor) {
    return skip(`value ${value} is over the automatic payout cap of ${usd(params.maxValueMinor, facts.currencyCode)}`);
  }
  return {
    decision: "act",
    reasons: [
      `received items worth ${value}`,
      params.maxValueMinor === null ? "no value cap" : `within the cap of ${usd(params.maxValueMinor, facts.currencyCode)}`,
      `pays out the chosen ${intent.replace("_", " ")}`,
    ],
    effect: { intent },
  };
}

/** Green return: an approved refund or credit worth up to the limit is paid without the item coming back. */
export function judgeGreenReturn(params: RuleSetRules["green_return"], facts: ReturnFacts): Judgement<PayoutEffect> {
  const skip = (reason: string): Judgement<PayoutEffect> => ({ decision: "skip", reasons: [reason], effect: null });
  if (!params.enabled) return skip("The rule is off.");
  if (facts.status !== "approved") return skip(`Return ${facts.orderName} is ${facts.status.replace("_", " ")}, not approved.`);
  if (facts.resolution !== "refund" && facts.resolution !== "store_credit") return skip("An exchange ships a new item, so the old one comes back.");
  if (facts.paidOut) return skip("A payout is already moving or done.");
  if (facts.receivedValueMinor > 0) return skip("Items were already received; the refund-on-receipt rule decides.");
  const value = usd(facts.valueMinor, facts.currencyCode);
  const limit = usd(params.maxValueMinor, facts.currencyCode);
  if (facts.valueMinor > params.maxValueMinor) return skip(`value ${value} is over the keep-the-item limit of ${limit}`);
  return {
    decision: "act",
    reasons: [`value ${value} is within the keep-the-item limit of ${limit}`, "the shopper keeps the item; no return shipment"],
    effect: { intent: facts.resolution },
  };
}

export type ReviewEffect = { subject: string };

/** Serial returner or high value → a review ticket with the reasons in words, unless one is already open. */
export function judgeReviewSignal(params: RuleSetRules["review_signal"], facts: ReturnFacts): Judgement<ReviewEffect> {
  if (!params.enabled) return { decision: "skip", reasons: ["The rule is off."], effect: null };
  const reasons: string[] = [];
  if (params.serialCount !== null && facts.recentReturns >= params.serialCount) {
    reasons.push(`${facts.recentReturns} returns in the last ${params.serialDays} days (threshold ${params.serialCount})`);
  }
  if (params.valueThresholdMinor !== null && facts.valueMinor > params.valueThresholdMinor) {
    reasons.push(`value ${usd(facts.valueMinor, facts.currencyCode)} is over the review threshold of ${usd(params.valueThresholdMinor, facts.currencyCode)}`);
  }
  if (reasons.length === 0) return { decision: "skip", reasons: ["No review signal."], effect: null };
  if (facts.hasOpenTicket) return { decision: "skip", reasons: [...reasons, "a ticket about this return is already open"], effect: null };
  return { decision: "act", reasons, effect: { subject: `Review return for ${facts.orderName}: ${reasons.join("; ")}` } };
}

const RAISE: Readonly<Record<TicketPriority, TicketPriority>> = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

export type EscalationEffect = { priority: TicketPriority; assignee: string | null };

/** SLA breach: an open or pending ticket with no first response after its due time → one step up, and reassigned. */
export function judgeSlaEscalation(params: RuleSetRules["sla_escalation"], facts: TicketFacts): Judgement<EscalationEffect> {
  const skip = (reason: string): Judgement<EscalationEffect> => ({ decision: "skip", reasons: [reason], effect: null });
  if (!params.enabled) return skip("The rule is off.");
  if (facts.status !== "open" && facts.status !== "pending") return skip(`Ticket #${facts.number} is ${facts.status}.`);
  if (facts.slaDueAt === null) return skip(`Ticket #${facts.number} has no SLA.`);
  if (facts.firstResponseAt !== null) return skip(`Ticket #${facts.number} was answered.`);
  const overdueMs = Date.parse(facts.now) - Date.parse(facts.slaDueAt);
  if (overdueMs <= 0) return skip(`Ticket #${facts.number} is within its SLA.`);
  const priority = RAISE[facts.priority];
  return {
    decision: "act",
    reasons: [
      `no first response ${overdue(overdueMs)} after the SLA was due`,
      priority === facts.priority ? `priority stays ${priority}` : `priority ${facts.priority} → ${priority}`,
      params.fallbackAssignee ? `reassigned to ${params.fallbackAssignee}` : "returned to the queue (unassigned)",
    ],
    effect: { priority, assignee: params.fallbackAssignee },
  };
}

function overdue(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

export type NotifyEffect = { body: string };

/** A refund, credit or exchange that succeeded → tell the shopper, in their conversation about the return. */
export function judgeNotifyShopper(params: RuleSetRules["notify_shopper"], facts: MoneyFacts): Judgement<NotifyEffect> {
  const skip = (reason: string): Judgement<NotifyEffect> => ({ decision: "skip", reasons: [reason], effect: null });
  if (!params.enabled) return skip("The rule is off.");
  if (facts.status !== "succeeded") return skip(`The ${facts.kind.replace("_", " ")} has not succeeded.`);
  if (facts.returnCaseId === null) return skip("The money is not about a return.");
  const amount = usd(facts.amountMinor, facts.currencyCode);
  const order = facts.orderName;
  let body: string;
  if (facts.kind === "refund") body = `Your refund of ${amount} for order ${order} has been sent to your original payment method.`;
  else if (facts.kind === "store_credit") body = `${amount} in store credit for order ${order} has been added to your account.`;
  else if (facts.kind === "exchange_balance") {
    body = `Your exchange for order ${order} has been processed.${facts.amountMinor > 0 ? ` ${amount} of the difference was refunded to your original payment method.` : ""}`;
  } else return skip(`A ${facts.kind} is not news for the shopper.`);
  return { decision: "act", reasons: [`${facts.kind.replace("_", " ")} of ${amount} succeeded`], effect: { body } };
}
