/**
 * Tickets: every exception and every customer question becomes one, numbered per shop
 * (#1, #2, …), with an SLA for the first response and an audit trail.
 */
import type { Ticket as TicketModel, TicketMessage as TicketMessageModel } from ".prisma/client-sqlite";
import prisma, { type Prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { emailTicketMessage, emailTicketStatus } from "~/email/emit.server";
import { DomainError } from "~/lib/errors";
import { nextTicketNumber } from "~/shops/shops.server";
import { isKnownStaff } from "~/staff/directory.server";
import {
  authorTypeSchema,
  createTicketInputSchema,
  csatInputSchema,
  listTicketsFilterSchema,
  messageInputSchema,
  ticketCategorySchema,
  ticketChannelSchema,
  ticketPrioritySchema,
  ticketStatusSchema,
  visibilitySchema,
  type AuthorType,
  type CreateTicketInput,
  type CsatInput,
  type ListTicketsFilters,
  type MessageInput,
  type OpenReturnTicket,
  type TicketCategory,
  type TicketFields,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
  type Visibility,
} from "~/tickets/schemas";
import { nextRoundRobinAssignee } from "~/tickets/assignment.server";
import { computeDueTimes, resumedDueTimes } from "~/tickets/sla.server";
import { assertTicketRatable, assertTicketTransition } from "~/tickets/status";
import { z } from "zod";

export type { CreateTicketInput, CsatInput, ListTicketsFilters, MessageInput } from "~/tickets/schemas";


export type TicketMessage = {
  id: string;
  ticketId: string;
  authorType: AuthorType;
  authorName: string | null;
  visibility: Visibility;
  body: string;
  createdAt: Date;
};

export type Ticket = Omit<TicketModel, "category" | "channel" | "priority" | "status"> & {
  category: TicketCategory;
  channel: TicketChannel;
  priority: TicketPriority;
  status: TicketStatus;
};

export type TicketWithMessages = Ticket & { messages: TicketMessage[] };

export type SystemTicketInput = {
  subject: string;
  /** The first message: an internal note for the merchant's agents, never the customer. */
  body: string;
  priority?: TicketPriority;
  /** Defaults to the shop's SLA policy for system tickets of this priority (app/tickets/sla.server.ts). */
  slaDueAt?: Date;
  orderId?: string | null;
  orderName?: string | null;
  returnCaseId?: string | null;
  customerId?: string | null;
};

const MESSAGE_ORDER = [{ createdAt: "asc" }, { id: "asc" }] as const satisfies Prisma.TicketMessageOrderByWithRelationInput[];

export type CreateTicketOptions = {
  /** Open the ticket inside the caller's transaction (it commits or rolls back with it). */
  tx?: Tx;
  now?: Date;
  /** Overrides the priority's SLA, e.g. the 30 days a customer data request allows. */
  slaDueAt?: Date;
};

/** Opens a ticket: the shop's next number, SLA due times in business hours, the next available agent, an optional first message, an audit event. */
export async function createTicket(shop: string, input: CreateTicketInput, options: CreateTicketOptions = {}): Promise<TicketWithMessages> {
  const data = parseOrThrow(createTicketInputSchema, input, "The ticket has errors; fix the marked fields.");
  const insert = (tx: Tx) => insertTicket(tx, shop, data, options.now ?? new Date(), options.slaDueAt);
  return options.tx ? insert(options.tx) : prisma.$transaction(insert);
}

async function insertTicket(
  tx: Tx,
  shop: string,
  data: z.output<typeof createTicketInputSchema>,
  now: Date,
  slaOverride: Date | undefined,
): Promise<TicketWithMessages> {
  const actor = data.actor ?? defaultActorForChannel(data.channel);
  if (data.returnCaseId) await assertReturnInShop(tx, shop, data.returnCaseId);
  const number = await nextTicketNumber(tx, shop);
  const first = data.firstMessage;
  const due = slaOverride ? { slaDueAt: slaOverride, resolutionDueAt: slaOverride } : await computeDueTimes(tx, shop, data.category, data.priority, now);
  // Nobody named: the next available agent in turn, if any is taking tickets.
  const assignee = data.assignee ?? (await nextRoundRobinAssignee(tx, shop));
  const ticket = await tx.ticket.create({
    data: {
      shop,
      number,
      subject: data.subject,
      category: data.category,
      channel: data.channel,
      priority: data.priority,
      status: "open",
      assignee,
      orderId: data.orderId ?? null,
      orderName: data.orderName ?? null,
      returnCaseId: data.returnCaseId ?? null,
      customerId: data.customerId ?? null,
      customerEmail: data.customerEmail ?? null,
      customerName: data.customerName ?? null,
      locale: data.locale ?? null,
      ...due,
      // An agent who opens a ticket with a reply to the customer has responded.
      firstResponseAt: first && isFirstResponse(first.authorType, first.visibility) ? now : null,
      createdAt: now,
      ...(first
        ? { messages: { create: { shop, authorType: first.authorType, authorName: first.authorName ?? null, visibility: first.visibility, body: first.body, createdAt: now } } }
        : {}),
    },
    include: { messages: { orderBy: [...MESSAGE_ORDER] } },
  });
  await recordAudit(tx, shop, {
    actor,
    action: "ticket.created",
    entityType: "ticket",
    entityId: ticket.id,
    data: { number, category: data.category, channel: data.channel, priority: data.priority, returnCaseId: data.returnCaseId ?? null, assignee },
  });
  // An agent who opens a ticket with a reply to the customer: it goes out like any reply.
  const opening = ticket.messages[0];
  if (opening) await emailTicketMessage(tx, shop, opening);
  return toTicketWithMessages(ticket);
}

/** Opens a `system` ticket (high priority by default) for something automation could not handle: a dead webhook, a failed refund. */
export async function createSystemTicket(
  shop: string,
  input: SystemTicketInput,
  options: Omit<CreateTicketOptions, "slaDueAt"> = {},
): Promise<TicketWithMessages> {
  return createTicket(
    shop,
    {
      subject: input.subject,
      category: "system",
      channel: "system",
      priority: input.priority ?? "high",
      orderId: input.orderId,
      orderName: input.orderName,
      returnCaseId: input.returnCaseId,
      customerId: input.customerId,
      // Internal: a system failure is for the merchant's staff, not for the shopper.
      firstMessage: { authorType: "system", visibility: "internal", body: input.body },
      actor: "system",
    },
    { ...options, slaDueAt: input.slaDueAt },
  );
}

/**
 * Adds a message to a ticket of this shop. The first public agent reply stamps
 * `firstResponseAt` (the SLA clock); a customer writing back reopens a pending or solved
 * ticket. `actor` defaults to "portal" for customers and "system" otherwise.
 */
export async function addMessage(shop: string, ticketId: string, input: MessageInput, actor?: string): Promise<TicketMessage> {
  const data = parseOrThrow(messageInputSchema, input, "The message has errors; fix the marked fields.");
  return prisma.$transaction((tx) => addMessageInTx(tx, shop, ticketId, data, actor));
}

/** `addMessage` inside the caller's transaction (a macro sends its reply, status and tags as one). */
export async function addMessageInTx(tx: Tx, shop: string, ticketId: string, data: z.output<typeof messageInputSchema>, actor?: string): Promise<TicketMessage> {
  const ticket = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { id: true, number: true, status: true, slaPausedAt: true, slaDueAt: true, resolutionDueAt: true } });
  if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  const status = ticketStatusSchema.parse(ticket.status);
  if (status === "closed") {
    throw new DomainError("conflict", `Ticket #${ticket.number} is closed and cannot take new messages; open a new ticket.`);
  }
  const message = await tx.ticketMessage.create({
    data: { shop, ticketId, authorType: data.authorType, authorName: data.authorName ?? null, visibility: data.visibility, body: data.body },
  });
  if (isFirstResponse(data.authorType, data.visibility)) {
    // Only the first reply counts; the null guard makes a later one a no-op.
    await tx.ticket.updateMany({ where: { id: ticketId, shop, firstResponseAt: null }, data: { firstResponseAt: message.createdAt } });
  }
  const reopens = data.authorType === "customer" && (status === "pending" || status === "solved");
  if (reopens) {
    // Back from waiting on the shopper: the SLA clocks run again, shifted by the pause.
    const resumed = status === "pending" ? await resumedDueTimes(tx, shop, ticket, message.createdAt) : null;
    // Only a solved ticket coming back counts as reopened (the reopen rate); pending was never answered as done.
    const reopenCount = status === "solved" ? { increment: 1 } : undefined;
    await tx.ticket.updateMany({ where: { id: ticketId, shop, status }, data: { status: "open", resolvedAt: null, reopenCount, ...(resumed ?? {}) } });
  }
  await recordAudit(tx, shop, {
    actor: actor ?? (data.authorType === "customer" ? "portal" : "system"),
    action: "ticket.message_added",
    entityType: "ticket",
    entityId: ticketId,
    // The body may hold personal data: the trail records only that a message exists.
    data: { messageId: message.id, authorType: data.authorType, visibility: data.visibility, reopened: reopens },
  });
  await emailTicketMessage(tx, shop, message);
  return toMessage(message);
}

