/**
 * The items step's choices → the flow's draft lines, or the first problem to show. Pure, so
 * it is tested in node; the storefront portal reads the same rules from its form.
 */
import type { DraftLine } from "../../returns-portal/src/flow";

export interface LineDraft {
  quantity: number;
  reasonCode: string;
  note: string;
  /** Ids from `POST /customer-account/photos`, for a reason that needs a photo. */
  photoIds?: string[];
}

export type DraftResult = { lines: DraftLine[] } | { problem: { lineItemId: string | null; key: string } };

/**
 * Lines with a quantity, in the order's order; each needs a reason, and a reason the policy
 * marks `requiresPhoto` needs an uploaded photo; at least one line. Photo ids go on the line
 * only for such a reason, as the storefront portal sends them (a photo kept from a reason the
 * customer then changed is not sent).
 */
export function draftLines(lineIds: string[], drafts: Record<string, LineDraft | undefined>, needsPhoto: (reasonCode: string) => boolean = () => false): DraftResult {
  const lines: DraftLine[] = [];
  for (const id of lineIds) {
    const d = drafts[id];
    if (!d || d.quantity <= 0) continue;
    if (!d.reasonCode) return { problem: { lineItemId: id, key: "reason_missing" } };
    const photo = needsPhoto(d.reasonCode);
    if (photo && !d.photoIds?.length) return { problem: { lineItemId: id, key: "photo_missing" } };
    const note = d.note.trim();
    lines.push({ lineItemId: id, quantity: d.quantity, reasonCode: d.reasonCode, ...(note ? { note } : {}), ...(photo ? { photoIds: d.photoIds } : {}) });
  }
  return lines.length ? { lines } : { problem: { lineItemId: null, key: "items_missing" } };
}
