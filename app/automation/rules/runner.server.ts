/**
 * The side-effect half of the rules engine. For each (rule, entity, trigger):
 *
 *   facts (facts.server.ts) → judgement (pure, evaluate.ts)
 *   → claim: insert the RuleRun row (unique per shop + rule + entity + trigger) with the facts,
 *     the decision, its reasons and the rule-set version — whoever inserts it acts; anyone
 *     else finds it and does nothing, so a retried hook or a second sweep never acts twice
 *   → act through the domain's own functions (payOutReturn, createTicket,
 *     updateTicketFields, the notifier) → record the outcome and an audit event.
 *
 * Only enabled rules are judged. A skip is recorded too, so "why did it not refund?" has
 * an answer. A failed action stays failed: money failures already open a payment_failure
 * ticket in the payout workflow, and a person decides what next.
 */
import { recordAudit, type AuditJson } from "~/audit/audit.server";
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { payOutReturn } from "~/refunds/payout.server";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { createTicket, updateTicketFields } from "~/tickets/tickets.server";
import type { RuleKey } from "./definitions";
import {
  judgeGreenReturn,
  judgeNotifyShopper,
  judgeRefundOnReceipt,
  judgeReviewSignal,
  judgeSlaEscalation,
  type Judgement,
  type PayoutEffect,
} from "./evaluate";
import { loadMoneyFacts, loadReturnFacts, loadTicketFacts } from "./facts.server";
import { portalNotifier, type ShopperNotifier } from "./notifier.server";
import { findCurrentRuleSet, type RuleSet } from "./ruleset.server";

const ACTOR = "system";

export type ReturnTrigger = "return.requested" | "return.approved" | "return.received";
export type RuleTrigger = ReturnTrigger | "ticket.sla_breached" | "money.succeeded";
export type RunOutcome = "succeeded" | "failed" | "skipped";
export type RunReport = { ruleKey: RuleKey; entityId: string; decision: "act" | "skip"; outcome: RunOutcome | "already_run" };

export type RunnerDeps = {
  /** The shop's Admin API client; null when the shop has no offline session (money rules then wait for a person). */
  client: ShopifyAdminClient | null;
  now?: Date;
  notifier?: ShopperNotifier;
};

type RunKey = { ruleKey: RuleKey; entityType: "return" | "ticket" | "money_movement"; entityId: string; trigger: RuleTrigger };

/** Judges the enabled return rules that listen to `trigger` for one return, and acts on them once. */
export async function runReturnRules(shop: string, returnId: string, trigger: ReturnTrigger, deps: RunnerDeps): Promise<RunReport[]> {
  // A shop that never saw its rule set has only the migrated defaults: nothing here is on.
  const ruleSet = await findCurrentRuleSet(shop);
  if (!ruleSet) return [];
  const { rules } = ruleSet;
  const facts = await loadReturnFacts(shop, returnId, rules.review_signal.serialDays);
  if (!facts) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const reports: RunReport[] = [];
  const key = (ruleKey: RuleKey): RunKey => ({ ruleKey, entityType: "return", entityId: returnId, trigger });

  if (trigger === "return.requested" && rules.review_signal.enabled) {
    const judged = judgeReviewSignal(rules.review_signal, facts);
    reports.push(
      await runOnce(shop, ruleSet, key("review_signal"), facts, judged, async (effect) => {
        const rc = await prisma.returnCase.findFirstOrThrow({ where: { id: returnId, shop } });
        const ticket = await createTicket(shop, {
          subject: effect.subject,
          category: "fraud_review",
          channel: "system",
          priority: "high",
          orderId: rc.orderId,
          orderName: rc.orderName,
          returnCaseId: rc.id,
          customerId: rc.customerId,
          customerEmail: rc.customerEmail,
          customerName: rc.customerName,
          firstMessage: {
            authorType: "system",
            visibility: "internal",
            body: [`The review rule (version ${ruleSet.version}) flagged return ${rc.orderName}:`, ...judged.reasons.map((r) => `- ${r}`)].join("\n"),
          },
          actor: ACTOR,
        });
        return { ticketId: ticket.id, ticketNumber: ticket.number };
      }),
    );
  }
  if (trigger === "return.approved" && rules.green_return.enabled) {
    reports.push(await runOnce(shop, ruleSet, key("green_return"), facts, judgeGreenReturn(rules.green_return, facts), (e) => payOut(shop, returnId, e, deps, ruleSet)));
  }
  if (trigger === "return.received" && rules.refund_on_receipt.enabled) {
    reports.push(
      await runOnce(shop, ruleSet, key("refund_on_receipt"), facts, judgeRefundOnReceipt(rules.refund_on_receipt, facts), (e) => payOut(shop, returnId, e, deps, ruleSet)),
    );
  }
  return reports;
}

