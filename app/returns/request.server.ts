/**
 * A shopper's return request, as a small workflow that is safe to repeat:
 *
 *   validate + quote (pure, nothing stored on refusal)
 *   → decide (auto-approve, or needs_review for a named exception)
 *   → record: ReturnCase + lines + frozen quote + policy version + an attempt lock (Job row),
 *     one transaction, unique on (shop, clientKey) — a double click makes one return
 *   → Shopify `returnRequest` (REQUESTED), then `returnApproveRequest` when auto-approved
 *   → record the outcome: approved, or needs_review with an open ticket.
 *
 * A Shopify call that fails (after the gateway's retries) leaves the return in needs_review
 * with a `system` ticket and the attempt lock marked failed. Submitting again with the same
 * clientKey resumes: it claims the lock, adopts a Shopify return the failed call may have
 * created (returnRequest documents no idempotency), or requests it, and finishes the steps.
 * Exchanges: Shopify cannot add exchange items to a requested return; the variant is kept
 * on ReturnLine and the money workflow creates the exchange later (returnCreate/returnProcess).
 */
import { recordAudit } from "~/audit/audit.server";
import { afterPortalRequest } from "~/automation/rules/hooks.server";
import { judgeAutoApprove } from "~/automation/rules/evaluate";
import { getCurrentRuleSet, type RuleSet } from "~/automation/rules/ruleset.server";
import { recordJudgedRun } from "~/automation/rules/runner.server";
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { formatMoney, toBigInt } from "~/lib/money";
import { formatPercent } from "~/policy/text";
import { intlLocale, message, portalError, type MessageKey, type PortalLocale } from "~/portal/messages";
import { attachUploads } from "~/portal/photo-uploads.server";
import { photoRecords } from "~/portal/photos.server";
import type { PortalContext } from "~/returns/portal.server";
import { lineLabel, orderGid } from "~/returns/portal.server";
import { claimShortfalls, lockOrderClaims } from "~/returns/claims.server";
import type { CreateReturnRequest, CreateReturnResponse, Quote } from "~/returns/portal-contract";
import { quoteSchema } from "~/returns/portal-contract";
import { RETURN_ACTIONS } from "~/returns/action-table";
import { prepareReturn, type PreparedReturn } from "~/returns/quote.server";
import { parseReturnStatus, type ReturnStatus } from "~/returns/status";
import { transitionReturnInTx } from "~/returns/transition.server";
import { ShopifyGraphqlError, ShopifyMissingDataError, ShopifyUnavailableError, ShopifyUserError } from "~/shopify/errors";
import { getOrder } from "~/shopify/orders.server";
import {
  approveReturnRequest,
  listReturnReasonDefinitions,
  requestReturn,
  type ReturnReasonDefinition,
} from "~/shopify/returns.server";
import type { TicketCategory } from "~/tickets/schemas";
import { createSystemTicket, createTicket } from "~/tickets/tickets.server";

const ACTOR = "portal";
const JOB_KIND = "portal.return_request";

export type ReviewRule = "auto_approve_off" | "photo_required" | "above_threshold" | "serial_returner";

export interface DecisionRule {
  rule: ReviewRule | "within_policy";
  outcome: "approve" | "review";
  message: string;
}

export interface Decision {
  outcome: "approve" | "review";
  rules: DecisionRule[];
  /** The ticket category when reviewed: fraud review beats damage beats a plain exception. */
  category: TicketCategory | null;
}

/** Our reason codes → Shopify's return reason handles (the shop's definitions are looked up by handle). */
export const REASON_HANDLES: Record<string, string[]> = {
  size_too_small: ["size-too-small", "too-small", "too-tight"],
  size_too_large: ["size-too-large", "too-large", "too-loose"],
  not_as_described: ["not-as-described"],
  damaged: ["defective", "damaged"],
  wrong_item: ["wrong-item"],
  changed_mind: ["unwanted", "changed-mind"],
  other: ["other"],
};

// ── decide (pure) ────────────────────────────────────────────────────────────────────

/**
 * Within policy and with the rules engine's auto-approve rule on → approve; otherwise review,
 * with every rule that fired. The switch lives in the shop's rule set (app/automation/rules).
 */
