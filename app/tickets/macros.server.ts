/**
 * Macros: the shop's saved replies (list, create, edit, delete) and applying one to a ticket
 * — the rendered reply, the status and the tags in one transaction, with audit events.
 */
import { z } from "zod";
import prisma, { isUniqueViolation } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { fromBigInt } from "~/lib/money";
import type { PortalLocale } from "~/portal/messages";
import { parseReturnStatus } from "~/returns/status";
import { MACRO_STATUSES, macroInputSchema, macroVariables, parseTags, renderMacro, type MacroContext } from "~/tickets/macros";
import { messageInputSchema, type TicketStatus } from "~/tickets/schemas";
import { addTagsInTx } from "~/tickets/tags.server";
import { addMessageInTx, transitionTicketInTx } from "~/tickets/tickets.server";
import { canTransitionTicket } from "~/tickets/status";

export type Macro = { id: string; name: string; body: string; setStatus: (typeof MACRO_STATUSES)[number] | null; addTags: string[]; updatedAt: Date };

function toMacro(row: { id: string; name: string; body: string; setStatus: string | null; addTags: string; updatedAt: Date }): Macro {
  return { ...row, setStatus: row.setStatus === null ? null : z.enum(MACRO_STATUSES).parse(row.setStatus), addTags: parseTags(row.addTags) };
}

function parseMacro(input: unknown) {
  const parsed = macroInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const flat = z.flattenError(parsed.error);
  throw new DomainError("invalid", "The macro has errors; fix the marked fields.", { fieldErrors: flat.fieldErrors });
}

function duplicateName(name: string): DomainError {
  return new DomainError("conflict", `A macro named “${name}” already exists.`, { fieldErrors: { name: ["Another macro has this name."] } });
}

/** The shop's macros by name. */
export async function listMacros(shop: string): Promise<Macro[]> {
  const rows = await prisma.macro.findMany({ where: { shop }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toMacro);
}

/** Saves a new macro (unknown variables are refused with their names), with an audit event. */
export async function createMacro(shop: string, input: unknown, actor: string): Promise<Macro> {
  const data = parseMacro(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.macro.create({ data: { shop, ...data } });
      await recordAudit(tx, shop, { actor, action: "macro.created", entityType: "macro", entityId: row.id, data: { title: data.name } });
      return toMacro(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(data.name);
    throw error;
  }
}

/** Replaces a macro of this shop, with an audit event. */
export async function updateMacro(shop: string, macroId: string, input: unknown, actor: string): Promise<Macro> {
  const data = parseMacro(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.macro.updateMany({ where: { id: macroId, shop }, data });
      if (count === 0) throw new DomainError("not_found", `Macro ${macroId} was not found.`);
      await recordAudit(tx, shop, { actor, action: "macro.updated", entityType: "macro", entityId: macroId, data: { title: data.name } });
      return toMacro(await tx.macro.findFirstOrThrow({ where: { id: macroId, shop } }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(data.name);
    throw error;
  }
}

/** Deletes a macro of this shop, with an audit event. */
export async function deleteMacro(shop: string, macroId: string, actor: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.macro.deleteMany({ where: { id: macroId, shop } });
    if (count === 0) throw new DomainError("not_found", `Macro ${macroId} was not found.`);
    await recordAudit(tx, shop, { actor, action: "macro.deleted", entityType: "macro", entityId: macroId });
  });
}

function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? null, lastName: parts.length > 1 ? parts.slice(1).join(" ") : null };
}

