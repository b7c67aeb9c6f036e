/**
 * What an agent may do to a return, and when — ONE table, pure and safe for the client.
 * The server actions (actions.server.ts), the payout (app/refunds/payout.server.ts), the
 * planner (app/refunds/plan.ts) and the admin page (components/returns/available-actions.ts)
 * all read it, so the page offers exactly what the server will accept.
 *
 * Each action lists the statuses it is allowed in and the other conditions it needs, as
 * pure predicates over `ReturnFacts` (a snapshot of the return and its ledger, built by
 * facts.server.ts). A refusal is a DomainError whose message names the return:
 * "Return #1001 is closed and cannot be approved."
 *
 * The lifecycle itself (which status may follow which) stays in status.ts: an action that
 * moves a return names its target, and the table's test proves every allowed status may
 * move there.
 */
import { DomainError, type DomainErrorCode } from "~/lib/errors";
import { formatMoney, type Money } from "~/lib/money";
import type { ReturnActionIntent } from "./actions.schemas";
import { describeStatus, type ReturnStatus } from "./status";

export const RETURN_ACTION_IDS = [
  "approve",
  "decline",
  "receive",
  "refund",
  "store_credit",
  "exchange",
  "partial_refund",
  "goodwill_refund",
  "fee_override",
  "cancel",
  "close",
] as const;
export type ReturnActionId = (typeof RETURN_ACTION_IDS)[number];

/** The ledger kinds of a resolution's main money movement. */
export type PayoutKind = "refund" | "store_credit" | "exchange_balance";

/** What the table needs to know about one return — plain data, the same on the server and in the page. */
export type ReturnFacts = {
  id: string;
  /** How the agent knows the return: its Shopify name, else its order's name. */
  name: string;
  status: ReturnStatus;
  /** The shopper's choice: refund | store_credit | exchange | keep. */
  resolution: string;
  /** Whether the return exists in Shopify (has a Shopify return id). */
  inShopify: boolean;
  /** Lines with an exchange variant. */
  exchangeItems: number;
  /** Units requested and not received yet. */
  unitsToReceive: number;
  /** The resolution's main ledger row (refund, store credit or exchange), once one was written. */
  payout: { kind: PayoutKind; status: "pending" | "succeeded" | "failed"; amount: Money } | null;
  /** Whether money other than a kept fee is moving or has moved (pending or succeeded rows). */
  moneyMoved: boolean;
};

export type Refusal = { code: DomainErrorCode; message: string };
type Guard = (facts: ReturnFacts, locale: string) => Refusal | null;

export type ActionRule = {
  /** The statuses the action is allowed in. */
  statuses: readonly ReturnStatus[];
  /** The status the action moves the return to, when it moves it (checked against status.ts). */
  moves: ReturnStatus | null;
  /** How the action reads in "Return #1001 is closed and cannot be <verb>." */
  verb: string;
  /** The other conditions, in the order they are checked. */
  guards: readonly Guard[];
  /** A payout already written for this return is finished (or answered "already done") whatever the status. */
  resumable: boolean;
};

// ── guards ───────────────────────────────────────────────────────────────────────────

const PAYOUT_WORDS: Record<PayoutKind, string> = { refund: "a refund", store_credit: "store credit", exchange_balance: "an exchange" };

/** One resolution per return: once its money movement was written, only that kind may go on. */
const samePayout =
  (kind: PayoutKind, asked: string): Guard =>
  (f, locale) => {
    if (!f.payout || f.payout.kind === kind) return null;
    const amount = formatMoney(f.payout.amount, locale);
    const started = f.payout.kind === "exchange_balance" ? "an exchange" : f.payout.kind === "refund" ? `a refund of ${amount}` : `store credit of ${amount}`;
    return { code: "conflict", message: `Return ${f.name} is already being resolved with ${started}; it cannot also get ${asked}.` };
  };

const hasExchangeItems: Guard = (f) =>
  f.exchangeItems > 0 ? null : { code: "invalid", message: `Return ${f.name} has no exchange items; refund it or issue store credit instead.` };

const somethingToReceive: Guard = (f) =>
  f.unitsToReceive > 0 ? null : { code: "conflict", message: `All items of return ${f.name} were already received.` };

const payoutNotStarted: Guard = (f) =>
  f.payout && f.payout.status !== "failed" ? { code: "conflict", message: `Return ${f.name} is already being paid out, so its fee can no longer change.` } : null;

const noMoneyMoved: Guard = (f) =>
  f.moneyMoved ? { code: "conflict", message: `Return ${f.name} already has money moving or moved, so it cannot be canceled; resolve it instead.` } : null;

// ── the table ────────────────────────────────────────────────────────────────────────

const UNDECIDED = ["requested", "needs_review"] as const;
const PAYABLE = ["approved", "received"] as const;