export function decideReturn(
  prepared: Pick<PreparedReturn, "quote" | "lines"> & { policy: PreparedReturn["judged"]["policy"] },
  facts: { recentReturns: number },
  autoApprove: RuleSet["rules"]["auto_approve"],
): Decision {
  const { policy, quote } = prepared;
  const rules: DecisionRule[] = [];
  const switched = judgeAutoApprove(autoApprove, 0);
  if (switched.decision === "review") rules.push({ rule: "auto_approve_off", outcome: "review", message: switched.reasons.join(" ") });
  const photoLines = prepared.lines.filter((l) => l.reason.requiresPhoto);
  for (const l of photoLines) {
    rules.push({ rule: "photo_required", outcome: "review", message: `"${l.reason.label}" for ${lineLabel(l.eligibility)} needs the photo checked.` });
  }
  const value = quote.itemsSubtotal.amountMinor + quote.tax.amountMinor;
  if (policy.manualReviewThresholdMinor !== null && value > policy.manualReviewThresholdMinor) {
    const fmt = (amountMinor: number) => formatMoney({ amountMinor, currencyCode: quote.currencyCode }, "en-US");
    rules.push({ rule: "above_threshold", outcome: "review", message: `Value ${fmt(value)} is above the manual-review threshold of ${fmt(policy.manualReviewThresholdMinor)}.` });
  }
  if (policy.serialReturnerCount !== null && facts.recentReturns >= policy.serialReturnerCount) {
    rules.push({
      rule: "serial_returner",
      outcome: "review",
      message: `The customer made ${facts.recentReturns} returns in the last ${policy.serialReturnerDays} days (threshold ${policy.serialReturnerCount}).`,
    });
  }
  if (rules.length === 0) return { outcome: "approve", rules: [{ rule: "within_policy", outcome: "approve", message: "Within policy: approved automatically." }], category: null };
  const category: TicketCategory = rules.some((r) => r.rule === "serial_returner")
    ? "fraud_review"
    : rules.some((r) => r.rule === "photo_required")
      ? "damaged"
      : "return_exception";
  return { outcome: "review", rules, category };
}

// ── the workflow ─────────────────────────────────────────────────────────────────────

