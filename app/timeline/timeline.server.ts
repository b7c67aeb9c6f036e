/**
 * One customer's history in one list, newest first: orders, returns, tickets, messages,
 * ratings and money movements. The customer is a Shopify customer id, or an email for
 * shoppers who wrote without an account. Every source is read with the shop in its filter.
 */
import { z } from "zod";
import prisma, { dialect, type Prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { fromBigInt } from "~/lib/money";

export type CustomerKey = { customerId: string } | { email: string };

export type TimelineKind = "order" | "return" | "ticket" | "message" | "rating" | "money";

export type TimelineEntry = {
  kind: TimelineKind;
  id: string;
  at: string;
  title: string;
  detail: string | null;
  /** an admin page to open, when there is one */
  url: string | null;
  amount: { amountMinor: number; currencyCode: string } | null;
};

export type Timeline = { customer: { name: string | null; email: string | null; customerId: string | null }; entries: TimelineEntry[]; page: number; hasNext: boolean };

export const TIMELINE_PAGE_SIZE = 25;
/** At the same instant, what happens later in a story comes first: a ticket is opened, then its first message is written. */
const TIE_RANK: Record<TimelineKind, number> = { order: 0, return: 1, ticket: 2, message: 3, money: 4, rating: 5 };
const MAX_PAGE = 40;

/** "/app/customers/123" → the customer gid; "/app/customers/email?email=…" → the email. Throws a 422 DomainError. */
export function parseCustomerKey(id: string, email: string | null): CustomerKey {
  if (/^\d{1,20}$/.test(id)) return { customerId: `gid://shopify/Customer/${id}` };
  const parsed = z.email().safeParse(email?.trim());
  if (id === "email" && parsed.success) return { email: parsed.data };
  throw new DomainError("invalid", "That customer link is not valid.");
}

/** A page of one customer's history in this shop, newest first (page 0 is the newest). */
export async function customerTimeline(shop: string, key: CustomerKey, page = 0): Promise<Timeline> {
  if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE) throw new DomainError("invalid", "That page link is no longer valid.");
  const take = (page + 1) * TIMELINE_PAGE_SIZE + 1;
  const byCustomer = "customerId" in key;
  const email = byCustomer ? undefined : emailEquals(key.email);
  const who: Prisma.TicketWhereInput = byCustomer ? { customerId: key.customerId } : { customerEmail: email };
  const tickets = await prisma.ticket.findMany({
    where: { shop, ...who },
    select: { id: true, number: true, subject: true, status: true, createdAt: true, csatScore: true, customerName: true, customerEmail: true, customerId: true },
  });
  const returnsWhere: Prisma.ReturnCaseWhereInput = byCustomer ? { shop, customerId: key.customerId } : { shop, customerEmail: email };
  const ticketIds = tickets.map((t) => t.id);
  const [orders, returns, messages, ratings, money] = await Promise.all([
    byCustomer ? prisma.orderMirror.findMany({ where: { shop, customerId: key.customerId }, orderBy: { orderCreatedAt: "desc" }, take }) : Promise.resolve([]),
    prisma.returnCase.findMany({ where: returnsWhere, orderBy: { requestedAt: "desc" }, take, select: { id: true, orderName: true, status: true, resolution: true, requestedAt: true, customerName: true, customerEmail: true } }),
    prisma.ticketMessage.findMany({ where: { shop, ticketId: { in: ticketIds } }, orderBy: { createdAt: "desc" }, take, select: { id: true, ticketId: true, authorType: true, visibility: true, body: true, createdAt: true } }),
    prisma.auditEvent.findMany({ where: { shop, entityType: "ticket", action: "ticket.rated", entityId: { in: ticketIds } }, orderBy: { createdAt: "desc" }, take }),
    prisma.moneyMovement.findMany({
      where: byCustomer ? { shop, customerId: key.customerId } : { shop, returnCase: { customerEmail: email } },
      orderBy: { createdAt: "desc" },
      take,
    }),
  ]);
  const ticketNumber = new Map(tickets.map((t) => [t.id, t.number]));
  const entries: TimelineEntry[] = [
    ...orders.map((o) => entry("order", o.id, o.orderCreatedAt, `Order ${o.name}`, [o.financialStatus, o.fulfillmentStatus].filter(Boolean).join(" · ") || null, null, { amountMinor: fromBigInt(o.totalMinor), currencyCode: o.currencyCode })),
    ...returns.map((r) => entry("return", r.id, r.requestedAt, `Return for ${r.orderName}`, `${r.status} · ${r.resolution}`, `/app/returns/${r.id}`)),
    ...tickets.map((t) => entry("ticket", t.id, t.createdAt, `Ticket #${t.number} opened: ${t.subject}`, t.status, `/app/tickets/${t.id}`)),
    ...messages.map((m) =>
      entry("message", m.id, m.createdAt, `${m.visibility === "internal" ? "Internal note" : m.authorType === "customer" ? "Customer wrote" : m.authorType === "agent" ? "Agent replied" : "Aftercare"} on #${ticketNumber.get(m.ticketId) ?? "?"}`, excerpt(m.body), `/app/tickets/${m.ticketId}`),
    ),
    ...ratings.map((a) => {
      const score = z.object({ score: z.number() }).safeParse(a.data);
      return entry("rating", a.id, a.createdAt, `Rated ticket #${ticketNumber.get(a.entityId) ?? "?"}${score.success ? ` ${score.data.score} of 5` : ""}`, null, `/app/tickets/${a.entityId}`);
    }),
    ...money.map((m) => entry("money", m.id, m.createdAt, `${m.kind.replace(/_/g, " ")} · ${m.status}`, m.note, m.returnCaseId ? `/app/returns/${m.returnCaseId}` : null, { amountMinor: fromBigInt(m.amountMinor), currencyCode: m.currencyCode })),
  ];
  entries.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.kind !== b.kind ? TIE_RANK[b.kind] - TIE_RANK[a.kind] : a.id < b.id ? 1 : -1));
  const start = page * TIMELINE_PAGE_SIZE;
  const named = tickets.find((t) => t.customerName) ?? returns.find((r) => r.customerName);
  const emailed = tickets.find((t) => t.customerEmail) ?? returns.find((r) => r.customerEmail);
  return {
    customer: { name: named?.customerName ?? null, email: emailed?.customerEmail ?? (byCustomer ? null : key.email), customerId: byCustomer ? key.customerId : (tickets.find((t) => t.customerId)?.customerId ?? null) },
    entries: entries.slice(start, start + TIMELINE_PAGE_SIZE),
    page,
    hasNext: entries.length > start + TIMELINE_PAGE_SIZE,
  };
}

function entry(kind: TimelineKind, id: string, at: Date, title: string, detail: string | null, url: string | null, amount: TimelineEntry["amount"] = null): TimelineEntry {
  return { kind, id, at: at.toISOString(), title, detail, url, amount };
}

/** The same email whatever its case: PostgreSQL compares case-insensitively; SQLite's `=` would not, so it takes the common spellings. */
function emailEquals(email: string): Prisma.StringFilter {
  if (dialect === "postgres") return { equals: email, mode: "insensitive" } as Prisma.StringFilter;
  return { in: [...new Set([email, email.toLowerCase()])] };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