/** Escalates one ticket whose first response is overdue, once. */
export async function runSlaEscalation(shop: string, ticketId: string, deps: Pick<RunnerDeps, "now">): Promise<RunReport | null> {
  const ruleSet = await findCurrentRuleSet(shop);
  if (!ruleSet?.rules.sla_escalation.enabled) return null;
  const facts = await loadTicketFacts(shop, ticketId, deps.now ?? new Date());
  if (!facts) throw new DomainError("not_found", `Ticket ${ticketId} was not found.`);
  const judged = judgeSlaEscalation(ruleSet.rules.sla_escalation, facts);
  // Only a breach is an event: a ticket still within its SLA is judged again by the next sweep.
  if (judged.decision === "skip") return null;
  return runOnce(shop, ruleSet, { ruleKey: "sla_escalation", entityType: "ticket", entityId: ticketId, trigger: "ticket.sla_breached" }, facts, judged, async (effect) => {
    await updateTicketFields(shop, ticketId, { priority: effect.priority, assignee: effect.assignee }, ACTOR);
    return { priority: effect.priority, assignee: effect.assignee };
  });
}

/** Tells the shopper about one ledger row that succeeded, once. */
export async function runMoneyNotification(shop: string, movementId: string, deps: Pick<RunnerDeps, "notifier">): Promise<RunReport | null> {
  const ruleSet = await findCurrentRuleSet(shop);
  if (!ruleSet?.rules.notify_shopper.enabled) return null;
  const facts = await loadMoneyFacts(shop, movementId);
  if (!facts) throw new DomainError("not_found", `Money movement ${movementId} was not found.`);
  const judged = judgeNotifyShopper(ruleSet.rules.notify_shopper, facts);
  // Fees and bonuses are not news, and a pending row is not yet: nothing to record.
  if (judged.decision === "skip") return null;
  const notifier = deps.notifier ?? portalNotifier;
  return runOnce(shop, ruleSet, { ruleKey: "notify_shopper", entityType: "money_movement", entityId: movementId, trigger: "money.succeeded" }, facts, judged, async (effect) => {
    if (!facts.returnCaseId) return {};
    return notifier.notify(shop, { returnCaseId: facts.returnCaseId, body: effect.body });
  });
}

async function payOut(shop: string, returnId: string, effect: PayoutEffect, deps: RunnerDeps, ruleSet: RuleSet): Promise<Record<string, AuditJson>> {
  if (!deps.client) throw new DomainError("upstream", "The shop has no offline Shopify session, so money cannot move automatically.");
  const result = await payOutReturn(shop, returnId, { intent: effect.intent, note: `Automation rules version ${ruleSet.version}` }, ACTOR, {
    client: deps.client,
    now: deps.now,
  });
  // The money moved: the shopper hears of it now rather than at the next sweep.
  for (const m of result.movements) {
    if (m.status === "succeeded") await runMoneyNotification(shop, m.id, deps);
  }
  return { message: result.message, alreadyDone: result.alreadyDone };
}

/**
 * Records a judgement the domain applied itself, inside its transaction: the request path
 * asks auto-approve and moves the return, and this row explains that decision later.
 */
export async function recordJudgedRun(
  tx: Tx,
  shop: string,
  ruleSet: RuleSet,
  run: RunKey & { facts: Record<string, string | number | boolean | null>; decision: string; reasons: string[] },
): Promise<void> {
  await tx.ruleRun.create({
    data: {
      shop,
      ruleKey: run.ruleKey,
      ruleSetVersion: ruleSet.version,
      entityType: run.entityType,
      entityId: run.entityId,
      trigger: run.trigger,
      facts: run.facts,
      decision: run.decision,
      reasons: run.reasons,
      outcome: "succeeded",
    },
  });
}

/** Claims the run, acts when the judgement says so, records the outcome. See the file comment. */
async function runOnce<Effect>(
  shop: string,
  ruleSet: RuleSet,
  key: RunKey,
  facts: Record<string, string | number | boolean | null>,
  judged: Judgement<Effect>,
  act: (effect: Effect) => Promise<Record<string, AuditJson>>,
): Promise<RunReport> {
  const report = (outcome: RunReport["outcome"]): RunReport => ({ ruleKey: key.ruleKey, entityId: key.entityId, decision: judged.decision, outcome });
  let runId: string;
  try {
    const row = await prisma.ruleRun.create({
      data: {
        shop,
        ...key,
        ruleSetVersion: ruleSet.version,
        facts: { ...facts },
        decision: judged.decision,
        reasons: judged.reasons,
        outcome: judged.decision === "act" ? "pending" : "skipped",
      },
      select: { id: true },
    });
    runId = row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return report("already_run");
    throw error;
  }
  if (judged.decision === "skip" || judged.effect === null) return report("skipped");

  let outcome: RunOutcome = "succeeded";
  let result: Record<string, AuditJson> = {};
  let message: string | null = null;
  try {
    result = await act(judged.effect);
  } catch (error) {
    outcome = "failed";
    message = error instanceof Error ? error.message : String(error);
  }
  await prisma.$transaction(async (tx) => {
    await tx.ruleRun.updateMany({ where: { id: runId, shop }, data: { outcome, error: message?.slice(0, 1000) ?? null } });
    await recordAudit(tx, shop, {
      actor: ACTOR,
      action: outcome === "succeeded" ? "rule.acted" : "rule.failed",
      entityType: key.entityType,
      entityId: key.entityId,
      data: { rule: key.ruleKey, trigger: key.trigger, ruleSetVersion: ruleSet.version, runId, reasons: judged.reasons, ...(message ? { error: message } : {}), result },
    });
  });
  return report(outcome);
}