/** Moves a ticket of this shop to `to` per the ticket table, stamping solved/closed times, with an audit event. */
export async function transitionTicket(shop: string, ticketId: string, to: TicketStatus, actor: string, now: Date = new Date()): Promise<Ticket> {
  return prisma.$transaction((tx) => transitionTicketInTx(tx, shop, ticketId, to, actor, now));
}

/**
 * `transitionTicket` inside the caller's transaction. Pending means waiting on the shopper:
 * entering it stops the SLA clocks, leaving it restarts them with the pause added.
 */
export async function transitionTicketInTx(tx: Tx, shop: string, ticketId: string, to: TicketStatus, actor: string, now: Date = new Date(), data: Record<string, string | number | null> = {}): Promise<Ticket> {
  const ticket = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { number: true, status: true, slaPausedAt: true, slaDueAt: true, resolutionDueAt: true } });
  if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  const from = ticketStatusSchema.parse(ticket.status);
  assertTicketTransition({ number: ticket.number, status: from }, to);
  const stamps =
    to === "solved" ? { resolvedAt: now } : to === "closed" ? { closedAt: now } : to === "open" ? { resolvedAt: null, ...(from === "solved" ? { reopenCount: { increment: 1 } } : {}) } : {};
  const clock = to === "pending" ? { slaPausedAt: ticket.slaPausedAt ?? now } : ((await resumedDueTimes(tx, shop, ticket, now)) ?? {});
  const { count } = await tx.ticket.updateMany({ where: { id: ticketId, shop, status: from }, data: { status: to, ...stamps, ...clock } });
  if (count === 0) throw new DomainError("conflict", `Ticket #${ticket.number} changed meanwhile; reload it and try again.`);
  await recordAudit(tx, shop, { actor, action: `ticket.${to}`, entityType: "ticket", entityId: ticketId, data: { from, to, ...data } });
  await emailTicketStatus(tx, shop, ticketId, to, now);
  return toTicket(await tx.ticket.findFirstOrThrow({ where: { id: ticketId, shop } }));
}

