import { describe, expect, it } from "vitest";
import { retention } from "~/metrics/calculate";
import { OCTOBER } from "./retention-fixture";

describe("retention after a return", () => {
  it("counts the customers who ordered again within 90 days of one of their returns", () => {
    expect(retention(OCTOBER)).toEqual({ customers: 5, retained: 3, rate: 0.6, windowDays: 90 });
  });

  it("does not count an order placed one millisecond after the window", () => {
    // GIVEN dan's order of the window's last instant one millisecond later
    const last = new Date("2027-01-13T12:00:00Z").getTime();
    const facts = { ...OCTOBER, orders: OCTOBER.orders.map((o) => (o.createdAt.getTime() === last ? { ...o, createdAt: new Date(last + 1) } : o)) };
    // THEN dan is no longer retained
    expect(retention(facts)).toMatchObject({ customers: 5, retained: 2, rate: 0.4 });
  });

  it("is null, not 0 %, when no returning customer is known", () => {
    expect(retention({ returns: [], orders: [] })).toEqual({ customers: 0, retained: 0, rate: null, windowDays: 90 });
  });
});
