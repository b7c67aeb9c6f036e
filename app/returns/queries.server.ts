/**
 * The back office's read side of returns: the queue (filters, search, keyset pages),
 * counts per status, and everything the detail page shows. Every query is scoped by shop:
 * an id of another shop reads as "not found", never as someone else's return.
 */
import { z } from "zod";
import { signedPhotoUrl } from "~/portal/photos.server";
import prisma, { textContains, type Prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { fromBigInt, type Money } from "~/lib/money";
import { addDays, parseLocalDate, startOfDay } from "~/lib/time-zone";
import { getPolicyVersion, type Policy } from "~/policy/policy.server";
import { RETURN_STATUSES, parseReturnStatus, type ReturnStatus } from "~/returns/status";
import type { ReturnFacts } from "~/returns/action-table";
import { returnFacts } from "~/returns/facts.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { getCustomer } from "~/shopify/customers.server";
import { shopTimeZone } from "~/shops/shops.server";
import { staffNames } from "~/staff/directory.server";

export const RETURN_RESOLUTIONS = ["refund", "store_credit", "exchange", "keep"] as const;
export type ReturnResolution = (typeof RETURN_RESOLUTIONS)[number];
export const RETURN_SORTS = ["created_desc", "created_asc", "updated_desc", "updated_asc"] as const;
export type ReturnSort = (typeof RETURN_SORTS)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-01-31." })
  .refine((value) => parseLocalDate(value) !== null, { error: "That date does not exist." });

/** The queue's filters as they arrive in the URL (`?status=approved&q=%231001&sort=created_desc`). */
export const returnFiltersSchema = z
  .object({
    status: z.enum(RETURN_STATUSES, { error: "Unknown return status." }).optional(),
    reason: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, { error: "Unknown return reason." }).optional(),
    resolution: z.enum(RETURN_RESOLUTIONS, { error: "Unknown resolution." }).optional(),
    from: day.optional(),
    to: day.optional(),
    needsAttention: z.literal("1").optional(),
    q: z.string().trim().max(200, { error: "Search for at most 200 characters." }).optional(),
    sort: z.enum(RETURN_SORTS, { error: "Unknown sort order." }).default("created_desc"),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { error: "The start date must be on or before the end date.", path: ["to"] });
export type ReturnFilters = z.output<typeof returnFiltersSchema>;

/** Parses URL search params into filters; empty values mean "no filter". Throws a 422 DomainError. */
export function parseReturnFilters(params: URLSearchParams): ReturnFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const parsed = returnFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    throw new DomainError("invalid", "The return filters are not valid.", { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors });
  }
  return parsed.data;
}

export type ReturnListRow = {
  id: string;
  orderName: string;
  customerName: string | null;
  customerEmail: string | null;
  status: ReturnStatus;
  resolution: string;
  channel: string;
  itemCount: number;
  firstReason: string | null;
  amount: Money;
  needsAttention: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ReturnListPage = { rows: ReturnListRow[]; nextCursor: string | null; previousCursor: string | null };

type CursorValue = { s: ReturnSort; v: string; id: string; d: "next" | "prev" };

function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

const cursorSchema = z.object({ s: z.enum(RETURN_SORTS), v: z.iso.datetime(), id: z.string().min(1).max(100), d: z.enum(["next", "prev"]) });

function decodeCursor(cursor: string, sort: ReturnSort): CursorValue {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success && parsed.data.s === sort) return parsed.data;
  } catch {
    // fall through: a malformed cursor is the caller's mistake, answered below
  }
  throw new DomainError("invalid", "That page link is no longer valid; go back to the first page.", { fieldErrors: { cursor: ["That page link is no longer valid."] } });
}

/**
 * The filter part of the queue's query (without the cursor), shared by the page and its counts.
 * `from`/`to` are whole days on the shop's calendar (`timeZone`), as the merchant picked them.
 */
