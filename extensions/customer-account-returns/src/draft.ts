/**
 * The items step's choices → the flow's draft lines, or the first problem to show. Pure, so
 * it is tested in node; the storefront portal reads the same rules from its form.
 */
import type { DraftLine } from "../../returns-portal/src/flow";

export interface LineDraft {
  quantity: number;
  reasonCode: string;
  note: string;
}

export type DraftResult = { lines: DraftLine[] } | { problem: { lineItemId: string | null; key: string } };

/** Lines with a quantity, in the order's order; each needs a reason; at least one line. */
export function draftLines(lineIds: string[], drafts: Record<string, LineDraft | undefined>): DraftResult {
  const lines: DraftLine[] = [];
  for (const id of lineIds) {
    const d = drafts[id];
    if (!d || d.quantity <= 0) continue;
    if (!d.reasonCode) return { problem: { lineItemId: id, key: "reason_missing" } };
    const note = d.note.trim();
    lines.push({ lineItemId: id, quantity: d.quantity, reasonCode: d.reasonCode, ...(note ? { note } : {}) });
  }
  return lines.length ? { lines } : { problem: { lineItemId: null, key: "items_missing" } };
}
