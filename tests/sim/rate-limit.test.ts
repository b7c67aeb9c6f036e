import { describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../support/shopify-sim";
import { NOW, pick, simulator } from "./support";

describe("cost-based rate limit", () => {
  it("reports the requested and actual cost with the bucket state", async () => {
    // GIVEN a fresh Standard-plan bucket (2000 points, 100/s)
    const sim = simulator();
    // WHEN a connection of 10 orders is read (2 + 10 × 1 requested; 2 + 10 returned)
    const { body } = await sim.graphql(DEMO_SHOP, "{ orders(first: 10) { nodes { id } } }");
    // THEN extensions.cost is Shopify's shape
    expect(pick(body, "extensions")).toEqual({
      cost: { requestedQueryCost: 12, actualQueryCost: 12, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 } },
    });
  });

  it("throttles when the bucket is empty and restores with time", async () => {
    // GIVEN a 3-point bucket restoring 1 point/s and a controllable clock
    let t = NOW;
    const sim = simulator({ now: () => t });
    sim.setRateLimit(DEMO_SHOP, { maximumAvailable: 3, restoreRate: 1 });
    // WHEN four 1-point queries arrive at once, then one more a second later
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await sim.graphql(DEMO_SHOP, "{ shop { name } }"));
    t += 1000;
    const later = await sim.graphql(DEMO_SHOP, "{ shop { name } }");
    // THEN the fourth is THROTTLED with no data, and the one after a second passes
    expect(answers.map((a) => pick(a.body, "extensions", "cost", "throttleStatus", "currentlyAvailable"))).toEqual([2, 1, 0, 0]);
    expect(answers[3]?.body).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: 1, actualQueryCost: null, throttleStatus: { maximumAvailable: 3, currentlyAvailable: 0, restoreRate: 1 } } },
    });
    expect(pick(later.body, "data", "shop", "name")).toBe("Aftercare Demo Store");
  });

  it("refuses a single query above 1000 points before running it", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN 250 orders × 250 line items are asked for
    const { body } = await sim.graphql(DEMO_SHOP, "{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }");
    // THEN MAX_COST_EXCEEDED, cost 2 + 250 × (1 + 2 + 250)
    expect(pick(body, "errors", 0, "extensions")).toEqual({ code: "MAX_COST_EXCEEDED", cost: 63252, maxCost: 1000 });
    expect(pick(body, "data")).toBeUndefined();
  });
});
