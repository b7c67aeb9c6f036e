import { describe, expect, it } from "vitest";
import { namesByUserId, staffDisplayName, staffEmail, staffUserId } from "~/staff/names";

describe("a staff member's name", () => {
  it("is first and last name from the online session's user", () => {
    expect(staffDisplayName({ id: 42, first_name: "Sam", last_name: "Novak" })).toBe("Sam Novak");
    expect(staffDisplayName({ id: 42, first_name: " Sam ", last_name: "" })).toBe("Sam");
    expect(staffDisplayName({ id: 42, first_name: null, last_name: "Novak" })).toBe("Novak");
  });

  it("is 'Staff <id>' when Shopify gave no name", () => {
    expect(staffDisplayName({ id: 42 })).toBe("Staff 42");
    expect(staffDisplayName({ id: "84785430582", first_name: "  ", last_name: undefined })).toBe("Staff 84785430582");
  });

  it("reads the text 'null' of a session loaded from storage as no name", () => {
    // PrismaSessionStorage turns a missing name column into String(null).
    expect(staffDisplayName({ id: 42, first_name: "Sam", last_name: "null" })).toBe("Sam");
    expect(staffDisplayName({ id: 42, first_name: "null", last_name: "null" })).toBe("Staff 42");
    expect([staffEmail({ id: 42, email: "null" }), staffEmail({ id: 42, email: "sam@example.com" })]).toEqual([null, "sam@example.com"]);
  });

  it("is looked up by the user id of a staff actor only", () => {
    expect(["staff:42", "staff:", "system", "portal", "webhook", "staffer:1"].map(staffUserId)).toEqual(["42", null, null, null, null, null]);
  });
});

describe("the directory as names by user id", () => {
  it("keys each staff member's name by their user id, for actorLabel", () => {
    expect(namesByUserId([{ actor: "staff:42", name: "Sam Novak" }, { actor: "staff:43", name: "Priya Novak" }])).toEqual({ "42": "Sam Novak", "43": "Priya Novak" });
    expect(namesByUserId([])).toEqual({});
  });
});
