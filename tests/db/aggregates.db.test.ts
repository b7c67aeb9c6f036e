import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { exchangedValue, returnResolution, returnsPerBucket, ticketFirstResponse } from "~/metrics/aggregates.server";
import { createReturnCase, createTestTicket, uniqueShop } from "../support/factories";

// The dashboard's SQL aggregates, on SQLite and again on PostgreSQL (*.db.test.ts): the same
// answers from both dialects, and nothing from another shop.
afterAll(async () => {
  await prisma.$disconnect();
});

const H = 3_600_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * H);
const range = { from: at(0), to: at(24 * 10) };

async function resolvedReturn(shop: string, requestedAt: Date, resolvedAt: Date | null, seed: Parameters<typeof createReturnCase>[1] = {}) {
  const rc = await createReturnCase(shop, seed);
  await prisma.returnCase.update({ where: { id: rc.id }, data: { createdAt: requestedAt, requestedAt, resolvedAt } });
  return rc;
}

describe(`dashboard aggregates in SQL (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("takes the median time to resolution of an odd count: the middle one", async () => {
    const shop = uniqueShop("agg-odd");
    for (const hours of [30, 2, 6]) await resolvedReturn(shop, at(1), at(1 + hours));
    await resolvedReturn(shop, at(1), null);
    await resolvedReturn(uniqueShop("agg-other"), at(1), at(2));
    expect(await returnResolution(shop, range)).toEqual({ count: 3, medianHours: 6 });
  });

  it("takes the mean of the middle two of an even count, to the second", async () => {
    const shop = uniqueShop("agg-even");
    for (const minutes of [60, 90, 30, 600]) await resolvedReturn(shop, at(0), new Date(at(0).getTime() + minutes * 60_000 + 1500));
    const stat = await returnResolution(shop, range);
    expect(stat.count).toBe(4);
    expect(stat.medianHours).toBeCloseTo((75 * 60 + 1.5) / 3600, 6);
  });

  it("counts only what was resolved inside the half-open range, and says null when nothing was", async () => {
    const shop = uniqueShop("agg-range");
    await resolvedReturn(shop, at(-48), at(0));
    await resolvedReturn(shop, at(200), range.to);
    expect(await returnResolution(shop, range)).toEqual({ count: 1, medianHours: 48 });
    expect(await returnResolution(uniqueShop("agg-none"), range)).toEqual({ count: 0, medianHours: null });
  });

  it("takes the median first response over answered tickets opened in the range", async () => {
    const shop = uniqueShop("agg-tickets");
    for (const [opened, answered] of [[1, 2], [1, 5], [3, null], [-5, -4]] as const) {
      const t = await createTestTicket(shop);
      await prisma.ticket.update({ where: { id: t.id }, data: { createdAt: at(opened), firstResponseAt: answered === null ? null : at(answered) } });
    }
    expect(await ticketFirstResponse(shop, range)).toEqual({ count: 2, medianHours: 2.5 });
  });

  it("counts returns per bucket, the last bucket up to the range's end, empty buckets at 0", async () => {
    const shop = uniqueShop("agg-buckets");
    const starts = [at(0), at(24), at(48), at(72)];
    for (const hours of [0, 5, 23.99, 49, 80, 95]) await resolvedReturn(shop, at(hours), null);
    await resolvedReturn(shop, at(-1), null);
    await resolvedReturn(uniqueShop("agg-other"), at(1), null);
    expect(await returnsPerBucket(shop, { from: at(0), to: at(96) }, starts)).toEqual([3, 0, 1, 2]);
    expect(await returnsPerBucket(shop, { from: at(0), to: at(90) }, starts)).toEqual([3, 0, 1, 1]);
    expect(await returnsPerBucket(shop, { from: at(0), to: at(96) }, [at(0)])).toEqual([6]);
  });

  it("values exchanged items at what came back, or what was asked before receipt, per currency", async () => {
    const shop = uniqueShop("agg-exchange");
    const received = await resolvedReturn(shop, at(0), at(5), { resolution: "exchange", lines: [{ unitPriceMinor: 4000, quantityRequested: 3 }] });
    await prisma.returnLine.updateMany({ where: { returnCaseId: received.id }, data: { quantityReceived: 2 } });
    await resolvedReturn(shop, at(0), at(6), { resolution: "exchange", lines: [{ unitPriceMinor: 1500, quantityRequested: 1 }, { unitPriceMinor: 500, quantityRequested: 2 }] });
    await resolvedReturn(shop, at(0), at(6), { resolution: "exchange", currencyCode: "EUR", lines: [{ unitPriceMinor: 2000, quantityRequested: 1 }] });
    await resolvedReturn(shop, at(0), at(6), { resolution: "refund", lines: [{ unitPriceMinor: 9999, quantityRequested: 1 }] });
    await resolvedReturn(shop, at(0), null, { resolution: "exchange", lines: [{ unitPriceMinor: 9999, quantityRequested: 1 }] });
    const values = await exchangedValue(shop, range);
    expect([...values].sort((a, b) => a.currencyCode.localeCompare(b.currencyCode))).toEqual([
      { currencyCode: "EUR", amountMinor: 2000 },
      { currencyCode: "USD", amountMinor: 8000 + 1500 + 1000 },
    ]);
  });
});
