import { afterAll, describe, expect, it } from "vitest";
import { listAudit, recordAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`the audit trail (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("lists an entity's events oldest first with actor, action and data", async () => {
    // GIVEN
    const shop = uniqueShop("audit");
    await prisma.$transaction((tx) =>
      recordAudit(tx, shop, { actor: "portal", action: "return.requested", entityType: "return", entityId: "rc_1", data: { lines: 2 } }),
    );
    await prisma.$transaction((tx) =>
      recordAudit(tx, shop, { actor: "staff:42", action: "return.approved", entityType: "return", entityId: "rc_1", data: { from: "requested", to: "approved" } }),
    );
    await prisma.$transaction((tx) => recordAudit(tx, shop, { actor: "system", action: "return.approved", entityType: "return", entityId: "rc_2" }));
    // WHEN
    const trail = await listAudit(shop, "return", "rc_1");
    // THEN
    expect(trail.map(({ actor, action, data }) => ({ actor, action, data }))).toEqual([
      { actor: "portal", action: "return.requested", data: { lines: 2 } },
      { actor: "staff:42", action: "return.approved", data: { from: "requested", to: "approved" } },
    ]);
  });

  it("keeps events of one instant in the order they were written", async () => {
    // GIVEN five events written back to back in one transaction
    const shop = uniqueShop("audit-order");
    await prisma.$transaction(async (tx) => {
      for (let step = 1; step <= 5; step++) {
        await recordAudit(tx, shop, { actor: "system", action: `step.${step}`, entityType: "job", entityId: "j1" });
      }
    });
    // WHEN
    const trail = await listAudit(shop, "job", "j1");
    // THEN
    expect(trail.map((e) => e.action)).toEqual(["step.1", "step.2", "step.3", "step.4", "step.5"]);
  });

  it("never shows another shop's events for the same entity id", async () => {
    // GIVEN the same entity id in two shops
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    await prisma.$transaction((tx) => recordAudit(tx, other, { actor: "system", action: "return.approved", entityType: "return", entityId: "rc_same" }));
    // WHEN
    const trail = await listAudit(mine, "return", "rc_same");
    // THEN
    expect(trail).toEqual([]);
    expect(await listAudit(other, "return", "rc_same")).toHaveLength(1);
  });

  it("refuses personal data in the event data", async () => {
    // GIVEN
    const shop = uniqueShop("audit-pii");
    // WHEN / THEN
    await expect(
      prisma.$transaction((tx) =>
        recordAudit(tx, shop, { actor: "portal", action: "ticket.created", entityType: "ticket", entityId: "t1", data: { customer: { email: "a@b.c" } } }),
      ),
    ).rejects.toThrow(new DomainError("invalid", 'Audit data for ticket t1 must not hold personal data (key "email").'));
    expect(await listAudit(shop, "ticket", "t1")).toEqual([]);
  });

  it("refuses an actor outside system, webhook, portal and staff:<id>", async () => {
    // GIVEN
    const shop = uniqueShop("audit-actor");
    // WHEN / THEN
    await expect(
      prisma.$transaction((tx) => recordAudit(tx, shop, { actor: "bob", action: "x", entityType: "return", entityId: "rc_1" })),
    ).rejects.toThrow('Audit actor "bob" must be system, webhook, portal or staff:<id>.');
  });

  it("is rolled back with the change it describes", async () => {
    // GIVEN
    const shop = uniqueShop("audit-rollback");
    // WHEN the transaction fails after writing the event
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, shop, { actor: "system", action: "return.approved", entityType: "return", entityId: "rc_1" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    // THEN
    expect(await listAudit(shop, "return", "rc_1")).toEqual([]);
  });
});
