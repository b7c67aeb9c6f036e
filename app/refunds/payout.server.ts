/**
 * Paying out a return — exactly once. The workflow (CONVENTIONS "Side effects as small
 * workflows", DESIGN §7 "Exactly once is ours to keep"):
 *
 *   plan (pure, ./plan.ts) → ledger rows with deterministic keys, BEFORE any Shopify call
 *   → call Shopify → record the outcome (succeeded + Shopify id | failed + error) → audit
 *   → transition the return to `resolved` when every row succeeded.
 *
 * A row is "claimed" by whoever inserted it (attempts = 1). Anyone else who finds it:
 * - succeeded → nothing is paid again; the follow-ups (bonus, transition) are finished;
 * - pending and touched within LEASE_MS → somebody is paying right now: a clear conflict;
 * - pending and older (a crash or an unanswered call left it) or failed → claim it with a
 *   compare-and-set on `attempts`, then RECONCILE: read Shopify (the return's refunds, the
 *   customer's store credit credits) and adopt the money movement found there that no
 *   other row claims; call Shopify again only when nothing is found.
 * Only a definite refusal (userErrors, GraphQL errors) marks a row failed and opens a
 * `payment_failure` ticket; an unanswered call leaves it pending — we do not know yet.
 */
import type { MoneyMovement } from ".prisma/client-sqlite";
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { formatMoney, fromBigInt, money, toBigInt, type Money } from "~/lib/money";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyGraphqlError, ShopifyUserError } from "~/shopify/errors";
import { getOrder } from "~/shopify/orders.server";
import { createRefund } from "~/shopify/refunds.server";
import { getReturnState, processReturn, type ReturnState } from "~/shopify/return-process.server";
import { creditStoreCredit, listStoreCreditCredits } from "~/shopify/store-credit.server";
import { assertReturnAction } from "~/returns/action-table";
import { loadReturnFacts } from "~/returns/facts.server";
import { openInShopify } from "~/returns/request.server";
import { transitionReturnInTx } from "~/returns/transition.server";
import { createTicket } from "~/tickets/tickets.server";
import { ensureExchangeReturn, type ReturnWithLines } from "./exchange.server";
import { assertNotPaidInShopify } from "./external.server";
import {
  allocateToTransactions,
  movementKey,
  planMoneyMovements,
  refundableOnOrder,
  resolutionSlot,
  type MoneyPlan,
  type MovementKind,
  type OrderTransactionLike,
  type PlanAction,
} from "./plan";

/** How long a pending row belongs to the request that wrote it (longer than the gateway's retries). */
export const LEASE_MS = 2 * 60 * 1000;
/**
 * How far before a bonus row's creation a store credit credit may be dated and still be
 * adopted: generous for clock skew, short enough not to mistake an old manual credit of the
 * same amount for ours. Refunds need no window: they are looked for on this return only.
 */
const ADOPT_SKEW_MS = 60 * 60 * 1000;

export type PayoutDeps = { client: ShopifyAdminClient; now?: Date; locale?: string };
export type PayoutAction = PlanAction & { note?: string };
export type PayoutResult = { message: string; movements: MoneyMovement[]; alreadyDone: boolean };

/** Pays a return out (refund, store credit + bonus, exchange, partial refund) exactly once; see the file comment. */
export async function payOutReturn(shop: string, returnId: string, action: PayoutAction, actor: string, deps: PayoutDeps): Promise<PayoutResult> {
  const now = deps.now ?? new Date();
  const locale = deps.locale ?? "en-US";
  let rc = await loadReturn(shop, returnId);
  if (!rc) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  // Money Shopify already moved for this return (refunded in admin, processed there) is never paid again.
  await assertNotPaidInShopify(shop, rc, locale);
  const primaryKey = movementKey(shop, returnId, "resolution");

  let rows = await resolutionRows(shop, returnId);
  let primary = rows.find((r) => r.idempotencyKey === primaryKey);
  // A payout already written (pending or succeeded) is finished whatever the status; a new
  // one, or a retry of a refused one, must be allowed by the action table.
  const resume = primary !== undefined && primary.status !== "failed";
  assertReturnAction(await loadReturnFacts(shop, rc), action.intent, { resume, locale });

  if (!resume) {
    if (action.intent === "exchange") rc = await ensureExchangeReturn(shop, rc, actor, deps);
    // A return whose request never reached Shopify (it failed at request time) is opened
    // there first: returnProcess needs a Shopify return to pay through.
    if (!rc.shopifyReturnId) {
      await openInShopify(shop, deps.client, rc.id, actor, now);
      rc = (await loadReturn(shop, returnId)) ?? rc;
    }
    const plan = await planFor(rc, action, deps.client, locale);
    rows = await recordIntent(shop, rc, plan, action, actor, now, rows);
    primary = rows.find((r) => r.idempotencyKey === primaryKey);
  }
  if (!primary) throw new DomainError("conflict", `Return ${rc.orderName} changed meanwhile; reload it and try again.`);

  const alreadyDone = rows.every((r) => r.status === "succeeded");
  // The primary row first (it carries the order's money), then the bonus.
  const ordered = [...rows].sort((a, b) => order(a.kind) - order(b.kind));
  for (const row of ordered) {
    if (row.status === "succeeded" || row.kind === "fee") continue;
    await runMovement(shop, rc, row, action, actor, now, deps, locale);
  }
  const done = await resolutionRows(shop, returnId);
  await finishResolution(shop, returnId, done, actor, now);
  return { message: successMessage(action, done, locale, alreadyDone), movements: done, alreadyDone };
}