export function returnsWhere(shop: string, f: Omit<ReturnFilters, "sort" | "cursor" | "limit">, timeZone: string): Prisma.ReturnCaseWhereInput {
  const and: Prisma.ReturnCaseWhereInput[] = [{ shop }];
  if (f.status) and.push({ status: f.status });
  if (f.resolution) and.push({ resolution: f.resolution });
  if (f.reason) and.push({ lines: { some: { shop, reasonCode: f.reason } } });
  if (f.from) and.push({ createdAt: { gte: startOfDay(f.from, timeZone) } });
  if (f.to) and.push({ createdAt: { lt: startOfDay(addDays(f.to, 1), timeZone) } });
  if (f.needsAttention) and.push({ OR: [{ status: "needs_review" }, { movements: { some: { shop, status: "failed" } } }] });
  const q = f.q?.trim();
  if (q) and.push({ OR: searchConditions(q) });
  return { AND: and };
}

function searchConditions(q: string): Prisma.ReturnCaseWhereInput[] {
  const orderNumber = /^#?(\d+)$/.exec(q);
  const conditions: Prisma.ReturnCaseWhereInput[] = [
    { customerEmail: textContains(q) },
    { customerName: textContains(q) },
    { orderName: textContains(q) },
  ];
  if (orderNumber) conditions.push({ orderName: `#${orderNumber[1]}` });
  return conditions;
}

const SORTS: Record<ReturnSort, { field: "createdAt" | "updatedAt"; dir: "asc" | "desc" }> = {
  created_desc: { field: "createdAt", dir: "desc" },
  created_asc: { field: "createdAt", dir: "asc" },
  updated_desc: { field: "updatedAt", dir: "desc" },
  updated_asc: { field: "updatedAt", dir: "asc" },
};

/**
 * A page of the shop's return queue. Keyset pagination on (sort field, id): stable while
 * new returns arrive, and as fast on page 2,000 as on page 1. The cursor carries its sort,
 * so a link made for another order is refused rather than misread. Date filters are days in
 * `timeZone`, the shop's.
 */
