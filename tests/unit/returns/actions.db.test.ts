import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { actionFieldErrors, returnActionSchema } from "~/returns/actions.schemas";
import { bulkApprove, performReturnAction } from "~/returns/actions.server";
import { DEMO_SHOP, FIXTURES } from "../../support/shopify-sim";
import { uniqueShop } from "../../support/factories";
import { movementsOf, openShopifyReturn, receivedReturnCase, refundEvents, simClient } from "../refunds/support";
import { rejection } from "../../support/errors";

const AGENT = "staff:42";

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the action contract", () => {
  it("explains a missing decline reason and a partial refund without a note on the fields", () => {
    const decline = returnActionSchema.safeParse({ intent: "decline", reason: "  " });
    const partial = returnActionSchema.safeParse({ intent: "partial_refund", amount: "12,50", actionId: "form-1234" });
    expect(decline.success || actionFieldErrors(decline.error)).toEqual({ reason: ["Tell the shopper why the return is declined."] });
    expect(partial.success || actionFieldErrors(partial.error)).toEqual({
      amount: ["Enter the amount to refund as a number, like 12.50."],
      note: ["Write a note explaining why."],
    });
  });

  it("reads form checkboxes and numbers in a receive", () => {
    expect(returnActionSchema.parse({ intent: "receive", lines: [{ lineId: "l1", quantity: "2", restock: "on" }] })).toEqual({
      intent: "receive",
      lines: [{ lineId: "l1", quantity: 2, restock: true }],
    });
  });
});

describe("receiving items", () => {
  it("updates the quantity ledger, restocks what was asked, and marks the return received", async () => {
    // GIVEN an approved return of a tee and a mug
    const shop = uniqueShop("receive");
    const { client } = simClient();
    const rc = await receivedReturnCase(shop, null, { status: "approved" });
    const [tee, mug] = rc.lines;
    // WHEN the tee comes back restocked and the mug broken
    const result = await performReturnAction(
      shop,
      rc.id,
      { intent: "receive", lines: [{ lineId: tee?.id ?? "", quantity: 1, restock: true }, { lineId: mug?.id ?? "", quantity: 1, restock: false }] },
      AGENT,
      { client },
    );
    // THEN
    expect(result.message).toBe("Received 2 items (1 restocked).");
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop }, include: { lines: { orderBy: { createdAt: "asc" } } } });
    expect(after.status).toBe("received");
    expect(after.lines.map((l) => [l.quantityReceived, l.quantityRestocked])).toEqual([[1, 1], [1, 0]]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: rc.id, action: "return.received" } });
    expect(audit.data).toMatchObject({ from: "approved", to: "received" });
  });

  it("never receives more than was requested", async () => {
    // GIVEN a return whose tee came back and whose mug did not yet
    const shop = uniqueShop("over");
    const { client } = simClient();
    const rc = await receivedReturnCase(shop, null, { status: "received" });
    const [tee, mug] = rc.lines;
    await prisma.returnLine.update({ where: { id: mug?.id ?? "" }, data: { quantityReceived: 0 } });
    // WHEN the agent receives the tee again
    const error = await rejection(performReturnAction(shop, rc.id, { intent: "receive", lines: [{ lineId: tee?.id ?? "", quantity: 1, restock: false }] }, AGENT, { client }));
    // THEN the line says why, and nothing changed
    expect([error.code, error.message]).toEqual(["invalid", 'All 1 of "Classic Tee" were already received.']);
    const line = await prisma.returnLine.findFirstOrThrow({ where: { id: tee?.id ?? "", shop } });
    expect(line.quantityReceived).toBe(1);
  });

  it("refuses a receipt when every item is back already, naming the return", async () => {
    // GIVEN a received return with both items back
    const shop = uniqueShop("all-back");
    const { client } = simClient();
    const rc = await receivedReturnCase(shop, null, { status: "received" });
    // WHEN the agent receives again
    const error = await rejection(performReturnAction(shop, rc.id, { intent: "receive", lines: [{ lineId: rc.lines[0]?.id ?? "", quantity: 1, restock: false }] }, AGENT, { client }));
    // THEN the action table refuses
    expect([error.code, error.message]).toEqual(["conflict", "All items of return #1001 were already received."]);
  });
});

