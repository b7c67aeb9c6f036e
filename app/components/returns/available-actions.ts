/**
 * Which actions the return page offers — pure, and no table of its own: it offers exactly
 * what the action table (app/returns/action-table.ts) allows for the facts the loader built,
 * the same facts the server checks. The domain still decides on submit (a stale page may
 * offer an action that is no longer possible; its answer says why).
 */
import { actionForIntent, refusalOf, type ReturnFacts } from "~/returns/action-table";
import { RETURN_ACTION_INTENTS, type ReturnActionIntent } from "~/returns/actions.schemas";

/** An action of the admin contract (actions.schemas.ts), or opening a ticket about the return. */
export type PageIntent = ReturnActionIntent | "open_ticket";

const RESOLVE: Record<string, PageIntent> = { refund: "refund", store_credit: "store_credit", exchange: "exchange", keep: "refund" };

// The order buttons appear in; the shopper's chosen resolution is raised to lead the payouts.
const ORDER: readonly PageIntent[] = ["approve", "decline", "receive", "refund", "store_credit", "exchange", "close", "partial_refund", "fee_override", "cancel"];

/** The primary action first, then the others; "Open a ticket" always last. */
export function availableActions(facts: ReturnFacts): PageIntent[] {
  const allowed = RETURN_ACTION_INTENTS.filter((intent) => refusalOf(facts, actionForIntent(intent, facts)) === null);
  const resolve = RESOLVE[facts.resolution] ?? "refund";
  const rank = (intent: PageIntent) => {
    // Once items are back, paying is the next step; before, receiving them is.
    if (intent === resolve) return facts.status === "received" ? -1 : ORDER.indexOf("refund") - 0.5;
    return ORDER.indexOf(intent);
  };
  return [...[...allowed].sort((a, b) => rank(a) - rank(b)), "open_ticket"];
}

export const INTENT_LABEL: Record<PageIntent, string> = {
  approve: "Approve",
  decline: "Decline",
  receive: "Mark received",
  refund: "Refund",
  store_credit: "Issue store credit",
  exchange: "Create exchange",
  partial_refund: "Partial refund",
  fee_override: "Override fee",
  cancel: "Cancel return",
  close: "Close return",
  open_ticket: "Open a ticket",
};
