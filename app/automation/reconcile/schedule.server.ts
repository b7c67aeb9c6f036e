/**
 * When reconciliation runs on its own: every installed shop, once per RECONCILE_EVERY_MS,
 * checked for by a timer in the worker process. A shop's run is due when its last run (of any
 * outcome) started that long ago, so a failing shop is retried at the same pace, not in a loop.
 */
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { offlineAdminClient } from "../admin-client.server";
import { reconcileShop, type ReconcileReport } from "./run.server";

export const RECONCILE_EVERY_MS = 6 * 3_600_000;
const CHECK_EVERY_MS = 15 * 60_000;

declare global {
  // One schedule per process, across Vite's hot reloads in development.
  var aftercareReconcileStop: (() => void) | undefined;
}

export type ScheduleDeps = {
  clientFor?: (shop: string) => Promise<ShopifyAdminClient | null>;
  log?: (line: string) => void;
};

/** The installed shops whose last reconciliation started RECONCILE_EVERY_MS ago or more, or never ran. */
export async function dueShops(now: Date): Promise<string[]> {
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { shop: true }, orderBy: { shop: "asc" } });
  const due: string[] = [];
  for (const { shop } of shops) {
    const last = await prisma.reconciliationRun.findFirst({ where: { shop }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
    if (!last || now.getTime() - last.startedAt.getTime() >= RECONCILE_EVERY_MS) due.push(shop);
  }
  return due;
}

/** Runs the reconciliation of every due shop that still has an offline session; returns what ran, by shop. */
export async function reconcileDueShops(now: Date, deps: ScheduleDeps = {}): Promise<Map<string, ReconcileReport>> {
  const log = deps.log ?? console.warn;
  const ran = new Map<string, ReconcileReport>();
  for (const shop of await dueShops(now)) {
    const client = await (deps.clientFor ?? offlineAdminClient)(shop);
    if (!client) continue;
    try {
      const report = await reconcileShop(shop, { client, trigger: "schedule", now: () => now, log });
      if (report.status === "failed") log(`Reconciliation ${report.runId} of ${shop} failed: ${report.errors.join(" ")}`);
      ran.set(shop, report);
    } catch (error) {
      // Another instance is running this shop's reconciliation: it is not due here.
      if (!(error instanceof DomainError && error.code === "conflict")) throw error;
    }
  }
  return ran;
}

/** Starts the timer once per process (AFTERCARE_RECONCILE=0 turns it off); returns whether it runs. */
export function ensureReconciliationScheduled(env: Record<string, string | undefined> = process.env): boolean {
  if (env.AFTERCARE_RECONCILE === "0" || env.NODE_ENV === "test") return false;
  if (!globalThis.aftercareReconcileStop) {
    const timer = setInterval(() => {
      reconcileDueShops(new Date()).catch((error: unknown) => console.error("Scheduled reconciliation failed:", error));
    }, CHECK_EVERY_MS);
    timer.unref();
    globalThis.aftercareReconcileStop = () => clearInterval(timer);
  }
  return true;
}
