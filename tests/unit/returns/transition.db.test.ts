import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "~/audit/audit.server";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { transitionReturn } from "~/returns/transition.server";
import { createReturnCase, uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`transitionReturn (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("approves a requested return, stamps approvedAt and audits it in one go", async () => {
    // GIVEN
    const shop = uniqueShop("approve");
    const rc = await createReturnCase(shop);
    const at = new Date("2026-05-01T12:00:00.000Z");
    // WHEN
    const result = await transitionReturn(shop, rc.id, "approved", "staff:42", { at, data: { note: "within policy" } });
    // THEN
    expect(result).toEqual({ id: rc.id, from: "requested", to: "approved", at });
    const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } });
    expect({ status: row.status, approvedAt: row.approvedAt, declinedAt: row.declinedAt }).toEqual({ status: "approved", approvedAt: at, declinedAt: null });
    const trail = await listAudit(shop, "return", rc.id);
    expect(trail.map(({ actor, action, data }) => ({ actor, action, data }))).toEqual([
      { actor: "staff:42", action: "return.approved", data: { from: "requested", to: "approved", note: "within policy" } },
    ]);
  });

  it("walks the whole lifecycle, stamping each milestone", async () => {
    // GIVEN
    const shop = uniqueShop("lifecycle");
    const rc = await createReturnCase(shop);
    // WHEN
    for (const to of ["approved", "received", "resolved", "closed"] as const) await transitionReturn(shop, rc.id, to, "system");
    // THEN
    const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } });
    expect(row.status).toBe("closed");
    expect([row.approvedAt, row.receivedAt, row.resolvedAt, row.closedAt].every((d) => d instanceof Date)).toBe(true);
    expect((await listAudit(shop, "return", rc.id)).map((e) => e.action)).toEqual([
      "return.approved",
      "return.received",
      "return.resolved",
      "return.closed",
    ]);
  });

  it("stores the decline reason when declining", async () => {
    // GIVEN
    const shop = uniqueShop("decline");
    const rc = await createReturnCase(shop);
    // WHEN
    await transitionReturn(shop, rc.id, "declined", "staff:7", { declineReason: "Worn item" });
    // THEN
    const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } });
    expect([row.status, row.declineReason, row.declinedAt instanceof Date]).toEqual(["declined", "Worn item", true]);
  });

  it("refuses a move the table forbids, changes nothing and audits nothing", async () => {
    // GIVEN a declined return
    const shop = uniqueShop("declined");
    const rc = await createReturnCase(shop, { status: "declined" });
    // WHEN / THEN
    await expect(transitionReturn(shop, rc.id, "approved", "staff:1")).rejects.toThrow(
      expect.objectContaining({ code: "conflict", message: `Return ${rc.id} is declined and cannot be approved.` }),
    );
    const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } });
    expect([row.status, row.approvedAt]).toEqual(["declined", null]);
    expect(await listAudit(shop, "return", rc.id)).toEqual([]);
  });

  it("cannot see or move another shop's return", async () => {
    // GIVEN a return of another shop
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    const theirs = await createReturnCase(other);
    // WHEN / THEN
    await expect(transitionReturn(mine, theirs.id, "approved", "staff:1")).rejects.toThrow(
      new DomainError("not_found", `Return ${theirs.id} was not found.`),
    );
    const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: theirs.id } });
    expect([row.status, row.approvedAt]).toEqual(["requested", null]);
    expect(await listAudit(mine, "return", theirs.id)).toEqual([]);
    expect(await listAudit(other, "return", theirs.id)).toEqual([]);
  });

  it("lets exactly one of a parallel approve and decline win; the other gets a conflict", async () => {
    // Ten rounds, each on a fresh return: the two transactions must overlap at least
    // once for the race to be real, and every round must have one winner.
    for (let round = 0; round < 10; round++) {
      // GIVEN
      const shop = uniqueShop("race");
      const rc = await createReturnCase(shop);
      // WHEN two staff members act at the same moment
      const outcomes = await Promise.allSettled([
        transitionReturn(shop, rc.id, "approved", "staff:1"),
        transitionReturn(shop, rc.id, "declined", "staff:2"),
      ]);
      // THEN
      const won = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
      const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
      expect([won.length, lost.length]).toEqual([1, 1]);
      const loser = lost[0];
      expect(loser).toBeInstanceOf(DomainError);
      // SQLite serializes the transactions, so the loser sees the winner's status; on
      // PostgreSQL it may instead wait on the row lock and find 0 rows to update.
      expect(loser).toMatchObject({
        code: "conflict",
        message: expect.stringMatching(
          new RegExp(`^Return ${rc.id} (changed meanwhile; reload it and try again\\.|is (approved|declined) and cannot be (approved|declined)\\.)$`),
        ),
      });
      const winner = won[0]?.to;
      const row = await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } });
      expect(row.status).toBe(winner);
      expect((await listAudit(shop, "return", rc.id)).map((e) => e.action)).toEqual([`return.${winner}`]);
    }
  });

  it("lets exactly one of many parallel approvals win", async () => {
    // GIVEN
    const shop = uniqueShop("race-many");
    const rc = await createReturnCase(shop);
    // WHEN
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => transitionReturn(shop, rc.id, "approved", `staff:${i}`)));
    // THEN
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await listAudit(shop, "return", rc.id)).toHaveLength(1);
  });
});
