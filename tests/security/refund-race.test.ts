/**
 * Refund clicks that arrive together: twenty on one return pay once. (A file of its own: the
 * return uses up #1001 in this file's store.)
 */
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminRequest } from "../routes/app.support";
import { DEMO_SHOP } from "../support/shopify-sim";
import { openShopifyReturn, receivedReturnCase, refundEvents } from "../unit/refunds/support";
import { admin } from "./routes";
import { checkThisFile, send, storeForThisFile } from "./support";

const sim = storeForThisFile();

const PARALLEL = 20;

describe("twenty refund clicks at once", () => {
  it("pay once: one refund in Shopify and one succeeded refund on the ledger", async () => {
    // GIVEN a received return of #1001 with an open Shopify return, and the agent signed in
    const rc = await receivedReturnCase(DEMO_SHOP, await openShopifyReturn(sim()));
    expect((await send("the agent opens the return", "accept", admin.returnPage, adminRequest(DEMO_SHOP, `/app/returns/${rc.id}`), { id: rc.id })).status).toBe(200);
    // WHEN twenty refund requests arrive together
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        send(`refund click ${i + 1}`, "any", admin.returnAction, adminRequest(DEMO_SHOP, `/app/returns/${rc.id}`, { json: { intent: "refund" } }), { id: rc.id }),
      ),
    );
    // THEN each is answered (a success, or a conflict in words), none with a 5xx
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { ok: boolean; message: string }[];
    expect(answers.every((a) => a.status === 200 || a.status === 409), answers.map((a) => a.status).join(",")).toBe(true);
    expect(bodies.filter((b) => b.ok).length).toBeGreaterThanOrEqual(1);
    // AND Shopify refunded once, and the ledger holds one succeeded refund
    expect(refundEvents(sim())).toHaveLength(1);
    const refunds = await prisma.moneyMovement.findMany({ where: { shop: DEMO_SHOP, returnCaseId: rc.id, kind: "refund" } });
    expect(refunds.map((m) => m.status)).toEqual(["succeeded"]);
    expect(refunds[0]?.amountMinor).toBe(4144n);
  });
});

checkThisFile(import.meta.url);