describe("fee override and partial refund", () => {
  it("overrides the fee with a note, audited, and the refund uses it", async () => {
    // GIVEN a received return with a $5.00 fee
    const shop = uniqueShop("fee");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    // WHEN the agent waives part of the fee, then refunds
    const override = await performReturnAction(shop, rc.id, { intent: "fee_override", fee: "2.00", note: "Loyal customer" }, AGENT, { client });
    const refund = await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client });
    // THEN
    expect(override.message).toBe("Fee set to $2.00 (was $5.00).");
    expect(refund.message).toBe("Refunded $44.44 to the original payment method. $2.00 in fees kept.");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: rc.id, action: "return.fee_overridden" } });
    expect(audit.data).toEqual({ fromMinor: 500, toMinor: 200, currencyCode: "USD", note: "Loyal customer" });
    // AND the fee can no longer change once the money moved
    const late = await rejection(performReturnAction(shop, rc.id, { intent: "fee_override", fee: "0", note: "oops" }, AGENT, { client }));
    expect(late.message).toBe("Return #1001-R1 is resolved and cannot be given a new fee.");
  });

  it("refunds a partial amount with its note, and a double submit of one goodwill form after resolution goes through refundCreate once", async () => {
    // GIVEN a received return, partly refunded (which resolves it)
    const shop = uniqueShop("partial");
    const { sim, client, sent } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    const partial = await performReturnAction(shop, rc.id, { intent: "partial_refund", amount: "20.00", note: "Item worn", actionId: "form-partial-1" }, AGENT, { client });
    // WHEN the agent's goodwill form is submitted twice (a double click)
    const goodwill = () => performReturnAction(shop, rc.id, { intent: "partial_refund", amount: "3.00", note: "Sorry for the wait", actionId: "form-goodwill-1" }, AGENT, { client });
    const first = await goodwill();
    const second = await goodwill();
    // THEN it pays once
    expect([partial.message, first.message, second.message]).toEqual([
      "Refunded $20.00 to the original payment method.",
      "Refunded $3.00 to the original payment method.",
      "Refunded $3.00 to the original payment method.",
    ]);
    expect(refundEvents(sim).map((e) => e.data.transactions)).toEqual([[2000], [300]]);
    expect(sent.filter((s) => s === "RefundCreate")).toHaveLength(1);
    expect((await movementsOf(shop, rc.id)).map((m) => [m.kind, m.amountMinor, m.status])).toEqual([
      ["refund", 2000, "succeeded"],
      ["refund", 300, "succeeded"],
    ]);
  });

  it("pays a second deliberate goodwill refund of the same amount and note, made from a new form", async () => {
    // GIVEN a resolved return with one $3.00 goodwill refund "Sorry for the wait"
    const shop = uniqueShop("goodwill2");
    const { sim, client, sent } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    await performReturnAction(shop, rc.id, { intent: "partial_refund", amount: "20.00", note: "Item worn", actionId: "form-partial-1" }, AGENT, { client });
    const goodwill = { intent: "partial_refund" as const, amount: "3.00", note: "Sorry for the wait" };
    await performReturnAction(shop, rc.id, { ...goodwill, actionId: "form-goodwill-1" }, AGENT, { client });
    // WHEN the agent opens the form again and refunds another $3.00 with the same note
    const again = await performReturnAction(shop, rc.id, { ...goodwill, actionId: "form-goodwill-2" }, AGENT, { client });
    // THEN Shopify refunds it too: two goodwill refunds, two ledger rows with their own keys
    expect(again.message).toBe("Refunded $3.00 to the original payment method.");
    expect(refundEvents(sim).map((e) => e.data.transactions)).toEqual([[2000], [300], [300]]);
    expect(sent.filter((s) => s === "RefundCreate")).toHaveLength(2);
    const rows = await movementsOf(shop, rc.id);
    expect(rows.map((m) => [m.kind, m.amountMinor, m.status])).toEqual([
      ["refund", 2000, "succeeded"],
      ["refund", 300, "succeeded"],
      ["refund", 300, "succeeded"],
    ]);
  });

  it("refunds goodwill on an order paid in EUR on a USD shop in EUR, the currency Shopify requires for it", async () => {
    // GIVEN a resolved return of #1001, which the buyer paid in euros on the dollar shop
    const shop = uniqueShop("markets");
    const { sim, client } = simClient();
    const order = sim.store.shopState(DEMO_SHOP).orders.find((o) => o.id === FIXTURES.order1001.id);
    if (!order) throw new Error("#1001 is missing from the seed");
    order.currencyCode = "EUR";
    order.shopCurrency = { code: "USD", rate: 1.08 };
    const rc = await receivedReturnCase(shop, null, { status: "resolved" });
    await prisma.returnCase.update({ where: { id: rc.id }, data: { currencyCode: "EUR" } });
    // WHEN the agent refunds €3.00 of goodwill
    const result = await performReturnAction(shop, rc.id, { intent: "partial_refund", amount: "3.00", note: "Sorry for the wait", actionId: "form-eur-1" }, AGENT, { client });
    // THEN Shopify took the refund: €3.00 back on the card, $3.24 in the shop's money
    expect(result.message).toBe("Refunded €3.00 to the original payment method.");
    expect(refundEvents(sim).map((e) => e.data.transactions)).toEqual([[300]]);
    expect((await movementsOf(shop, rc.id)).map((m) => [m.kind, m.amountMinor, m.status])).toEqual([["refund", 300, "succeeded"]]);
    expect((await prisma.moneyMovement.findFirstOrThrow({ where: { shop, returnCaseId: rc.id } })).currencyCode).toBe("EUR");
  });

  it("refuses a goodwill refund without the form's action id, with a sentence on the form", () => {
    const parsed = returnActionSchema.safeParse({ intent: "partial_refund", amount: "3.00", note: "Sorry" });
    expect(parsed.success || actionFieldErrors(parsed.error)).toEqual({ actionId: ["This form is out of date; reload the page and enter the refund again."] });
  });
});