/**
 * Records the customer's satisfaction with a solved ticket of this shop (CSAT: 1–5 and an
 * optional comment), with an audit event. Rating again replaces the earlier rating: the
 * customer's latest opinion is the one that counts, and the dashboard averages one score per
 * ticket. A reopened ticket keeps its rating until it is solved and rated again.
 */
export async function rateTicket(shop: string, ticketId: string, input: CsatInput, actor = "portal"): Promise<Ticket> {
  const data = parseOrThrow(csatInputSchema, input, "The rating has errors; fix the marked fields.");
  return prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { number: true, status: true, resolvedAt: true, csatScore: true } });
    if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
    const status = ticketStatusSchema.parse(ticket.status);
    assertTicketRatable({ number: ticket.number, status, resolvedAt: ticket.resolvedAt });
    // Guarded on the status read above: a ticket reopened meanwhile is not rated.
    const { count } = await tx.ticket.updateMany({ where: { id: ticketId, shop, status }, data: { csatScore: data.score, csatComment: data.comment } });
    if (count === 0) throw new DomainError("conflict", `Ticket #${ticket.number} changed meanwhile; reload it and try again.`);
    await recordAudit(tx, shop, {
      actor,
      action: "ticket.rated",
      entityType: "ticket",
      entityId: ticketId,
      // The comment is the customer's words: the trail records only that there is one.
      data: { score: data.score, previousScore: ticket.csatScore, hasComment: data.comment !== null },
    });
    return toTicket(await tx.ticket.findFirstOrThrow({ where: { id: ticketId, shop } }));
  });
}

/** A ticket of this shop with its messages, oldest first. */
export async function getTicket(shop: string, ticketId: string): Promise<TicketWithMessages> {
  const ticket = await prisma.ticket.findFirst({
    where: { id: ticketId, shop },
    include: { messages: { where: { shop }, orderBy: [...MESSAGE_ORDER] } },
  });
  if (!ticket) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  return toTicketWithMessages(ticket);
}

/**
 * A page of the shop's tickets, newest first. The cursor is the last ticket number seen:
 * numbers are unique per shop and grow with time, so pages stay stable while new
 * tickets arrive and a cursor can never point into another shop.
 */
