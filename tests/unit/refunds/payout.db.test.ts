import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DomainError } from "~/lib/errors";
import { performReturnAction } from "~/returns/actions.server";
import { DEMO_SHOP, FIXTURES } from "../../support/shopify-sim";
import { uniqueShop } from "../../support/factories";
import { creditEvents, movementsOf, openShopifyReturn, receivedReturnCase, refundEvents, simClient } from "./support";
import { rejection } from "../../support/errors";

const AGENT = "staff:42";
// After the lease of a pending row (ledger rows carry the real clock).
const later = () => new Date(Date.now() + 3 * 60 * 1000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("refund to the original payment", () => {
  it("refunds the received items less the fee once, and a retry pays nothing more", async () => {
    // GIVEN a received return of #1001's tee and mug ($46.44 with tax) with a $5 fee
    const shop = uniqueShop("refund");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    // WHEN the agent refunds, then clicks refund again later
    const first = await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client });
    const again = await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client, now: later() });
    // THEN $41.44 went back to the card once, the $5 fee is on the ledger, the return is resolved
    expect(first.message).toBe("Refunded $41.44 to the original payment method. $5.00 in fees kept.");
    expect(again.message).toBe("Already done: Refunded $41.44 to the original payment method. $5.00 in fees kept.");
    expect(refundEvents(sim).map((e) => e.data)).toEqual([
      { orderId: FIXTURES.order1001.id, returnId: expect.any(String), transactions: [4144], storeCreditMinor: 0 },
    ]);
    const refundId = refundEvents(sim)[0]?.subjectId;
    expect(await movementsOf(shop, rc.id)).toEqual([
      { kind: "fee", amountMinor: 500, status: "succeeded", shopifyId: refundId, attempts: 0 },
      { kind: "refund", amountMinor: 4144, status: "succeeded", shopifyId: refundId, attempts: 1 },
    ]);
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop }, include: { lines: true } });
    expect(after.status).toBe("resolved");
    expect(after.lines.map((l) => l.quantityRefunded)).toEqual([1, 1]);
  });

  it("pays once when the agent double-clicks (two requests at the same time)", async () => {
    // GIVEN a received return
    const shop = uniqueShop("double");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    // WHEN two refund requests run in parallel
    const outcomes = await Promise.allSettled([
      performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }),
      performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }),
    ]);
    // THEN Shopify paid once. The second click either is told a payment is in progress
    // (the ledger's lease), or that the return changed meanwhile or is already resolved
    // (the status guard), or —
    // when it starts after the first has finished — replays the recorded refund.
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
    const rejected = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("conflict");
      expect((error as DomainError).message).toMatch(
        /^(A payment for return #1001 is already in progress; reload in a minute\.|Return \w+ changed meanwhile; reload it and try again\.|Return \w+ is already resolved\.)$/,
      );
    }
    expect(refundEvents(sim)).toHaveLength(1);
    expect((await movementsOf(shop, rc.id)).filter((m) => m.kind === "refund")).toEqual([
      { kind: "refund", amountMinor: 4144, status: "succeeded", shopifyId: refundEvents(sim)[0]?.subjectId, attempts: 1 },
    ]);
  });

  it("lets one of two agents win when one refunds and the other issues store credit at once", async () => {
    // GIVEN a received return
    const shop = uniqueShop("agents");
    const { sim, client } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    // WHEN agent A refunds while agent B issues store credit
    const [a, b] = await Promise.allSettled([
      performReturnAction(shop, rc.id, { intent: "refund" }, "staff:1", { client }),
      performReturnAction(shop, rc.id, { intent: "store_credit" }, "staff:2", { client }),
    ]);
    // THEN exactly one resolution happened in Shopify and the loser got a clear conflict
    const winners = [a, b].filter((o) => o.status === "fulfilled");
    const losers = [a, b].flatMap((o) => (o.status === "rejected" ? [o.reason as DomainError] : []));
    expect(winners).toHaveLength(1);
    expect(losers.map((e) => e.code)).toEqual(["conflict"]);
    expect(losers[0]?.message).toMatch(
      /^(A payment for return #1001 is already in progress; reload in a minute\.|Return #1001-R1 is already being resolved with (a refund of \$41\.44|store credit of \$41\.44); it cannot also get (store credit|a refund)\.)$/,
    );
    expect(refundEvents(sim)).toHaveLength(1);
    const primary = (await movementsOf(shop, rc.id)).filter((m) => m.kind === "refund" || m.kind === "store_credit");
    expect(primary).toHaveLength(1);
    expect(primary[0]).toMatchObject({ amountMinor: 4144, status: "succeeded" });
    // AND the loser retrying its own choice is refused in words
    const loserIntent = a.status === "rejected" ? "refund" : "store_credit";
    const again = await rejection(performReturnAction(shop, rc.id, { intent: loserIntent }, AGENT, { client, now: later() }));
    expect(again.message).toBe(
      loserIntent === "refund"
        ? "Return #1001-R1 is already being resolved with store credit of $41.44; it cannot also get a refund."
        : "Return #1001-R1 is already being resolved with a refund of $41.44; it cannot also get store credit.",
    );
  });

  it("reconciles after a crash between the Shopify call and the ledger write, and does not pay twice", async () => {
    // GIVEN Shopify makes the refund but its answer is lost
    const shop = uniqueShop("crash");
    const { sim, client, sent, loseAnswerOnce } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    loseAnswerOnce("ReturnProcess");
    const lost = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }));
    expect(lost.code).toBe("upstream");
    expect(lost.message).toBe(
      "Shopify did not confirm the refund of $41.44. Try again in a few minutes: Aftercare checks with Shopify first and never pays twice.",
    );
    expect(refundEvents(sim)).toHaveLength(1);
    expect((await movementsOf(shop, rc.id)).find((m) => m.kind === "refund")).toMatchObject({ status: "pending", shopifyId: null });
    // WHEN the agent retries at once (the row is still leased), then after the lease
    const tooSoon = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }));
    const processCallsBefore = sent.filter((s) => s === "ReturnProcess").length;
    const retried = await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client, now: later() });
    // THEN the retry finds the refund in Shopify, records it, and sends no second returnProcess
    expect(tooSoon.message).toBe("A payment for return #1001 is already in progress; reload in a minute.");
    expect(retried.message).toBe("Refunded $41.44 to the original payment method. $5.00 in fees kept.");
    expect(sent.filter((s) => s === "ReturnProcess").length).toBe(processCallsBefore);
    expect(refundEvents(sim)).toHaveLength(1);
    const refundId = refundEvents(sim)[0]?.subjectId;
    expect((await movementsOf(shop, rc.id)).find((m) => m.kind === "refund")).toEqual({
      kind: "refund",
      amountMinor: 4144,
      status: "succeeded",
      shopifyId: refundId,
      attempts: 2,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, entityId: rc.id, action: "money.refund.succeeded" } });
    expect(audit.data).toMatchObject({ reconciled: true, amountMinor: 4144, shopifyId: refundId });
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("resolved");
  });

  it("records a refusal as a failed movement, opens a payment_failure ticket and leaves the return received", async () => {
    // GIVEN the Shopify return was closed meanwhile, so Shopify refuses to process it
    const shop = uniqueShop("refused");
    const { sim, client } = simClient();
    const shopifyReturn = await openShopifyReturn(sim);
    await sim.graphql(DEMO_SHOP, `mutation { returnClose(id: "${shopifyReturn.returnId}") { userErrors { message } } }`);
    const rc = await receivedReturnCase(shop, shopifyReturn);
    // WHEN the agent refunds
    const error = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }));
    // THEN the agent reads why, nothing was paid, and a ticket tracks it
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, returnCaseId: rc.id } });
    expect(error.code).toBe("invalid");
    expect(error.message).toBe(
      `Shopify refused the refund of $41.44: Return is closed and cannot be processed. The return stays received; ticket #${ticket.number} was opened.`,
    );
    expect(ticket).toMatchObject({ category: "payment_failure", priority: "high", status: "open", orderId: FIXTURES.order1001.id });
    expect(refundEvents(sim)).toHaveLength(0);
    expect(await movementsOf(shop, rc.id)).toEqual([
      { kind: "fee", amountMinor: 500, status: "failed", shopifyId: null, attempts: 0 },
      { kind: "refund", amountMinor: 4144, status: "failed", shopifyId: null, attempts: 1 },
    ]);
    const [row] = await prisma.moneyMovement.findMany({ where: { shop, returnCaseId: rc.id, kind: "refund" } });
    expect(row?.error).toBe("Shopify refused ReturnProcess: input.returnId: Return is closed and cannot be processed. (INVALID_STATE)");
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("received");
  });

  it("tells an agent whose Shopify account may not refund why, pays nothing, and leaves the refund to a colleague", async () => {
    // GIVEN an agent whose staff permissions in Shopify do not include refunds
    const shop = uniqueShop("denied");
    const { sim, client, denyOnce } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    denyOnce("ReturnProcess");
    // WHEN the agent refunds
    const error = await rejection(performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client }));
    // THEN the agent reads why in words, nothing was paid, and the return waits for someone allowed
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, returnCaseId: rc.id } });
    expect(error.message).toBe(
      `Shopify refused the refund of $41.44: your Shopify staff account does not have the permission for it (the store owner can grant it, or a colleague who has it can run the action). The return stays received; ticket #${ticket.number} was opened.`,
    );
    expect(refundEvents(sim)).toHaveLength(0);
    expect((await movementsOf(shop, rc.id)).find((m) => m.kind === "refund")).toMatchObject({ status: "failed", shopifyId: null });
    // WHEN a colleague with the permission runs it again, THEN it is paid once
    const retried = await performReturnAction(shop, rc.id, { intent: "refund" }, "staff:43", { client });
    expect(retried.message).toBe("Refunded $41.44 to the original payment method. $5.00 in fees kept.");
    expect(refundEvents(sim)).toHaveLength(1);
  });

  it("answers not found for another shop's return and changes nothing", async () => {
    // GIVEN shop A's received return
    const shopA = uniqueShop("owner");
    const shopB = uniqueShop("intruder");
    const { sim, client, sent } = simClient();
    const rc = await receivedReturnCase(shopA, await openShopifyReturn(sim));
    const sentBefore = sent.length;
    // WHEN shop B tries to refund it, receive it, or override its fee
    const errors = await Promise.all([
      rejection(performReturnAction(shopB, rc.id, { intent: "refund" }, AGENT, { client })),
      rejection(performReturnAction(shopB, rc.id, { intent: "receive", lines: [{ lineId: rc.lines[0]?.id ?? "", quantity: 1, restock: true }] }, AGENT, { client })),
      rejection(performReturnAction(shopB, rc.id, { intent: "fee_override", fee: "0", note: "goodwill" }, AGENT, { client })),
    ]);
    // THEN all three are "not found" and nothing moved anywhere
    expect(errors.map((e) => [e.code, e.message])).toEqual(Array(3).fill(["not_found", `Return ${rc.id} was not found.`]));
    expect(sent.length).toBe(sentBefore);
    expect(await prisma.moneyMovement.count({ where: { returnCaseId: rc.id } })).toBe(0);
    const after = await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id }, include: { lines: true } });
    expect([after.status, Number(after.feeAmountMinor), after.lines.map((l) => l.quantityRestocked)]).toEqual(["received", 500, [0, 0]]);
  });
});

