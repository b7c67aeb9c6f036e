import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { dueShops, ensureReconciliationScheduled, RECONCILE_EVERY_MS } from "~/automation/reconcile/schedule.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe("scheduled reconciliation", () => {
  it("is due for installed shops never reconciled or last reconciled an interval ago — not for recent or uninstalled ones", async () => {
    // GIVEN installed shops never run, run long ago (and failed), run just now — and an uninstalled one
    const now = new Date();
    const never = uniqueShop("sched-never");
    const old = uniqueShop("sched-old");
    const recent = uniqueShop("sched-recent");
    const gone = uniqueShop("sched-gone");
    for (const shop of [never, old, recent]) await prisma.shop.create({ data: { shop } });
    await prisma.shop.create({ data: { shop: gone, uninstalledAt: now } });
    const run = (shop: string, startedAt: Date, status: string) =>
      prisma.reconciliationRun.create({ data: { shop, trigger: "schedule", mode: "backfill", status, startedAt, watermarkTo: startedAt, errors: [] } });
    await run(old, new Date(now.getTime() - RECONCILE_EVERY_MS), "failed");
    await run(recent, new Date(now.getTime() - 60_000), "succeeded");
    // WHEN the schedule asks which shops are due
    const due = await dueShops(now);
    // THEN (other tests' shops may be in the database too)
    const mine = new Set([never, old, recent, gone]);
    expect(due.filter((shop) => mine.has(shop)).sort()).toEqual([never, old].sort());
  });

  it("stays off under test and when AFTERCARE_RECONCILE=0", () => {
    expect(ensureReconciliationScheduled({ NODE_ENV: "test" })).toBe(false);
    expect(ensureReconciliationScheduled({ NODE_ENV: "production", AFTERCARE_RECONCILE: "0" })).toBe(false);
    expect(globalThis.aftercareReconcileStop).toBeUndefined();
  });
});