export const RETURN_ACTIONS: Readonly<Record<ReturnActionId, ActionRule>> = {
  approve: { statuses: UNDECIDED, moves: "approved", verb: "approved", guards: [], resumable: false },
  decline: { statuses: UNDECIDED, moves: "declined", verb: "declined", guards: [], resumable: false },
  receive: { statuses: PAYABLE, moves: "received", verb: "received", guards: [somethingToReceive], resumable: false },
  refund: { statuses: PAYABLE, moves: "resolved", verb: "refunded", guards: [samePayout("refund", PAYOUT_WORDS.refund)], resumable: true },
  store_credit: {
    statuses: PAYABLE,
    moves: "resolved",
    verb: "given store credit",
    guards: [samePayout("store_credit", PAYOUT_WORDS.store_credit)],
    resumable: true,
  },
  exchange: {
    statuses: PAYABLE,
    moves: "resolved",
    verb: "exchanged",
    guards: [hasExchangeItems, samePayout("exchange_balance", PAYOUT_WORDS.exchange_balance)],
    resumable: true,
  },
  // The resolution, paid in part for what came back.
  partial_refund: { statuses: ["received"], moves: "resolved", verb: "partially refunded", guards: [samePayout("refund", "a partial refund")], resumable: true },
  // A refund on top of a finished resolution (refundCreate, outside the return's lines).
  goodwill_refund: { statuses: ["resolved"], moves: null, verb: "given a goodwill refund", guards: [], resumable: false },
  fee_override: { statuses: [...UNDECIDED, ...PAYABLE], moves: null, verb: "given a new fee", guards: [payoutNotStarted], resumable: false },
  cancel: { statuses: [...UNDECIDED, "approved"], moves: "canceled", verb: "canceled", guards: [noMoneyMoved], resumable: false },
  close: { statuses: ["resolved"], moves: "closed", verb: "closed", guards: [], resumable: false },
};

// ── reading the table ──────────────────────────────────────────────────────────────────

/** Why the table refuses the action for this return (null: allowed). `resume`: a payout of this return is being finished. */
export function refusalOf(facts: ReturnFacts, action: ReturnActionId, options: { resume?: boolean; locale?: string } = {}): Refusal | null {
  const rule = RETURN_ACTIONS[action];
  if (!(options.resume && rule.resumable) && !rule.statuses.includes(facts.status)) {
    return statusRefusal(facts, action);
  }
  for (const guard of rule.guards) {
    const refusal = guard(facts, options.locale ?? "en-US");
    if (refusal) return refusal;
  }
  return null;
}

/** Throws the table's refusal as a DomainError naming the return; returns when the action is allowed. */
export function assertReturnAction(facts: ReturnFacts, action: ReturnActionId, options: { resume?: boolean; locale?: string } = {}): void {
  const refusal = refusalOf(facts, action, options);
  if (refusal) throw new DomainError(refusal.code, refusal.message, { returnId: facts.id, action, status: facts.status });
}

/** The status rule alone, for code that only knows the status (the money planner). */
export function assertActionStatus(returnCase: { id: string; name?: string; status: ReturnStatus }, action: ReturnActionId): void {
  if (RETURN_ACTIONS[action].statuses.includes(returnCase.status)) return;
  const refusal = statusRefusal({ name: returnCase.name ?? returnCase.id, status: returnCase.status }, action);
  throw new DomainError(refusal.code, refusal.message, { returnId: returnCase.id, action, status: returnCase.status });
}

/**
 * The table action an admin intent (actions.schemas.ts) runs for this return — the one
 * mapping the page and the server share: a partial refund of a resolved return is a
 * goodwill refund on top of the resolution; on any other return it is the resolution.
 */
export function actionForIntent(intent: ReturnActionIntent, facts: Pick<ReturnFacts, "status">): ReturnActionId {
  if (intent === "partial_refund" && facts.status === "resolved") return "goodwill_refund";
  return intent;
}

/** Every action the table allows for this return, in the table's order. */
export function allowedActions(facts: ReturnFacts): ReturnActionId[] {
  return RETURN_ACTION_IDS.filter((action) => refusalOf(facts, action) === null);
}

/**
 * What the agent should do next when a return's request never reached Shopify, in words —
 * or null when nothing is out of the ordinary. The actions named here do the Shopify part
 * first (actions.server.ts, payout.server.ts), so the sentence is always a way forward.
 * An exchange is not in Shopify until it is created (with its new items) by design.
 */
export function shopifyNextStep(facts: ReturnFacts): string | null {
  if (facts.inShopify || facts.resolution === "exchange") return null;
  const allowed = allowedActions(facts);
  if (allowed.includes("approve")) {
    return `Return ${facts.name} is not in Shopify yet: its request did not reach Shopify. Approve sends it to Shopify first and approves it there; Decline or Cancel keep it in Aftercare only.`;
  }
  // Name the payout the shopper chose, when it is allowed.
  const pay = facts.resolution === "store_credit" && allowed.includes("store_credit") ? "Issue store credit" : allowed.includes("refund") ? "Refund" : null;
  if (pay) return `Return ${facts.name} is not in Shopify yet. ${pay} sends it to Shopify first and approves it there, then pays.`;
  return null;
}

function statusRefusal(facts: Pick<ReturnFacts, "name" | "status">, action: ReturnActionId): Refusal {
  return { code: "conflict", message: `Return ${facts.name} is ${describeStatus(facts.status)} and cannot be ${RETURN_ACTIONS[action].verb}.` };
}
