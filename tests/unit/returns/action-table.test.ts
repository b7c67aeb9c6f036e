import { describe, expect, it } from "vitest";
import { availableActions, type PageIntent } from "~/components/returns/available-actions";
import {
  actionForIntent,
  assertActionStatus,
  assertReturnAction,
  refusalOf,
  RETURN_ACTION_IDS,
  RETURN_ACTIONS,
  shopifyNextStep,
  type ReturnActionId,
  type ReturnFacts,
} from "~/returns/action-table";
import { RETURN_ACTION_INTENTS } from "~/returns/actions.schemas";
import { canTransition, describeStatus, RETURN_STATUSES, type ReturnStatus } from "~/returns/status";

const usd = (amountMinor: number) => ({ amountMinor, currencyCode: "USD" });

/** A return nothing but its status holds back: in Shopify, an exchange item, a unit still to come, no money moved. */
function facts(overrides: Partial<ReturnFacts> = {}): ReturnFacts {
  return {
    id: "rc_123",
    name: "#1001-R1",
    status: "approved",
    resolution: "refund",
    inShopify: true,
    exchangeItems: 1,
    unitsToReceive: 1,
    payout: null,
    moneyMoved: false,
    ...overrides,
  };
}

// The spec, written out: the statuses each action is allowed in.
const ALLOWED: Record<ReturnActionId, ReturnStatus[]> = {
  approve: ["requested", "needs_review"],
  decline: ["requested", "needs_review"],
  receive: ["approved", "received"],
  refund: ["approved", "received"],
  store_credit: ["approved", "received"],
  exchange: ["approved", "received"],
  partial_refund: ["received"],
  goodwill_refund: ["resolved"],
  fee_override: ["requested", "needs_review", "approved", "received"],
  cancel: ["requested", "needs_review", "approved"],
  close: ["resolved"],
};

describe("the return action table", () => {
  describe.each(RETURN_ACTION_IDS.flatMap((action) => RETURN_STATUSES.map((status) => [action, status] as const)))("%s on a %s return", (action, status) => {
    it("is allowed exactly where the spec says, and otherwise refused in words naming the return", () => {
      // GIVEN a return in this status that nothing else holds back
      const f = facts({ status });
      // WHEN the table is asked
      const refusal = refusalOf(f, action);
      // THEN
      if (ALLOWED[action].includes(status)) {
        expect(refusal).toBeNull();
        expect(() => assertReturnAction(f, action)).not.toThrow();
      } else {
        // (the status words themselves, "still a request", "in review", are pinned in status.test.ts)
        const message = `Return #1001-R1 is ${describeStatus(status)} and cannot be ${RETURN_ACTIONS[action].verb}.`;
        expect(refusal).toEqual({ code: "conflict", message });
        expect(() => assertReturnAction(f, action)).toThrow(
          expect.objectContaining({ name: "DomainError", code: "conflict", message, details: { returnId: "rc_123", action, status } }),
        );
      }
    });
  });

  it("never allows an action in a status the lifecycle could not move from to the action's target", () => {
    // GIVEN every action that moves a return, WHEN its statuses are read, THEN status.ts allows each move
    for (const action of RETURN_ACTION_IDS) {
      const { moves, statuses } = RETURN_ACTIONS[action];
      if (!moves) continue;
      for (const from of statuses) {
        // receive on a received return records more items without moving it
        if (from === moves) continue;
        expect(canTransition(from, moves), `${action}: ${from} → ${moves}`).toBe(true);
      }
    }
  });

  it("names the return in the planner's status check, by id when it only knows the id", () => {
    expect(() => assertActionStatus({ id: "rc_123", status: "closed" }, "approve")).toThrow("Return rc_123 is closed and cannot be approved.");
    expect(() => assertActionStatus({ id: "rc_123", status: "received" }, "refund")).not.toThrow();
  });
});

