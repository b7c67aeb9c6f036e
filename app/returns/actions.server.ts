/**
 * What an agent can do to one return from the admin — one entry point, one small workflow
 * per intent. Routes parse with `returnActionSchema` (actions.schemas.ts) and call
 * `performReturnAction`; the answer is a sentence for a toast, and every refusal is a
 * DomainError whose message says what happened in words (never "something went wrong").
 * Money goes through app/refunds/ (ledger first, Shopify second, exactly once).
 */
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { thenRunReturnRules } from "~/automation/rules/hooks.server";
import { DomainError } from "~/lib/errors";
import { formatMoney, fromBigInt, money, parseDecimal, toBigInt } from "~/lib/money";
import { loadReturn, payGoodwillRefund, payOutReturn } from "~/refunds/payout.server";
import type { ReturnWithLines } from "~/refunds/exchange.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyGraphqlError, ShopifyUnavailableError, ShopifyUserError } from "~/shopify/errors";
import { getReturnState } from "~/shopify/return-process.server";
import * as shopifyReturns from "~/shopify/returns.server";
import { actionForIntent, assertReturnAction } from "./action-table";
import type { ReturnAction } from "./actions.schemas";
import { loadReturnFacts, returnName } from "./facts.server";
import { openInShopify } from "./request.server";
import { claimShortfalls, judgeFreeUnits, lockOrderClaims } from "./claims.server";
import { transitionReturn, transitionReturnInTx } from "./transition.server";

export type ReturnActionDeps = {
  client: ShopifyAdminClient;
  now?: Date;
  /** For amounts in messages; defaults to en-US. */
  locale?: string;
};

export type ReturnActionResult = {
  /** For the agent's toast: "Refunded $24.00 to the original payment method." */
  message: string;
};

export type BulkOutcome = { id: string; ok: true; message: string } | { id: string; ok: false; code: string; message: string };

/**
 * Performs one admin action on a return of this shop; throws DomainError with words an agent
 * understands. Whether the action is allowed is the action table's call (action-table.ts),
 * read from the same facts the return page reads.
 */
export async function performReturnAction(
  shop: string,
  returnId: string,
  action: ReturnAction,
  actor: string,
  deps: ReturnActionDeps,
): Promise<ReturnActionResult> {
  const rc = await loadReturn(shop, returnId);
  if (!rc) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const locale = deps.locale ?? "en-US";
  const payDeps = { client: deps.client, now: deps.now, locale };
  const facts = await loadReturnFacts(shop, rc);

  switch (action.intent) {
    case "approve":
      assertReturnAction(facts, "approve", { locale });
      return thenRunReturnRules(shop, rc.id, "return.approved", deps, await approve(shop, rc, actor, deps));
    case "decline":
      assertReturnAction(facts, "decline", { locale });
      return decline(shop, rc, action.reason, actor, deps);
    case "receive":
      assertReturnAction(facts, "receive", { locale });
      return thenRunReturnRules(shop, rc.id, "return.received", deps, await receive(shop, rc, action.lines, actor, deps.now ?? new Date()));
    case "refund":
    case "store_credit":
    case "exchange":
      // The payout reads the table itself: it also finishes a payout already under way.
      return { message: (await payOutReturn(shop, returnId, { intent: action.intent }, actor, payDeps)).message };
    case "partial_refund": {
      const amount = parseAmount(action.amount, rc.currencyCode, "amount");
      if (actionForIntent("partial_refund", facts) === "goodwill_refund") {
        assertReturnAction(facts, "goodwill_refund", { locale });
        return { message: (await payGoodwillRefund(shop, returnId, { amount, note: action.note, actionId: action.actionId }, actor, payDeps)).message };
      }
      const result = await payOutReturn(shop, returnId, { intent: "partial_refund", amountMinor: amount.amountMinor, note: action.note }, actor, payDeps);
      return { message: result.message };
    }
    case "fee_override":
      assertReturnAction(facts, "fee_override", { locale });
      return overrideFee(shop, rc, action.fee, action.note, actor, locale);
    case "cancel":
      assertReturnAction(facts, "cancel", { locale });
      return cancel(shop, rc, action.reason, actor, deps);
    case "close":
      assertReturnAction(facts, "close", { locale });
      return close(shop, rc, actor, deps);
  }
}

/** Approves each return; one failure does not stop the others. */
export async function bulkApprove(shop: string, ids: readonly string[], actor: string, deps: ReturnActionDeps): Promise<BulkOutcome[]> {
  return eachReturn(ids, (id) => performReturnAction(shop, id, { intent: "approve" }, actor, deps));
}

/** Declines each return with the same reason (the shopper reads it); one failure does not stop the others. */
export async function bulkDecline(
  shop: string,
  ids: readonly string[],
  reason: string,
  actor: string,
  deps: ReturnActionDeps,
): Promise<BulkOutcome[]> {
  return eachReturn(ids, (id) => performReturnAction(shop, id, { intent: "decline", reason }, actor, deps));
}

