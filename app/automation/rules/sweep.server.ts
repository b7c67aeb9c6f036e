/**
 * The periodic rules sweep: finds the events no hook reported (a return received from a
 * delivered reverse delivery, an approval made in Shopify, an SLA that ran out, a payout
 * that finished on a retry) and runs the rules on them. Runs are unique per rule, entity
 * and trigger, so the sweep and the hooks never act twice on the same event.
 *
 * Only events of the last SWEEP_WINDOW_MS are looked at: switching a rule on acts on what
 * happened in the last day that no run judged yet, never on a shop's whole history.
 */
import { offlineAdminClient } from "~/automation/admin-client.server";
import prisma from "~/db.server";
import { runMoneyNotification, runReturnRules, runSlaEscalation, type ReturnTrigger, type RunnerDeps } from "./runner.server";
import { findCurrentRuleSet } from "./ruleset.server";

const SWEEP_WINDOW_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

export type SweepOptions = { now?: Date; clientFor?: (shop: string) => Promise<RunnerDeps["client"]>; notifier?: RunnerDeps["notifier"] };
export type SweepResult = { shops: number; runs: number; failed: number };

/** Runs every shop's enabled rules over the events of the last day that have no run yet. */
export async function sweepRules(options: SweepOptions = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - SWEEP_WINDOW_MS);
  const clientFor = options.clientFor ?? offlineAdminClient;
  const shops = (await prisma.ruleSet.findMany({ distinct: ["shop"], select: { shop: true } })).map((r) => r.shop);
  const result: SweepResult = { shops: 0, runs: 0, failed: 0 };
  for (const shop of shops) {
    const ruleSet = await findCurrentRuleSet(shop);
    if (!ruleSet) continue;
    const { rules } = ruleSet;
    if (!Object.values(rules).some((r) => r.enabled)) continue;
    result.shops += 1;
    const count = (reports: { outcome: string }[]) => {
      for (const r of reports) {
        if (r.outcome === "already_run") continue;
        result.runs += 1;
        if (r.outcome === "failed") result.failed += 1;
      }
    };
    const needsClient = rules.green_return.enabled || rules.refund_on_receipt.enabled;
    const deps: RunnerDeps = { client: needsClient ? await clientFor(shop) : null, now, notifier: options.notifier };
    const returnEvents: [ReturnTrigger, boolean, "createdAt" | "approvedAt" | "receivedAt"][] = [
      ["return.requested", rules.review_signal.enabled, "createdAt"],
      ["return.approved", rules.green_return.enabled, "approvedAt"],
      ["return.received", rules.refund_on_receipt.enabled, "receivedAt"],
    ];
    for (const [trigger, enabled, stamp] of returnEvents) {
      if (!enabled) continue;
      const status = trigger === "return.approved" ? { status: "approved" } : trigger === "return.received" ? { status: "received" } : {};
      const ids = await unjudged(shop, "return", trigger, prisma.returnCase.findMany({ where: { shop, ...status, [stamp]: { gte: since } }, select: { id: true }, take: BATCH }));
      for (const id of ids) count(await runReturnRules(shop, id, trigger, deps));
    }
    if (rules.sla_escalation.enabled) {
      const ids = await unjudged(
        shop,
        "ticket",
        "ticket.sla_breached",
        prisma.ticket.findMany({
          where: { shop, status: { in: ["open", "pending"] }, firstResponseAt: null, slaPausedAt: null, slaDueAt: { lt: now, gte: since } },
          select: { id: true },
          take: BATCH,
        }),
      );
      for (const id of ids) {
        const report = await runSlaEscalation(shop, id, deps);
        if (report) count([report]);
      }
    }
    if (rules.notify_shopper.enabled) {
      const ids = await unjudged(
        shop,
        "money_movement",
        "money.succeeded",
        prisma.moneyMovement.findMany({
          where: { shop, status: "succeeded", kind: { in: ["refund", "store_credit", "exchange_balance"] }, returnCaseId: { not: null }, completedAt: { gte: since } },
          select: { id: true },
          take: BATCH,
        }),
      );
      for (const id of ids) {
        const report = await runMoneyNotification(shop, id, deps);
        if (report) count([report]);
      }
    }
  }
  return result;
}

async function unjudged(shop: string, entityType: string, trigger: string, rows: Promise<{ id: string }[]>): Promise<string[]> {
  const ids = (await rows).map((r) => r.id);
  if (ids.length === 0) return [];
  const judged = await prisma.ruleRun.findMany({ where: { shop, entityType, trigger, entityId: { in: ids } }, select: { entityId: true } });
  const seen = new Set(judged.map((r) => r.entityId));
  return ids.filter((id) => !seen.has(id));
}

declare global {
  // One sweep per process, across Vite's hot reloads in development.
  var aftercareRulesSweepStop: (() => Promise<void>) | undefined;
}

/** Starts the minutely rules sweep once per process (boot.server.ts calls it beside the worker). */
export function ensureRulesSweepStarted(): void {
  globalThis.aftercareRulesSweepStop ??= startRulesSweep();
}

/** Sweeps every `intervalMs` (default a minute); returns a stop function that waits for a sweep in progress. */
function startRulesSweep(intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepRules()
      .catch((error: unknown) => console.error("Rules sweep: the sweep failed", error))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
