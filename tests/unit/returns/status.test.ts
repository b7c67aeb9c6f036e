import { describe, expect, it } from "vitest";
import {
  agreesWithShopify,
  ALLOWED_TRANSITIONS,
  assertTransition,
  canTransition,
  fromShopifyReturnStatus,
  isTerminal,
  MILESTONE_FIELD,
  parseReturnStatus,
  RETURN_STATUSES,
  SHOPIFY_RETURN_STATUSES,
  toShopifyReturnStatus,
  type ReturnStatus,
} from "~/returns/status";

describe("the return status table", () => {
  it("allows exactly the transitions of the lifecycle", () => {
    // GIVEN / WHEN
    const edges = RETURN_STATUSES.flatMap((from) => RETURN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    // THEN
    expect(edges).toEqual([
      "requested→needs_review",
      "requested→approved",
      "requested→declined",
      "requested→canceled",
      "needs_review→approved",
      "needs_review→declined",
      "needs_review→canceled",
      "approved→received",
      "approved→resolved",
      "approved→canceled",
      "received→resolved",
      "resolved→closed",
    ]);
  });

  it("lets an approved keep-the-item return resolve without being received", () => {
    // GIVEN / WHEN / THEN
    expect(canTransition("approved", "resolved")).toBe(true);
  });

  it("treats declined, closed and canceled as terminal", () => {
    // GIVEN / WHEN / THEN
    expect(RETURN_STATUSES.filter(isTerminal)).toEqual(["declined", "closed", "canceled"]);
  });

  it("stamps one milestone per status, except needs_review", () => {
    // GIVEN / WHEN / THEN
    expect(MILESTONE_FIELD).toEqual({
      requested: "requestedAt",
      needs_review: null,
      approved: "approvedAt",
      declined: "declinedAt",
      received: "receivedAt",
      resolved: "resolvedAt",
      closed: "closedAt",
      canceled: "canceledAt",
    });
  });

  it("names the return and both states when a move is forbidden", () => {
    // GIVEN / WHEN / THEN
    expect(() => assertTransition({ id: "rc_123", status: "closed" }, "approved")).toThrow(
      expect.objectContaining({ name: "DomainError", code: "conflict", message: "Return rc_123 is closed and cannot be approved." }),
    );
    expect(() => assertTransition({ id: "rc_123", status: "requested" }, "received")).toThrow(
      "Return rc_123 is still a request and cannot be received.",
    );
    expect(() => assertTransition({ id: "rc_123", status: "received" }, "canceled")).toThrow(
      "Return rc_123 is received and cannot be canceled.",
    );
    expect(() => assertTransition({ id: "rc_123", status: "needs_review" }, "needs_review")).toThrow(
      "Return rc_123 is already in review.",
    );
    expect(() => assertTransition({ id: "rc_123", status: "approved" }, "approved")).toThrow("Return rc_123 is already approved.");
  });

  it("throws a conflict, mapped to HTTP 409, for every forbidden move and nothing for an allowed one", () => {
    for (const from of RETURN_STATUSES) {
      for (const to of RETURN_STATUSES) {
        const allowed = (ALLOWED_TRANSITIONS[from] as readonly ReturnStatus[]).includes(to);
        const attempt = () => assertTransition({ id: "rc_1", status: from }, to);
        if (allowed) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(expect.objectContaining({ code: "conflict" }));
      }
    }
  });

  it("rejects a stored status outside the table", () => {
    // GIVEN / WHEN / THEN
    expect(parseReturnStatus("approved")).toBe("approved");
    expect(() => parseReturnStatus("APPROVED")).toThrow('"APPROVED" is not a return status.');
  });
});

describe("the Shopify ReturnStatus mapping", () => {
  it("maps each of our statuses to Shopify's", () => {
    // GIVEN / WHEN / THEN
    expect(Object.fromEntries(RETURN_STATUSES.map((s) => [s, toShopifyReturnStatus(s)]))).toEqual({
      requested: "REQUESTED",
      needs_review: "REQUESTED",
      approved: "OPEN",
      declined: "DECLINED",
      received: "OPEN",
      resolved: "OPEN",
      closed: "CLOSED",
      canceled: "CANCELED",
    });
  });

  it("maps Shopify's statuses back to the coarse status a mirrored return starts in", () => {
    // GIVEN / WHEN / THEN
    expect(SHOPIFY_RETURN_STATUSES.map(fromShopifyReturnStatus)).toEqual(["requested", "approved", "declined", "closed", "canceled"]);
  });

  it("round-trips every Shopify status", () => {
    for (const status of SHOPIFY_RETURN_STATUSES) expect(toShopifyReturnStatus(fromShopifyReturnStatus(status))).toBe(status);
  });

  it("agrees with Shopify when it closed a resolved return by itself, and spots drift", () => {
    // GIVEN / WHEN / THEN
    expect(agreesWithShopify("resolved", "CLOSED")).toBe(true);
    expect(agreesWithShopify("received", "OPEN")).toBe(true);
    expect(agreesWithShopify("needs_review", "REQUESTED")).toBe(true);
    expect(agreesWithShopify("approved", "DECLINED")).toBe(false);
    expect(agreesWithShopify("closed", "OPEN")).toBe(false);
  });
});
