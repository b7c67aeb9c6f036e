import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { getShop, markUninstalled, nextTicketNumber, shopTimeZone, upsertShopOnInstall } from "~/shops/shops.server";
import { uniqueShop } from "../../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

describe(`shops (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("creates the shop on first install with its details", async () => {
    // GIVEN
    const shop = uniqueShop("install");
    const at = new Date("2026-01-02T03:04:05.000Z");
    // WHEN
    await upsertShopOnInstall(shop, { name: "Acme", currencyCode: "EUR", ianaTimezone: "Europe/Paris", scopes: "read_orders" }, at);
    // THEN
    expect(await getShop(shop)).toEqual({
      shop,
      name: "Acme",
      email: null,
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
      scopes: "read_orders",
      installedAt: at,
      uninstalledAt: null,
    });
  });

  it("on reinstall refreshes the details, keeps the ones not given, and clears the uninstall", async () => {
    // GIVEN an uninstalled shop
    const shop = uniqueShop("reinstall");
    await upsertShopOnInstall(shop, { name: "Acme", currencyCode: "EUR" }, new Date("2026-01-01T00:00:00.000Z"));
    await markUninstalled(shop, new Date("2026-02-01T00:00:00.000Z"));
    // WHEN
    const reinstalled = await upsertShopOnInstall(shop, { scopes: "read_orders,write_returns" }, new Date("2026-03-01T00:00:00.000Z"));
    // THEN
    expect(reinstalled).toMatchObject({
      name: "Acme",
      currencyCode: "EUR",
      scopes: "read_orders,write_returns",
      installedAt: new Date("2026-03-01T00:00:00.000Z"),
      uninstalledAt: null,
    });
  });

  it("survives two parallel first installs of the same shop", async () => {
    // GIVEN
    const shop = uniqueShop("race-install");
    // WHEN
    await Promise.all([upsertShopOnInstall(shop, { name: "A" }), upsertShopOnInstall(shop, { name: "A" })]);
    // THEN
    expect(await prisma.shop.count({ where: { shop } })).toBe(1);
  });

  it("installing one shop leaves another shop's row untouched", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    await upsertShopOnInstall(other, { name: "Other", currencyCode: "GBP" }, new Date("2026-01-01T00:00:00.000Z"));
    // WHEN
    await upsertShopOnInstall(mine, { name: "Mine", currencyCode: "USD" });
    // THEN each shop reads only its own row
    expect(await getShop(other)).toMatchObject({ name: "Other", currencyCode: "GBP", installedAt: new Date("2026-01-01T00:00:00.000Z") });
    expect(await getShop(mine)).toMatchObject({ shop: mine, name: "Mine", currencyCode: "USD" });
  });

  it("answers null for a shop that never installed", async () => {
    // GIVEN / WHEN / THEN
    expect(await getShop(uniqueShop("never"))).toBeNull();
  });

  it("reads the shop's own time zone, and UTC before the shop is recorded", async () => {
    // GIVEN a Los Angeles shop, a Tokyo shop, and a shop not recorded yet
    const mine = uniqueShop("tz-mine");
    const other = uniqueShop("tz-other");
    await upsertShopOnInstall(mine, { ianaTimezone: "America/Los_Angeles" });
    await upsertShopOnInstall(other, { ianaTimezone: "Asia/Tokyo" });
    // WHEN / THEN
    expect(await shopTimeZone(mine)).toBe("America/Los_Angeles");
    expect(await shopTimeZone(other)).toBe("Asia/Tokyo");
    expect(await shopTimeZone(uniqueShop("tz-never"))).toBe("UTC");
  });

  it("reads a recorded zone this runtime does not know as UTC", async () => {
    // GIVEN
    const shop = uniqueShop("tz-unknown");
    await upsertShopOnInstall(shop, { ianaTimezone: "Mars/Olympus" });
    // WHEN / THEN
    expect(await shopTimeZone(shop)).toBe("UTC");
  });

  it("records only the first uninstall when the webhook arrives twice", async () => {
    // GIVEN
    const shop = uniqueShop("uninstall");
    await upsertShopOnInstall(shop);
    const first = new Date("2026-04-01T10:00:00.000Z");
    // WHEN
    const changedFirst = await markUninstalled(shop, first);
    const changedAgain = await markUninstalled(shop, new Date("2026-04-01T10:05:00.000Z"));
    // THEN
    expect([changedFirst, changedAgain]).toEqual([true, false]);
    expect((await getShop(shop))?.uninstalledAt).toEqual(first);
  });

  it("uninstalling one shop leaves another shop installed", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    await upsertShopOnInstall(mine);
    await upsertShopOnInstall(other);
    // WHEN
    await markUninstalled(mine, new Date());
    // THEN
    expect((await getShop(other))?.uninstalledAt).toBeNull();
  });

  it("hands out ticket numbers 1, 2, 3 in order", async () => {
    // GIVEN
    const shop = uniqueShop("numbers");
    await upsertShopOnInstall(shop);
    // WHEN
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push(await prisma.$transaction((tx) => nextTicketNumber(tx, shop)));
    // THEN
    expect(numbers).toEqual([1, 2, 3]);
  });

  it("hands out distinct, consecutive ticket numbers to parallel transactions", async () => {
    // GIVEN
    const shop = uniqueShop("parallel");
    await upsertShopOnInstall(shop);
    // WHEN eight transactions take a number at once
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => prisma.$transaction((tx) => nextTicketNumber(tx, shop))),
    );
    // THEN
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("starts the counter for a shop without a row yet, even when two tickets race for number 1", async () => {
    // GIVEN no Shop row (a webhook can arrive before the install finished)
    const shop = uniqueShop("no-row");
    // WHEN
    const numbers = await Promise.all([
      prisma.$transaction((tx) => nextTicketNumber(tx, shop)),
      prisma.$transaction((tx) => nextTicketNumber(tx, shop)),
    ]);
    // THEN
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2]);
  });

  it("taking a ticket number leaves another shop's counter untouched", async () => {
    // GIVEN
    const mine = uniqueShop("mine");
    const other = uniqueShop("other");
    await upsertShopOnInstall(other);
    // WHEN
    await prisma.$transaction((tx) => nextTicketNumber(tx, mine));
    await prisma.$transaction((tx) => nextTicketNumber(tx, mine));
    // THEN
    expect(await prisma.$transaction((tx) => nextTicketNumber(tx, other))).toBe(1);
  });

  it("gives the number back when the ticket's transaction rolls back", async () => {
    // GIVEN
    const shop = uniqueShop("rollback");
    await upsertShopOnInstall(shop);
    // WHEN a transaction takes a number, then fails
    await expect(
      prisma.$transaction(async (tx) => {
        await nextTicketNumber(tx, shop);
        throw new Error("ticket insert failed");
      }),
    ).rejects.toThrow("ticket insert failed");
    // THEN the next ticket still gets number 1: no gaps from failures
    expect(await prisma.$transaction((tx) => nextTicketNumber(tx, shop))).toBe(1);
  });
});
