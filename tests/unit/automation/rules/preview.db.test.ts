import { afterAll, describe, expect, it } from "vitest";
import type { RuleSetRules } from "~/automation/rules/definitions";
import { previewRules } from "~/automation/rules/preview.server";
import prisma from "~/db.server";
import { createMoneyMovement, createReturnCase, createTestTicket, uniqueShop } from "../../../support/factories";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

const DRAFT: RuleSetRules = {
  auto_approve: { enabled: true },
  refund_on_receipt: { enabled: true, maxValueMinor: 10000 },
  green_return: { enabled: true, maxValueMinor: 1000 },
  review_signal: { enabled: true, serialCount: 2, serialDays: 90, valueThresholdMinor: 30000 },
  sla_escalation: { enabled: true, fallbackAssignee: null },
  notify_shopper: { enabled: true },
};

afterAll(async () => {
  await prisma.$disconnect();
});

/** Four returns of one customer, three tickets and two ledger rows, at fixed times before NOW. */
async function seed(shop: string) {
  const make = async (orderName: string, seed: Parameters<typeof createReturnCase>[1], stamps: Record<string, Date>, decision: unknown) => {
    const rc = await createReturnCase(shop, { orderName, ...seed });
    await prisma.returnCase.updateMany({ where: { id: rc.id, shop }, data: { ...stamps, decision: decision ?? [] } });
    // A received return has its units counted in.
    if (stamps.receivedAt) for (const line of rc.lines) await prisma.returnLine.updateMany({ where: { id: line.id, shop }, data: { quantityReceived: line.quantityRequested } });
    return rc;
  };
  const approve = { outcome: "approve", rules: [{ rule: "within_policy", outcome: "approve" }] };
  const r1 = await make("#1", { lines: [{ unitPriceMinor: 800, quantityRequested: 1 }] }, { createdAt: daysAgo(2), approvedAt: daysAgo(2) }, approve);
  const r2 = await make("#2", { lines: [{ unitPriceMinor: 20600, quantityRequested: 2 }] }, { createdAt: daysAgo(5), receivedAt: daysAgo(1) }, {
    outcome: "review",
    rules: [{ rule: "above_threshold", outcome: "review" }],
  });
  const r3 = await make("#3", { channel: "shopify", resolution: "store_credit" }, { createdAt: daysAgo(40), receivedAt: daysAgo(3) }, null);
  const r4 = await make("#4", { resolution: "exchange", lines: [{ unitPriceMinor: 900, quantityRequested: 1 }] }, { createdAt: daysAgo(10), approvedAt: daysAgo(9) }, {
    outcome: "review",
    rules: [{ rule: "auto_approve_off", outcome: "review" }],
  });
  const t1 = await createTestTicket(shop, { subject: "Late" });
  const t2 = await createTestTicket(shop, { subject: "Answered" });
  const t3 = await createTestTicket(shop, { subject: "Old" });
  await prisma.ticket.updateMany({ where: { id: t1.id }, data: { slaDueAt: daysAgo(3) } });
  await prisma.ticket.updateMany({ where: { id: t2.id }, data: { slaDueAt: daysAgo(4), firstResponseAt: daysAgo(4.5) } });
  await prisma.ticket.updateMany({ where: { id: t3.id }, data: { slaDueAt: daysAgo(40) } });
  const refund = await createMoneyMovement(shop, { returnCaseId: r2.id, kind: "refund", amountMinor: 4144, status: "succeeded" });
  const fee = await createMoneyMovement(shop, { returnCaseId: r2.id, kind: "fee", amountMinor: 500, status: "succeeded" });
  await prisma.moneyMovement.updateMany({ where: { id: { in: [refund.id, fee.id] } }, data: { completedAt: daysAgo(1) } });
  return { r1, r2, r3, r4, t1, refund };
}

describe("the 30-day preview", () => {
  it("counts what each draft rule would have done, with the returns and reasons, and writes nothing", async () => {
    // GIVEN a shop's last 30 days (and one return from before them)
    const shop = uniqueShop("preview");
    const { r1, r3, t1, refund } = await seed(shop);
    const before = await Promise.all([prisma.ruleRun.count({ where: { shop } }), prisma.ticket.count({ where: { shop } }), prisma.auditEvent.count({ where: { shop } })]);
    // WHEN the draft is previewed
    const preview = await previewRules(shop, DRAFT, NOW);
    // THEN each rule's counts are exact
    expect(preview.from).toBe("2026-11-07T12:00:00.000Z");
    expect(preview.rules.map((r) => [r.ruleKey, r.judged, r.acted])).toEqual([
      ["auto_approve", 3, 2],
      ["review_signal", 3, 1],
      ["green_return", 2, 1],
      ["refund_on_receipt", 2, 1],
      ["sla_escalation", 2, 1],
      ["notify_shopper", 1, 1],
    ]);
    // AND the samples say which entity and why
    const byKey = Object.fromEntries(preview.rules.map((r) => [r.ruleKey, r.samples]));
    expect(byKey.review_signal).toEqual([{ entityType: "return", entityId: r1.id, label: "Return for #1", at: "2026-12-05T12:00:00.000Z", reasons: ["3 returns in the last 90 days (threshold 2)"] }]);
    expect(byKey.green_return?.map((s) => [s.entityId, s.reasons])).toEqual([[r1.id, ["value $8.00 is within the keep-the-item limit of $10.00", "the shopper keeps the item; no return shipment"]]]);
    expect(byKey.refund_on_receipt?.map((s) => [s.entityId, s.reasons])).toEqual([[r3.id, ["received items worth $50.00", "within the cap of $100.00", "pays out the chosen store credit"]]]);
    expect(byKey.sla_escalation?.map((s) => [s.entityId, s.reasons])).toEqual([[t1.id, ["no first response 1 min after the SLA was due", "priority normal → high", "returned to the queue (unassigned)"]]]);
    expect(byKey.notify_shopper?.map((s) => [s.entityId, s.reasons])).toEqual([
      [refund.id, ["refund of $41.44 succeeded", 'message: "Your refund of $41.44 for order #2 has been sent to your original payment method."']],
    ]);
    // AND nothing was written
    expect(await Promise.all([prisma.ruleRun.count({ where: { shop } }), prisma.ticket.count({ where: { shop } }), prisma.auditEvent.count({ where: { shop } })])).toEqual(before);
  });

  it("counts nothing as acted for rules that are off, and only this shop's history", async () => {
    const shop = uniqueShop("preview-off");
    await seed(uniqueShop("preview-neighbour"));
    await seed(shop);
    const off: RuleSetRules = {
      ...DRAFT,
      auto_approve: { enabled: false },
      refund_on_receipt: { enabled: false, maxValueMinor: null },
      green_return: { enabled: false, maxValueMinor: 1000 },
      review_signal: { ...DRAFT.review_signal, enabled: false },
      sla_escalation: { enabled: false, fallbackAssignee: null },
      notify_shopper: { enabled: false },
    };
    const preview = await previewRules(shop, off, NOW);
    expect(preview.rules.map((r) => [r.ruleKey, r.judged, r.acted])).toEqual([
      ["auto_approve", 3, 0],
      ["review_signal", 3, 0],
      ["green_return", 2, 0],
      ["refund_on_receipt", 2, 0],
      ["sla_escalation", 2, 0],
      ["notify_shopper", 1, 0],
    ]);
  });
});
