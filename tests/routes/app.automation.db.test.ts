import { describe, expect, it } from "vitest";
import { rulesFromPolicy } from "~/automation/rules/definitions";
import prisma from "~/db.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { action, loader } from "~/routes/app.automation";
import { createReturnCase } from "../support/factories";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

const STARTER = rulesFromPolicy(DEFAULT_POLICY);
const post = (shop: string, json: unknown) => act(action, adminRequest(shop, "/app/automation", { json }));

describe("the automation rules (/app/automation)", () => {
  it("shows a new shop version 1, migrated from its policy: auto-approve as the policy says, the rest off", async () => {
    const shop = newShop("rules");
    const { data } = ok(await load(loader, adminRequest(shop, "/app/automation")));
    expect(data).toMatchObject({ version: 1, savedBy: "system", currencyCode: "USD", rules: STARTER, runs: [], page: 1, hasMore: false });
    expect(data.rules.auto_approve).toEqual({ enabled: true });
  });

  it("saves every change as a new version by the staff member, with an audit event", async () => {
    // GIVEN
    const shop = newShop("rules-save");
    await load(loader, adminRequest(shop, "/app/automation"));
    // WHEN
    const answer = ok(await post(shop, { intent: "save_rules", rules: { ...STARTER, refund_on_receipt: { enabled: true, maxValueMinor: 15000 } } }));
    // THEN
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "Rules version 2 saved." } });
    const { data } = ok(await load(loader, adminRequest(shop, "/app/automation")));
    expect(data).toMatchObject({ version: 2, savedBy: "staff:42", rules: { refund_on_receipt: { enabled: true, maxValueMinor: 15000 } } });
    expect(await prisma.ruleSet.count({ where: { shop } })).toBe(2);
    expect(await prisma.auditEvent.findFirst({ where: { shop, action: "rules.saved" }, select: { actor: true, data: true } })).toEqual({
      actor: "staff:42",
      data: { version: 2, enabled: ["auto_approve", "refund_on_receipt"] },
    });
  });

  it("answers 422 with each field's message and saves nothing, for bad rules, an unknown assignee and an unknown intent", async () => {
    const shop = newShop("rules-invalid");
    await load(loader, adminRequest(shop, "/app/automation"));
    const bad = ok(await post(shop, { intent: "save_rules", rules: { ...STARTER, review_signal: { enabled: true, serialCount: null, serialDays: 400, valueThresholdMinor: null } } }));
    expect(bad).toEqual({
      status: 422,
      data: {
        ok: false,
        message: "The rules have errors; fix the marked fields.",
        errors: {
          "review_signal.serialDays": ["The serial-returner period must be between 1 and 365."],
          "review_signal.serialCount": ["Set a returns count or a value threshold for the review signal, or switch it off."],
        },
      },
    });
    const stranger = ok(await post(shop, { intent: "save_rules", rules: { ...STARTER, sla_escalation: { enabled: true, fallbackAssignee: "staff:777" } } }));
    expect(stranger.status).toBe(422);
    expect(stranger.data).toMatchObject({ errors: { "sla_escalation.fallbackAssignee": ["Pick a staff member who has opened Aftercare in this shop, or leave it empty for the queue."] } });
    expect(ok(await post(shop, { intent: "delete_rules" })).status).toBe(422);
    expect(await prisma.ruleSet.count({ where: { shop } })).toBe(1);
  });

  it("previews a draft over the last 30 days without saving it", async () => {
    // GIVEN one approved $8.00 refund this week
    const shop = newShop("rules-preview");
    await load(loader, adminRequest(shop, "/app/automation"));
    const rc = await createReturnCase(shop, { orderName: "#77", lines: [{ unitPriceMinor: 800, quantityRequested: 1 }] });
    await prisma.returnCase.updateMany({ where: { id: rc.id, shop }, data: { status: "approved", approvedAt: new Date(Date.now() - 60_000) } });
    // WHEN the merchant previews a draft with green returns up to $10
    const answer = ok(await post(shop, { intent: "preview", rules: { ...STARTER, green_return: { enabled: true, maxValueMinor: 1000 } } }));
    // THEN the preview names the return, and the saved rules did not change
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      ok: true,
      preview: { rules: expect.arrayContaining([{ ruleKey: "green_return", enabled: true, judged: 1, acted: 1, samples: [expect.objectContaining({ entityId: rc.id, label: "Return for #77" })] }]) },
    });
    expect(await prisma.ruleSet.count({ where: { shop } })).toBe(1);
    expect(await prisma.ruleRun.count({ where: { shop } })).toBe(0);
    // AND a bad draft is refused like a bad save
    expect(ok(await post(shop, { intent: "preview", rules: { ...STARTER, green_return: { enabled: true, maxValueMinor: -1 } } })).status).toBe(422);
  });

  it("lists the recent runs with their facts, 20 a page, this shop's only", async () => {
    const shop = newShop("rules-runs");
    const other = newShop("rules-runs-other");
    await load(loader, adminRequest(shop, "/app/automation"));
    const run = (s: string, i: number) => ({
      shop: s,
      ruleKey: "review_signal",
      ruleSetVersion: 1,
      entityType: "return",
      entityId: `rc_${i}`,
      trigger: "return.requested",
      facts: { recentReturns: i },
      decision: "skip",
      reasons: ["No review signal."],
      outcome: "skipped",
      createdAt: new Date(Date.UTC(2026, 11, 1, 0, i)),
    });
    await prisma.ruleRun.createMany({ data: [...Array.from({ length: 21 }, (_, i) => run(shop, i)), run(other, 99)] });
    const first = ok(await load(loader, adminRequest(shop, "/app/automation"))).data;
    const second = ok(await load(loader, adminRequest(shop, "/app/automation?page=2"))).data;
    expect([first.runs.length, first.hasMore, second.runs.length, second.hasMore]).toEqual([20, true, 1, false]);
    expect(first.runs[0]).toMatchObject({ entityId: "rc_20", title: "Review serial returners and high values", facts: { recentReturns: 20 }, reasons: ["No review signal."], outcome: "skipped" });
    expect(second.runs[0]?.entityId).toBe("rc_0");
  });
});
