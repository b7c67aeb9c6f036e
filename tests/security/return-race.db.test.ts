/**
 * Storefront submits that arrive together: twenty for the one returnable unit of a line make
 * one return. Also run on PostgreSQL (*.db.test.ts), where writes really are concurrent.
 */
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { CreateReturnResponse } from "~/returns/portal-contract";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { proxy } from "./routes";
import { checkThisFile, portalToken, send, signedProxy, storeForThisFile } from "./support";

const sim = storeForThisFile();

const PARALLEL = 20;

describe("twenty storefront submits for one returnable unit", () => {
  // Being fixed: each submit checks what is still returnable before any of them has stored its
  // return, so on PostgreSQL today all twenty are created (SQLite serializes the writes).
  it("make exactly one return; the others are told the item is no longer returnable", async () => {
    // GIVEN the tee of #1001 (one unit, returnable) and the shopper's token
    const token = portalToken(DEMO_SHOP, FIXTURES.order1001.id);
    const line = { lineItemId: FIXTURES.order1001.tee.lineItemId, quantity: 1, reasonCode: "size_too_small" };
    const requestedBefore = sim().store.events.filter((e) => e.type === "return.requested").length;
    // WHEN twenty submits with different clientKeys arrive together
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, async (_, i) =>
        send(
          `return submit ${i + 1}`,
          "any",
          proxy.returns,
          await signedProxy("/returns", {
            shop: DEMO_SHOP,
            token,
            forwardedFor: `203.0.113.${i + 1}`,
            body: { orderId: FIXTURES.order1001.id, resolution: "store_credit", clientKey: `ck_race_${i}_${Date.now().toString(36)}`, lines: [line] },
          }),
        ),
      ),
    );
    // THEN one is created, the others refused in words
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201), statuses.join(",")).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 422), statuses.join(",")).toBe(true);
    const created = (await answers.find((a) => a.status === 201)?.json()) as CreateReturnResponse | undefined;
    // AND the database and Shopify hold one return of the tee
    const lines = await prisma.returnLine.findMany({ where: { shop: DEMO_SHOP, orderLineItemId: FIXTURES.order1001.tee.lineItemId } });
    expect(lines.map((l) => l.returnCaseId)).toEqual([created?.returnId]);
    expect(sim().store.events.filter((e) => e.type === "return.requested").length - requestedBefore).toBeLessThanOrEqual(1);
  });
});

checkThisFile(import.meta.url);
