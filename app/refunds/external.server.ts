/**
 * Money moved outside Aftercare. A refund made in Shopify admin, by a POS or by another app
 * reaches us as refunds/create; one that is none of our ledger's movements is recorded as an
 * `external` MoneyMovement (already succeeded: Shopify reports money that left), linked to the
 * return it refunds, so the ledger shows every refund of an order and the payout never pays a
 * return that Shopify already paid (`assertNotPaidInShopify`).
 *
 * Ours or not is decided by the Shopify refund id: every refund Aftercare makes is recorded on
 * its ledger row (`shopifyId`) when Shopify answers. While one of our rows on the order is still
 * pending, its refund id is not known yet, so the event waits (the handler throws and the inbox
 * retries) rather than mistake our own refund for someone else's.
 */
import { recordAudit } from "~/audit/audit.server";
import type { RefundEventPayload } from "~/automation/payloads";
import prisma, { isUniqueViolation } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { add, formatMoney, fromBigInt, money, parseDecimal, toBigInt, zero, type Money } from "~/lib/money";
import type { ReturnWithLines } from "./exchange.server";
import { movementKey } from "./plan";

const EXTERNAL_KIND = "external";

// Returns still waiting for their money: a refund on their order without a named return is theirs.
const OPEN_RETURN_STATUSES = ["requested", "needs_review", "approved", "received"];
// Aftercare's own money movements that leave the order through a Shopify refund.
const REFUNDING_KINDS = ["refund", "store_credit", "exchange_balance"];

export type ExternalRefundOutcome =
  | { kind: "recorded"; movementId: string; returnCaseId: string | null }
  | { kind: "ours"; movementId: string }
  | { kind: "duplicate"; movementId: string }
  | { kind: "no_money" };

/** The ledger key of an external refund: one row per Shopify refund, whoever delivers it how often. */
function externalRefundKey(shop: string, refundId: string): string {
  return `shopify:${shop}:refund:${refundId}`;
}

/** Records a refunds/create refund that Aftercare did not make; see the file comment. */
export async function recordExternalRefund(shop: string, refund: RefundEventPayload, now: Date): Promise<ExternalRefundOutcome> {
  const ours = await prisma.moneyMovement.findFirst({
    where: { shop, shopifyId: refund.refundId, kind: { not: EXTERNAL_KIND } },
    select: { id: true },
  });
  if (ours) return { kind: "ours", movementId: ours.id };
  const key = externalRefundKey(shop, refund.refundId);
  const known = await prisma.moneyMovement.findFirst({ where: { shop, idempotencyKey: key }, select: { id: true } });
  if (known) return { kind: "duplicate", movementId: known.id };

  const amount = refundedAmount(refund);
  if (!amount || amount.amountMinor <= 0) return { kind: "no_money" };

  const inFlight = await prisma.moneyMovement.count({
    where: { shop, orderId: refund.orderId, kind: { in: REFUNDING_KINDS }, status: "pending", returnCaseId: { not: null } },
  });
  if (inFlight > 0) {
    throw new Error(
      `Refund ${refund.refundId} on order ${refund.orderId} arrived while an Aftercare payment on that order is still unconfirmed; it is looked at again once that payment is recorded, so it is not mistaken for a refund made elsewhere.`,
    );
  }

  const returnCase = await returnRefunded(shop, refund);
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.moneyMovement.create({
        data: {
          shop,
          returnCaseId: returnCase?.id ?? null,
          orderId: refund.orderId,
          customerId: returnCase?.customerId ?? null,
          kind: EXTERNAL_KIND,
          amountMinor: toBigInt(amount.amountMinor),
          currencyCode: amount.currencyCode,
          idempotencyKey: key,
          status: "succeeded",
          shopifyId: refund.refundId,
          attempts: 0,
          actor: "webhook",
          createdAt: refund.createdAt,
          completedAt: now,
        },
      });
      await recordAudit(tx, shop, {
        actor: "webhook",
        action: "money.external.recorded",
        entityType: returnCase ? "return" : "order",
        entityId: returnCase?.id ?? refund.orderId,
        data: {
          movementId: row.id,
          shopifyRefundId: refund.refundId,
          shopifyReturnId: refund.returnId,
          amountMinor: amount.amountMinor,
          currencyCode: amount.currencyCode,
          units: refund.units,
        },
      });
      return { kind: "recorded" as const, movementId: row.id, returnCaseId: returnCase?.id ?? null };
    });
  } catch (error) {
    // The same refund delivered twice at once: the unique key let one delivery record it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.moneyMovement.findFirstOrThrow({ where: { shop, idempotencyKey: key }, select: { id: true } });
    return { kind: "duplicate", movementId: winner.id };
  }
}

