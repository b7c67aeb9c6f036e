import { describe, expect, it } from "vitest";
import {
  agreesWithShopify,
  followShopify,
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
      "approved→closed",
      "approved→canceled",
      "received→resolved",
      "received→closed",
      "resolved→closed",
      "closed→approved",
      "closed→received",
      "closed→resolved",
    ]);
  });

  it("lets an approved keep-the-item return resolve without being received", () => {
    // GIVEN / WHEN / THEN
    expect(canTransition("approved", "resolved")).toBe(true);
  });

  it("treats declined and canceled as terminal; a closed return can be reopened in Shopify", () => {
    // GIVEN / WHEN / THEN
    expect(RETURN_STATUSES.filter(isTerminal)).toEqual(["declined", "canceled"]);
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
    expect(() => assertTransition({ id: "rc_123", status: "declined" }, "approved")).toThrow(
      expect.objectContaining({ name: "DomainError", code: "conflict", message: "Return rc_123 is declined and cannot be approved." }),
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

describe("following Shopify's status (mirrored returns)", () => {
  const nothing = { received: false, resolved: false };

  it("moves an undecided return to where Shopify decided it, through approval when Shopify closed it", () => {
    // GIVEN / WHEN / THEN
    expect(followShopify("requested", "OPEN", nothing)).toEqual({ kind: "move", path: ["approved"] });
    expect(followShopify("needs_review", "DECLINED", nothing)).toEqual({ kind: "move", path: ["declined"] });
    expect(followShopify("requested", "CANCELED", nothing)).toEqual({ kind: "move", path: ["canceled"] });
    expect(followShopify("needs_review", "CLOSED", nothing)).toEqual({ kind: "move", path: ["approved", "closed"] });
  });

  it("is in step where the statuses agree, which makes echoes of our own changes no-ops", () => {
    // GIVEN / WHEN / THEN
    expect(followShopify("needs_review", "REQUESTED", nothing)).toEqual({ kind: "in_step" });
    expect(followShopify("received", "OPEN", { received: true, resolved: false })).toEqual({ kind: "in_step" });
    expect(followShopify("resolved", "OPEN", { received: true, resolved: true })).toEqual({ kind: "in_step" });
    expect(followShopify("declined", "DECLINED", nothing)).toEqual({ kind: "in_step" });
    expect(followShopify("closed", "CLOSED", nothing)).toEqual({ kind: "in_step" });
  });

  it("reopens a closed return to the furthest milestone it had reached, never behind it", () => {
    // GIVEN / WHEN / THEN
    expect(followShopify("closed", "OPEN", { received: true, resolved: true })).toEqual({ kind: "move", path: ["resolved"] });
    expect(followShopify("closed", "OPEN", { received: true, resolved: false })).toEqual({ kind: "move", path: ["received"] });
    expect(followShopify("closed", "OPEN", nothing)).toEqual({ kind: "move", path: ["approved"] });
  });

  it("will not undo what Aftercare did: a received return is not canceled, a decided one not taken back", () => {
    // GIVEN / WHEN / THEN
    expect(followShopify("received", "CANCELED", { received: true, resolved: false })).toEqual({ kind: "drift" });
    expect(followShopify("approved", "REQUESTED", nothing)).toEqual({ kind: "drift" });
    expect(followShopify("approved", "DECLINED", nothing)).toEqual({ kind: "drift" });
    expect(followShopify("canceled", "OPEN", nothing)).toEqual({ kind: "drift" });
  });

  it("only ever walks edges of the status table, and ends where Shopify stands", () => {
    for (const ours of RETURN_STATUSES) {
      for (const theirs of SHOPIFY_RETURN_STATUSES) {
        for (const reached of [nothing, { received: true, resolved: false }, { received: true, resolved: true }]) {
          // GIVEN / WHEN
          const step = followShopify(ours, theirs, reached);
          if (step.kind !== "move") continue;
          // THEN every step is allowed and the last one agrees with Shopify
          const edges = step.path.map((to, i) => [i === 0 ? ours : step.path[i - 1], to] as const);
          for (const [from, to] of edges) expect(canTransition(from ?? ours, to), `${ours}→${theirs}: ${from}→${to}`).toBe(true);
          expect(agreesWithShopify(step.path[step.path.length - 1] ?? ours, theirs), `${ours}→${theirs}`).toBe(true);
        }
      }
    }
  });
});