describe("the guards beyond the status", () => {
  it("refuses to receive a return whose items are all back", () => {
    expect(refusalOf(facts({ status: "received", unitsToReceive: 0 }), "receive")).toEqual({
      code: "conflict",
      message: "All items of return #1001-R1 were already received.",
    });
  });

  it("refuses an exchange without exchange items", () => {
    expect(refusalOf(facts({ exchangeItems: 0 }), "exchange")).toEqual({
      code: "invalid",
      message: "Return #1001-R1 has no exchange items; refund it or issue store credit instead.",
    });
  });

  it("keeps one resolution per return once its money movement was written, even a refused one", () => {
    // GIVEN a refund of $41.44 was written (refused by Shopify) for a received return
    const f = facts({ status: "received", payout: { kind: "refund", status: "failed", amount: usd(4144) } });
    // WHEN the agent asks for store credit, an exchange, a refund or a partial refund
    // THEN only the refund kinds may go on
    expect(refusalOf(f, "store_credit")?.message).toBe("Return #1001-R1 is already being resolved with a refund of $41.44; it cannot also get store credit.");
    expect(refusalOf(f, "exchange")?.message).toBe("Return #1001-R1 is already being resolved with a refund of $41.44; it cannot also get an exchange.");
    expect(refusalOf(f, "refund")).toBeNull();
    expect(refusalOf(f, "partial_refund")).toBeNull();
    const credit = facts({ status: "received", payout: { kind: "store_credit", status: "pending", amount: usd(4144) } });
    expect(refusalOf(credit, "partial_refund")?.message).toBe("Return #1001-R1 is already being resolved with store credit of $41.44; it cannot also get a partial refund.");
  });

  it("lets a payout under way be finished after the return was resolved, and only that kind", () => {
    // GIVEN a resolved return whose refund succeeded
    const f = facts({ status: "resolved", payout: { kind: "refund", status: "succeeded", amount: usd(4144) } });
    // WHEN the same payout is asked again (a retry after a lost answer) or another one
    // THEN the retry may finish ("already done"); a new payout is refused by the status; another kind by the guard
    expect(refusalOf(f, "refund", { resume: true })).toBeNull();
    expect(refusalOf(f, "refund")?.message).toBe("Return #1001-R1 is resolved and cannot be refunded.");
    expect(refusalOf(f, "store_credit", { resume: true })?.message).toBe(
      "Return #1001-R1 is already being resolved with a refund of $41.44; it cannot also get store credit.",
    );
    // Actions that are no payout ignore `resume`.
    expect(refusalOf(f, "approve", { resume: true })?.message).toBe("Return #1001-R1 is resolved and cannot be approved.");
  });

  it("freezes the fee once the payout started, but not after a refused one", () => {
    expect(refusalOf(facts({ payout: { kind: "refund", status: "pending", amount: usd(100) } }), "fee_override")?.message).toBe(
      "Return #1001-R1 is already being paid out, so its fee can no longer change.",
    );
    expect(refusalOf(facts({ payout: { kind: "refund", status: "failed", amount: usd(100) } }), "fee_override")).toBeNull();
  });

  it("refuses to cancel a return with money moving or moved", () => {
    expect(refusalOf(facts({ moneyMoved: true }), "cancel")?.message).toBe(
      "Return #1001-R1 already has money moving or moved, so it cannot be canceled; resolve it instead.",
    );
  });

  it("writes amounts in the agent's locale", () => {
    const f = facts({ payout: { kind: "refund", status: "pending", amount: { amountMinor: 4144, currencyCode: "EUR" } } });
    expect(refusalOf(f, "store_credit", { locale: "de-DE" })?.message).toMatch(/a refund of 41,44\s€/);
  });
});

// Every combination of what the table reads, small enough to walk in full.
const SPACE: ReturnFacts[] = RETURN_STATUSES.flatMap((status) =>
  ["refund", "store_credit", "exchange", "keep"].flatMap((resolution) =>
    [null, ...(["refund", "store_credit", "exchange_balance"] as const).flatMap((kind) => (["pending", "succeeded", "failed"] as const).map((s) => ({ kind, status: s, amount: usd(4144) })))].flatMap(
      (payout) =>
        [true, false].flatMap((inShopify) =>
          [0, 1].flatMap((exchangeItems) =>
            [0, 2].flatMap((unitsToReceive) => [true, false].map((moneyMoved) => facts({ status, resolution, payout, inShopify, exchangeItems, unitsToReceive, moneyMoved }))),
          ),
        ),
    ),
  ),
);

