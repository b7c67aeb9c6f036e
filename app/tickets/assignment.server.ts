/**
 * Automatic assignment: round-robin among the staff who marked themselves available. The
 * turn comes from one counter per shop, incremented by a single atomic UPDATE inside the
 * ticket's transaction, so two tickets opened at the same moment take two different turns
 * (a read-then-write of "who had the last ticket" would give both to the same agent).
 */
import prisma, { type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { staffUserId } from "~/staff/names";
import { DEFAULT_BUSINESS_HOURS } from "~/tickets/sla";

/** The staff actor whose turn it is ("staff:42"), or null when nobody is available. Takes the turn: call it once per ticket. */
export async function nextRoundRobinAssignee(tx: Tx, shop: string): Promise<string | null> {
  const available = await tx.staffMember.findMany({ where: { shop, available: true }, orderBy: { userId: "asc" }, select: { userId: true } });
  if (available.length === 0) return null;
  // An upsert on the unique shop is one INSERT … ON CONFLICT DO UPDATE: atomic on both databases.
  const { assignCursor } = await tx.helpdeskSettings.upsert({
    where: { shop },
    create: { shop, businessHours: DEFAULT_BUSINESS_HOURS, assignCursor: 1 },
    update: { assignCursor: { increment: 1 } },
    select: { assignCursor: true },
  });
  const pick = available[(assignCursor - 1) % available.length];
  return pick ? `staff:${pick.userId}` : null;
}

/** Whether this staff member takes new tickets. */
export async function isAvailable(shop: string, actor: string): Promise<boolean> {
  const userId = staffUserId(actor);
  if (!userId) return false;
  const row = await prisma.staffMember.findUnique({ where: { shop_userId: { shop, userId } }, select: { available: true } });
  return row?.available ?? false;
}

/** Marks a staff member of this shop as taking new tickets (or not), with an audit event. */
export async function setAvailability(shop: string, actor: string, available: boolean): Promise<void> {
  const userId = staffUserId(actor);
  if (!userId) throw new DomainError("invalid", "Only staff members take tickets.");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.staffMember.updateMany({ where: { shop, userId }, data: { available } });
    if (count === 0) throw new DomainError("not_found", "Open Aftercare once as this staff member before taking tickets.");
    await recordAudit(tx, shop, { actor, action: available ? "staff.available" : "staff.unavailable", entityType: "staff", entityId: userId, data: { available } });
  });
}
