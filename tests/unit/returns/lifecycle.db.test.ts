import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { performReturnAction } from "~/returns/actions.server";
import { uniqueShop } from "../../support/factories";
import { openShopifyReturn, receivedReturnCase, requestShopifyReturn, shopifyReturnStatus, simClient } from "../refunds/support";

const AGENT = "staff:7";

afterAll(async () => {
  await prisma.$disconnect();
});

describe("a return's lifecycle in Shopify", () => {
  it("declines a request in Shopify with the agent's words and records them for the shopper", async () => {
    // GIVEN a request waiting for review, REQUESTED in Shopify
    const shop = uniqueShop("decline");
    const { sim, client } = simClient();
    const shopifyReturnId = await requestShopifyReturn(sim);
    const rc = await receivedReturnCase(shop, null, { status: "needs_review" });
    await prisma.returnCase.updateMany({ where: { id: rc.id, shop }, data: { shopifyReturnId } });
    // WHEN the agent declines it
    const result = await performReturnAction(shop, rc.id, { intent: "decline", reason: "Worn items cannot be returned." }, AGENT, { client });
    // THEN Shopify and Aftercare agree, and the shopper's reason is kept
    expect(result.message).toBe("Return #1001 declined. The shopper will see your reason.");
    expect(await shopifyReturnStatus(sim, shopifyReturnId)).toBe("DECLINED");
    expect(await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop }, select: { status: true, declineReason: true } })).toEqual({
      status: "declined",
      declineReason: "Worn items cannot be returned.",
    });
  });

  it("cancels an approved return that has moved no money, in Shopify too", async () => {
    // GIVEN an approved return, OPEN in Shopify
    const shop = uniqueShop("cancel");
    const { sim, client } = simClient();
    const shopify = await openShopifyReturn(sim);
    const rc = await receivedReturnCase(shop, shopify, { status: "approved" });
    // WHEN
    const result = await performReturnAction(shop, rc.id, { intent: "cancel" }, AGENT, { client });
    // THEN
    expect(result.message).toBe("Return #1001-R1 canceled.");
    expect(await shopifyReturnStatus(sim, shopify.returnId)).toBe("CANCELED");
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("canceled");
  });

  it("closes a resolved return in Shopify", async () => {
    // GIVEN a received return refunded through Shopify
    const shop = uniqueShop("close");
    const { sim, client } = simClient();
    const shopify = await openShopifyReturn(sim);
    const rc = await receivedReturnCase(shop, shopify);
    await performReturnAction(shop, rc.id, { intent: "refund" }, AGENT, { client });
    // WHEN
    const result = await performReturnAction(shop, rc.id, { intent: "close" }, AGENT, { client });
    // THEN
    expect(result.message).toBe("Return #1001-R1 closed.");
    expect(await shopifyReturnStatus(sim, shopify.returnId)).toBe("CLOSED");
    expect((await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop } })).status).toBe("closed");
  });

  it("will not decline another shop's return", async () => {
    // GIVEN a return of another shop
    const { client } = simClient();
    const rc = await receivedReturnCase(uniqueShop("owner"), null, { status: "needs_review" });
    // WHEN a different shop tries to decline it
    const outcome = await performReturnAction(uniqueShop("intruder"), rc.id, { intent: "decline", reason: "No." }, AGENT, { client }).catch((e: unknown) => e);
    // THEN it is not found and nothing changes
    expect(outcome).toMatchObject({ code: "not_found" });
    expect((await prisma.returnCase.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe("needs_review");
  });
});