/** Creates (or, for a known clientKey, answers or resumes) the shopper's return request. */
export async function createPortalReturn(ctx: PortalContext, input: CreateReturnRequest): Promise<CreateReturnResponse> {
  const existing = await findByClientKey(prisma, ctx.shop, input.clientKey);
  if (existing) return answerExisting(ctx, input, existing);

  let prepared: PreparedReturn;
  try {
    prepared = await prepareReturn(ctx, input);
  } catch (error) {
    // A parallel submit of the same key may have taken these units since the check above:
    // the refusal is then about our own return, which is answered instead.
    const winner = error instanceof DomainError ? await findByClientKey(prisma, ctx.shop, input.clientKey) : null;
    if (winner) return answerExisting(ctx, input, winner);
    throw error;
  }
  const { order, policy } = prepared.judged;
  // Read side by side: a parallel submit of the same key is racing this one to its insert.
  const [recentReturns, ruleSet] = await Promise.all([
    countRecentReturns(ctx, order.customer?.id ?? null, order.email, policy.serialReturnerDays),
    getCurrentRuleSet(ctx.shop),
  ]);
  const decision = decideReturn({ ...prepared, policy }, { recentReturns }, ruleSet.rules.auto_approve);

  let caseId: string;
  try {
    const outcome = await prisma.$transaction(async (tx) => {
      // The units were judged free outside this transaction; under the order's claim lock,
      // returns written since then (a parallel submit) are counted before these are taken.
      await lockOrderClaims(tx, ctx.shop, order.id);
      const sameKey = await findByClientKey(tx, ctx.shop, input.clientKey);
      if (sameKey) return { kind: "replay" as const, existing: sameKey };
      const shortfalls = await claimShortfalls(
        tx,
        ctx.shop,
        order.id,
        prepared.judged.claims,
        prepared.lines.map((l) => ({ lineItemId: l.eligibility.lineItemId, quantity: l.request.quantity, available: l.eligibility.returnableQuantity })),
      );
      const short = prepared.lines.find((l) => shortfalls.some((f) => f.lineItemId === l.eligibility.lineItemId));
      if (short) throw portalError("conflict", "error_quantity_taken", { item: lineLabel(short.eligibility) });
      const created = await tx.returnCase.create({
        data: {
          shop: ctx.shop,
          status: "requested",
          channel: "portal",
          resolution: prepared.resolution,
          orderId: order.id,
          orderName: order.name,
          customerId: order.customer?.id ?? null,
          customerEmail: order.email ?? order.customer?.email ?? null,
          customerName: order.customer?.displayName ?? null,
          locale: ctx.locale,
          currencyCode: prepared.quote.currencyCode,
          policyId: policy.id,
          policyVersion: policy.version,
          decision: { outcome: decision.outcome, category: decision.category, rules: decision.rules.map((r) => ({ ...r })), ruleSetVersion: ruleSet.version },
          quote: prepared.quote,
          refundAmountMinor: toBigInt(prepared.quote.refundTotal.amountMinor),
          storeCreditAmountMinor: toBigInt(prepared.quote.storeCreditTotal.amountMinor - prepared.quote.storeCreditBonus.amountMinor),
          bonusAmountMinor: toBigInt(prepared.quote.storeCreditBonus.amountMinor),
          feeAmountMinor: toBigInt(prepared.quote.restockingFee.amountMinor + prepared.quote.returnShippingFee.amountMinor),
          exchangeDifferenceMinor: toBigInt(prepared.quote.exchangeDifference.amountMinor),
          note: prepared.lines.map((l) => l.request.note).find((n) => n) ?? null,
          clientKey: input.clientKey,
          requestedAt: ctx.now,
          lines: {
            create: prepared.lines.map((l, i) => {
              const quoted = prepared.quote.lines[i];
              return {
                shop: ctx.shop,
                orderLineItemId: l.eligibility.lineItemId,
                fulfillmentLineItemId: l.eligibility.sources[0]?.fulfillmentLineItemId ?? null,
                productId: l.eligibility.productId,
                variantId: l.eligibility.variantId,
                title: l.eligibility.title,
                variantTitle: l.eligibility.variantTitle,
                sku: l.eligibility.sku,
                imageUrl: l.eligibility.imageUrl,
                unitPriceMinor: toBigInt(l.eligibility.unitPrice.amountMinor),
                // The unit tax of the returned units, exactly as quoted (their tax ÷ quantity, rounded down).
                unitTaxMinor: toBigInt(Math.floor((quoted?.tax.amountMinor ?? 0) / l.request.quantity)),
                quantityRequested: l.request.quantity,
                reasonCode: l.reason.code,
                note: l.request.note ?? null,
                photos: photoRecords(l.request.photoIds ?? []),
                exchangeVariantId: l.exchange?.id ?? null,
                exchangeVariantTitle: l.exchange?.title ?? null,
                exchangeUnitPriceMinor: l.exchange ? toBigInt(l.exchange.price.amountMinor) : null,
              };
            }),
          },
        },
        select: { id: true },
      });
      // The return takes its photos: attached uploads no longer expire, and redaction finds them through it.
      await attachUploads(
        tx,
        ctx.shop,
        prepared.lines.flatMap((l) => l.request.photoIds ?? []),
        { returnCaseId: created.id, orderId: order.id, customerId: order.customer?.id ?? null },
        ctx.now,
      );
      // The attempt lock: whoever holds it (status running) talks to Shopify for this return.
      await tx.job.create({
        data: { shop: ctx.shop, kind: JOB_KIND, payload: { returnCaseId: created.id }, status: "running", dedupeKey: jobKey(created.id), lockedAt: ctx.now, attempts: 1 },
      });
      await recordAudit(tx, ctx.shop, {
        actor: ACTOR,
        action: "return.requested",
        entityType: "return",
        entityId: created.id,
        data: { policyVersion: policy.version, decision: decision.outcome, rules: decision.rules.map((r) => r.rule), resolution: prepared.resolution },
      });
      await recordJudgedRun(tx, ctx.shop, ruleSet, {
        ruleKey: "auto_approve",
        entityType: "return",
        entityId: created.id,
        trigger: "return.requested",
        facts: { autoApprove: ruleSet.rules.auto_approve.enabled, recentReturns, exceptions: decision.rules.filter((r) => r.outcome === "review").length },
        decision: decision.outcome,
        reasons: decision.rules.map((r) => r.message),
      });
      if (decision.outcome === "review") {
        await transitionReturnInTx(tx, ctx.shop, created.id, "needs_review", ACTOR, { data: { rules: decision.rules.map((r) => r.rule) } });
        await openReviewTicket(tx, ctx, created.id, prepared, decision, recentReturns);
      }
      return { kind: "created" as const, id: created.id };
    });
    if (outcome.kind === "replay") return answerExisting(ctx, input, outcome.existing);
    caseId = outcome.id;
  } catch (error) {
    // The same clientKey won a parallel race: one return, answered to both.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByClientKey(prisma, ctx.shop, input.clientKey);
    if (!winner) throw error;
    return answerExisting(ctx, input, winner);
  }

  await syncWithShopify(ctx, caseId, decision);
  const settled = await prisma.returnCase.findFirstOrThrow({ where: { id: caseId, shop: ctx.shop }, select: { status: true } });
  await afterPortalRequest(ctx.shop, caseId, settled.status === "approved", { client: ctx.client, now: ctx.now });
  return answer(ctx, caseId);
}

