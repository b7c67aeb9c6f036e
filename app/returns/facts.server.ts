/**
 * The facts the action table (action-table.ts) reads, built from a return and its ledger.
 * The server actions, the payout and the admin page's loader all build them here, so the
 * page and the server judge the same snapshot.
 */
import type { MoneyMovement, ReturnCase, ReturnLine } from ".prisma/client-sqlite";
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import { movementKey } from "~/refunds/plan";
import type { PayoutKind, ReturnFacts } from "./action-table";
import { parseReturnStatus } from "./status";

type FactsReturn = Pick<ReturnCase, "id" | "status" | "resolution" | "orderName" | "shopifyReturnId" | "shopifyReturnName"> & {
  lines: Pick<ReturnLine, "quantityRequested" | "quantityReceived" | "exchangeVariantId">[];
};
type FactsMovement = Pick<MoneyMovement, "kind" | "status" | "idempotencyKey" | "amountMinor" | "currencyCode">;

const PAYOUT_KINDS: readonly string[] = ["refund", "store_credit", "exchange_balance"] satisfies PayoutKind[];

/** The table's view of a return of `shop` with its lines and every money movement of it. */
export function returnFacts(shop: string, rc: FactsReturn, movements: readonly FactsMovement[]): ReturnFacts {
  const primaryKey = movementKey(shop, rc.id, "resolution");
  const primary = movements.find((m) => m.idempotencyKey === primaryKey);
  return {
    id: rc.id,
    name: returnName(rc),
    status: parseReturnStatus(rc.status),
    resolution: rc.resolution,
    inShopify: rc.shopifyReturnId !== null,
    exchangeItems: rc.lines.filter((l) => l.exchangeVariantId).length,
    unitsToReceive: rc.lines.reduce((sum, l) => sum + Math.max(0, l.quantityRequested - l.quantityReceived), 0),
    payout:
      primary && isPayoutKind(primary.kind)
        ? {
            kind: primary.kind,
            // A row in any other state is treated as in flight: it may still move money.
            status: primary.status === "succeeded" || primary.status === "failed" ? primary.status : "pending",
            amount: { amountMinor: fromBigInt(primary.amountMinor), currencyCode: primary.currencyCode },
          }
        : null,
    moneyMoved: movements.some((m) => m.kind !== "fee" && m.status !== "failed"),
  };
}

/** Reads the return's ledger and builds its facts. */
export async function loadReturnFacts(shop: string, rc: FactsReturn): Promise<ReturnFacts> {
  const movements = await prisma.moneyMovement.findMany({
    where: { shop, returnCaseId: rc.id },
    select: { kind: true, status: true, idempotencyKey: true, amountMinor: true, currencyCode: true },
  });
  return returnFacts(shop, rc, movements);
}

/** How the agent knows a return: its Shopify name (#1001-R1), else its order's (#1001). */
export function returnName(rc: Pick<ReturnCase, "orderName" | "shopifyReturnName">): string {
  return rc.shopifyReturnName ?? rc.orderName;
}

function isPayoutKind(kind: string): kind is PayoutKind {
  return PAYOUT_KINDS.includes(kind);
}