async function eachReturn(ids: readonly string[], run: (id: string) => Promise<ReturnActionResult>): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  // One at a time: each is a Shopify call, and the shop's rate limit is shared.
  for (const id of new Set(ids)) {
    try {
      outcomes.push({ id, ok: true, message: (await run(id)).message });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  return outcomes;
}

// ── lifecycle ─────────────────────────────────────────────────────────────────────────

async function approve(shop: string, rc: ReturnWithLines, actor: string, deps: ReturnActionDeps): Promise<ReturnActionResult> {
  // A request that exists in Shopify is approved there first. One whose request never
  // reached Shopify (it failed at request time) is sent there now, or it could never be
  // paid. An exchange is created in Shopify when it is resolved (returnCreate with its
  // exchange items: Shopify cannot add them to a request), so it is approved here only.
  let sent = false;
  if (rc.shopifyReturnId) {
    await shopifyStep(rc, "approve", deps.client, ["OPEN"], () => shopifyReturns.approveReturnRequest(deps.client, rc.shopifyReturnId ?? ""));
    await transitionReturn(shop, rc.id, "approved", actor, { at: deps.now });
  } else if (rc.resolution === "exchange") {
    // Shopify has not seen an exchange's units (it is created there only when resolved), so
    // nothing there stopped another return from taking them, and approving promises the
    // shopper the new item: it grants the units, under the order's claim lock, only if they
    // are still free. (A refund or credit held here reaches Shopify through returnRequest or
    // returnCreate before any money moves, and Shopify refuses units already returned.)
    const { free, snapshot } = await judgeFreeUnits(deps.client, shop, rc.orderId, rc.id);
    await prisma.$transaction(async (tx) => {
      await lockOrderClaims(tx, shop, rc.orderId);
      const wanted = rc.lines.map((l) => ({ lineItemId: l.orderLineItemId, quantity: l.quantityRequested, available: free.get(l.orderLineItemId) ?? 0 }));
      const [short] = await claimShortfalls(tx, shop, rc.orderId, snapshot, wanted, { exceptCaseId: rc.id });
      const line = short ? rc.lines.find((l) => l.orderLineItemId === short.lineItemId) : undefined;
      if (short && line) {
        throw new DomainError(
          "conflict",
          `Return ${label(rc)} cannot be approved: ${line.quantityRequested} of "${line.title}" requested, but another return already holds ${short.left === 0 ? "all of them" : `all but ${short.left}`}. Decline it or ask the shopper.`,
        );
      }
      await transitionReturnInTx(tx, shop, rc.id, "approved", actor, { at: deps.now });
    });
  } else {
    await openInShopify(shop, deps.client, rc.id, actor, deps.now);
    sent = true;
    await transitionReturn(shop, rc.id, "approved", actor, { at: deps.now });
  }
  return { message: sent ? `Return ${label(rc)} sent to Shopify and approved.` : `Return ${label(rc)} approved.` };
}

async function decline(shop: string, rc: ReturnWithLines, reason: string, actor: string, deps: ReturnActionDeps): Promise<ReturnActionResult> {
  if (rc.shopifyReturnId) {
    const returnId = rc.shopifyReturnId;
    await shopifyStep(rc, "decline", deps.client, ["DECLINED"], () => shopifyReturns.declineReturnRequest(deps.client, returnId, reason));
  }
  await transitionReturn(shop, rc.id, "declined", actor, { at: deps.now, declineReason: reason });
  return { message: `Return ${label(rc)} declined. The shopper will see your reason.` };
}

async function cancel(shop: string, rc: ReturnWithLines, reason: string | undefined, actor: string, deps: ReturnActionDeps): Promise<ReturnActionResult> {
  if (rc.shopifyReturnId) {
    const returnId = rc.shopifyReturnId;
    await shopifyStep(rc, "cancel", deps.client, ["CANCELED"], () => shopifyReturns.cancelReturn(deps.client, returnId));
  }
  await transitionReturn(shop, rc.id, "canceled", actor, { at: deps.now, data: reason ? { reason } : {} });
  return { message: `Return ${label(rc)} canceled.` };
}

async function close(shop: string, rc: ReturnWithLines, actor: string, deps: ReturnActionDeps): Promise<ReturnActionResult> {
  if (rc.shopifyReturnId) {
    const returnId = rc.shopifyReturnId;
    await shopifyStep(rc, "close", deps.client, ["CLOSED"], () => shopifyReturns.closeReturn(deps.client, returnId));
  }
  await transitionReturn(shop, rc.id, "closed", actor, { at: deps.now });
  return { message: `Return ${label(rc)} closed.` };
}

/**
 * Runs a Shopify lifecycle mutation. None is idempotent, so a retry after a lost answer may
 * meet a userError because the first call did land: then the return's state in Shopify
 * decides — already in `done` means the step happened.
 */
async function shopifyStep(
  rc: ReturnWithLines,
  verb: string,
  client: ShopifyAdminClient,
  done: string[],
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ShopifyUserError || error instanceof ShopifyUnavailableError) {
      const state = rc.shopifyReturnId ? await getReturnState(client, rc.shopifyReturnId).catch(() => null) : null;
      if (state && done.includes(state.status)) return;
      if (error instanceof ShopifyUnavailableError) {
        throw new DomainError("upstream", `Shopify did not answer, so return ${label(rc)} was not ${verb}d yet. Try again in a minute.`);
      }
      throw new DomainError("invalid", `Shopify would not ${verb} return ${label(rc)}: ${error.userErrors.map((e) => e.message).join("; ")}`);
    }
    if (error instanceof ShopifyGraphqlError) throw new DomainError("upstream", `Shopify rejected the ${verb} of return ${label(rc)}: ${error.message}`);
    throw error;
  }
}