/**
 * The payout's guard against paying twice: a return that Shopify already refunded — in admin,
 * by another app, by processing it there — is not paid again by Aftercare. Read from our own
 * ledger (the external refunds linked to the return) and the return's mirrored state, without
 * asking Shopify. A payout whose money already moved (every resolution row succeeded) passes:
 * it pays nothing and only reports.
 */
export async function assertNotPaidInShopify(shop: string, rc: Pick<ReturnWithLines, "id" | "orderName" | "status">, locale = "en-US"): Promise<void> {
  const ours = await prisma.moneyMovement.findMany({
    where: { shop, returnCaseId: rc.id, idempotencyKey: { startsWith: movementKey(shop, rc.id, "resolution") } },
    select: { status: true },
  });
  if (ours.length > 0 && ours.every((row) => row.status === "succeeded")) return;

  const external = await prisma.moneyMovement.findMany({
    where: { shop, returnCaseId: rc.id, kind: EXTERNAL_KIND, status: "succeeded", amountMinor: { gt: 0 } },
    select: { amountMinor: true, currencyCode: true, shopifyId: true },
    orderBy: { createdAt: "asc" },
  });
  if (external.length > 0) {
    const currency = external[0]?.currencyCode ?? "USD";
    const total = external.filter((row) => row.currencyCode === currency).reduce((sum, row) => add(sum, money(fromBigInt(row.amountMinor), currency)), zero(currency));
    throw new DomainError(
      "conflict",
      `Return ${rc.orderName} was already refunded ${formatMoney(total, locale)} in Shopify (outside Aftercare), so Aftercare will not pay it again. Check the order in Shopify admin.`,
      { shopifyRefundIds: external.flatMap((row) => (row.shopifyId ? [row.shopifyId] : [])) },
    );
  }
  // Our rows were written, but the return was finished in Shopify before they were paid.
  if (ours.length > 0 && (rc.status === "resolved" || rc.status === "closed")) {
    throw new DomainError("conflict", `Return ${rc.orderName} was ${rc.status === "closed" ? "closed" : "processed"} in Shopify before Aftercare paid it, so Aftercare will not pay it now. Check the order in Shopify admin.`);
  }
}

/** The money a refund sent back: its successful refund transactions, in the currency they were made in. */
function refundedAmount(refund: RefundEventPayload): Money | null {
  const first = refund.transactions[0];
  if (!first) return null;
  let total = zero(first.currencyCode);
  for (const t of refund.transactions) {
    if (t.currencyCode !== first.currencyCode) {
      throw new Error(`Refund ${refund.refundId} mixes ${first.currencyCode} and ${t.currencyCode} transactions; it was not recorded.`);
    }
    total = add(total, parseDecimal(t.amount, t.currencyCode));
  }
  return total;
}

/**
 * The return a refund pays: the one it names, else the order's only open return. A named return
 * Aftercare has not mirrored yet (its returns/* event is still on its way) makes the event wait:
 * linking the refund to another return of the order, or to none, would let that one be paid twice.
 */
async function returnRefunded(shop: string, refund: RefundEventPayload): Promise<{ id: string; customerId: string | null } | null> {
  if (refund.returnId) {
    const named = await prisma.returnCase.findFirst({ where: { shop, shopifyReturnId: refund.returnId }, select: { id: true, customerId: true } });
    if (named) return named;
    throw new Error(`Refund ${refund.refundId} pays Shopify return ${refund.returnId}, which Aftercare has not mirrored yet; it is looked at again once the return is known.`);
  }
  const open = await prisma.returnCase.findMany({
    where: { shop, orderId: refund.orderId, status: { in: OPEN_RETURN_STATUSES } },
    select: { id: true, customerId: true },
    take: 2,
  });
  // Two open returns on one order: the refund cannot be pinned on either; it stays on the order.
  return open.length === 1 ? (open[0] ?? null) : null;
}
