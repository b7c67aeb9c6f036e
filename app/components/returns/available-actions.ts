/**
 * Which actions the return page offers in each status — pure. The domain still decides
 * (a stale page may offer an action that is no longer possible; its answer says why):
 * this only keeps the page from offering what the status table forbids.
 */
import type { ReturnStatus } from "~/returns/status";

export type PageIntent =
  | "approve"
  | "decline"
  | "receive"
  | "refund"
  | "store_credit"
  | "exchange"
  | "partial_refund"
  | "fee_override"
  | "cancel"
  | "close"
  | "open_ticket";

const RESOLVE: Record<string, PageIntent> = { refund: "refund", store_credit: "store_credit", exchange: "exchange", keep: "refund" };

/** The primary action first, then the others, for a return in `status` resolved by `resolution`. */
export function availableActions(status: ReturnStatus, resolution: string): PageIntent[] {
  const resolve = RESOLVE[resolution] ?? "refund";
  const others = (["refund", "store_credit", "exchange"] as const).filter((i) => i !== resolve);
  switch (status) {
    case "requested":
    case "needs_review":
      return ["approve", "decline", "cancel", "open_ticket"];
    case "approved":
      return ["receive", resolve, ...others, "fee_override", "cancel", "open_ticket"];
    case "received":
      return [resolve, ...others, "partial_refund", "fee_override", "open_ticket"];
    case "resolved":
      return ["close", "partial_refund", "open_ticket"];
    default:
      return ["open_ticket"];
  }
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