// ── receive ──────────────────────────────────────────────────────────────────────────

async function receive(
  shop: string,
  rc: ReturnWithLines,
  lines: { lineId: string; quantity: number; restock: boolean }[],
  actor: string,
  now: Date,
): Promise<ReturnActionResult> {
  const work = lines.filter((l) => l.quantity > 0);
  for (const item of work) {
    const line = rc.lines.find((l) => l.id === item.lineId);
    if (!line) throw new DomainError("invalid", `Line ${item.lineId} is not part of return ${label(rc)}.`);
    const left = line.quantityRequested - line.quantityReceived;
    if (item.quantity > left) {
      throw new DomainError(
        "invalid",
        left === 0
          ? `All ${line.quantityRequested} of "${line.title}" were already received.`
          : `Only ${left} more of "${line.title}" can be received (${line.quantityRequested} requested, ${line.quantityReceived} received).`,
        { field: `lines.${lines.indexOf(item)}.quantity` },
      );
    }
  }
  const units = work.reduce((s, l) => s + l.quantity, 0);
  const restocked = work.filter((l) => l.restock).reduce((s, l) => s + l.quantity, 0);
  await prisma.$transaction(async (tx) => {
    for (const item of work) {
      const line = rc.lines.find((l) => l.id === item.lineId);
      if (!line) continue;
      // Guarded on the quantity we checked: a parallel receipt makes this match nothing.
      const { count } = await tx.returnLine.updateMany({
        where: { id: line.id, shop, returnCaseId: rc.id, quantityReceived: line.quantityReceived },
        data: {
          quantityReceived: line.quantityReceived + item.quantity,
          ...(item.restock ? { quantityRestocked: line.quantityRestocked + item.quantity } : {}),
        },
      });
      if (count === 0) throw new DomainError("conflict", `Return ${label(rc)} changed meanwhile; reload it and try again.`);
    }
    const data = { lines: work.map((l) => ({ lineId: l.lineId, quantity: l.quantity, restock: l.restock })) };
    if (rc.status === "approved") {
      await transitionReturnInTx(tx, shop, rc.id, "received", actor, { at: now, data });
    } else {
      await recordAudit(tx, shop, { actor, action: "return.items_received", entityType: "return", entityId: rc.id, data });
    }
  });
  const items = `${units} item${units === 1 ? "" : "s"}`;
  return { message: `Received ${items}${restocked > 0 ? ` (${restocked} restocked)` : ""}.` };
}

// ── fee override ───────────────────────────────────────────────────────────────────────

async function overrideFee(shop: string, rc: ReturnWithLines, fee: string, note: string, actor: string, locale: string): Promise<ReturnActionResult> {
  const amount = parseAmount(fee, rc.currencyCode, "fee");
  const worth = rc.lines.reduce((s, l) => s + (fromBigInt(l.unitPriceMinor) + fromBigInt(l.unitTaxMinor)) * l.quantityRequested, 0);
  if (amount.amountMinor > worth) {
    throw new DomainError("invalid", `The fee can be at most ${formatMoney(money(worth, rc.currencyCode), locale)}, what the returned items are worth.`, { field: "fee" });
  }
  const from = fromBigInt(rc.feeAmountMinor);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.returnCase.updateMany({
      where: { id: rc.id, shop, feeAmountMinor: rc.feeAmountMinor, status: rc.status },
      data: { feeAmountMinor: toBigInt(amount.amountMinor) },
    });
    if (count === 0) throw new DomainError("conflict", `Return ${label(rc)} changed meanwhile; reload it and try again.`);
    await recordAudit(tx, shop, {
      actor,
      action: "return.fee_overridden",
      entityType: "return",
      entityId: rc.id,
      data: { fromMinor: from, toMinor: amount.amountMinor, currencyCode: rc.currencyCode, note },
    });
  });
  return { message: `Fee set to ${formatMoney(amount, locale)} (was ${formatMoney(money(from, rc.currencyCode), locale)}).` };
}

// ── helpers ─────────────────────────────────────────────────────────────────────────

function parseAmount(value: string, currencyCode: string, field: string) {
  try {
    return parseDecimal(value, currencyCode);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError("invalid", error.message, { field });
    throw error;
  }
}

function label(rc: ReturnWithLines): string {
  return returnName(rc);
}
