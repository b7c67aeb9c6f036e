import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { getCurrentPolicy, getPolicyVersion, savePolicyVersion } from "~/policy/policy.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`policies (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("gives a shop without a policy version 1 of the starter policy", async () => {
    // GIVEN
    const shop = uniqueShop("policy");
    // WHEN
    const policy = await getCurrentPolicy(shop);
    // THEN
    expect(policy).toMatchObject({ ...DEFAULT_POLICY, shop, version: 1, createdBy: "system" });
    expect(await prisma.policy.count({ where: { shop } })).toBe(1);
  });

  it("creates version 1 only once when two first requests race", async () => {
    // GIVEN
    const shop = uniqueShop("policy-race");
    // WHEN
    const [a, b, c] = await Promise.all([getCurrentPolicy(shop), getCurrentPolicy(shop), getCurrentPolicy(shop)]);
    // THEN
    expect([a?.version, b?.version, c?.version]).toEqual([1, 1, 1]);
    expect(new Set([a?.id, b?.id, c?.id]).size).toBe(1);
    expect(await prisma.policy.count({ where: { shop } })).toBe(1);
  });

  it("saves a new version instead of editing the old one, and audits the save", async () => {
    // GIVEN
    const shop = uniqueShop("policy-save");
    const v1 = await getCurrentPolicy(shop);
    // WHEN
    const v2 = await savePolicyVersion(shop, { ...DEFAULT_POLICY, returnWindowDays: 60, restockingFeeBps: 1500 }, "staff:9");
    // THEN
    expect([v2.version, v2.returnWindowDays, v2.restockingFeeBps, v2.createdBy]).toEqual([2, 60, 1500, "staff:9"]);
    expect((await getPolicyVersion(shop, 1)).returnWindowDays).toBe(30);
    expect((await getCurrentPolicy(shop)).id).toBe(v2.id);
    expect(v1.id).not.toBe(v2.id);
    expect((await listAudit(shop, "policy", v2.id)).map(({ actor, action, data }) => ({ actor, action, data }))).toEqual([
      { actor: "staff:9", action: "policy.saved", data: { version: 2 } },
    ]);
  });

  it("round-trips money thresholds beyond 32 bits and the reason list", async () => {
    // GIVEN an IDR shop with large thresholds
    const shop = uniqueShop("policy-idr");
    const input = { ...DEFAULT_POLICY, manualReviewThresholdMinor: 5_000_000_000_00, keepItemThresholdMinor: null, returnShippingFeeMinor: 2_500_000_00 };
    // WHEN
    await savePolicyVersion(shop, input, "staff:1");
    // THEN
    const read = await getCurrentPolicy(shop);
    expect(read).toMatchObject({ ...input, version: 1 });
  });

  it("lands every one of several parallel saves as its own version", async () => {
    // GIVEN
    const shop = uniqueShop("policy-parallel");
    // WHEN five staff members save at once
    const saved = await Promise.all(
      [10, 20, 30, 40, 50].map((days) => savePolicyVersion(shop, { ...DEFAULT_POLICY, returnWindowDays: days }, "staff:1")),
    );
    // THEN
    expect(saved.map((p) => p.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    const rows = await prisma.policy.findMany({ where: { shop }, orderBy: { version: "asc" } });
    expect(rows.map((r) => r.returnWindowDays).sort((a, b) => a - b)).toEqual([10, 20, 30, 40, 50]);
    expect((await getCurrentPolicy(shop)).version).toBe(5);
  });

  it("refuses an invalid policy with the field messages and saves nothing", async () => {
    // GIVEN
    const shop = uniqueShop("policy-invalid");
    // WHEN
    const attempt = savePolicyVersion(shop, { ...DEFAULT_POLICY, returnWindowDays: 400 }, "staff:1");
    // THEN
    await expect(attempt).rejects.toThrow(
      expect.objectContaining({
        code: "invalid",
        message: "The return policy has errors; fix the marked fields.",
        details: { fieldErrors: { returnWindowDays: ["The return window must be between 0 and 365 days."] }, formErrors: [] },
      }),
    );
    expect(await prisma.policy.count({ where: { shop } })).toBe(0);
  });

  it("answers not found for a version that does not exist", async () => {
    // GIVEN
    const shop = uniqueShop("policy-missing");
    await getCurrentPolicy(shop);
    // WHEN / THEN
    await expect(getPolicyVersion(shop, 2)).rejects.toThrow(new DomainError("not_found", "Policy version 2 was not found."));
  });

  it("never reads or numbers after another shop's policies", async () => {
    // GIVEN another shop at version 3 with a 90-day window
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    for (let i = 0; i < 3; i++) await savePolicyVersion(other, { ...DEFAULT_POLICY, returnWindowDays: 90 }, "staff:2");
    // WHEN
    const current = await getCurrentPolicy(mine);
    const saved = await savePolicyVersion(mine, { ...DEFAULT_POLICY, returnWindowDays: 14 }, "staff:1");
    // THEN mine starts at 1 and sees none of theirs
    expect([current.version, current.returnWindowDays, saved.version]).toEqual([1, 30, 2]);
    await expect(getPolicyVersion(mine, 3)).rejects.toThrow("Policy version 3 was not found.");
    // AND theirs is untouched
    const theirs = await prisma.policy.findMany({ where: { shop: other }, orderBy: { version: "asc" } });
    expect(theirs.map((p) => [p.version, p.returnWindowDays])).toEqual([[1, 90], [2, 90], [3, 90]]);
  });
});
