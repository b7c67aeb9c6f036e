/**
 * The back office's CSV exports (tickets, returns, money movements) for a range of the shop's
 * calendar days. Each is STREAMED: a ReadableStream that reads one page of rows per pull,
 * keyset-paged on (createdAt, id), so memory holds one page whatever the range; the client's
 * pace drives the reads (pull is called only when the consumer wants more).
 * Shop-scoped: every page filters on the shop.
 */
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { fromBigInt, toDecimalString } from "~/lib/money";
import { daysRange, parseLocalDate } from "~/lib/time-zone";
import { csvRow, type Cell, type Decimal } from "~/exports/csv";
import type { Range } from "~/metrics/period";
import { actorLabel } from "~/components/format";
import { staffNames } from "~/staff/directory.server";

export const EXPORT_KINDS = ["tickets", "returns", "money"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Rows read per page: small enough to keep memory flat, large enough to keep round trips few. */
export const EXPORT_PAGE_SIZE = 500;

/** The longest range one export covers: ten years of days. */
const MAX_DAYS = 3660;

/**
 * "from" and "to" (YYYY-MM-DD, both included) as instants in the shop's time zone. A missing,
 * malformed or backwards range is a validation error that says what to send.
 */
export function exportRange(params: URLSearchParams, timeZone: string): Range & { fromDay: string; toDay: string } {
  const from = parseLocalDate(params.get("from") ?? "");
  const to = parseLocalDate(params.get("to") ?? "");
  if (!from || !to) throw new DomainError("bad_request", "Give the range as from=YYYY-MM-DD and to=YYYY-MM-DD (real calendar days, both included).");
  if (from > to) throw new DomainError("bad_request", `The range starts (${from}) after it ends (${to}); swap the dates.`);
  const range = daysRange(from, to, timeZone);
  if (range.to.getTime() - range.from.getTime() > MAX_DAYS * 86_400_000) throw new DomainError("bad_request", `A range covers at most ${MAX_DAYS} days; export a shorter one.`);
  return { ...range, fromDay: from, toDay: to };
}

type Page<R> = (after: { createdAt: Date; id: string } | null) => Promise<R[]>;

/** Rows created in the range, oldest first, after the keyset cursor. */
function keyset(shop: string, range: Range, after: { createdAt: Date; id: string } | null) {
  const window = { shop, createdAt: { gte: range.from, lt: range.to } };
  if (!after) return window;
  return { ...window, OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] };
}

const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** A stream of CSV text: the header, then each page's rows, read only when the consumer pulls. */
function csvStream<R extends { createdAt: Date; id: string }>(header: readonly string[], page: Page<R>, toCells: (row: R) => Cell[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { createdAt: Date; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A BOM so spreadsheet apps read UTF-8 (names with accents, emoji) as such.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
        return;
      }
      const rows = await page(after);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((r) => csvRow(toCells(r))).join("")));
        const last = rows[rows.length - 1];
        if (last) after = { createdAt: last.createdAt, id: last.id };
      }
      if (rows.length < EXPORT_PAGE_SIZE) controller.close();
    },
  });
}

/** Minor units as the currency's major-unit decimal (1999 USD → 19.99, 1999 JPY → 1999). */
const major = (amountMinor: bigint, currencyCode: string): Decimal => ({ decimal: toDecimalString({ amountMinor: fromBigInt(amountMinor), currencyCode }) });

export function ticketsCsv(shop: string, range: Range): ReadableStream<Uint8Array> {
  return csvStream(
    ["number", "created_at", "subject", "category", "channel", "priority", "status", "assignee", "assignee_name", "order", "customer_email", "first_response_at", "resolved_at", "closed_at", "reopen_count", "csat_score"],
    async (after) => {
      const rows = await prisma.ticket.findMany({
        where: keyset(shop, range, after),
        orderBy: ORDER,
        take: EXPORT_PAGE_SIZE,
        select: {
          id: true, number: true, createdAt: true, subject: true, category: true, channel: true, priority: true, status: true, assignee: true,
          orderName: true, customerEmail: true, firstResponseAt: true, resolvedAt: true, closedAt: true, reopenCount: true, csatScore: true,
        },
      });
      // The raw actor id stays for joins; beside it the name the back office shows, one directory query per page.
      const names = await staffNames(shop, rows.flatMap((t) => (t.assignee === null ? [] : [t.assignee])));
      return rows.map((t) => ({ ...t, assigneeName: t.assignee === null ? null : actorLabel(t.assignee, names) }));
    },
    (t) => [t.number, t.createdAt, t.subject, t.category, t.channel, t.priority, t.status, t.assignee, t.assigneeName, t.orderName, t.customerEmail, t.firstResponseAt, t.resolvedAt, t.closedAt, t.reopenCount, t.csatScore],
  );
}

export function returnsCsv(shop: string, range: Range): ReadableStream<Uint8Array> {
  return csvStream(
    ["id", "created_at", "order", "status", "resolution", "channel", "customer_email", "currency_code", "refund_amount", "store_credit_amount", "bonus_amount", "fee_amount", "exchange_difference", "resolved_at", "decline_reason"],
    (after) =>
      prisma.returnCase.findMany({
        where: keyset(shop, range, after),
        orderBy: ORDER,
        take: EXPORT_PAGE_SIZE,
        select: {
          id: true, createdAt: true, orderName: true, status: true, resolution: true, channel: true, customerEmail: true, currencyCode: true,
          refundAmountMinor: true, storeCreditAmountMinor: true, bonusAmountMinor: true, feeAmountMinor: true, exchangeDifferenceMinor: true,
          resolvedAt: true, declineReason: true,
        },
      }),
    (r) => [
      r.id, r.createdAt, r.orderName, r.status, r.resolution, r.channel, r.customerEmail, r.currencyCode,
      major(r.refundAmountMinor, r.currencyCode), major(r.storeCreditAmountMinor, r.currencyCode), major(r.bonusAmountMinor, r.currencyCode),
      major(r.feeAmountMinor, r.currencyCode), major(r.exchangeDifferenceMinor, r.currencyCode), r.resolvedAt, r.declineReason,
    ],
  );
}

export function moneyCsv(shop: string, range: Range): ReadableStream<Uint8Array> {
  return csvStream(
    ["id", "created_at", "kind", "status", "amount", "currency_code", "return_id", "order_id", "actor", "completed_at", "note"],
    (after) =>
      prisma.moneyMovement.findMany({
        where: keyset(shop, range, after),
        orderBy: ORDER,
        take: EXPORT_PAGE_SIZE,
        select: { id: true, createdAt: true, kind: true, status: true, amountMinor: true, currencyCode: true, returnCaseId: true, orderId: true, actor: true, completedAt: true, note: true },
      }),
    (m) => [m.id, m.createdAt, m.kind, m.status, major(m.amountMinor, m.currencyCode), m.currencyCode, m.returnCaseId, m.orderId, m.actor, m.completedAt, m.note],
  );
}

export const EXPORTS: Readonly<Record<ExportKind, (shop: string, range: Range) => ReadableStream<Uint8Array>>> = {
  tickets: ticketsCsv,
  returns: returnsCsv,
  money: moneyCsv,
};