/** What a macro can say about a ticket of this shop: its customer, order, return and the money that moved. */
export async function macroContext(shop: string, ticketId: string, agentName: string | null): Promise<MacroContext> {
  const ticket = await prisma.ticket.findFirst({ where: { id: ticketId, shop } });
  if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  const rc = ticket.returnCaseId ? await prisma.returnCase.findFirst({ where: { id: ticket.returnCaseId, shop }, select: { id: true, status: true, currencyCode: true } }) : null;
  const scope = rc ? { returnCaseId: rc.id } : ticket.orderId ? { orderId: ticket.orderId } : null;
  const moved = scope
    ? await prisma.moneyMovement.groupBy({ by: ["kind", "currencyCode"], where: { shop, ...scope, status: "succeeded", kind: { in: ["refund", "store_credit", "bonus"] } }, _sum: { amountMinor: true } })
    : [];
  const total = (kinds: string[]) => {
    const rows = moved.filter((m) => kinds.includes(m.kind));
    const first = rows[0];
    if (!first) return null;
    return { amountMinor: rows.reduce((sum, r) => sum + fromBigInt(r._sum.amountMinor ?? 0n), 0), currencyCode: first.currencyCode };
  };
  return {
    customer: { ...splitName(ticket.customerName), email: ticket.customerEmail },
    order: ticket.orderName ? { name: ticket.orderName } : null,
    return: rc ? { status: parseReturnStatus(rc.status) } : null,
    refund: total(["refund"]),
    storeCredit: total(["store_credit", "bonus"]),
    ticket: { number: ticket.number, subject: ticket.subject },
    agent: { name: agentName },
  };
}

async function findMacro(shop: string, macroId: string): Promise<Macro> {
  const row = await prisma.macro.findFirst({ where: { id: macroId, shop } });
  if (!row) throw new DomainError("not_found", `Macro ${macroId} was not found.`);
  return toMacro(row);
}

export type MacroPreview = { body: string; missing: string[]; setStatus: TicketStatus | null; addTags: string[] };

/** The macro rendered for a ticket in the shopper's language, before anything is sent. */
export async function previewMacro(shop: string, ticketId: string, macroId: string, locale: PortalLocale, agentName: string | null): Promise<MacroPreview> {
  const [macro, ctx] = await Promise.all([findMacro(shop, macroId), macroContext(shop, ticketId, agentName)]);
  const { text, missing } = renderMacro(macro.body, ctx, locale);
  return { body: text, missing, setStatus: macro.setStatus, addTags: macro.addTags };
}

/**
 * Sends a macro's reply (as the agent may have edited it after the preview) to the customer,
 * then sets the macro's status and adds its tags — all or nothing. A reply that still holds a
 * {{variable}} is refused: the customer would read the braces.
 */
export async function applyMacro(shop: string, ticketId: string, input: { macroId: string; body: string }, actor: string, agentName: string | null): Promise<{ number: number; status: TicketStatus }> {
  const macro = await findMacro(shop, input.macroId);
  const body = messageInputSchema.shape.body.safeParse(input.body);
  if (!body.success) throw new DomainError("invalid", body.error.issues[0]?.message ?? "Write a message before sending.", { fieldErrors: { body: body.error.issues.map((i) => i.message) } });
  const left = macroVariables(body.data);
  if (left.length) {
    throw new DomainError("invalid", `Fill in ${left.map((v) => `{{${v}}}`).join(", ")} before sending: this ticket has no value for ${left.length > 1 ? "them" : "it"}.`, {
      fieldErrors: { body: ["Replace the remaining {{variables}}."] },
    });
  }
  return prisma.$transaction(async (tx) => {
    await addMessageInTx(tx, shop, ticketId, { authorType: "agent", authorName: agentName, visibility: "public", body: body.data }, actor);
    const now = await tx.ticket.findFirstOrThrow({ where: { id: ticketId, shop }, select: { number: true, status: true } });
    let status: TicketStatus = z.enum(["open", "pending", "solved", "closed"]).parse(now.status);
    if (macro.setStatus && macro.setStatus !== status && canTransitionTicket(status, macro.setStatus)) {
      status = (await transitionTicketInTx(tx, shop, ticketId, macro.setStatus, actor, new Date(), { macro: macro.name })).status;
    }
    if (macro.addTags.length) await addTagsInTx(tx, shop, ticketId, macro.addTags, actor);
    await recordAudit(tx, shop, { actor, action: "ticket.macro_applied", entityType: "ticket", entityId: ticketId, data: { macroId: macro.id, title: macro.name } });
    return { number: now.number, status };
  });
}