describe("store credit with a bonus", () => {
  it("credits $41.44 through returnProcess and the $4.14 bonus once, even when the bonus answer is lost", async () => {
    // GIVEN a received return; Ava has $15.00 of store credit; the bonus call's answer will be lost
    const shop = uniqueShop("credit");
    const { sim, client, loseAnswerOnce } = simClient();
    const rc = await receivedReturnCase(shop, await openShopifyReturn(sim));
    loseAnswerOnce("StoreCreditAccountCredit");
    // WHEN the agent issues store credit, then retries after the lease
    const lost = await rejection(performReturnAction(shop, rc.id, { intent: "store_credit" }, AGENT, { client }));
    const retried = await performReturnAction(shop, rc.id, { intent: "store_credit" }, AGENT, { client, now: later() });
    // THEN Ava's balance grew by exactly $41.44 + $4.14 and each was paid once
    expect(lost.message).toBe(
      "Shopify did not confirm the store credit bonus of $4.14. Try again in a few minutes: Aftercare checks with Shopify first and never pays twice.",
    );
    expect(retried.message).toBe("Issued $41.44 in store credit plus a $4.14 bonus. $5.00 in fees kept.");
    expect(creditEvents(sim).map((e) => e.data.amountMinor)).toEqual([4144, 414]);
    const balance = await sim.graphql(
      DEMO_SHOP,
      `{ customer(id: "${FIXTURES.ava.id}") { storeCreditAccounts(first: 1) { nodes { balance { amount } } } } }`,
    );
    expect(JSON.stringify(balance.body)).toContain('"amount":"60.58"');
    expect((await movementsOf(shop, rc.id)).map((m) => [m.kind, m.amountMinor, m.status])).toEqual([
      ["bonus", 414, "succeeded"],
      ["fee", 500, "succeeded"],
      ["store_credit", 4144, "succeeded"],
    ]);
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("resolved");
  });
});
