import type { ShopifyAdminClient } from "./client.server";
import { assertNoUserErrors, ShopifyMissingDataError } from "./errors";
import { fromMoneyBag, toDecimalString, type Money, type MoneyPair } from "./money";
import type { CurrencyCode } from "~/types/admin.types";

// refundCreate requires the @idempotent directive from 2026-04: Shopify answers a repeat of
// the same key with the first refund instead of paying twice. The key is the MoneyMovement
// ledger row's, written before this call.
const REFUND_CREATE = `#graphql
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund {
        id
        createdAt
        totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      }
      userErrors { field message }
    }
  }
`;

export interface CreateRefundInput {
  orderId: string;
  /** The ledger's key for this money movement; the same key never refunds twice. */
  idempotencyKey: string;
  note?: string;
  notify: boolean;
  lines: { lineItemId: string; quantity: number; restockType: "NO_RESTOCK" | "RETURN" | "CANCEL" }[];
  /** Money back on an original payment: the parent is the SALE/CAPTURE transaction refunded. */
  transactions: { parentTransactionId: string; gateway: string; amount: Money }[];
  shippingAmount?: Money;
}

export interface CreatedRefund {
  id: string;
  createdAt: string | null;
  total: MoneyPair;
}

/** Creates a refund outside a return (fee adjustments, goodwill), idempotent on the ledger key. */
export async function createRefund(client: ShopifyAdminClient, input: CreateRefundInput): Promise<CreatedRefund> {
  if (!input.idempotencyKey.trim()) throw new RangeError("refundCreate needs a non-blank idempotency key.");
  const currency = refundCurrency(input);
  const data = await client.request(REFUND_CREATE, {
    idempotencyKey: input.idempotencyKey,
    input: {
      orderId: input.orderId,
      // Shopify requires the currency when the order was paid in another currency than the
      // shop's (Markets), and it must be the presentment one: the one our amounts are in.
      ...(currency ? { currency } : {}),
      notify: input.notify,
      ...(input.note ? { note: input.note } : {}),
      refundLineItems: input.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restockType: l.restockType })),
      transactions: input.transactions.map((t) => ({
        orderId: input.orderId,
        parentId: t.parentTransactionId,
        gateway: t.gateway,
        kind: "REFUND" as const,
        amount: toDecimalString(t.amount),
      })),
      ...(input.shippingAmount ? { shipping: { amount: toDecimalString(input.shippingAmount) } } : {}),
    },
  });
  const payload = assertNoUserErrors(data.refundCreate, "RefundCreate");
  if (!payload.refund) throw new ShopifyMissingDataError("RefundCreate", "refundCreate.refund");
  return {
    id: payload.refund.id,
    createdAt: payload.refund.createdAt ?? null,
    total: fromMoneyBag(payload.refund.totalRefundedSet),
  };
}

/** The one currency of the refund's amounts (the order's presentment currency); mixed currencies are a bug. */
function refundCurrency(input: CreateRefundInput): CurrencyCode | null {
  const codes = new Set([...input.transactions.map((t) => t.amount.currencyCode), ...(input.shippingAmount ? [input.shippingAmount.currencyCode] : [])]);
  if (codes.size > 1) throw new RangeError(`A refund's amounts must share one currency, got ${[...codes].join(", ")}.`);
  const [code] = codes;
  return code ? (code as CurrencyCode) : null;
}