export async function listReturns(shop: string, filters: ReturnFilters, timeZone: string): Promise<ReturnListPage> {
  const { field, dir } = SORTS[filters.sort];
  const cursor = filters.cursor ? decodeCursor(filters.cursor, filters.sort) : null;
  // Going back walks the same index in the other direction, then flips the page.
  const backwards = cursor?.d === "prev";
  const walk: "asc" | "desc" = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
  const where = returnsWhere(shop, filters, timeZone);
  if (cursor) {
    const at = new Date(cursor.v);
    const beyond = walk === "desc" ? { lt: at } : { gt: at };
    const idBeyond = walk === "desc" ? { lt: cursor.id } : { gt: cursor.id };
    (where.AND as Prisma.ReturnCaseWhereInput[]).push({ OR: [{ [field]: beyond }, { [field]: at, id: idBeyond }] });
  }
  const rows = await prisma.returnCase.findMany({
    where,
    orderBy: [{ [field]: walk }, { id: walk }],
    take: filters.limit + 1,
    select: {
      id: true,
      orderName: true,
      customerName: true,
      customerEmail: true,
      status: true,
      resolution: true,
      channel: true,
      currencyCode: true,
      refundAmountMinor: true,
      storeCreditAmountMinor: true,
      bonusAmountMinor: true,
      createdAt: true,
      updatedAt: true,
      // `shop` lets the (shop, returnCaseId) index serve the lines of the page.
      lines: { where: { shop }, select: { quantityRequested: true, reasonCode: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const more = rows.length > filters.limit;
  const page = rows.slice(0, filters.limit);
  // Failed payments of this page only: a relation _count would aggregate the whole ledger.
  const failed = new Set(
    (
      await prisma.moneyMovement.groupBy({
        by: ["returnCaseId"],
        where: { shop, status: "failed", returnCaseId: { in: page.map((row) => row.id) } },
        _count: { _all: true },
      })
    ).map((g) => g.returnCaseId),
  );
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    rows: page.map((row) => ({
      id: row.id,
      orderName: row.orderName,
      customerName: row.customerName,
      customerEmail: row.customerEmail,
      status: parseReturnStatus(row.status),
      resolution: row.resolution,
      channel: row.channel,
      itemCount: row.lines.reduce((n, line) => n + line.quantityRequested, 0),
      firstReason: row.lines[0]?.reasonCode ?? null,
      amount: {
        amountMinor: fromBigInt(row.refundAmountMinor + row.storeCreditAmountMinor + row.bonusAmountMinor),
        currencyCode: row.currencyCode,
      },
      needsAttention: row.status === "needs_review" || failed.has(row.id),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
    nextCursor: hasNext && last ? encodeCursor({ s: filters.sort, v: last[field].toISOString(), id: last.id, d: "next" }) : null,
    previousCursor: hasPrev && first ? encodeCursor({ s: filters.sort, v: first[field].toISOString(), id: first.id, d: "prev" }) : null,
  };
}

/** How many of the shop's returns are in each status (every status present, 0 when none), plus the total. */
export async function countReturnsByStatus(shop: string): Promise<Record<ReturnStatus | "all", number>> {
  const groups = await prisma.returnCase.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  const counts = Object.fromEntries([...RETURN_STATUSES, "all"].map((s) => [s, 0])) as Record<ReturnStatus | "all", number>;
  for (const group of groups) {
    const status = parseReturnStatus(group.status);
    counts[status] = group._count._all;
    counts.all += group._count._all;
  }
  return counts;
}

/** The shop's return ids among `ids` that exist (bulk actions check their selection with it). */
export async function existingReturnIds(shop: string, ids: readonly string[]): Promise<string[]> {
  const rows = await prisma.returnCase.findMany({ where: { shop, id: { in: [...ids] } }, select: { id: true } });
  return rows.map((row) => row.id);
}

// ── detail ───────────────────────────────────────────────────────────────────────────

const decisionSchema = z.array(z.object({ rule: z.string(), outcome: z.string(), message: z.string() }).loose()).catch([]);
// Stored as `{ id }` by the portal (app/portal/photos.server.ts); shown through signed URLs.
const photosSchema = z.array(z.object({ id: z.string(), contentType: z.string().optional() }).loose()).catch([]);

export type ReturnDetailLine = {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  imageUrl: string | null;
  unitPrice: Money;
  quantityRequested: number;
  quantityReceived: number;
  quantityRestocked: number;
  quantityRefunded: number;
  reasonCode: string;
  note: string | null;
  photos: { url: string; contentType: string | null }[];
  exchangeVariantTitle: string | null;
  exchangeUnitPrice: Money | null;
};

export type ReturnMovement = {
  id: string;
  kind: string;
  amount: Money;
  status: string;
  shopifyId: string | null;
  error: string | null;
  attempts: number;
  actor: string;
  note: string | null;
  createdAt: string;
  completedAt: string | null;
};

export type TimelineEntry = { id: string; at: string; actor: string; action: string; entityType: string; data: Record<string, unknown> | null };

export type ReturnDetail = {
  id: string;
  status: ReturnStatus;
  channel: string;
  resolution: string;
  orderId: string;
  orderName: string;
  customerId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  currencyCode: string;
  note: string | null;
  declineReason: string | null;
  shopifyReturnName: string | null;
  quote: { refund: Money; storeCredit: Money; bonus: Money; fee: Money; exchangeDifference: Money };
  decision: { rule: string; outcome: string; message: string }[];
  policy: Pick<Policy, "version" | "returnWindowDays" | "windowStartsFrom" | "restockingFeeBps" | "returnShippingFeeMinor" | "storeCreditBonusBps" | "autoApprove" | "manualReviewThresholdMinor"> & { createdAt: string } | null;
  milestones: Partial<Record<"requestedAt" | "approvedAt" | "declinedAt" | "receivedAt" | "resolvedAt" | "closedAt" | "canceledAt", string>>;
  lines: ReturnDetailLine[];
  movements: ReturnMovement[];
  tickets: { id: string; number: number; subject: string; status: string }[];
  timeline: TimelineEntry[];
  createdAt: string;
  /** What the action table reads: the page offers what it allows (components/returns/available-actions.ts). */
  facts: ReturnFacts;
};

const money = (amount: bigint, currencyCode: string): Money => ({ amountMinor: fromBigInt(amount), currencyCode });

/** One return of this shop with its lines, quote, ledger, policy version and audit timeline; 404 for any other shop's id. */
export async function getReturnDetail(shop: string, returnId: string): Promise<ReturnDetail> {
  const row = await prisma.returnCase.findFirst({
    where: { id: returnId, shop },
    include: {
      lines: { where: { shop }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      movements: { where: { shop }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      tickets: { where: { shop }, select: { id: true, number: true, subject: true, status: true }, orderBy: { number: "desc" } },
    },
  });
  if (!row) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const entityIds = [row.id, ...row.movements.map((m) => m.id)];
  const [audit, policy] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { shop, entityId: { in: entityIds } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    row.policyVersion !== null ? getPolicyVersion(shop, row.policyVersion).catch(() => null) : Promise.resolve(null),
  ]);
  const c = row.currencyCode;
  const milestones: ReturnDetail["milestones"] = {};
  for (const key of ["requestedAt", "approvedAt", "declinedAt", "receivedAt", "resolvedAt", "closedAt", "canceledAt"] as const) {
    const value = row[key];
    if (value) milestones[key] = value.toISOString();
  }
  return {
    id: row.id,
    status: parseReturnStatus(row.status),
    channel: row.channel,
    resolution: row.resolution,
    orderId: row.orderId,
    orderName: row.orderName,
    customerId: row.customerId,
    customerEmail: row.customerEmail,
    customerName: row.customerName,
    currencyCode: c,
    note: row.note,
    declineReason: row.declineReason,
    shopifyReturnName: row.shopifyReturnName,
    quote: {
      refund: money(row.refundAmountMinor, c),
      storeCredit: money(row.storeCreditAmountMinor, c),
      bonus: money(row.bonusAmountMinor, c),
      fee: money(row.feeAmountMinor, c),
      exchangeDifference: money(row.exchangeDifferenceMinor, c),
    },
    decision: decisionSchema.parse(row.decision).map((d) => ({ rule: d.rule, outcome: d.outcome, message: d.message })),
    policy: policy
      ? {
          version: policy.version,
          returnWindowDays: policy.returnWindowDays,
          windowStartsFrom: policy.windowStartsFrom,
          restockingFeeBps: policy.restockingFeeBps,
          returnShippingFeeMinor: policy.returnShippingFeeMinor,
          storeCreditBonusBps: policy.storeCreditBonusBps,
          autoApprove: policy.autoApprove,
          manualReviewThresholdMinor: policy.manualReviewThresholdMinor,
          createdAt: policy.createdAt.toISOString(),
        }
      : null,
    milestones,
    lines: row.lines.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      imageUrl: line.imageUrl,
      unitPrice: money(line.unitPriceMinor, c),
      quantityRequested: line.quantityRequested,
      quantityReceived: line.quantityReceived,
      quantityRestocked: line.quantityRestocked,
      quantityRefunded: line.quantityRefunded,
      reasonCode: line.reasonCode,
      note: line.note,
      photos: photosSchema.parse(line.photos).map((p) => ({ url: signedPhotoUrl(shop, p.id, new Date()), contentType: p.contentType ?? null })),
      exchangeVariantTitle: line.exchangeVariantTitle,
      exchangeUnitPrice: line.exchangeUnitPriceMinor === null ? null : money(line.exchangeUnitPriceMinor, c),
    })),
    movements: row.movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      amount: money(m.amountMinor, m.currencyCode),
      status: m.status,
      shopifyId: m.shopifyId,
      error: m.error,
      attempts: m.attempts,
      actor: m.actor,
      note: m.note,
      createdAt: m.createdAt.toISOString(),
      completedAt: m.completedAt?.toISOString() ?? null,
    })),
    tickets: row.tickets,
    timeline: audit.map((event) => ({
      id: event.id,
      at: event.createdAt.toISOString(),
      actor: event.actor,
      action: event.action,
      entityType: event.entityType,
      data: event.data !== null && typeof event.data === "object" && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : null,
    })),
    createdAt: row.createdAt.toISOString(),
    facts: returnFacts(shop, row, row.movements),
  };
}

export type CustomerContext = {
  /** From Shopify; null when the return has no customer or Shopify no longer knows them. */
  shopify: {
    displayName: string;
    email: string | null;
    numberOfOrders: number;
    amountSpent: Money;
    storeCredit: Money[];
    recentOrders: { id: string; name: string; createdAt: string; total: Money; financialStatus: string | null; fulfillmentStatus: string }[];
  } | null;
  /** Shopify could not be reached: the page still shows our own data. */
  shopifyUnavailable: boolean;
  pastReturns: { id: string; orderName: string; status: ReturnStatus; resolution: string; createdAt: string; amount: Money }[];
  pastReturnCount: number;
};

const PAST_RETURNS = 10;

/** Who the customer is to the shop: Shopify's orders, spend and store credit, and their other returns here. */
export async function getCustomerContext(
  shop: string,
  client: ShopifyAdminClient,
  customerId: string | null,
  excludeReturnId: string,
): Promise<CustomerContext> {
  if (!customerId) return { shopify: null, shopifyUnavailable: false, pastReturns: [], pastReturnCount: 0 };
  const where = { shop, customerId, id: { not: excludeReturnId } };
  const [customer, past, pastCount] = await Promise.all([
    getCustomer(client, customerId).then(
      (value) => ({ ok: true as const, value }),
      () => ({ ok: false as const, value: null }),
    ),
    prisma.returnCase.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PAST_RETURNS,
      select: { id: true, orderName: true, status: true, resolution: true, createdAt: true, currencyCode: true, refundAmountMinor: true, storeCreditAmountMinor: true, bonusAmountMinor: true },
    }),
    prisma.returnCase.count({ where }),
  ]);
  const c = customer.value;
  return {
    shopify: c
      ? {
          displayName: c.displayName,
          email: c.email,
          numberOfOrders: c.numberOfOrders,
          amountSpent: c.amountSpent,
          storeCredit: c.storeCreditAccounts.map((a) => a.balance),
          recentOrders: c.recentOrders.slice(0, 5).map((o) => ({
            id: o.id,
            name: o.name,
            createdAt: o.createdAt,
            total: o.total.presentment,
            financialStatus: o.financialStatus,
            fulfillmentStatus: o.fulfillmentStatus,
          })),
        }
      : null,
    shopifyUnavailable: !customer.ok,
    pastReturns: past.map((r) => ({
      id: r.id,
      orderName: r.orderName,
      status: parseReturnStatus(r.status),
      resolution: r.resolution,
      createdAt: r.createdAt.toISOString(),
      amount: money(r.refundAmountMinor + r.storeCreditAmountMinor + r.bonusAmountMinor, r.currencyCode),
    })),
    pastReturnCount: pastCount,
  };
}

