/**
 * The money plan of a return — pure, exact minor units, no database and no Shopify.
 *
 * What is paid for: per line, the units that came back and were not paid yet
 * (`quantityReceived − quantityRefunded` once the return is received; the requested units
 * when a return is resolved before anything arrives, e.g. keep-the-item or an early refund).
 * Each unit is worth its discounted price plus its tax.
 *
 * - refund:         money back to the original payment = worth − fees; a `fee` movement records what was kept.
 * - store_credit:   credit = worth − fees, plus the quote's bonus (a separate `bonus` movement: it is
 *                   the merchant's gift, paid with storeCreditAccountCredit, not out of the order).
 * - exchange:       the balance: what the returned units were worth minus what the new variants cost;
 *                   a positive balance goes back to the original payment (`exchange_balance`), a negative
 *                   one is what the shopper still owes (`amountDue`, collected by the merchant, not here).
 *                   Fees are not charged on exchanges.
 * - partial_refund: the agent's amount, at most worth − fees.
 *
 * Fees and the bonus are the quote's (frozen on the return, or overridden by an agent). When
 * fewer units are paid for than were quoted, both scale with the worth and round down, so the
 * shopper never pays a fee on what did not come back and never gets a bonus on it either.
 * Money taken out of the order (refund + store credit + exchange balance) is capped at what is
 * still refundable on it; the plan says so in `warnings` when the cap bites.
 */
import { DomainError } from "~/lib/errors";
import { assertActionStatus } from "~/returns/action-table";
import { parseReturnStatus } from "~/returns/status";
import { formatMoney, money, type Money } from "~/lib/money";

