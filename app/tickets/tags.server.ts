/**
 * Ticket tags: lower-case words an agent (or a macro) puts on a ticket to sort the inbox.
 * One row per tag, so "tickets tagged vip" is an index lookup on both databases.
 */
import prisma, { type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { tagSchema } from "~/tickets/macros";

const MAX_TAGS = 20;

function parseTag(raw: string): string {
  const parsed = tagSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "That is not a tag.", { fieldErrors: { tag: parsed.error.issues.map((i) => i.message) } });
  return parsed.data;
}

/** Adds tags to a ticket of this shop inside the caller's transaction; tags it already has are left alone. Returns the ones added. */
export async function addTagsInTx(tx: Tx, shop: string, ticketId: string, tags: readonly string[], actor: string): Promise<string[]> {
  const wanted = [...new Set(tags.map(parseTag))];
  const ticket = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { number: true, tags: { select: { tag: true } } } });
  if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  const have = new Set(ticket.tags.map((t) => t.tag));
  const added = wanted.filter((t) => !have.has(t));
  if (have.size + added.length > MAX_TAGS) throw new DomainError("invalid", `Ticket #${ticket.number} can have at most ${MAX_TAGS} tags.`, { fieldErrors: { tag: [`At most ${MAX_TAGS} tags.`] } });
  for (const tag of added) await tx.ticketTag.create({ data: { shop, ticketId, tag } });
  if (added.length) await recordAudit(tx, shop, { actor, action: "ticket.tagged", entityType: "ticket", entityId: ticketId, data: { added } });
  return added;
}

/** Adds one tag to a ticket of this shop, with an audit event. */
export async function addTag(shop: string, ticketId: string, tag: string, actor: string): Promise<string[]> {
  return prisma.$transaction((tx) => addTagsInTx(tx, shop, ticketId, [tag], actor));
}

/** Removes a tag from a ticket of this shop, with an audit event; removing a tag it does not have is a no-op. */
export async function removeTag(shop: string, ticketId: string, tag: string, actor: string): Promise<void> {
  const value = parseTag(tag);
  await prisma.$transaction(async (tx) => {
    const found = await tx.ticket.count({ where: { id: ticketId, shop } });
    if (found === 0) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
    const { count } = await tx.ticketTag.deleteMany({ where: { shop, ticketId, tag: value } });
    if (count) await recordAudit(tx, shop, { actor, action: "ticket.untagged", entityType: "ticket", entityId: ticketId, data: { removed: [value] } });
  });
}

/** The tags in use in this shop, most used first, for the inbox filter. */
export async function shopTags(shop: string): Promise<string[]> {
  const groups = await prisma.ticketTag.groupBy({ by: ["tag"], where: { shop }, _count: { tag: true }, orderBy: [{ _count: { tag: "desc" } }, { tag: "asc" }], take: 100 });
  return groups.map((g) => g.tag);
}

/** A ticket's tags, alphabetically (none for another shop's ticket). */
export async function ticketTags(shop: string, ticketId: string): Promise<string[]> {
  const rows = await prisma.ticketTag.findMany({ where: { shop, ticketId }, orderBy: { tag: "asc" }, select: { tag: true } });
  return rows.map((r) => r.tag);
}