type KeyedReturn = { id: string; orderId: string; customerId: string | null };

function findByClientKey(db: Tx, shop: string, clientKey: string): Promise<KeyedReturn | null> {
  return db.returnCase.findFirst({ where: { shop, clientKey }, select: { id: true, orderId: true, customerId: true } });
}

/**
 * A repeat of a known clientKey: the same answer, and the Shopify sync resumed — only for
 * the request's own order, asked by the holder of that order's portal token or by the
 * customer the return belongs to. Anyone else learns nothing about that return: the same
 * 409 whether the key's return is on another order or another customer's.
 */
async function answerExisting(ctx: PortalContext, input: CreateReturnRequest, existing: KeyedReturn): Promise<CreateReturnResponse> {
  const caseId = existing.id;
  const sameOrder = orderGid(input.orderId) === existing.orderId;
  const holder = ctx.token?.orderId === existing.orderId || (ctx.customerId !== null && existing.customerId === ctx.customerId);
  if (!sameOrder || !holder) throw portalError("conflict", "error_client_key_taken");
  const claimed = await prisma.job.updateMany({
    where: { shop: ctx.shop, dedupeKey: jobKey(caseId), status: "failed" },
    data: { status: "running", lockedAt: ctx.now, attempts: { increment: 1 } },
  });
  if (claimed.count === 1) {
    const row = await prisma.returnCase.findFirstOrThrow({ where: { id: caseId, shop: ctx.shop }, select: { decision: true } });
    await syncWithShopify(ctx, caseId, storedDecision(row.decision));
  } else {
    await waitWhileRunning(ctx.shop, caseId);
  }
  return answer(ctx, caseId);
}