export async function listTickets(shop: string, filters: ListTicketsFilters = {}): Promise<{ tickets: Ticket[]; nextCursor: string | null }> {
  const f = parseOrThrow(listTicketsFilterSchema, filters, "The ticket filters are not valid.");
  const rows = await prisma.ticket.findMany({
    where: {
      shop,
      ...(f.status !== undefined ? { status: { in: Array.isArray(f.status) ? f.status : [f.status] } } : {}),
      ...(f.category !== undefined ? { category: f.category } : {}),
      ...(f.priority !== undefined ? { priority: f.priority } : {}),
      ...(f.assignee !== undefined ? { assignee: f.assignee } : {}),
      ...(f.returnCaseId !== undefined ? { returnCaseId: f.returnCaseId } : {}),
      ...(f.customerId !== undefined ? { customerId: f.customerId } : {}),
      ...(f.cursor !== undefined ? { number: { lt: Number(f.cursor) } } : {}),
    },
    orderBy: { number: "desc" },
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { tickets: page.map(toTicket), nextCursor: rows.length > f.limit && last ? String(last.number) : null };
}

// ── helpers ───────────────────────────────────────────────────────────────────────────

function isFirstResponse(authorType: AuthorType, visibility: Visibility): boolean {
  return authorType === "agent" && visibility === "public";
}

function defaultActorForChannel(channel: TicketChannel): string {
  return channel === "portal" ? "portal" : channel === "webhook" ? "webhook" : "system";
}

async function assertReturnInShop(tx: Tx, shop: string, returnCaseId: string): Promise<void> {
  const found = await tx.returnCase.count({ where: { id: returnCaseId, shop } });
  if (found === 0) throw new DomainError("not_found", `Return ${returnCaseId} was not found.`);
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, message: string): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const flat = z.flattenError(parsed.error);
  throw new DomainError("invalid", message, { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors });
}

function toTicket(row: TicketModel): Ticket {
  return {
    ...row,
    category: ticketCategorySchema.parse(row.category),
    channel: ticketChannelSchema.parse(row.channel),
    priority: ticketPrioritySchema.parse(row.priority),
    status: ticketStatusSchema.parse(row.status),
  };
}

function toMessage(row: TicketMessageModel): TicketMessage {
  return {
    id: row.id,
    ticketId: row.ticketId,
    authorType: authorTypeSchema.parse(row.authorType),
    authorName: row.authorName,
    visibility: visibilitySchema.parse(row.visibility),
    body: row.body,
    createdAt: row.createdAt,
  };
}

function toTicketWithMessages(row: TicketModel & { messages: TicketMessageModel[] }): TicketWithMessages {
  const { messages, ...ticket } = row;
  return { ...toTicket(ticket), messages: messages.map(toMessage) };
}

/**
 * Sets a ticket's priority and assignee (this shop's ticket only), with an audit event. The
 * assignee must be in the shop's staff directory: someone who has opened Aftercare here.
 */
export async function updateTicketFields(shop: string, ticketId: string, fields: TicketFields, actor: string): Promise<void> {
  if (fields.assignee !== null && !(await isKnownStaff(shop, fields.assignee))) {
    throw new DomainError("invalid", "That staff member has not opened Aftercare in this shop yet, so tickets cannot be assigned to them.", {
      fieldErrors: { assignee: ["Pick a staff member from the list, or Unassigned."] },
    });
  }
  await prisma.$transaction(async (tx) => {
    const current = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { priority: true, assignee: true } });
    if (!current) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
    await tx.ticket.updateMany({ where: { id: ticketId, shop }, data: { priority: fields.priority, assignee: fields.assignee } });
    await recordAudit(tx, shop, {
      actor,
      action: "ticket.updated",
      entityType: "ticket",
      entityId: ticketId,
      data: { priority: { from: current.priority, to: fields.priority }, assignee: { from: current.assignee, to: fields.assignee } },
    });
  });
}

/** Opens a ticket about a return of this shop, linked to its order and customer, with the agent's internal note signed `authorName`. */
export async function openReturnTicket(
  shop: string,
  returnId: string,
  input: OpenReturnTicket,
  actor: string,
  authorName: string | null = null,
): Promise<{ id: string; number: number }> {
  const found = await prisma.returnCase.findFirst({
    where: { id: returnId, shop },
    select: { id: true, orderId: true, orderName: true, customerId: true, customerEmail: true, customerName: true },
  });
  if (!found) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const ticket = await createTicket(shop, {
    subject: input.subject,
    category: "return_exception",
    channel: "admin",
    priority: input.priority,
    orderId: found.orderId,
    orderName: found.orderName,
    returnCaseId: found.id,
    customerId: found.customerId,
    customerEmail: found.customerEmail,
    customerName: found.customerName,
    ...(input.note ? { firstMessage: { authorType: "agent" as const, authorName, visibility: "internal" as const, body: input.note } } : {}),
    actor,
  });
  return { id: ticket.id, number: ticket.number };
}