export type ReturnPage = {
  detail: ReturnDetail;
  customer: CustomerContext;
  reasonLabels: Record<string, string>;
  /** The names of the staff members in the timeline and the money movements, by user id. */
  staffNames: Record<string, string>;
};

/** Everything the return page shows, in one call: the return, its customer, the shop's reason labels, and who its staff actors are. */
export async function getReturnPage(shop: string, client: ShopifyAdminClient, returnId: string): Promise<ReturnPage> {
  const detail = await getReturnDetail(shop, returnId);
  const [customer, labels, names] = await Promise.all([
    getCustomerContext(shop, client, detail.customerId, detail.id),
    reasonLabels(shop),
    staffNames(shop, [...detail.timeline.map((event) => event.actor), ...detail.movements.map((movement) => movement.actor)]),
  ]);
  return { detail, customer, reasonLabels: labels, staffNames: names };
}

/** code → label from the shop's latest policy (older reasons keep their code as the label). */
export async function reasonLabels(shop: string): Promise<Record<string, string>> {
  const latest = await prisma.policy.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { reasons: true } });
  const parsed = z.array(z.object({ code: z.string(), label: z.string() }).loose()).catch([]).parse(latest?.reasons ?? []);
  return Object.fromEntries(parsed.map((r) => [r.code, r.label]));
}

export type ReturnsQueue = {
  page: ReturnListPage;
  counts: Record<ReturnStatus | "all", number>;
  reasons: { code: string; label: string }[];
};

/**
 * The queue page in one call: the filtered page, the counts per status for the tabs, and the
 * reasons to filter by. Date filters are days in the shop's zone, read from the Shop row.
 */
export async function loadReturnsQueue(shop: string, filters: ReturnFilters): Promise<ReturnsQueue> {
  const [page, counts, labels] = await Promise.all([
    shopTimeZone(shop).then((zone) => listReturns(shop, filters, zone)),
    countReturnsByStatus(shop),
    reasonLabels(shop),
  ]);
  return { page, counts, reasons: Object.entries(labels).map(([code, label]) => ({ code, label })) };
}