describe("the page and the server agree by construction", () => {
  it("offers an action on the page exactly when the server's check lets it through", () => {
    // GIVEN every combination of facts; WHEN the page lists its actions and the server checks each intent
    for (const f of SPACE) {
      const offered = new Set<PageIntent>(availableActions(f));
      for (const intent of RETURN_ACTION_INTENTS) {
        let accepted = true;
        try {
          assertReturnAction(f, actionForIntent(intent, f));
        } catch {
          accepted = false;
        }
        // THEN the two answers are the same
        expect(offered.has(intent), `${intent} on ${JSON.stringify(f)}`).toBe(accepted);
      }
      expect([...offered].at(-1)).toBe("open_ticket");
    }
  });

  it("has a form intent for every table action but the goodwill refund, which a resolved return's partial refund reaches", () => {
    // GIVEN the table's actions and the intents the forms can post
    // WHEN each intent is mapped to its action on a resolved and an unresolved return
    const reached = new Set(RETURN_ACTION_INTENTS.flatMap((intent) => [actionForIntent(intent, { status: "received" }), actionForIntent(intent, { status: "resolved" })]));
    // THEN every action is reachable from some intent, and the intents are the table's order without goodwill_refund
    expect([...RETURN_ACTION_IDS].filter((action) => !reached.has(action))).toEqual([]);
    expect(RETURN_ACTION_INTENTS).toEqual(RETURN_ACTION_IDS.filter((action) => action !== "goodwill_refund"));
  });

  it("puts the next step first: approve a request, receive an approved return, pay the chosen way once items are back, close when resolved", () => {
    expect(availableActions(facts({ status: "needs_review" }))).toEqual(["approve", "decline", "fee_override", "cancel", "open_ticket"]);
    expect(availableActions(facts({ status: "approved", resolution: "store_credit" }))).toEqual([
      "receive",
      "store_credit",
      "refund",
      "exchange",
      "fee_override",
      "cancel",
      "open_ticket",
    ]);
    expect(availableActions(facts({ status: "received", resolution: "exchange", unitsToReceive: 0 }))[0]).toBe("exchange");
    expect(availableActions(facts({ status: "resolved" }))).toEqual(["close", "partial_refund", "open_ticket"]);
    expect(availableActions(facts({ status: "closed" }))).toEqual(["open_ticket"]);
  });

  it("does not offer an exchange for a return without exchange items, nor a second kind of payout", () => {
    const offered = availableActions(facts({ status: "received", exchangeItems: 0, unitsToReceive: 0, payout: { kind: "refund", status: "failed", amount: usd(4144) } }));
    expect(offered).toEqual(["refund", "partial_refund", "fee_override", "open_ticket"]);
  });
});

describe("what to do next when a return is not in Shopify", () => {
  it("tells the agent that approving sends a request that never reached Shopify there first", () => {
    expect(shopifyNextStep(facts({ status: "needs_review", inShopify: false, name: "#1001" }))).toBe(
      "Return #1001 is not in Shopify yet: its request did not reach Shopify. Approve sends it to Shopify first and approves it there; Decline or Cancel keep it in Aftercare only.",
    );
  });

  it("tells the agent that paying an approved return opens it in Shopify first", () => {
    expect(shopifyNextStep(facts({ status: "received", inShopify: false, name: "#1001", resolution: "store_credit" }))).toBe(
      "Return #1001 is not in Shopify yet. Issue store credit sends it to Shopify first and approves it there, then pays.",
    );
  });

  it("says nothing for a return in Shopify, or an exchange (created there when it is resolved), or a finished return", () => {
    expect(shopifyNextStep(facts({ status: "needs_review" }))).toBeNull();
    expect(shopifyNextStep(facts({ status: "approved", inShopify: false, resolution: "exchange" }))).toBeNull();
    expect(shopifyNextStep(facts({ status: "declined", inShopify: false }))).toBeNull();
  });
});
