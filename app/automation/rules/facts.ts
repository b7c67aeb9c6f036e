/** Facts from rows — pure, shared by live runs (facts.server.ts) and the 30-day preview. */
import { fromBigInt } from "~/lib/money";
import type { ReturnFacts } from "./evaluate";

type LineRow = { unitPriceMinor: bigint; unitTaxMinor: bigint; quantityRequested: number; quantityReceived: number };

export type ReturnRow = {
  id: string;
  orderName: string;
  status: string;
  resolution: string;
  currencyCode: string;
  customerId: string | null;
  customerEmail: string | null;
  createdAt: Date;
  lines: LineRow[];
};

export type CustomerReturn = { id: string; customerId: string | null; customerEmail: string | null; status: string; createdAt: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Price + tax of the lines' units, requested or received. */
export function linesValue(lines: readonly LineRow[], quantity: "quantityRequested" | "quantityReceived"): number {
  return lines.reduce((sum, l) => sum + (fromBigInt(l.unitPriceMinor) + fromBigInt(l.unitTaxMinor)) * l[quantity], 0);
}

/** The customer's other returns in the `days` before this one was made; canceled ones do not count. */
export function priorReturns(target: CustomerReturn, others: readonly CustomerReturn[], days: number): number {
  if (!target.customerId && !target.customerEmail) return 0;
  const since = target.createdAt.getTime() - days * DAY_MS;
  return others.filter(
    (o) =>
      o.id !== target.id &&
      o.status !== "canceled" &&
      (target.customerId ? o.customerId === target.customerId : o.customerEmail === target.customerEmail) &&
      o.createdAt.getTime() >= since &&
      o.createdAt.getTime() <= target.createdAt.getTime(),
  ).length;
}

/** The facts a return rule judges. */
export function returnFacts(row: ReturnRow, extra: { paidOut: boolean; recentReturns: number; hasOpenTicket: boolean }): ReturnFacts {
  return {
    returnId: row.id,
    orderName: row.orderName,
    status: row.status,
    resolution: row.resolution,
    currencyCode: row.currencyCode,
    valueMinor: linesValue(row.lines, "quantityRequested"),
    receivedValueMinor: linesValue(row.lines, "quantityReceived"),
    ...extra,
  };
}
