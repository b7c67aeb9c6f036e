import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { handleAppScopesUpdate } from "~/automation/handlers/app-scopes-update.server";
import { handleAppUninstalled } from "~/automation/handlers/app-uninstalled.server";
import { uniqueShop } from "../../support/shopify-app";

afterAll(async () => {
  await prisma.$disconnect();
});

const NOW = new Date("2026-11-20T10:00:00.000Z");

async function sessionFor(shop: string, scope = "read_orders") {
  await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope } });
  await prisma.session.create({ data: { id: `${shop}_online_1`, shop, state: "", isOnline: true, accessToken: "shpua_test", scope } });
}

describe("app/uninstalled", () => {
  it("deletes the shop's sessions and marks it uninstalled, keeping its data and other shops' sessions", async () => {
    // GIVEN
    const shop = uniqueShop("uninstall");
    const otherShop = uniqueShop("stays");
    await prisma.shop.create({ data: { shop, installedAt: new Date("2026-01-01T00:00:00.000Z") } });
    await sessionFor(shop);
    await sessionFor(otherShop);
    await prisma.auditEvent.create({ data: { shop, actor: "system", action: "return.approved", entityType: "return_case", entityId: "rc_1" } });
    // WHEN
    await handleAppUninstalled(shop, {}, { webhookId: "wh-1", triggeredAt: new Date("2026-11-20T09:59:00.000Z"), now: NOW });
    // THEN
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toEqual(NOW);
    expect(await prisma.auditEvent.count({ where: { shop } })).toBe(1);
    expect(await prisma.session.count({ where: { shop: otherShop } })).toBe(2);
    expect(await prisma.shop.count({ where: { shop: otherShop } })).toBe(0);
  });

  it("creates the Shop row, uninstalled, when the shop was never recorded", async () => {
    // GIVEN
    const shop = uniqueShop("unknown");
    // WHEN
    await handleAppUninstalled(shop, {}, { webhookId: "wh-2", triggeredAt: null, now: NOW });
    // THEN
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({ shop, uninstalledAt: NOW });
  });

  it("ignores a late uninstall raised before the app was installed again", async () => {
    // GIVEN a shop reinstalled at 09:00 with a live session
    const shop = uniqueShop("reinstalled");
    await prisma.shop.create({ data: { shop, installedAt: new Date("2026-11-20T09:00:00.000Z") } });
    await sessionFor(shop);
    // WHEN the uninstall of 08:00 arrives now
    await handleAppUninstalled(shop, {}, { webhookId: "wh-3", triggeredAt: new Date("2026-11-20T08:00:00.000Z"), now: NOW });
    // THEN
    expect(await prisma.session.count({ where: { shop } })).toBe(2);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
  });
});

describe("app/scopes_update", () => {
  it("writes the granted scopes on every session and on the shop, and leaves other shops alone", async () => {
    // GIVEN
    const shop = uniqueShop("scopes");
    const otherShop = uniqueShop("other");
    await sessionFor(shop, "read_orders");
    await sessionFor(otherShop, "read_orders");
    await prisma.shop.create({ data: { shop: otherShop, scopes: "read_orders" } });
    // WHEN
    await handleAppScopesUpdate(shop, { previous: ["read_orders"], current: ["read_orders", "write_returns"] }, { webhookId: "wh-4", triggeredAt: null, now: NOW });
    // THEN
    const sessions = await prisma.session.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(sessions.map((session) => session.scope)).toEqual(["read_orders,write_returns", "read_orders,write_returns"]);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).scopes).toBe("read_orders,write_returns");
    const others = await prisma.session.findMany({ where: { shop: otherShop } });
    expect(others.map((session) => session.scope)).toEqual(["read_orders", "read_orders"]);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: otherShop } })).scopes).toBe("read_orders");
  });
});