// ── intent ─────────────────────────────────────────────────────────────────────────

async function planFor(rc: ReturnWithLines, action: PayoutAction, client: ShopifyAdminClient, locale: string): Promise<MoneyPlan> {
  const order = await getOrder(client, rc.orderId);
  if (!order) throw new DomainError("not_found", `Order ${rc.orderName} of return ${rc.id} was not found in Shopify.`);
  const transactions = orderTransactions(order.transactions);
  return planMoneyMovements(
    {
      id: rc.id,
      status: rc.status,
      currencyCode: rc.currencyCode,
      feeAmountMinor: fromBigInt(rc.feeAmountMinor),
      bonusAmountMinor: fromBigInt(rc.bonusAmountMinor),
      refundAmountMinor: fromBigInt(rc.refundAmountMinor),
      storeCreditAmountMinor: fromBigInt(rc.storeCreditAmountMinor),
      exchangeDifferenceMinor: fromBigInt(rc.exchangeDifferenceMinor),
    },
    rc.lines.map((l) => ({
      id: l.id,
      unitPriceMinor: fromBigInt(l.unitPriceMinor),
      unitTaxMinor: fromBigInt(l.unitTaxMinor),
      quantityRequested: l.quantityRequested,
      quantityReceived: l.quantityReceived,
      quantityRefunded: l.quantityRefunded,
      exchangeVariantId: l.exchangeVariantId,
      exchangeUnitPriceMinor: l.exchangeUnitPriceMinor === null ? null : fromBigInt(l.exchangeUnitPriceMinor),
    })),
    action,
    { refundable: refundableOnOrder(transactions, rc.currencyCode), locale },
  );
}

/**
 * Writes the plan's rows (or re-arms a failed primary with the new plan) in one
 * transaction. The unique (shop, idempotencyKey) index lets exactly one writer win.
 */
