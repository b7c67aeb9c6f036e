/**
 * Merging a duplicate ticket into another of the same customer: the conversation moves to
 * the target, the source is closed with a note "Merged into #N" and remembers where it went.
 */
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { addTagsInTx } from "~/tickets/tags.server";
import { transitionTicketInTx } from "~/tickets/tickets.server";

type Party = { customerId: string | null; customerEmail: string | null };

/** Whether two tickets are the same customer's: the same Shopify customer, else the same email when neither has one. */
function sameCustomer(a: Party, b: Party): boolean {
  if (a.customerId || b.customerId) return a.customerId === b.customerId;
  return !!a.customerEmail && !!b.customerEmail && a.customerEmail.trim().toLowerCase() === b.customerEmail.trim().toLowerCase();
}

/**
 * Merges ticket `sourceId` into `targetId` (both of this shop, both the same customer's, neither
 * closed): messages and tags move, the source closes with an internal note, both are audited.
 */
export async function mergeTickets(shop: string, sourceId: string, targetId: string, actor: string, now: Date = new Date()): Promise<{ source: number; target: number; moved: number }> {
  if (sourceId === targetId) throw new DomainError("invalid", "A ticket cannot be merged into itself.", { fieldErrors: { targetId: ["Pick another ticket."] } });
  return prisma.$transaction(async (tx) => {
    const select = { id: true, number: true, status: true, customerId: true, customerEmail: true, tags: { select: { tag: true } } } as const;
    const [source, target] = await Promise.all([tx.ticket.findFirst({ where: { id: sourceId, shop }, select }), tx.ticket.findFirst({ where: { id: targetId, shop }, select })]);
    if (!source) throw new DomainError("not_found", `Ticket ${sourceId} was not found.`);
    // Another shop's ticket reads as not found: its number is none of this shop's business.
    if (!target) throw new DomainError("not_found", `Ticket ${targetId} was not found.`);
    if (!sameCustomer(source, target)) {
      throw new DomainError("conflict", `Ticket #${source.number} and ticket #${target.number} belong to different customers and cannot be merged.`);
    }
    for (const t of [source, target]) if (t.status === "closed") throw new DomainError("conflict", `Ticket #${t.number} is closed and cannot be merged.`);
    const { count: moved } = await tx.ticketMessage.updateMany({ where: { shop, ticketId: source.id }, data: { ticketId: target.id } });
    if (source.tags.length) await addTagsInTx(tx, shop, target.id, source.tags.map((t) => t.tag), actor);
    await tx.ticketMessage.create({ data: { shop, ticketId: target.id, authorType: "system", visibility: "internal", body: `Ticket #${source.number} was merged into this ticket (${moved} message${moved === 1 ? "" : "s"}).`, createdAt: now } });
    await tx.ticketMessage.create({ data: { shop, ticketId: source.id, authorType: "system", visibility: "internal", body: `Merged into #${target.number}.`, createdAt: now } });
    await transitionTicketInTx(tx, shop, source.id, "closed", actor, now, { mergedInto: target.number });
    await tx.ticket.updateMany({ where: { id: source.id, shop }, data: { mergedIntoId: target.id } });
    await recordAudit(tx, shop, { actor, action: "ticket.merged", entityType: "ticket", entityId: target.id, data: { source: source.number, sourceId: source.id, moved } });
    return { source: source.number, target: target.number, moved };
  });
}
