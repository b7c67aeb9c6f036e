/**
 * The return lifecycle — one table, pure. Every status change of a return goes through
 * `transitionReturn` (transition.server.ts), which checks this table.
 *
 *   requested ─┬─> approved ─┬─> received ──> resolved ──> closed
 *              │             ├─> resolved (no receipt: keep-the-item, early refund)
 *              │             └─> canceled
 *              ├─> needs_review ──> approved | declined | canceled
 *              ├─> declined
 *              └─> canceled
 *
 * approved → resolved (without receipt) is allowed on purpose: a keep-the-item (green)
 * return is refunded or credited without anything coming back, and a merchant may
 * refund or ship an exchange before the parcel arrives. received → canceled is not:
 * once goods are back, the return is finished by resolving it (possibly for 0).
 * declined and canceled are terminal.
 *
 * Shopify moves returns too, and Aftercare follows it (app/returns/mirror.server.ts,
 * docs/decisions/016): a merchant can close an open return in Shopify admin before
 * Aftercare resolved it (approved | received → closed), and `returnReopen` opens a closed
 * return again — back to where it stood before closing (closed → approved | received |
 * resolved), never behind what Aftercare itself had done.
 */
import { DomainError } from "~/lib/errors";

export const RETURN_STATUSES = [
  "requested",
  "needs_review",
  "approved",
  "declined",
  "received",
  "resolved",
  "closed",
  "canceled",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const ALLOWED_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  requested: ["approved", "declined", "needs_review", "canceled"],
  needs_review: ["approved", "declined", "canceled"],
  approved: ["received", "resolved", "canceled", "closed"],
  received: ["resolved", "closed"],
  resolved: ["closed"],
  declined: [],
  closed: ["approved", "received", "resolved"],
  canceled: [],
};

export type ReturnMilestoneField =
  | "requestedAt"
  | "approvedAt"
  | "declinedAt"
  | "receivedAt"
  | "resolvedAt"
  | "closedAt"
  | "canceledAt";

/** The timestamp column each status stamps when entered; needs_review has none (its ticket and audit event date it). */
export const MILESTONE_FIELD: Readonly<Record<ReturnStatus, ReturnMilestoneField | null>> = {
  requested: "requestedAt",
  needs_review: null,
  approved: "approvedAt",
  declined: "declinedAt",
  received: "receivedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
  canceled: "canceledAt",
};

// "Return rc_1 is <state> and cannot be <verb>." — words a merchant reads in a toast.
const STATE_WORDS: Readonly<Record<ReturnStatus, string>> = {
  requested: "still a request",
  needs_review: "in review",
  approved: "approved",
  declined: "declined",
  received: "received",
  resolved: "resolved",
  closed: "closed",
  canceled: "canceled",
};
const VERBS: Readonly<Record<ReturnStatus, string>> = {
  requested: "requested again",
  needs_review: "sent to review",
  approved: "approved",
  declined: "declined",
  received: "received",
  resolved: "resolved",
  closed: "closed",
  canceled: "canceled",
};

/** A status as it reads in "Return #1001 is <state> and cannot be …": "in review", "still a request". */
export function describeStatus(status: ReturnStatus): string {
  return STATE_WORDS[status];
}