export const MOVEMENT_KINDS = ["refund", "store_credit", "bonus", "fee", "exchange_balance"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export type PlanLine = {
  id: string;
  unitPriceMinor: number;
  unitTaxMinor: number;
  quantityRequested: number;
  quantityReceived: number;
  quantityRefunded: number;
  exchangeVariantId: string | null;
  exchangeUnitPriceMinor: number | null;
};

export type PlanReturn = {
  id: string;
  status: string;
  currencyCode: string;
  /** Quoted fees (restocking + return shipping), or the agent's override. */
  feeAmountMinor: number;
  /** Quoted store-credit bonus. */
  bonusAmountMinor: number;
  /** Quoted amounts, for the cross-check only (0 = no quote). */
  refundAmountMinor: number;
  storeCreditAmountMinor: number;
  exchangeDifferenceMinor: number;
};

export type PlanAction =
  | { intent: "refund" }
  | { intent: "store_credit" }
  | { intent: "exchange" }
  | { intent: "partial_refund"; amountMinor: number };

export type PlannedMovement = { kind: MovementKind; amount: Money };

export type MoneyPlan = {
  intent: PlanAction["intent"];
  currencyCode: string;
  /** Units paid for now, per return line (lines with 0 are left out). */
  units: { lineId: string; quantity: number }[];
  /** Price + tax of those units. */
  worth: Money;
  fee: Money;
  movements: PlannedMovement[];
  /** Money out of the order to the original payment (refund or exchange balance). */
  toPayment: Money;
  /** Store credit paid by the refund (bonus excluded). */
  toStoreCredit: Money;
  bonus: Money;
  /** Exchange: what the shopper still owes for a more expensive variant. */
  amountDue: Money;
  /** Differences from the quote and caps, in words for the audit trail and the agent. */
  warnings: string[];
};

export type PlanOptions = {
  /** What the order can still refund (paid − refunded), in the return's currency. Unknown → no cap. */
  refundable?: Money;
  locale?: string;
};

/** Plans the exact movements for a resolving action on a return. */
export function planMoneyMovements(
  returnCase: PlanReturn,
  lines: readonly PlanLine[],
  action: PlanAction,
  options: PlanOptions = {},
): MoneyPlan {
  const currency = returnCase.currencyCode;
  const locale = options.locale ?? "en-US";
  const fmt = (minor: number) => formatMoney(money(minor, currency), locale);
  const m = (minor: number) => money(minor, currency);

  // The action table decides where a payout may start (payout.server.ts checks all of it first).
  assertActionStatus({ id: returnCase.id, status: parseReturnStatus(returnCase.status) }, action.intent);
  const received = returnCase.status === "received";
  const units = lines.map((line) => {
    const basis = received ? line.quantityReceived : line.quantityRequested;
    return { line, quantity: Math.max(0, basis - line.quantityRefunded) };
  });
  const paying = units.filter((u) => u.quantity > 0);
  if (paying.length === 0) {
    throw new DomainError(
      "conflict",
      received
        ? `Return ${returnCase.id} has no received items left to pay for.`
        : `Return ${returnCase.id} has no items left to pay for.`,
    );
  }

  const worthOf = (us: typeof units) => us.reduce((s, u) => s + (u.line.unitPriceMinor + u.line.unitTaxMinor) * u.quantity, 0);
  const worth = worthOf(units);
  const fullWorth = lines.reduce((s, l) => s + (l.unitPriceMinor + l.unitTaxMinor) * l.quantityRequested, 0);
  const full = lines.every((l) => l.quantityRefunded === 0) && worth === fullWorth;
  // Quoted amounts scale with what is paid for now, rounded down.
  const scaled = (quoted: number) => (full || fullWorth === 0 ? quoted : Number((BigInt(quoted) * BigInt(worth)) / BigInt(fullWorth)));
  const warnings: string[] = [];
  const cap = (amount: number, what: string) => {
    if (options.refundable === undefined) return amount;
    const left = Math.max(0, options.refundable.amountMinor);
    if (amount <= left) return amount;
    warnings.push(`The ${what} was capped at ${fmt(left)}, what the order can still refund (planned ${fmt(amount)}).`);
    return left;
  };

  const base = {
    intent: action.intent,
    currencyCode: currency,
    units: paying.map((u) => ({ lineId: u.line.id, quantity: u.quantity })),
    worth: m(worth),
    warnings,
  };

  if (action.intent === "exchange") {
    let balance = 0;
    for (const { line, quantity } of paying) {
      if (line.exchangeVariantId && line.exchangeUnitPriceMinor !== null) {
        balance += (line.unitPriceMinor - line.exchangeUnitPriceMinor) * quantity;
      } else {
        balance += (line.unitPriceMinor + line.unitTaxMinor) * quantity;
      }
    }
    if (!paying.some((u) => u.line.exchangeVariantId)) {
      throw new DomainError("invalid", `Return ${returnCase.id} has no exchange items; refund it or issue store credit instead.`);
    }
    if (full && returnCase.exchangeDifferenceMinor !== 0 && returnCase.exchangeDifferenceMinor !== -balance) {
      warnings.push(`The quote's exchange difference was ${fmt(returnCase.exchangeDifferenceMinor)}; the plan's is ${fmt(-balance)}.`);
    }
    const back = balance > 0 ? cap(balance, "exchange balance") : 0;
    return {
      ...base,
      fee: m(0),
      movements: [{ kind: "exchange_balance", amount: m(back) }],
      toPayment: m(back),
      toStoreCredit: m(0),
      bonus: m(0),
      amountDue: m(balance < 0 ? -balance : 0),
    };
  }

  const fee = Math.min(scaled(Math.max(0, returnCase.feeAmountMinor)), worth);
  const net = worth - fee;
  const feeMovement: PlannedMovement[] = fee > 0 ? [{ kind: "fee", amount: m(fee) }] : [];

  if (action.intent === "partial_refund") {
    if (!Number.isSafeInteger(action.amountMinor) || action.amountMinor <= 0) {
      throw new DomainError("invalid", "Enter an amount above 0.");
    }
    const most = options.refundable ? Math.min(net, Math.max(0, options.refundable.amountMinor)) : net;
    if (action.amountMinor > most) {
      throw new DomainError("invalid", `A partial refund of return ${returnCase.id} can be at most ${fmt(most)}.`);
    }
    return {
      ...base,
      fee: m(0),
      movements: [{ kind: "refund", amount: m(action.amountMinor) }],
      toPayment: m(action.amountMinor),
      toStoreCredit: m(0),
      bonus: m(0),
      amountDue: m(0),
    };
  }

  if (action.intent === "refund") {
    if (full && returnCase.refundAmountMinor > 0 && returnCase.refundAmountMinor !== net) {
      warnings.push(`The quote promised a refund of ${fmt(returnCase.refundAmountMinor)}; the plan pays ${fmt(net)}.`);
    }
    const refund = cap(net, "refund");
    return {
      ...base,
      fee: m(fee),
      movements: [{ kind: "refund", amount: m(refund) }, ...feeMovement],
      toPayment: m(refund),
      toStoreCredit: m(0),
      bonus: m(0),
      amountDue: m(0),
    };
  }

  // store_credit
  const bonus = scaled(Math.max(0, returnCase.bonusAmountMinor));
  const quotedCredit = returnCase.storeCreditAmountMinor;
  if (full && quotedCredit > 0 && quotedCredit !== net && quotedCredit !== net + bonus) {
    warnings.push(`The quote promised store credit of ${fmt(quotedCredit)}; the plan pays ${fmt(net + bonus)} (bonus included).`);
  }
  const credit = cap(net, "store credit");
  return {
    ...base,
    fee: m(fee),
    movements: [
      { kind: "store_credit", amount: m(credit) },
      ...(bonus > 0 ? [{ kind: "bonus" as const, amount: m(bonus) }] : []),
      ...feeMovement,
    ],
    toPayment: m(0),
    toStoreCredit: m(credit),
    bonus: m(bonus),
    amountDue: m(0),
  };
}

export type OrderTransactionLike = {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amountMinor: number;
  parentTransactionId: string | null;
};

/** What the order can still refund: successful sales and captures minus successful refunds (store credit included). */
export function refundableOnOrder(transactions: readonly OrderTransactionLike[], currencyCode: string): Money {
  let paid = 0;
  let refunded = 0;
  for (const t of transactions) {
    if (t.status !== "SUCCESS") continue;
    if (t.kind === "SALE" || t.kind === "CAPTURE") paid += t.amountMinor;
    if (t.kind === "REFUND") refunded += t.amountMinor;
  }
  return money(Math.max(0, paid - refunded), currencyCode);
}

/**
 * Splits money back to the original payment across the order's successful SALE/CAPTURE
 * transactions, each up to what it can still refund, in the order Shopify lists them.
 */
export function allocateToTransactions(
  amount: Money,
  transactions: readonly OrderTransactionLike[],
): { parentTransactionId: string; gateway: string | null; amount: Money }[] {
  if (amount.amountMinor <= 0) return [];
  const refundedByParent = new Map<string, number>();
  for (const t of transactions) {
    if (t.kind === "REFUND" && t.status === "SUCCESS" && t.parentTransactionId) {
      refundedByParent.set(t.parentTransactionId, (refundedByParent.get(t.parentTransactionId) ?? 0) + t.amountMinor);
    }
  }
  let left = amount.amountMinor;
  const parts: { parentTransactionId: string; gateway: string | null; amount: Money }[] = [];
  for (const t of transactions) {
    if (left === 0) break;
    if (t.status !== "SUCCESS" || (t.kind !== "SALE" && t.kind !== "CAPTURE")) continue;
    const available = t.amountMinor - (refundedByParent.get(t.id) ?? 0);
    if (available <= 0) continue;
    const take = Math.min(available, left);
    parts.push({ parentTransactionId: t.id, gateway: t.gateway, amount: money(take, amount.currencyCode) });
    left -= take;
  }
  if (left > 0) {
    throw new DomainError(
      "conflict",
      `The order's payments can only take back ${formatMoney(money(amount.amountMinor - left, amount.currencyCode), "en-US")} of ${formatMoney(amount, "en-US")}.`,
    );
  }
  return parts;
}

/**
 * The ledger key of a movement: deterministic from shop, return and slot, so a retry or a
 * double click lands on the same row and the unique index refuses a second. A return's
 * resolution (refund, store credit or exchange balance) shares one slot on purpose: two
 * agents choosing different resolutions at once collide on it and one of them loses.
 */
export function movementKey(shop: string, returnId: string, slot: string): string {
  return `aftercare:${shop}:${returnId}:${slot}`;
}

/** The ledger slot of each planned movement of a resolution. */
export function resolutionSlot(kind: MovementKind): string {
  return kind === "refund" || kind === "store_credit" || kind === "exchange_balance" ? "resolution" : `resolution:${kind}`;
}
