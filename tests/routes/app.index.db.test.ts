import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { addDays, localDate, startOfDay } from "~/lib/time-zone";
import { loader } from "~/routes/app._index";
import { createMoneyMovement, createReturnCase, createTestTicket } from "../support/factories";
import { EU_SHOP } from "../support/shopify-sim";
import { APP_URL, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

// The dashboard through the real door: session token, token exchange and Admin GraphQL
// answered by the store simulator; figures from a real database.
simulatorForThisFile();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

async function returnAt(shop: string, at: Date, seed: Parameters<typeof createReturnCase>[1], stamps: { resolvedAt?: Date } = {}) {
  const rc = await createReturnCase(shop, seed);
  await prisma.returnCase.update({ where: { id: rc.id }, data: { createdAt: at, requestedAt: at, ...stamps } });
  await prisma.returnLine.updateMany({ where: { returnCaseId: rc.id }, data: { createdAt: at } });
  return rc;
}

async function movementAt(shop: string, at: Date, seed: Parameters<typeof createMoneyMovement>[1]) {
  const m = await createMoneyMovement(shop, seed);
  await prisma.moneyMovement.update({ where: { id: m.id }, data: { createdAt: at } });
}

async function decision(shop: string, returnId: string, action: "return.approved" | "return.declined", actor: string, at: Date) {
  await prisma.auditEvent.create({ data: { shop, actor, action, entityType: "return", entityId: returnId, createdAt: at } });
}

describe("the dashboard (/app)", () => {
  it("shows an empty state to a shop without returns, and records the shop", async () => {
    const shop = newShop("empty");
    const { data } = ok(await load(loader, adminRequest(shop, "/app")));
    expect(data.isEmpty).toBe(true);
    expect(data.shop).toMatchObject({ domain: shop, currencyCode: "USD" });
    expect(await prisma.shop.findUnique({ where: { shop } })).toMatchObject({ currencyCode: "USD", uninstalledAt: null });
  });

  it("records the shop when it authenticates, not again on every dashboard view", async () => {
    // GIVEN a shop that opened the app once
    const shop = newShop("once");
    ok(await load(loader, adminRequest(shop, "/app")));
    const recorded = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    // WHEN the merchant comes back to the dashboard
    ok(await load(loader, adminRequest(shop, "/app?period=90")));
    // THEN the shop row was not rewritten (its install time is the install's)
    const after = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(after.installedAt).toEqual(recorded.installedAt);
    expect(after.updatedAt).toEqual(recorded.updatedAt);
  });

  it("computes the period's figures and compares them with the previous period", async () => {
    // GIVEN four returns in the last 7 days and one in the 7 days before
    const shop = newShop("figures");
    const r1 = await returnAt(shop, ago(DAY), { status: "resolved", resolution: "store_credit", lines: [{ reasonCode: "damaged", quantityRequested: 1 }] }, { resolvedAt: ago(0) });
    const r2 = await returnAt(shop, ago(2 * DAY), { status: "approved", lines: [{ reasonCode: "size_too_small", quantityRequested: 2 }, { reasonCode: "damaged", quantityRequested: 1 }] });
    const r3 = await returnAt(shop, ago(3 * DAY), { status: "declined", lines: [{ reasonCode: "changed_mind", quantityRequested: 1 }] });
    const r5 = await returnAt(shop, ago(2 * DAY), { status: "resolved", resolution: "exchange", lines: [{ reasonCode: "size_too_large", quantityRequested: 1, unitPriceMinor: 4000 }] }, { resolvedAt: ago(DAY) });
    const r4 = await returnAt(shop, ago(10 * DAY), { status: "approved", lines: [{ reasonCode: "size_too_small", quantityRequested: 1 }] });
    await decision(shop, r1.id, "return.approved", "system", ago(DAY));
    await decision(shop, r2.id, "return.approved", "staff:42", ago(DAY));
    await decision(shop, r3.id, "return.declined", "staff:42", ago(DAY));
    await decision(shop, r5.id, "return.approved", "portal", ago(DAY));
    await decision(shop, r4.id, "return.approved", "staff:42", ago(9 * DAY));
    // … money: refunds, credit with bonus, one failure (not counted), one in EUR (kept aside)
    await movementAt(shop, ago(HOUR), { returnCaseId: r1.id, kind: "store_credit", amountMinor: 2500, status: "succeeded" });
    await movementAt(shop, ago(HOUR), { returnCaseId: r1.id, kind: "bonus", amountMinor: 250, status: "succeeded" });
    await movementAt(shop, ago(HOUR), { returnCaseId: r2.id, kind: "refund", amountMinor: 1000, status: "succeeded" });
    await movementAt(shop, ago(HOUR), { returnCaseId: r2.id, kind: "refund", amountMinor: 9999, status: "failed" });
    await movementAt(shop, ago(HOUR), { kind: "store_credit", amountMinor: 500, currencyCode: "EUR", status: "succeeded" });
    await movementAt(shop, ago(9 * DAY), { returnCaseId: r4.id, kind: "refund", amountMinor: 3000, status: "succeeded" });
    // … tickets: one answered once and solved in 3 h (CSAT 4), one answered twice and solved in 10 h (CSAT 5), one open
    const t1 = await createTestTicket(shop);
    const t2 = await createTestTicket(shop);
    await createTestTicket(shop);
    // … and, the week before, a ticket first answered after 4 h
    const t0 = await createTestTicket(shop);
    await prisma.ticket.update({ where: { id: t0.id }, data: { createdAt: ago(9 * DAY), firstResponseAt: ago(9 * DAY - 4 * HOUR), resolvedAt: ago(8 * DAY), status: "solved" } });
    await prisma.ticket.update({ where: { id: t1.id }, data: { createdAt: ago(5 * HOUR), firstResponseAt: ago(4 * HOUR), resolvedAt: ago(2 * HOUR), status: "solved", csatScore: 4 } });
    await prisma.ticket.update({ where: { id: t2.id }, data: { createdAt: ago(2 * DAY), firstResponseAt: ago(2 * DAY - 3 * HOUR), resolvedAt: ago(2 * DAY - 10 * HOUR), status: "solved", csatScore: 5 } });
    for (const [ticketId, replies] of [[t1.id, 1], [t2.id, 2]] as const) {
      for (let i = 0; i < replies; i++) await prisma.ticketMessage.create({ data: { shop, ticketId, authorType: "agent", visibility: "public", body: "Hello" } });
    }
    // … and another shop's return that must not count
    await returnAt(EU_SHOP, ago(DAY), { lines: [{ reasonCode: "damaged", quantityRequested: 7 }] });

    // WHEN
    const { data } = ok(await load(loader, adminRequest(shop, "/app?period=7")));

    // THEN
    const current = data.returns;
    const previous = data.previous;
    expect(data.isEmpty).toBe(false);
    expect(data.period.days).toBe(7);
    expect(current).toMatchObject({
      returns: 4,
      returnedUnits: 5,
      // the shop's simulated store took no order this week: a count of 0 and no rate, never a division by zero
      soldUnits: 0,
      returnRate: null,
      byStatus: { resolved: 2, approved: 1, declined: 1 },
      byResolution: { store_credit: 1, refund: 2, exchange: 1 },
      automationRate: 0.5,
      decisions: 4,
      // requestedAt is stamped when the row is written, a few ms after the test's clock
      medianResolutionHours: expect.closeTo(24, 3),
      resolvedCount: 2,
    });
    expect(current.money).toEqual({ currencyCode: "USD", refunds: 1000, storeCredit: 2500, bonus: 250, exchanges: 4000, fees: 0, revenueKept: 6500, otherCurrencies: { EUR: 500 } });
    expect(previous).toEqual({
      returns: 1,
      returnRate: null,
      revenueKept: 0,
      refunds: 3000,
      automationRate: 0,
      medianResolutionHours: null,
      medianFirstResponseHours: 4,
    });
    expect(data.pareto.map((b) => [b.label, b.count, Number(b.cumulativeShare.toFixed(4))])).toEqual([
      ["Damaged", 2, 0.3333],
      ["Size too small", 2, 0.6667],
      ["Changed mind", 1, 0.8333],
      ["Size too large", 1, 1],
    ]);
    expect(data.series).toHaveLength(7);
    expect(data.series.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(data.tickets).toEqual({
      openNow: 1,
      opened: 3,
      solved: 2,
      medianFirstResponseHours: 2,
      medianResolutionHours: 6.5,
      firstContactResolution: 0.5,
      csatAverage: 4.5,
      csatResponses: 2,
    });
  });

  it("draws the period and the chart over the shop's own calendar days", async () => {
    // GIVEN a shop in Auckland (UTC+13 in November), a return made at 09:00 there today
    // (still yesterday in UTC) and one made at 23:30 there yesterday
    const shop = newShop("auckland", "USD", "Pacific/Auckland");
    const now = new Date();
    const today = localDate(now, "Pacific/Auckland");
    const midnight = startOfDay(today, "Pacific/Auckland").getTime();
    const early = new Date(Math.min(midnight + 9 * HOUR, now.getTime() - 1000));
    await returnAt(shop, early, { lines: [{ quantityRequested: 1 }] });
    await returnAt(shop, new Date(midnight - 30 * 60_000), { lines: [{ quantityRequested: 1 }] });

    // WHEN
    const { data } = ok(await load(loader, adminRequest(shop, "/app?period=7")));

    // THEN the last bucket is Auckland's today, from Auckland's midnight, and holds one return
    expect(data.shop.timezone).toBe("Pacific/Auckland");
    expect(data.period.from).toBe(startOfDay(addDays(today, -6), "Pacific/Auckland").toISOString());
    expect(data.series.map((b) => b.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(today, i - 6)));
    expect(data.series.at(-1)).toMatchObject({ day: today, start: new Date(midnight).toISOString(), count: 1 });
    expect(data.series.at(-2)?.count).toBe(1);
  });

  it("shows retention after a return from the order mirror, against the previous period", async () => {
    // GIVEN this week: ava returned and ordered again the next day, ben returned and did not order;
    // the week before: cara returned and ordered again five days later
    const shop = newShop("retention");
    const mirrored = (customer: string, at: Date, n: number) =>
      prisma.orderMirror.create({
        data: { shop, orderId: `gid://shopify/Order/${n}`, name: `#${n}`, customerId: `gid://shopify/Customer/${customer}`, orderCreatedAt: at, shopifyUpdatedAt: at, totalMinor: 2500n, currencyCode: "USD", lineCount: 1 },
      });
    await returnAt(shop, ago(2 * DAY), { customerId: "gid://shopify/Customer/ava" });
    await mirrored("ava", ago(DAY), 1);
    await returnAt(shop, ago(3 * DAY), { customerId: "gid://shopify/Customer/ben" });
    await mirrored("ben", ago(20 * DAY), 2);
    await returnAt(shop, ago(10 * DAY), { customerId: "gid://shopify/Customer/cara" });
    await mirrored("cara", ago(5 * DAY), 3);
    // WHEN
    const { data } = ok(await load(loader, adminRequest(shop, "/app?period=7")));
    // THEN 1 of 2 this week, 1 of 1 the week before
    expect(data.retention.current).toEqual({ customers: 2, retained: 1, rate: 0.5, windowDays: 90 });
    expect(data.retention.previous).toEqual({ customers: 1, retained: 1, rate: 1, windowDays: 90 });
  });

  it("falls back to 30 days for a period it does not offer", async () => {
    const shop = newShop("period");
    const { data } = ok(await load(loader, adminRequest(shop, "/app?period=365")));
    expect(data.period.days).toBe(30);
  });

  it("sends a request without a session token to the login page, never to the app", async () => {
    // GIVEN a document request with no id_token (opened outside Shopify admin)
    const request = new Request(`${APP_URL}/app?embedded=1&shop=${EU_SHOP}&host=YWRtaW4`, { headers: { "User-Agent": "Mozilla/5.0 Chrome/131.0" } });
    // WHEN
    const outcome = await load(loader, request);
    // THEN the library redirects to the login route rather than render any shop's data
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(302);
    expect((outcome as Response).headers.get("Location")).toBe("/auth/login");
  });
});
