/**
 * "What would these rules have done over the last 30 days?" — the draft rule set judged,
 * with the same pure functions as live runs, over facts rebuilt from the shop's history as
 * they stood at each event (a return just received, a ticket just past its SLA). Reads
 * only: nothing is written, nobody is paid, no ticket is touched.
 */
import { z } from "zod";
import prisma from "~/db.server";
import { fromBigInt } from "~/lib/money";
import { ticketPrioritySchema } from "~/tickets/schemas";
import type { RuleKey, RuleSetRules } from "./definitions";
import {
  judgeAutoApprove,
  judgeGreenReturn,
  judgeNotifyShopper,
  judgeRefundOnReceipt,
  judgeReviewSignal,
  judgeSlaEscalation,
  type ReturnFacts,
} from "./evaluate";
import { priorReturns, returnFacts, type ReturnRow } from "./facts";

const PREVIEW_DAYS = 30;
const SAMPLE_SIZE = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PreviewSample = { entityType: "return" | "ticket" | "money_movement"; entityId: string; label: string; at: string; reasons: string[] };
export type RulePreview = { ruleKey: RuleKey; enabled: boolean; judged: number; acted: number; samples: PreviewSample[] };
export type RulesPreview = { from: string; to: string; rules: RulePreview[] };

const storedDecision = z.object({ outcome: z.string(), rules: z.array(z.object({ rule: z.string(), outcome: z.string() })) }).partial();

/** Judges `rules` (already validated) over the shop's last 30 days before `now`. */
export async function previewRules(shop: string, rules: RuleSetRules, now: Date = new Date()): Promise<RulesPreview> {
  const from = new Date(now.getTime() - PREVIEW_DAYS * DAY_MS);
  const historyFrom = new Date(from.getTime() - rules.review_signal.serialDays * DAY_MS);
  const history = await prisma.returnCase.findMany({
    where: { shop, createdAt: { gte: historyFrom, lt: now } },
    include: { lines: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const inPeriod = (at: Date | null): at is Date => at !== null && at >= from && at < now;
  const results: RulePreview[] = [];
  const tally = (ruleKey: RuleKey, enabled: boolean) => {
    const preview: RulePreview = { ruleKey, enabled, judged: 0, acted: 0, samples: [] };
    results.push(preview);
    return (acted: boolean, sample: PreviewSample) => {
      preview.judged += 1;
      if (!acted) return;
      preview.acted += 1;
      if (preview.samples.length < SAMPLE_SIZE) preview.samples.push(sample);
    };
  };
  const asOf = (row: ReturnRow, status: string, extra: Partial<ReturnFacts> = {}): ReturnFacts => ({
    ...returnFacts(row, { paidOut: false, recentReturns: priorReturns(row, history, rules.review_signal.serialDays), hasOpenTicket: false }),
    status,
    ...extra,
  });
  const returnSample = (row: ReturnRow, at: Date, reasons: string[]): PreviewSample => ({ entityType: "return", entityId: row.id, label: `Return for ${row.orderName}`, at: at.toISOString(), reasons });

  const autoApprove = tally("auto_approve", rules.auto_approve.enabled);
  for (const row of history.filter((r) => r.channel === "portal" && inPeriod(r.createdAt))) {
    const stored = storedDecision.safeParse(row.decision);
    const exceptions = stored.success ? (stored.data.rules ?? []).filter((r) => r.outcome === "review" && r.rule !== "auto_approve_off").length : 0;
    const judged = judgeAutoApprove(rules.auto_approve, exceptions);
    autoApprove(judged.decision === "approve", returnSample(row, row.createdAt, judged.reasons));
  }

  const review = tally("review_signal", rules.review_signal.enabled);
  for (const row of history.filter((r) => inPeriod(r.createdAt))) {
    // A portal request held for review opened its own review ticket at once.
    const reviewed = storedDecision.safeParse(row.decision).data?.outcome === "review";
    const judged = judgeReviewSignal(rules.review_signal, asOf(row, "requested", { hasOpenTicket: reviewed }));
    review(judged.decision === "act", returnSample(row, row.createdAt, judged.reasons));
  }

  const green = tally("green_return", rules.green_return.enabled);
  for (const row of history.filter((r) => inPeriod(r.approvedAt))) {
    const at = row.approvedAt ?? row.createdAt;
    const judged = judgeGreenReturn(rules.green_return, asOf(row, "approved", { receivedValueMinor: 0 }));
    green(judged.decision === "act", returnSample(row, at, judged.reasons));
  }

  const receipt = tally("refund_on_receipt", rules.refund_on_receipt.enabled);
  for (const row of history.filter((r) => inPeriod(r.receivedAt))) {
    const at = row.receivedAt ?? row.createdAt;
    const judged = judgeRefundOnReceipt(rules.refund_on_receipt, asOf(row, "received"));
    receipt(judged.decision === "act", returnSample(row, at, judged.reasons));
  }

  const sla = tally("sla_escalation", rules.sla_escalation.enabled);
  const tickets = await prisma.ticket.findMany({
    where: { shop, category: { not: "system" }, slaDueAt: { gte: from, lt: now } },
    orderBy: [{ slaDueAt: "desc" }, { id: "desc" }],
  });
  for (const t of tickets) {
    const due = t.slaDueAt ?? now;
    // The sweep runs each minute: the breach is seen a minute after the SLA was due.
    const seenAt = new Date(due.getTime() + 60_000);
    const answeredInTime = t.firstResponseAt !== null && t.firstResponseAt <= seenAt;
    const judged = judgeSlaEscalation(rules.sla_escalation, {
      ticketId: t.id,
      number: t.number,
      status: "open",
      priority: ticketPrioritySchema.parse(t.priority),
      assignee: t.assignee,
      slaDueAt: due.toISOString(),
      firstResponseAt: answeredInTime ? (t.firstResponseAt?.toISOString() ?? null) : null,
      now: seenAt.toISOString(),
    });
    sla(judged.decision === "act", { entityType: "ticket", entityId: t.id, label: `Ticket #${t.number}: ${t.subject}`, at: seenAt.toISOString(), reasons: judged.reasons });
  }

  const notify = tally("notify_shopper", rules.notify_shopper.enabled);
  const movements = await prisma.moneyMovement.findMany({
    where: { shop, status: "succeeded", returnCaseId: { not: null }, kind: { in: ["refund", "store_credit", "exchange_balance"] }, completedAt: { gte: from, lt: now } },
    include: { returnCase: { select: { orderName: true } } },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
  });
  for (const m of movements) {
    const orderName = m.returnCase?.orderName ?? m.orderId;
    const judged = judgeNotifyShopper(rules.notify_shopper, {
      movementId: m.id,
      kind: m.kind,
      status: m.status,
      amountMinor: fromBigInt(m.amountMinor),
      currencyCode: m.currencyCode,
      orderName,
      returnCaseId: m.returnCaseId,
    });
    notify(judged.decision === "act", {
      entityType: "money_movement",
      entityId: m.id,
      label: `${m.kind.replace("_", " ")} for ${orderName}`,
      at: (m.completedAt ?? m.createdAt).toISOString(),
      reasons: judged.effect ? [...judged.reasons, `message: "${judged.effect.body}"`] : judged.reasons,
    });
  }

  return { from: from.toISOString(), to: now.toISOString(), rules: results };
}
