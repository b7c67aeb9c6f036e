import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { retention } from "~/metrics/calculate";
import { retentionFacts } from "~/metrics/retention.server";
import { createReturnCase, uniqueShop } from "../../support/factories";
import { OCTOBER } from "./retention-fixture";

afterAll(async () => {
  await prisma.$disconnect();
});

const OCTOBER_RANGE = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") };

async function seedOctober(shop: string): Promise<void> {
  for (const [i, r] of OCTOBER.returns.entries()) {
    const rc = await createReturnCase(shop, { customerId: r.customerId, orderId: `gid://shopify/Order/${100 + i}` });
    await prisma.returnCase.update({ where: { id: rc.id }, data: { createdAt: r.at, requestedAt: r.at } });
  }
  for (const [i, o] of OCTOBER.orders.entries()) {
    await prisma.orderMirror.create({
      data: {
        shop,
        orderId: `gid://shopify/Order/${200 + i}`,
        name: `#${200 + i}`,
        customerId: o.customerId,
        orderCreatedAt: o.createdAt,
        shopifyUpdatedAt: o.createdAt,
        totalMinor: 1000n,
        currencyCode: "USD",
        lineCount: 1,
      },
    });
  }
}

describe("retention facts from the order mirror", () => {
  it("reads the hand-checked October data set back to 3 of 5 customers retained", async () => {
    // GIVEN October's returns and orders, a guest return, a return of September, and another shop's order for eve
    const shop = uniqueShop("retention");
    const other = uniqueShop("other");
    await seedOctober(shop);
    const guest = await createReturnCase(shop, { customerId: null });
    await prisma.returnCase.update({ where: { id: guest.id }, data: { createdAt: new Date("2026-10-12T00:00:00Z") } });
    const september = await createReturnCase(shop, { customerId: "gid://shopify/Customer/finn" });
    await prisma.returnCase.update({ where: { id: september.id }, data: { createdAt: new Date("2026-09-30T23:59:59Z") } });
    await prisma.orderMirror.create({
      data: { shop: other, orderId: "gid://shopify/Order/900", name: "#900", customerId: "gid://shopify/Customer/eve", orderCreatedAt: new Date("2026-10-25T00:00:00Z"), shopifyUpdatedAt: new Date("2026-10-25T00:00:00Z"), totalMinor: 1n, currencyCode: "USD", lineCount: 1 },
    });
    // WHEN
    const facts = await retentionFacts(shop, OCTOBER_RANGE);
    // THEN
    expect(retention(facts)).toEqual({ customers: 5, retained: 3, rate: 0.6, windowDays: 90 });
  });
});
