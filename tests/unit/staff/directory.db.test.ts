import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordStaffMember, staffNames } from "~/staff/directory.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`the staff directory (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("keeps one row per shop and user: a later session updates the name and email", async () => {
    // GIVEN user 42 recorded once
    const shop = uniqueShop("staff");
    const first = await recordStaffMember(shop, { id: 42, first_name: "Sam", last_name: "Novak", email: "sam@example.com" });
    expect(first).toMatchObject({ userId: "42", name: "Sam Novak", email: "sam@example.com" });
    // WHEN a later online session says they changed their name
    await recordStaffMember(shop, { id: 42, first_name: "Samantha", last_name: "Novak", email: "samantha@example.com" });
    // THEN the same row holds the new name
    const rows = await prisma.staffMember.findMany({ where: { shop } });
    expect(rows.map((row) => [row.userId, row.name, row.email])).toEqual([["42", "Samantha Novak", "samantha@example.com"]]);
    expect(rows[0]?.id).toBe((await prisma.staffMember.findFirstOrThrow({ where: { shop, userId: "42" } })).id);
  });

  it("records the same user twice at once as one row", async () => {
    // GIVEN two first requests of the same user, racing
    const shop = uniqueShop("race");
    const user = { id: 7, first_name: "Mei", last_name: "Chen", email: null };
    // WHEN
    await Promise.all([recordStaffMember(shop, user), recordStaffMember(shop, user)]);
    // THEN
    expect(await prisma.staffMember.count({ where: { shop } })).toBe(1);
  });

  it("names a user without a first or last name 'Staff <id>'", async () => {
    const shop = uniqueShop("nameless");
    expect(await recordStaffMember(shop, { id: 9, first_name: "", last_name: null })).toMatchObject({ name: "Staff 9", email: null });
  });

  it("reads only this shop's staff, only for staff actors, in one map by user id", async () => {
    // GIVEN user 42 in this shop, user 77 only in another shop
    const shop = uniqueShop("mine");
    const other = uniqueShop("theirs");
    await recordStaffMember(shop, { id: 42, first_name: "Sam", last_name: "Novak" });
    await recordStaffMember(other, { id: 42, first_name: "Not", last_name: "Sam" });
    await recordStaffMember(other, { id: 77, first_name: "Someone", last_name: "Elsewhere" });
    // WHEN the page's actors are resolved
    const names = await staffNames(shop, ["staff:42", "staff:77", "staff:42", "system", "portal", "webhook"]);
    // THEN
    expect(names).toEqual({ "42": "Sam Novak" });
    expect(await staffNames(shop, ["system", "portal"])).toEqual({});
    expect(await staffNames(other, ["staff:42", "staff:77"])).toEqual({ "42": "Not Sam", "77": "Someone Elsewhere" });
  });
});