/** The Shopify half: request (or adopt) the Shopify return, approve it when decided so, record the outcome. */
async function syncWithShopify(ctx: PortalContext, caseId: string, decision: Pick<Decision, "outcome">): Promise<void> {
  const row = await prisma.returnCase.findFirstOrThrow({ where: { id: caseId, shop: ctx.shop }, include: { lines: true } });
  // Shopify cannot add exchange items to a requested return (DESIGN.md §7): an exchange
  // is decided here and created in Shopify by returnCreate with its exchange items when
  // the agent (or automation) resolves it — never requested first, or it could not be completed.
  if (row.resolution === "exchange") return decideExchangeLocally(ctx, caseId, parseReturnStatus(row.status), decision);
  let shopifyReturnId = row.shopifyReturnId;
  let step = "returnRequest";
  try {
    if (!shopifyReturnId) {
      const adopted = await adoptOrphanReturn(ctx, row);
      const created =
        adopted ??
        (await requestReturn(ctx.client, {
          orderId: row.orderId,
          lines: await requestLines(ctx, row),
          returnShippingFee: returnShippingFeeOf(row),
        }));
      shopifyReturnId = created.id;
      await prisma.returnCase.updateMany({
        where: { id: caseId, shop: ctx.shop, shopifyReturnId: null },
        data: { shopifyReturnId: created.id, shopifyReturnName: created.name },
      });
    }
    const status = parseReturnStatus(row.status);
    if (decision.outcome === "approve" && RETURN_ACTIONS.approve.statuses.includes(status)) {
      step = "returnApproveRequest";
      await approveReturnRequest(ctx.client, shopifyReturnId).catch(async (error: unknown) => {
        // A retry after an approval that did go through: Shopify says the return is open.
        if (error instanceof ShopifyUserError && error.userErrors.some((e) => e.code === "INVALID_STATE")) return;
        throw error;
      });
      await prisma.$transaction(async (tx) => {
        await transitionReturnInTx(tx, ctx.shop, caseId, "approved", ACTOR, { data: { auto: true, shopifyReturnId } });
        await finishJob(tx, ctx.shop, caseId, "done", null);
      });
    } else {
      await prisma.$transaction((tx) => finishJob(tx, ctx.shop, caseId, "done", null));
    }
  } catch (error) {
    if (!isShopifyFailure(error)) throw error;
    await prisma.$transaction(async (tx) => {
      const current = parseReturnStatus((await tx.returnCase.findFirstOrThrow({ where: { id: caseId, shop: ctx.shop }, select: { status: true } })).status);
      if (current === "requested") {
        await transitionReturnInTx(tx, ctx.shop, caseId, "needs_review", "system", { data: { failedStep: step } });
      }
      await createSystemTicket(
        ctx.shop,
        {
          subject: `Return request for ${row.orderName} did not reach Shopify`,
          body: [
            `Shopify ${step} failed after retries: ${error instanceof Error ? error.message : String(error)}`,
            "The return is held in review. It resumes when the shopper submits again; or approve it from the return page, which sends it to Shopify first (declining or canceling keeps it in Aftercare only).",
          ].join("\n"),
          orderId: row.orderId,
          orderName: row.orderName,
          returnCaseId: caseId,
          customerId: row.customerId,
        },
        { tx, now: ctx.now },
      );
      await finishJob(tx, ctx.shop, caseId, "failed", error instanceof Error ? error.message : String(error));
    });
  }
}

/** An exchange's decision, recorded in Aftercare only; Shopify hears of it through returnCreate. */
async function decideExchangeLocally(
  ctx: PortalContext,
  caseId: string,
  status: ReturnType<typeof parseReturnStatus>,
  decision: Pick<Decision, "outcome">,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (decision.outcome === "approve" && RETURN_ACTIONS.approve.statuses.includes(status)) {
      await transitionReturnInTx(tx, ctx.shop, caseId, "approved", ACTOR, { data: { auto: true, exchange: true } });
    }
    await finishJob(tx, ctx.shop, caseId, "done", null);
  });
}

// ── the way out of a failed request (the agent's side) ─────────────────────────────────

/** How long a running attempt lock belongs to whoever took it (longer than the gateway's retries). */
const LOCK_MS = 2 * 60 * 1000;

/**
 * Opens in Shopify a return whose request never reached it (returnRequest, then
 * returnApproveRequest), for an agent approving or paying it; returns its Shopify id.
 * It takes the same attempt lock as the shopper's retry, so the two never both request,
 * and, after an earlier attempt, first adopts the Shopify return that attempt may have
 * made. A failure leaves the lock failed and says in words what to do next.
 * Exchanges are not for this: Shopify cannot add exchange items to a requested return
 * (app/refunds/exchange.server.ts creates them).
 */
