/**
 * Which files of an inbound email a ticket keeps. Support needs photos of the damage and the
 * odd PDF (a receipt, a carrier's report), not archives or programs nobody should open from
 * a stranger's mail; and the bytes live in the database, so each message has a budget. What is
 * not kept is named to the agents (an internal note), never silently lost, and never a reason
 * to refuse the shopper's words: the text is stored either way.
 */
import type { InboundFile } from "./inbound-parse";

const ACCEPTED_ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/gif", "application/pdf"] as const;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const MAX_ATTACHMENTS_BYTES = 8 * 1024 * 1024;
const MAX_ATTACHMENTS = 5;

export type DroppedFile = { filename: string; contentType: string; size: number; reason: "type" | "too_large" | "over_budget" | "too_many" };

/** Splits the files into the ones kept (in order, within every limit) and the ones dropped, with why. */
export function selectAttachments(files: readonly InboundFile[]): { kept: InboundFile[]; dropped: DroppedFile[] } {
  const kept: InboundFile[] = [];
  const dropped: DroppedFile[] = [];
  let total = 0;
  for (const file of files) {
    const size = file.content.byteLength;
    const drop = (reason: DroppedFile["reason"]) => dropped.push({ filename: file.filename, contentType: file.contentType, size, reason });
    if (!ACCEPTED_ATTACHMENT_TYPES.some((type) => type === file.contentType)) drop("type");
    else if (size > MAX_ATTACHMENT_BYTES) drop("too_large");
    else if (kept.length >= MAX_ATTACHMENTS) drop("too_many");
    else if (total + size > MAX_ATTACHMENTS_BYTES) drop("over_budget");
    else {
      kept.push(file);
      total += size;
    }
  }
  return { kept, dropped };
}

/** The agents' note listing what was not kept: "Not kept from this email: a.zip (application/zip, 12 KB): not an image or PDF." */
export function droppedNote(dropped: readonly DroppedFile[]): string | null {
  if (dropped.length === 0) return null;
  const why: Record<DroppedFile["reason"], string> = {
    type: "not an image or PDF",
    too_large: `over ${MB(MAX_ATTACHMENT_BYTES)} per file`,
    too_many: `more than ${MAX_ATTACHMENTS} files`,
    over_budget: `over ${MB(MAX_ATTACHMENTS_BYTES)} of files per email`,
  };
  const lines = dropped.map((file) => `- ${file.filename} (${file.contentType}, ${size(file.size)}): ${why[file.reason]}`);
  return ["Not kept from this email (ask the customer for another way to send them if needed):", ...lines].join("\n");
}

function MB(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
