/**
 * The tickets inbox read side: counts, search, the detail with its links. Scoped by shop:
 * another shop's ticket id reads as not found.
 */
import { z } from "zod";
import prisma, { textContains, type Prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { parseReturnStatus, type ReturnStatus } from "~/returns/status";
import { BREACHING_SOON_MINUTES, slaState, type SlaState } from "~/tickets/sla";
import { tagSchema } from "~/tickets/macros";
import {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  ticketPrioritySchema,
  type TicketPriority,
  type TicketStatus,
} from "~/tickets/schemas";
import { getTicket, type TicketWithMessages } from "~/tickets/tickets.server";

export const inboxFiltersSchema = z.object({
  status: z.enum([...TICKET_STATUSES, "all"], { error: "Unknown ticket status." }).default("open"),
  category: z.enum(TICKET_CATEGORIES, { error: "Unknown ticket category." }).optional(),
  priority: z.enum(TICKET_PRIORITIES, { error: "Unknown priority." }).optional(),
  /** "me" (the agent looking), "none" (unassigned) or a staff actor ("staff:42") */
  assignee: z
    .string()
    .trim()
    .regex(/^(me|none|staff:\d{1,20})$/, { error: "Pick an assignee from the list." })
    .optional(),
  q: z.string().trim().max(200).optional(),
  tag: tagSchema.optional(),
  /** "breached": past a running SLA target; "soon": due within the hour */
  sla: z.enum(["breached", "soon"], { error: "Unknown SLA filter." }).optional(),
  cursor: z.string().regex(/^\d+$/, { error: "That page link is no longer valid." }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxFilters = z.output<typeof inboxFiltersSchema>;

/** URL search params → inbox filters (empty values ignored). Throws a 422 DomainError. */
export function parseInboxFilters(params: URLSearchParams): InboxFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const parsed = inboxFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    throw new DomainError("invalid", "The ticket filters are not valid.", { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors });
  }
  return parsed.data;
}

export type InboxRow = {
  id: string;
  number: number;
  subject: string;
  category: string;
  priority: TicketPriority;
  status: TicketStatus;
  assignee: string | null;
  customerName: string | null;
  customerEmail: string | null;
  orderName: string | null;
  slaDueAt: string | null;
  sla: SlaState;
  tags: string[];
  createdAt: string;
  updatedAt: string;
};

export type InboxPage = { rows: InboxRow[]; nextCursor: string | null; counts: Record<TicketStatus | "all", number> };

/**
 * A page of the shop's inbox, newest ticket first, with counts per status for the tabs.
 * The cursor is the last ticket number seen (unique per shop, grows with time). `viewer` is
 * the staff actor looking, who "me" stands for.
 */
export async function listInbox(shop: string, filters: InboxFilters, now: Date = new Date(), viewer: string | null = null): Promise<InboxPage> {
  const and: Prisma.TicketWhereInput[] = [{ shop }];
  if (filters.status !== "all") and.push({ status: filters.status });
  if (filters.category) and.push({ category: filters.category });
  if (filters.priority) and.push({ priority: filters.priority });
  if (filters.assignee === "none") and.push({ assignee: null });
  else if (filters.assignee === "me") and.push({ assignee: viewer ?? "" });
  else if (filters.assignee) and.push({ assignee: filters.assignee });
  const q = filters.q?.trim();
  if (q) {
    const number = /^#?(\d{1,9})$/.exec(q);
    and.push({
      OR: [
        { subject: textContains(q) },
        { customerEmail: textContains(q) },
        { customerName: textContains(q) },
        { orderName: textContains(q) },
        // Full text over the conversation: LIKE on SQLite, ILIKE on PostgreSQL (docs/decisions/028-help-desk.md).
        { messages: { some: { shop, body: textContains(q) } } },
        ...(number ? [{ number: Number(number[1]) }] : []),
      ],
    });
  }
  if (filters.tag) and.push({ tags: { some: { shop, tag: filters.tag } } });
  if (filters.sla) and.push(slaWhere(filters.sla, now));
  if (filters.cursor) and.push({ number: { lt: Number(filters.cursor) } });
  const [rows, groups] = await Promise.all([
    prisma.ticket.findMany({ where: { AND: and }, orderBy: { number: "desc" }, take: filters.limit + 1, include: { tags: { select: { tag: true }, orderBy: { tag: "asc" } } } }),
    prisma.ticket.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries([...TICKET_STATUSES, "all"].map((s) => [s, 0])) as Record<TicketStatus | "all", number>;
  for (const group of groups) {
    const status = z.enum(TICKET_STATUSES).parse(group.status);
    counts[status] = group._count._all;
    counts.all += group._count._all;
  }
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      category: t.category,
      priority: ticketPrioritySchema.parse(t.priority),
      status: z.enum(TICKET_STATUSES).parse(t.status),
      assignee: t.assignee,
      customerName: t.customerName,
      customerEmail: t.customerEmail,
      orderName: t.orderName,
      slaDueAt: t.slaDueAt?.toISOString() ?? null,
      sla: slaState(t, now),
      tags: t.tags.map((x) => x.tag),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > filters.limit && last ? String(last.number) : null,
    counts,
  };
}

/**
 * Tickets whose running SLA target is past (`breached`) or due within the hour (`soon`): the
 * first response until one is given, then the resolution; paused tickets are not racing.
 */
function slaWhere(filter: "breached" | "soon", now: Date): Prisma.TicketWhereInput {
  const soon = new Date(now.getTime() + BREACHING_SOON_MINUTES * 60_000);
  const window = filter === "breached" ? { lt: now } : { gte: now, lte: soon };
  return {
    status: { in: ["open", "pending"] },
    slaPausedAt: null,
    OR: [
      { firstResponseAt: null, slaDueAt: window },
      { firstResponseAt: { not: null }, resolutionDueAt: window },
    ],
  };
}

export type TicketDetail = {
  ticket: TicketWithMessages;
  linkedReturn: { id: string; orderName: string; status: ReturnStatus; resolution: string } | null;
  customerTickets: { id: string; number: number; subject: string; status: string }[];
};

/** One ticket of this shop with its messages, its linked return and the customer's other tickets. */
export async function getTicketDetail(shop: string, ticketId: string): Promise<TicketDetail> {
  const ticket = await getTicket(shop, ticketId);
  const [linked, others] = await Promise.all([
    ticket.returnCaseId
      ? prisma.returnCase.findFirst({ where: { id: ticket.returnCaseId, shop }, select: { id: true, orderName: true, status: true, resolution: true } })
      : Promise.resolve(null),
    ticket.customerId
      ? prisma.ticket.findMany({
          where: { shop, customerId: ticket.customerId, id: { not: ticket.id } },
          orderBy: { number: "desc" },
          take: 5,
          select: { id: true, number: true, subject: true, status: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    ticket,
    linkedReturn: linked ? { ...linked, status: parseReturnStatus(linked.status) } : null,
    customerTickets: others,
  };
}