async function recordIntent(
  shop: string,
  rc: ReturnWithLines,
  plan: MoneyPlan,
  action: PayoutAction,
  actor: string,
  now: Date,
  existing: MoneyMovement[],
): Promise<ClaimedRow[]> {
  const note = action.intent === "partial_refund" ? (action.note ?? null) : null;
  const ours = new Set<string>();
  try {
    await prisma.$transaction(async (tx) => {
      for (const planned of plan.movements) {
        const key = movementKey(shop, rc.id, resolutionSlot(planned.kind));
        const previous = existing.find((r) => r.idempotencyKey === key);
        const data = {
          kind: planned.kind,
          amountMinor: toBigInt(planned.amount.amountMinor),
          currencyCode: planned.amount.currencyCode,
          status: "pending",
          error: null,
          actor,
          note,
        };
        if (previous) {
          if (previous.status !== "failed") continue;
          // Re-arm only the row we saw failed; a parallel retry that got there first wins.
          const { count } = await tx.moneyMovement.updateMany({
            where: { id: previous.id, shop, status: "failed", attempts: previous.attempts },
            data: { ...data, attempts: { increment: 1 } },
          });
          if (count === 0) throw new DomainError("conflict", `A payment for return ${rc.orderName} is already in progress; reload in a minute.`);
          ours.add(previous.id);
          continue;
        }
        const created = await tx.moneyMovement.create({
          data: {
            shop,
            returnCaseId: rc.id,
            orderId: rc.orderId,
            customerId: rc.customerId,
            idempotencyKey: key,
            attempts: planned.kind === "fee" ? 0 : 1,
            createdAt: now,
            ...data,
          },
        });
        ours.add(created.id);
      }
      await recordAudit(tx, shop, {
        actor,
        action: "money.planned",
        entityType: "return",
        entityId: rc.id,
        data: {
          intent: plan.intent,
          movements: plan.movements.map((m) => ({ kind: m.kind, amountMinor: m.amount.amountMinor, currencyCode: m.amount.currencyCode })),
          units: plan.units,
          warnings: plan.warnings,
          ...(note ? { note } : {}),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // A parallel payout won the key: the table says why when it is another kind.
      assertReturnAction(await loadReturnFacts(shop, rc), action.intent, { resume: true });
      throw new DomainError("conflict", `A payment for return ${rc.orderName} is already in progress; reload in a minute.`);
    }
    throw error;
  }
  // Rows inserted or re-armed by this transaction are ours: no lease to wait for.
  const rows = await resolutionRows(shop, rc.id);
  return rows.map((r) => ({ ...r, claimedByUs: ours.has(r.id) }));
}

// ── one movement ──────────────────────────────────────────────────────────────────────

type ClaimedRow = MoneyMovement & { claimedByUs?: boolean };

async function runMovement(
  shop: string,
  rc: ReturnWithLines,
  row: ClaimedRow,
  action: PayoutAction,
  actor: string,
  now: Date,
  deps: PayoutDeps,
  locale: string,
): Promise<void> {
  // A row written or re-armed by this request is ours already; any other row must be
  // failed, or pending and stale, before we take it over with a compare-and-set.
  let attemptedBefore: boolean;
  if (row.claimedByUs) {
    attemptedBefore = row.attempts > 1;
  } else {
    if (row.status === "pending" && now.getTime() - row.updatedAt.getTime() < LEASE_MS) {
      throw new DomainError("conflict", `A payment for return ${rc.orderName} is already in progress; reload in a minute.`);
    }
    const { count } = await prisma.moneyMovement.updateMany({
      where: { id: row.id, shop, status: row.status, attempts: row.attempts },
      data: { status: "pending", attempts: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("conflict", `A payment for return ${rc.orderName} is already in progress; reload in a minute.`);
    attemptedBefore = row.attempts > 0;
  }

  const amount = money(fromBigInt(row.amountMinor), row.currencyCode);
  try {
    // Any earlier attempt may have reached Shopify: look before paying again.
    if (attemptedBefore) {
      const found = await reconcile(shop, rc, row, amount, deps.client);
      if (found) {
        await recordSuccess(shop, rc, row, found, actor, true);
        return;
      }
    }
    const shopifyId = await execute(shop, rc, row, amount, action, deps.client);
    await recordSuccess(shop, rc, row, shopifyId, actor, false);
  } catch (error) {
    if (error instanceof DomainError) {
      // Raised before any mutation was sent (a precondition): nothing moved, the row may be re-armed.
      await prisma.moneyMovement.updateMany({
        where: { id: row.id, shop, status: "pending" },
        data: { status: "failed", error: error.message.slice(0, 1000), completedAt: new Date() },
      });
      throw error;
    }
    if (error instanceof ShopifyUserError || error instanceof ShopifyGraphqlError) {
      const ticketNumber = await recordFailure(shop, rc, row, error.message, actor, amount, locale);
      throw new DomainError(
        "invalid",
        `Shopify refused the ${KIND_WORDS[row.kind]} of ${formatMoney(amount, locale)}: ${shopifyReason(error)}. The return stays ${rc.status}; ticket #${ticketNumber} was opened.`,
        { movementId: row.id },
      );
    }
    // No answer, or an answer we could not record: the money may have moved. Leave the
    // row pending; the next try reconciles with Shopify before paying.
    const detail = error instanceof Error ? error.message : String(error);
    await recordUnknown(shop, row, detail);
    throw new DomainError(
      "upstream",
      `Shopify did not confirm the ${KIND_WORDS[row.kind]} of ${formatMoney(amount, locale)}. Try again in a few minutes: Aftercare checks with Shopify first and never pays twice.`,
      { movementId: row.id },
    );
  }
}

/** Calls Shopify for one row; returns the id of what it created. */
async function execute(
  shop: string,
  rc: ReturnWithLines,
  row: MoneyMovement,
  amount: Money,
  action: PayoutAction,
  client: ShopifyAdminClient,
): Promise<string> {
  if (row.kind === "bonus") {
    if (!rc.customerId) throw new DomainError("invalid", `Return ${rc.orderName} has no customer, so no store credit bonus can be issued.`);
    const credit = await creditStoreCredit(client, { customerId: rc.customerId, amount });
    return credit.id;
  }
  if (row.idempotencyKey.includes(":goodwill:")) {
    const order = await getOrder(client, rc.orderId);
    if (!order) throw new DomainError("not_found", `Order ${rc.orderName} was not found in Shopify.`);
    const parts = allocateToTransactions(amount, orderTransactions(order.transactions));
    const refund = await createRefund(client, {
      orderId: rc.orderId,
      idempotencyKey: row.idempotencyKey,
      note: row.note ?? undefined,
      notify: true,
      lines: [],
      transactions: parts.map((p) => ({ parentTransactionId: p.parentTransactionId, gateway: p.gateway ?? "manual", amount: p.amount })),
    });
    return refund.id;
  }

  // The resolution: one returnProcess with the confirmed quantities and the money.
  const shopifyReturnId = rc.shopifyReturnId;
  if (!shopifyReturnId) throw new DomainError("conflict", `Return ${rc.orderName} is not in Shopify yet.`);
  const state = await getReturnState(client, shopifyReturnId);
  if (!state) throw new DomainError("not_found", `Return ${rc.orderName} was not found in Shopify.`);
  const units = unitsToProcess(rc, state);
  const exchangeLines =
    action.intent === "exchange"
      ? state.exchangeLines
          .filter((e) => e.quantity - e.processedQuantity > 0)
          .map((e) => ({ exchangeLineItemId: e.id, quantity: e.quantity - e.processedQuantity }))
      : [];
  let orderTransactionsInput: { parentTransactionId: string; amount: Money }[] = [];
  if ((row.kind === "refund" || row.kind === "exchange_balance") && amount.amountMinor > 0) {
    const order = await getOrder(client, rc.orderId);
    if (!order) throw new DomainError("not_found", `Order ${rc.orderName} was not found in Shopify.`);
    orderTransactionsInput = allocateToTransactions(amount, orderTransactions(order.transactions));
  }
  const processed = await processReturn(client, {
    returnId: shopifyReturnId,
    lines: units,
    exchangeLines,
    orderTransactions: orderTransactionsInput,
    storeCredit: row.kind === "store_credit" ? amount : undefined,
    notifyCustomer: true,
  });
  return processed.refundId ?? processed.id;
}

/** The Shopify return line quantities our plan pays for, matched by Shopify line id, fulfillment line or order line. */
function unitsToProcess(rc: ReturnWithLines, state: ReturnState): { returnLineItemId: string; quantity: number }[] {
  const units: { returnLineItemId: string; quantity: number }[] = [];
  for (const line of rc.lines) {
    const basis = rc.status === "received" ? line.quantityReceived : line.quantityRequested;
    const quantity = basis - line.quantityRefunded;
    if (quantity <= 0) continue;
    const match =
      state.lines.find((s) => s.id === line.shopifyReturnLineItemId) ??
      state.lines.find((s) => line.fulfillmentLineItemId !== null && s.fulfillmentLineItemId === line.fulfillmentLineItemId) ??
      state.lines.find((s) => s.lineItemId === line.orderLineItemId);
    if (!match) throw new DomainError("conflict", `Return ${rc.orderName}: the item "${line.title}" is not on the Shopify return.`);
    const processable = match.quantity - match.processedQuantity;
    if (processable <= 0) continue;
    units.push({ returnLineItemId: match.id, quantity: Math.min(quantity, processable) });
  }
  return units;
}

/**
 * Looks in Shopify for the money movement an earlier, unrecorded attempt made: a refund on
 * the return (card or store credit part equal to the row's amount) or a store credit credit
 * of the bonus amount, created no earlier than the row, that no other row claims.
 */
async function reconcile(
  shop: string,
  rc: ReturnWithLines,
  row: MoneyMovement,
  amount: Money,
  client: ShopifyAdminClient,
): Promise<string | null> {
  const claimed = new Set(
    (
      await prisma.moneyMovement.findMany({
        where: { shop, status: "succeeded", shopifyId: { not: null }, id: { not: row.id } },
        select: { shopifyId: true },
      })
    ).flatMap((r) => (r.shopifyId ? [r.shopifyId] : [])),
  );
  const notBefore = row.createdAt.getTime() - ADOPT_SKEW_MS;

  if (row.kind === "bonus") {
    if (!rc.customerId) return null;
    const credits = (await listStoreCreditCredits(client, rc.customerId)) ?? [];
    const match = credits.find(
      (c) =>
        !claimed.has(c.id) &&
        c.event === "ADJUSTMENT" &&
        c.amount.currencyCode === amount.currencyCode &&
        c.amount.amountMinor === amount.amountMinor &&
        Date.parse(c.createdAt) >= notBefore,
    );
    return match?.id ?? null;
  }
  if (row.idempotencyKey.includes(":goodwill:")) return null; // refundCreate is idempotent on the key: calling again is the reconciliation.

  if (!rc.shopifyReturnId) return null;
  const state = await getReturnState(client, rc.shopifyReturnId);
  if (!state) return null;
  if (row.kind === "exchange_balance" && amount.amountMinor === 0) {
    const released = state.exchangeLines.length > 0 && state.exchangeLines.every((e) => e.processedQuantity >= e.quantity);
    return released && !claimed.has(state.id) ? state.id : null;
  }
  const match = state.refunds.find((r) => {
    if (claimed.has(r.id)) return false;
    return row.kind === "store_credit"
      ? r.toStoreCredit.amountMinor === amount.amountMinor && r.toPayment.amountMinor === 0
      : r.toPayment.amountMinor === amount.amountMinor && r.toStoreCredit.amountMinor === 0;
  });
  return match?.id ?? null;
}

// ── outcomes ─────────────────────────────────────────────────────────────────────────

async function recordSuccess(shop: string, rc: ReturnWithLines, row: MoneyMovement, shopifyId: string, actor: string, reconciled: boolean): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const completedAt = new Date();
    const { count } = await tx.moneyMovement.updateMany({
      where: { id: row.id, shop, status: "pending" },
      data: { status: "succeeded", shopifyId, error: null, completedAt },
    });
    if (count === 0) return;
    const primary = row.kind === "refund" || row.kind === "store_credit" || row.kind === "exchange_balance";
    if (primary && !row.idempotencyKey.includes(":goodwill:")) {
      // The fee was kept by this same refund.
      await tx.moneyMovement.updateMany({
        where: { shop, returnCaseId: rc.id, idempotencyKey: movementKey(shop, rc.id, "resolution:fee"), status: { in: ["pending", "failed"] } },
        data: { status: "succeeded", shopifyId, error: null, completedAt },
      });
      await markLinesPaid(tx, shop, rc);
    }
    await recordAudit(tx, shop, {
      actor,
      action: `money.${row.kind}.succeeded`,
      entityType: "return",
      entityId: rc.id,
      data: { movementId: row.id, amountMinor: fromBigInt(row.amountMinor), currencyCode: row.currencyCode, shopifyId, reconciled },
    });
  });
}

/** Moves the paid units into quantityRefunded, guarded on the quantities we planned from. */
async function markLinesPaid(tx: Tx, shop: string, rc: ReturnWithLines): Promise<void> {
  for (const line of rc.lines) {
    const basis = rc.status === "received" ? line.quantityReceived : line.quantityRequested;
    const quantity = basis - line.quantityRefunded;
    if (quantity <= 0) continue;
    await tx.returnLine.updateMany({
      where: { id: line.id, shop, returnCaseId: rc.id, quantityRefunded: line.quantityRefunded },
      data: { quantityRefunded: line.quantityRefunded + quantity },
    });
  }
}

async function recordUnknown(shop: string, row: MoneyMovement, detail: string): Promise<void> {
  await prisma.moneyMovement.updateMany({ where: { id: row.id, shop, status: "pending" }, data: { error: detail.slice(0, 1000) } });
}

async function recordFailure(
  shop: string,
  rc: ReturnWithLines,
  row: MoneyMovement,
  detail: string,
  actor: string,
  amount: Money,
  locale: string,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.moneyMovement.updateMany({
      where: { id: row.id, shop, status: "pending" },
      data: { status: "failed", error: detail.slice(0, 1000), completedAt: new Date() },
    });
    // The fee and the bonus only happen with their refund: they were not attempted.
    if (row.kind !== "bonus" && !row.idempotencyKey.includes(":goodwill:")) {
      await tx.moneyMovement.updateMany({
        where: { shop, returnCaseId: rc.id, idempotencyKey: { in: [movementKey(shop, rc.id, "resolution:fee"), movementKey(shop, rc.id, "resolution:bonus")] }, status: "pending" },
        data: { status: "failed", error: "Not attempted: the payment it belongs to failed.", completedAt: new Date() },
      });
    }
    await recordAudit(tx, shop, {
      actor,
      action: `money.${row.kind}.failed`,
      entityType: "return",
      entityId: rc.id,
      data: { movementId: row.id, amountMinor: amount.amountMinor, currencyCode: amount.currencyCode, error: detail.slice(0, 500) },
    });
    const open = await tx.ticket.findFirst({
      where: { shop, returnCaseId: rc.id, category: "payment_failure", status: { in: ["open", "pending"] } },
      select: { number: true },
    });
    if (open) return open.number;
    const ticket = await createTicket(
      shop,
      {
        subject: `Payment failed: ${KIND_WORDS[row.kind]} of ${formatMoney(amount, locale)} for return ${rc.orderName}`,
        category: "payment_failure",
        channel: "system",
        priority: "high",
        orderId: rc.orderId,
        orderName: rc.orderName,
        returnCaseId: rc.id,
        customerId: rc.customerId,
        firstMessage: {
          authorType: "system",
          visibility: "internal",
          body: `Shopify refused the ${KIND_WORDS[row.kind]} of ${formatMoney(amount, locale)}: ${detail}\nThe return stays ${rc.status}. Fix the cause, then run the action again from the return; nothing was paid.`,
        },
        actor: "system",
      },
      { tx },
    );
    return ticket.number;
  });
}

/** Resolves the return once every resolution row succeeded (a no-op when it already is). */
async function finishResolution(shop: string, returnId: string, rows: MoneyMovement[], actor: string, now: Date): Promise<void> {
  const resolution = rows.filter((r) => !r.idempotencyKey.includes(":goodwill:"));
  if (resolution.length === 0 || resolution.some((r) => r.status !== "succeeded")) return;
  await prisma.$transaction(async (tx) => {
    const current = await tx.returnCase.findFirst({ where: { id: returnId, shop }, select: { status: true } });
    if (current?.status !== "approved" && current?.status !== "received") return;
    await transitionReturnInTx(tx, shop, returnId, "resolved", actor, {
      at: now,
      data: { movements: resolution.map((r) => ({ kind: r.kind, amountMinor: fromBigInt(r.amountMinor), shopifyId: r.shopifyId })) },
    });
  });
}

// ── goodwill refunds after resolution ───────────────────────────────────────────────

/**
 * An extra refund on a resolved return (outside the return's lines): refundCreate with the
 * ledger key as its @idempotent key. The key folds in the agent's action id (one per opened
 * form) with the amount and the note: a retry or a double click of the same form maps to the
 * same row, and Shopify dedupes the call too; a second deliberate refund of the same amount
 * and note is a new form, a new key, and pays.
 */
export async function payGoodwillRefund(
  shop: string,
  returnId: string,
  refund: { amount: Money; note: string; actionId: string },
  actor: string,
  deps: PayoutDeps,
): Promise<PayoutResult> {
  const { amount, note, actionId } = refund;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(actionId)) throw new RangeError("A goodwill refund needs the action id of the form that asked for it.");
  const locale = deps.locale ?? "en-US";
  const now = deps.now ?? new Date();
  const rc = await loadReturn(shop, returnId);
  if (!rc) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const order = await getOrder(deps.client, rc.orderId);
  if (!order) throw new DomainError("not_found", `Order ${rc.orderName} was not found in Shopify.`);
  const refundable = refundableOnOrder(orderTransactions(order.transactions), rc.currencyCode);
  const key = movementKey(shop, returnId, `goodwill:${actionId}:${amount.amountMinor}:${shortHash(note)}`);
  let row: ClaimedRow | null = await prisma.moneyMovement.findFirst({ where: { shop, idempotencyKey: key } });
  if (!row) {
    if (amount.amountMinor > refundable.amountMinor) {
      throw new DomainError("invalid", `A partial refund of return ${rc.orderName} can be at most ${formatMoney(refundable, locale)}.`);
    }
    try {
      row = await prisma.$transaction(async (tx) => {
        const created = await tx.moneyMovement.create({
          data: {
            shop, returnCaseId: rc.id, orderId: rc.orderId, customerId: rc.customerId, kind: "refund",
            amountMinor: toBigInt(amount.amountMinor), currencyCode: amount.currencyCode, idempotencyKey: key,
            status: "pending", attempts: 1, actor, note, createdAt: now,
          },
        });
        await recordAudit(tx, shop, { actor, action: "money.planned", entityType: "return", entityId: rc.id, data: { intent: "partial_refund", amountMinor: amount.amountMinor, currencyCode: amount.currencyCode, note } });
        return { ...created, claimedByUs: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError("conflict", `A payment for return ${rc.orderName} is already in progress; reload in a minute.`);
      throw error;
    }
  }
  if (row.status !== "succeeded") {
    await runMovement(shop, rc, row, { intent: "partial_refund", amountMinor: amount.amountMinor, note }, actor, now, deps, locale);
  }
  const done = await prisma.moneyMovement.findFirstOrThrow({ where: { shop, idempotencyKey: key } });
  return { message: `Refunded ${formatMoney(amount, locale)} to the original payment method.`, movements: [done], alreadyDone: row.status === "succeeded" };
}

// ── helpers ─────────────────────────────────────────────────────────────────────────

/** A return of this shop with its lines, or null. */
export async function loadReturn(shop: string, returnId: string): Promise<ReturnWithLines | null> {
  return prisma.returnCase.findFirst({ where: { id: returnId, shop }, include: { lines: { where: { shop }, orderBy: { createdAt: "asc" } } } });
}

async function resolutionRows(shop: string, returnId: string): Promise<MoneyMovement[]> {
  return prisma.moneyMovement.findMany({
    where: { shop, returnCaseId: returnId, idempotencyKey: { startsWith: movementKey(shop, returnId, "resolution") } },
    orderBy: { createdAt: "asc" },
  });
}

function orderTransactions(
  transactions: { id: string; kind: string; status: string; gateway: string | null; amount: { presentment: Money }; parentTransactionId: string | null }[],
): OrderTransactionLike[] {
  return transactions.map((t) => ({
    id: t.id,
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    amountMinor: t.amount.presentment.amountMinor,
    parentTransactionId: t.parentTransactionId,
  }));
}

function order(kind: string): number {
  return kind === "bonus" ? 2 : kind === "fee" ? 3 : 1;
}

const KIND_WORDS: Record<string, string> = {
  refund: "refund",
  store_credit: "store credit",
  bonus: "store credit bonus",
  fee: "fee",
  exchange_balance: "exchange",
};

function shopifyReason(error: ShopifyUserError | ShopifyGraphqlError): string {
  if (error instanceof ShopifyUserError) return error.userErrors.map((e) => e.message.replace(/\.$/, "")).join("; ");
  // Admin pages call Shopify with the staff member's own token (docs/decisions/012).
  if (error.codes.includes("ACCESS_DENIED")) return "your Shopify staff account does not have the permission for it (the store owner can grant it, or a colleague who has it can run the action)";
  return error.errors.map((e) => e.message.replace(/\.$/, "")).join("; ");
}

function successMessage(action: PayoutAction, rows: MoneyMovement[], locale: string, alreadyDone: boolean): string {
  const amountOf = (kind: MovementKind) => {
    const row = rows.find((r) => r.kind === kind);
    return row ? formatMoney(money(fromBigInt(row.amountMinor), row.currencyCode), locale) : null;
  };
  const prefix = alreadyDone ? "Already done: " : "";
  const fee = amountOf("fee");
  const feeText = fee ? ` ${fee} in fees kept.` : "";
  switch (action.intent) {
    case "refund":
    case "partial_refund":
      return `${prefix}Refunded ${amountOf("refund")} to the original payment method.${action.intent === "refund" ? feeText : ""}`;
    case "store_credit": {
      const bonus = amountOf("bonus");
      return `${prefix}Issued ${amountOf("store_credit")} in store credit${bonus ? ` plus a ${bonus} bonus` : ""}.${feeText}`;
    }
    case "exchange": {
      const balanceRow = rows.find((r) => r.kind === "exchange_balance");
      const balance = balanceRow ? fromBigInt(balanceRow.amountMinor) : 0;
      return `${prefix}Exchange created; the new items will ship.${balance > 0 ? ` Refunded the ${amountOf("exchange_balance")} difference to the original payment method.` : ""}`;
    }
  }
}

function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}