export async function openInShopify(shop: string, client: PortalContext["client"], returnId: string, actor: string, now: Date = new Date()): Promise<string> {
  const row = await prisma.returnCase.findFirst({ where: { id: returnId, shop }, include: { lines: true } });
  if (!row) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const name = row.shopifyReturnName ?? row.orderName;
  await claimLock(shop, returnId, name, now);
  let shopifyReturnId = row.shopifyReturnId;
  let step = "returnRequest";
  try {
    const ctx = { shop, client };
    let adopted = false;
    if (!shopifyReturnId) {
      const orphan = await adoptOrphanReturn(ctx, row);
      adopted = orphan !== null;
      const created = orphan ?? (await requestReturn(client, { orderId: row.orderId, lines: await requestLines(ctx, row), returnShippingFee: returnShippingFeeOf(row) }));
      shopifyReturnId = created.id;
      const { count } = await prisma.returnCase.updateMany({
        where: { id: returnId, shop, shopifyReturnId: null },
        data: { shopifyReturnId: created.id, shopifyReturnName: created.name },
      });
      if (count === 0) {
        // The returns/request webhook may have linked this very Shopify return first (ADR 016).
        const linked = await prisma.returnCase.findFirst({ where: { id: returnId, shop }, select: { shopifyReturnId: true } });
        if (linked?.shopifyReturnId !== created.id) throw new DomainError("conflict", `Return ${name} changed meanwhile; reload it and try again.`);
      }
    }
    const requested = shopifyReturnId;
    step = "returnApproveRequest";
    await approveReturnRequest(client, requested).catch(async (error: unknown) => {
      // An approval an earlier attempt did make: Shopify says the return is no longer a request.
      if (error instanceof ShopifyUserError && error.userErrors.some((e) => e.code === "INVALID_STATE")) return;
      throw error;
    });
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, shop, { actor, action: "return.opened_in_shopify", entityType: "return", entityId: returnId, data: { shopifyReturnId: requested, adopted } });
      await finishJob(tx, shop, returnId, "done", null);
    });
    return requested;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await prisma.$transaction((tx) => finishJob(tx, shop, returnId, "failed", detail));
    if (error instanceof ShopifyUnavailableError) {
      const where = shopifyReturnId ? "is in Shopify but was not approved there yet" : "is still not in Shopify";
      throw new DomainError(
        "upstream",
        `Shopify did not answer, so return ${name} ${where}. Try again in a minute: Aftercare first looks for what an earlier try made, and never makes it twice.`,
      );
    }
    if (isShopifyFailure(error)) {
      throw new DomainError(
        "invalid",
        `Shopify would not ${step === "returnRequest" ? "take" : "approve"} return ${name}: ${detail}. Decline or cancel it here, or open a ticket to sort it out in Shopify.`,
      );
    }
    throw error;
  }
}

/** Takes the attempt lock of a return's Shopify request: a failed or finished attempt, a stale running one, or none yet. */
async function claimLock(shop: string, caseId: string, name: string, now: Date): Promise<void> {
  const busy = () => new DomainError("conflict", `Aftercare is sending return ${name} to Shopify right now; reload in a minute.`);
  const job = await prisma.job.findFirst({ where: { shop, dedupeKey: jobKey(caseId) }, select: { status: true, lockedAt: true, attempts: true } });
  if (!job) {
    try {
      await prisma.job.create({ data: { shop, kind: JOB_KIND, payload: { returnCaseId: caseId }, status: "running", dedupeKey: jobKey(caseId), lockedAt: now, attempts: 1 } });
      return;
    } catch (error) {
      if (isUniqueViolation(error)) throw busy();
      throw error;
    }
  }
  const fresh = job.status === "running" && job.lockedAt !== null && now.getTime() - job.lockedAt.getTime() < LOCK_MS;
  if (fresh) throw busy();
  const { count } = await prisma.job.updateMany({
    where: { shop, dedupeKey: jobKey(caseId), status: job.status, attempts: job.attempts },
    data: { status: "running", lockedAt: now, attempts: { increment: 1 } },
  });
  if (count === 0) throw busy();
}

// A returnRequest that failed on the network may have been created: an open Shopify return
// on this order that no return of ours claims, with exactly our lines, is ours.
async function adoptOrphanReturn(
  ctx: Pick<PortalContext, "shop" | "client">,
  row: { orderId: string; lines: { orderLineItemId: string; quantityRequested: number }[]; id: string },
): Promise<{ id: string; name: string } | null> {
  const job = await prisma.job.findFirst({ where: { shop: ctx.shop, dedupeKey: jobKey(row.id) }, select: { attempts: true } });
  if (!job || job.attempts <= 1) return null;
  const order = await getOrder(ctx.client, row.orderId);
  if (!order) return null;
  const claimed = new Set(
    (await prisma.returnCase.findMany({ where: { shop: ctx.shop, orderId: row.orderId, shopifyReturnId: { not: null } }, select: { shopifyReturnId: true } })).map((r) => r.shopifyReturnId),
  );
  const ours = signature(row.lines.map((l) => [l.orderLineItemId, l.quantityRequested]));
  const match = order.returns.find(
    (r) => r.status === "REQUESTED" && !claimed.has(r.id) && signature(r.lines.map((l) => [l.lineItemId ?? "", l.quantity])) === ours,
  );
  return match ? { id: match.id, name: match.name } : null;
}