/** Whether a return may move from one status to another. */
export function canTransition(from: ReturnStatus, to: ReturnStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Whether nothing can happen to a return in this status any more. */
export function isTerminal(status: ReturnStatus): boolean {
  return ALLOWED_TRANSITIONS[status].length === 0;
}

/** Throws a conflict naming the return when the table forbids the move: "Return rc_1 is closed and cannot be approved." */
export function assertTransition(returnCase: { id: string; status: ReturnStatus }, to: ReturnStatus): void {
  if (canTransition(returnCase.status, to)) return;
  const message =
    returnCase.status === to
      ? `Return ${returnCase.id} is already ${STATE_WORDS[to]}.`
      : `Return ${returnCase.id} is ${STATE_WORDS[returnCase.status]} and cannot be ${VERBS[to]}.`;
  throw new DomainError("conflict", message, { returnId: returnCase.id, from: returnCase.status, to });
}

/** Narrows a stored string to a ReturnStatus; a row outside the table is corrupt data. */
export function parseReturnStatus(value: string): ReturnStatus {
  if ((RETURN_STATUSES as readonly string[]).includes(value)) return value as ReturnStatus;
  throw new DomainError("invalid", `"${value}" is not a return status.`);
}

// ── Shopify's ReturnStatus (Admin 2026-10) ────────────────────────────────────────────

export const SHOPIFY_RETURN_STATUSES = ["REQUESTED", "OPEN", "DECLINED", "CLOSED", "CANCELED"] as const;
export type ShopifyReturnStatus = (typeof SHOPIFY_RETURN_STATUSES)[number];

const TO_SHOPIFY: Readonly<Record<ReturnStatus, ShopifyReturnStatus>> = {
  // needs_review is our own hold: to Shopify the shopper's request is still a request.
  requested: "REQUESTED",
  needs_review: "REQUESTED",
  // Shopify has no received/resolved states: the return stays OPEN until returnClose.
  approved: "OPEN",
  received: "OPEN",
  resolved: "OPEN",
  declined: "DECLINED",
  closed: "CLOSED",
  canceled: "CANCELED",
};

const FROM_SHOPIFY: Readonly<Record<ShopifyReturnStatus, ReturnStatus>> = {
  REQUESTED: "requested",
  OPEN: "approved",
  DECLINED: "declined",
  CLOSED: "closed",
  CANCELED: "canceled",
};

/** The Shopify ReturnStatus that corresponds to our status. */
export function toShopifyReturnStatus(status: ReturnStatus): ShopifyReturnStatus {
  return TO_SHOPIFY[status];
}

/**
 * Our status for a Shopify ReturnStatus seen for the first time (a mirrored return).
 * Shopify's states are coarser than ours: OPEN maps to approved, never to received or
 * resolved, which only our own events establish.
 */
export function fromShopifyReturnStatus(status: ShopifyReturnStatus): ReturnStatus {
  return FROM_SHOPIFY[status];
}

/** Whether our status and Shopify's agree (used by reconciliation to spot drift). */
export function agreesWithShopify(ours: ReturnStatus, theirs: ShopifyReturnStatus): boolean {
  // Shopify may close a return by itself once returnProcess has handled every item.
  if (ours === "resolved" && theirs === "CLOSED") return true;
  return TO_SHOPIFY[ours] === theirs;
}

// ── following Shopify (mirrored returns, app/returns/mirror.server.ts) ───────────────────

/** What Aftercare had done with a return before it was closed: where a reopen takes it back to. */
export type ReachedMilestones = { received: boolean; resolved: boolean };

export type ShopifyFollowUp =
  /** The statuses agree: an echo of our own change, a repeated or a late delivery. */
  | { kind: "in_step" }
  /** Walk these statuses in order (each step allowed by the table) to stand where Shopify stands. */
  | { kind: "move"; path: ReturnStatus[] }
  /** Shopify stands where we cannot follow without undoing what Aftercare did, or where it cannot have gone from ours. */
  | { kind: "drift" };

const UNDECIDED: readonly ReturnStatus[] = ["requested", "needs_review"];
const OPEN_HERE: readonly ReturnStatus[] = ["approved", "received", "resolved"];

/**
 * How our status follows Shopify's current one — pure. Shopify's states are coarser than
 * ours, so OPEN agrees with approved, received and resolved; we never move backwards past
 * what Aftercare itself did (a received return stays received when Shopify says OPEN, and
 * is not canceled because Shopify was), and a reopened return goes back to the furthest
 * milestone it had reached before it was closed.
 */
export function followShopify(ours: ReturnStatus, theirs: ShopifyReturnStatus, reached: ReachedMilestones): ShopifyFollowUp {
  const undecided = UNDECIDED.includes(ours);
  const move = (...path: ReturnStatus[]): ShopifyFollowUp => ({ kind: "move", path });
  switch (theirs) {
    case "REQUESTED":
      return undecided ? { kind: "in_step" } : { kind: "drift" };
    case "OPEN":
      if (undecided) return move("approved");
      if (OPEN_HERE.includes(ours)) return { kind: "in_step" };
      if (ours === "closed") return move(reached.resolved ? "resolved" : reached.received ? "received" : "approved");
      return { kind: "drift" };
    case "DECLINED":
      if (undecided) return move("declined");
      return ours === "declined" ? { kind: "in_step" } : { kind: "drift" };
    case "CANCELED":
      if (undecided || ours === "approved") return move("canceled");
      return ours === "canceled" ? { kind: "in_step" } : { kind: "drift" };
    case "CLOSED":
      if (undecided) return move("approved", "closed");
      if (OPEN_HERE.includes(ours)) return move("closed");
      return ours === "closed" ? { kind: "in_step" } : { kind: "drift" };
  }
}