describe("exchange", () => {
  it("creates the Shopify return with the exchange item, processes it, and resolves without moving money", async () => {
    // GIVEN an approved exchange: tee M → tee L (same price), the mug refunded in the balance
    const shop = uniqueShop("exchange");
    const { sim, client, sent } = simClient();
    const rc = await receivedReturnCase(shop, null, { resolution: "exchange", exchangeTee: true, feeMinor: 0, bonusMinor: 0 });
    // WHEN the agent creates the exchange
    const result = await performReturnAction(shop, rc.id, { intent: "exchange" }, AGENT, { client });
    // THEN one Shopify return carries the L tee; the mug's $19.44 goes back to the card
    expect(result.message).toBe("Exchange created; the new items will ship. Refunded the $19.44 difference to the original payment method.");
    expect(sent.filter((s) => s === "ReturnCreateWithExchange")).toHaveLength(1);
    expect(refundEvents(sim).map((e) => e.data.transactions)).toEqual([[1944]]);
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } });
    expect(after.status).toBe("resolved");
    expect(after.shopifyReturnId).toMatch(/^gid:\/\/shopify\/Return\//);
    expect(sim.store.events.filter((e) => e.type === "return.processed")).toHaveLength(1);
    expect(FIXTURES.products.tee.variants.L).toBe("gid://shopify/ProductVariant/9003");
  });
});

describe("bulk approve", () => {
  it("approves each return it can and says why the others could not be", async () => {
    const shop = uniqueShop("bulk");
    const { client } = simClient();
    const requested = await receivedReturnCase(shop, null, { status: "requested" });
    const resolved = await receivedReturnCase(shop, null, { status: "resolved" });
    const outcomes = await bulkApprove(shop, [requested.id, resolved.id, "nope"], AGENT, { client });
    expect(outcomes).toEqual([
      // never requested in Shopify (as after a failed sync): sent there first
      { id: requested.id, ok: true, message: "Return #1001 sent to Shopify and approved." },
      { id: resolved.id, ok: false, code: "conflict", message: "Return #1001 is resolved and cannot be approved." },
      { id: "nope", ok: false, code: "not_found", message: "Return nope was not found." },
    ]);
  });
});