function signature(pairs: [string, number][]): string {
  const totals = new Map<string, number>();
  for (const [id, q] of pairs) totals.set(id, (totals.get(id) ?? 0) + q);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, q]) => `${id}:${q}`).join("|");
}

async function requestLines(
  ctx: Pick<PortalContext, "client">,
  row: { orderId: string; resolution: string; quote: unknown; lines: { orderLineItemId: string; quantityRequested: number; reasonCode: string; note: string | null }[] },
) {
  // Fulfillment lines are read fresh: the units may sit in more than one parcel.
  const order = await getOrder(ctx.client, row.orderId);
  if (!order) throw portalError("not_found", "error_order_not_found");
  const definitions = await listReturnReasonDefinitions(ctx.client);
  const quote = quoteSchema.safeParse(row.quote);
  const restockingPercentage = row.resolution !== "exchange" && quote.success ? restockingPercent(quote.data) : null;
  return row.lines.flatMap((line) => {
    let left = line.quantityRequested;
    const parts = order.returnableFulfillments.flatMap((rf) => rf.lines.filter((l) => l.lineItemId === line.orderLineItemId && l.returnableQuantity > 0));
    return parts.flatMap((part) => {
      if (left === 0) return [];
      const quantity = Math.min(left, part.returnableQuantity);
      left -= quantity;
      return [
        {
          fulfillmentLineItemId: part.fulfillmentLineItemId,
          quantity,
          returnReasonDefinitionId: reasonDefinitionFor(line.reasonCode, definitions),
          customerNote: line.note,
          restockingFeePercentage: restockingPercentage,
        },
      ];
    });
  });
}

/** The shop's return reason definition for our reason code (by handle), else "other", else none. */
export function reasonDefinitionFor(code: string, definitions: ReturnReasonDefinition[]): string | null {
  const handles = [...(REASON_HANDLES[code] ?? []), code.replace(/_/g, "-")];
  const found = handles.map((h) => definitions.find((d) => d.handle === h)).find(Boolean) ?? definitions.find((d) => d.handle === "other");
  return found?.id ?? null;
}

function restockingPercent(quote: Quote): number | null {
  if (quote.restockingFee.amountMinor === 0 || quote.itemsSubtotal.amountMinor === 0) return null;
  return Math.round((quote.restockingFee.amountMinor / quote.itemsSubtotal.amountMinor) * 10_000) / 100;
}

function returnShippingFeeOf(row: { quote: unknown }) {
  const quote = quoteSchema.safeParse(row.quote);
  return quote.success && quote.data.returnShippingFee.amountMinor > 0 ? quote.data.returnShippingFee : null;
}

async function openReviewTicket(tx: Tx, ctx: PortalContext, caseId: string, prepared: PreparedReturn, decision: Decision, recentReturns: number) {
  const { order, policy } = prepared.judged;
  const q = prepared.quote;
  const fmt = (m: { amountMinor: number; currencyCode: string }) => formatMoney(m, "en-US");
  const body = [
    `Return request for ${order.name} needs review:`,
    ...decision.rules.map((r) => `- ${r.message}`),
    "",
    "Items:",
    ...prepared.lines.map((l) => `- ${lineLabel(l.eligibility)} × ${l.request.quantity}, reason "${l.reason.label}"${l.request.note ? `, note: ${l.request.note}` : ""}${l.request.photoIds?.length ? `, ${l.request.photoIds.length} photo(s)` : ""}`),
    "",
    `Resolution: ${prepared.resolution}. Value ${fmt({ amountMinor: q.itemsSubtotal.amountMinor + q.tax.amountMinor, currencyCode: q.currencyCode })}; refund ${fmt(q.refundTotal)}, store credit ${fmt(q.storeCreditTotal)}, due ${fmt(q.amountDue)}.`,
    `Customer: ${recentReturns} return(s) in the last ${policy.serialReturnerDays} days. Policy version ${policy.version}${policy.storeCreditBonusBps ? `, store-credit bonus ${formatPercent(policy.storeCreditBonusBps)}` : ""}.`,
  ].join("\n");
  await createTicket(
    ctx.shop,
    {
      subject: `Review return for ${order.name}: ${decision.rules.map((r) => r.rule.replace(/_/g, " ")).join(", ")}`,
      category: decision.category ?? "return_exception",
      channel: "portal",
      priority: decision.category === "fraud_review" ? "high" : "normal",
      orderId: order.id,
      orderName: order.name,
      returnCaseId: caseId,
      customerId: order.customer?.id ?? null,
      customerEmail: order.email ?? order.customer?.email ?? null,
      customerName: order.customer?.displayName ?? null,
      locale: ctx.locale,
      firstMessage: { authorType: "system", visibility: "internal", body },
      actor: ACTOR,
    },
    { tx, now: ctx.now },
  );
}

async function countRecentReturns(ctx: PortalContext, customerId: string | null, email: string | null, days: number): Promise<number> {
  if (!customerId && !email) return 0;
  const since = new Date(ctx.now.getTime() - days * 24 * 60 * 60 * 1000);
  return prisma.returnCase.count({
    where: {
      shop: ctx.shop,
      createdAt: { gte: since },
      status: { notIn: ["canceled"] },
      ...(customerId ? { customerId } : { customerEmail: email }),
    },
  });
}

async function waitWhileRunning(shop: string, caseId: string): Promise<void> {
  // A parallel submit of the same key is talking to Shopify: give it a moment, so both
  // answers say the same thing.
  for (let i = 0; i < 40; i++) {
    const job = await prisma.job.findFirst({ where: { shop, dedupeKey: jobKey(caseId) }, select: { status: true } });
    if (!job || job.status !== "running") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function finishJob(tx: Tx, shop: string, caseId: string, status: "done" | "failed", lastError: string | null) {
  await tx.job.updateMany({ where: { shop, dedupeKey: jobKey(caseId) }, data: { status, lastError: lastError?.slice(0, 1000) ?? null, lockedAt: null } });
}

function jobKey(caseId: string): string {
  return `portal-return-request:${caseId}`;
}

function storedDecision(value: unknown): Pick<Decision, "outcome"> {
  const outcome = typeof value === "object" && value !== null && "outcome" in value ? (value as { outcome: unknown }).outcome : null;
  return { outcome: outcome === "approve" ? "approve" : "review" };
}

function isShopifyFailure(error: unknown): boolean {
  return (
    error instanceof ShopifyUnavailableError ||
    error instanceof ShopifyGraphqlError ||
    error instanceof ShopifyUserError ||
    error instanceof ShopifyMissingDataError
  );
}

// ── the answer ───────────────────────────────────────────────────────────────────────

async function answer(ctx: PortalContext, caseId: string): Promise<CreateReturnResponse> {
  const shop = ctx.shop;
  const row = await prisma.returnCase.findFirstOrThrow({ where: { id: caseId, shop }, select: { id: true, status: true, quote: true, resolution: true } });
  const status = parseReturnStatus(row.status);
  const quote = quoteSchema.parse(row.quote);
  const approved = (["approved", "received", "resolved", "closed"] as ReturnStatus[]).includes(status);
  return { returnId: row.id, status, decision: approved ? "approved" : "needs_review", quote, nextSteps: nextSteps(approved, quote, ctx.locale) };
}

/** What happens next, for the shopper, in their language (default English); amounts in its format. */
export function nextSteps(approved: boolean, quote: Quote, locale: PortalLocale = "en"): string[] {
  const say = (key: MessageKey, money?: { amountMinor: number; currencyCode: string }) =>
    message(locale, key, money ? { amount: formatMoney(money, intlLocale(locale)) } : {});
  if (!approved) return [say("next_review_received"), say("next_review_email")];
  const steps = [say("next_approved"), say("next_pack")];
  if (quote.resolution === "refund") steps.push(say("next_refund", quote.refundTotal));
  else if (quote.resolution === "store_credit") steps.push(say("next_store_credit", quote.storeCreditTotal));
  else {
    steps.push(say("next_exchange"));
    if (quote.amountDue.amountMinor > 0) steps.push(say("next_invoice", quote.amountDue));
    else if (quote.refundTotal.amountMinor + quote.storeCreditTotal.amountMinor > 0) {
      steps.push(say("next_difference_back", quote.refundTotal.amountMinor > 0 ? quote.refundTotal : quote.storeCreditTotal));
    }
  }
  return steps;
}
