import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { action, loader } from "~/routes/app.settings";
import { isGuestLookupOn } from "~/shops/guest-lookup.server";
import { act, adminRequest, currentSimulator, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

const save = (shop: string, policy: unknown) => act(action, adminRequest(shop, "/app/settings", { json: { intent: "save_policy", policy } }));

describe("the policy settings (/app/settings)", () => {
  it("shows a new shop the starter policy as version 1", async () => {
    const shop = newShop("settings");
    const { data } = ok(await load(loader, adminRequest(shop, "/app/settings")));
    expect(data).toMatchObject({ version: 1, savedBy: "system", currencyCode: "USD", policy: DEFAULT_POLICY });
  });

  it("saves every change as a new version, by the staff member who saved it", async () => {
    // GIVEN
    const shop = newShop("save");
    await load(loader, adminRequest(shop, "/app/settings"));
    // WHEN
    const answer = ok(await save(shop, { ...DEFAULT_POLICY, returnWindowDays: 45, restockingFeeBps: 500 }));
    // THEN
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "Policy version 2 saved." } });
    const { data } = ok(await load(loader, adminRequest(shop, "/app/settings")));
    expect(data).toMatchObject({ version: 2, savedBy: "staff:42", policy: { returnWindowDays: 45, restockingFeeBps: 500 } });
    expect(await prisma.policy.count({ where: { shop } })).toBe(2);
  });

  it("answers 422 with each field's message and saves nothing", async () => {
    const shop = newShop("invalid");
    await load(loader, adminRequest(shop, "/app/settings"));
    const answer = ok(await save(shop, { ...DEFAULT_POLICY, returnWindowDays: 400, allowRefund: false, allowStoreCredit: false, allowExchange: false, storeCreditBonusBps: "ten" }));
    expect(answer.status).toBe(422);
    expect(answer.data).toMatchObject({
      ok: false,
      errors: {
        returnWindowDays: ["The return window must be between 0 and 365 days."],
        storeCreditBonusBps: ["The store-credit bonus must be a number."],
      },
    });
    expect(await prisma.policy.count({ where: { shop } })).toBe(1);
    expect(ok(await act(action, adminRequest(shop, "/app/settings", { json: { intent: "delete_policy" } }))).status).toBe(422);
  });

  it("saves into the saving shop only", async () => {
    const shopA = newShop("pol-a");
    const shopB = newShop("pol-b");
    await load(loader, adminRequest(shopB, "/app/settings"));
    await save(shopA, { ...DEFAULT_POLICY, returnWindowDays: 10 });
    const b = ok(await load(loader, adminRequest(shopB, "/app/settings"))).data;
    expect(b).toMatchObject({ version: 1, policy: { returnWindowDays: 30 } });
  });
});

describe("guest lookup in the storefront portal (/app/settings)", () => {
  const setLookup = (shop: string, guestLookup: string) => act(action, adminRequest(shop, "/app/settings", { form: { intent: "save_guest_lookup", guestLookup } }));

  it("is on for a new shop, and turning it off is stored, audited and written where the block reads it", async () => {
    // GIVEN a new shop
    const shop = newShop("guest");
    expect(ok(await load(loader, adminRequest(shop, "/app/settings"))).data).toMatchObject({ guestLookup: true });
    // WHEN the merchant turns guest lookup off
    const answer = ok(await setLookup(shop, "off"));
    // THEN it is off here, in the app-data metafield the theme block reads, and in the audit trail
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "Guest lookup is off: shoppers sign in to start a return." } });
    expect(ok(await load(loader, adminRequest(shop, "/app/settings"))).data).toMatchObject({ guestLookup: false });
    expect(currentSimulator().store.shopState(shop).appMetafields.get("aftercare.guest_lookup")).toEqual({ type: "boolean", value: "false" });
    expect(await prisma.auditEvent.findFirst({ where: { shop, action: "portal.guest_lookup_off" } })).toMatchObject({ actor: "staff:42", entityType: "shop" });
    // AND on again, everywhere
    ok(await setLookup(shop, "on"));
    expect(await isGuestLookupOn(shop)).toBe(true);
    expect(currentSimulator().store.shopState(shop).appMetafields.get("aftercare.guest_lookup")).toEqual({ type: "boolean", value: "true" });
  });

  it("answers 422 to anything but on or off and changes nothing", async () => {
    const shop = newShop("guest-bad");
    const answer = ok(await setLookup(shop, "maybe"));
    expect(answer.status).toBe(422);
    expect(await isGuestLookupOn(shop)).toBe(true);
    expect(currentSimulator().store.shopState(shop).appMetafields.size).toBe(0);
  });
});

describe("the support email settings (/app/settings)", () => {
  const saveEmail = (shop: string, body: Record<string, unknown>) => act(action, adminRequest(shop, "/app/settings", { json: { intent: "save_email", ...body } }));

  it("defaults the sender name to the shop's name and English, and saves a sender name and language for the saving shop only", async () => {
    // GIVEN
    const shop = newShop("email-settings");
    const other = newShop("email-settings-other");
    const before = ok(await load(loader, adminRequest(shop, "/app/settings"))).data;
    expect(before).toMatchObject({ email: { senderName: "", locale: "en", fromAddress: null } });
    // WHEN
    const answer = ok(await saveEmail(shop, { senderName: "  Maison Bleue Support ", locale: "fr" }));
    // THEN
    expect(answer).toEqual({ status: 200, data: { ok: true, message: "Email settings saved." } });
    expect(ok(await load(loader, adminRequest(shop, "/app/settings"))).data).toMatchObject({ email: { senderName: "Maison Bleue Support", locale: "fr" } });
    expect(ok(await load(loader, adminRequest(other, "/app/settings"))).data).toMatchObject({ email: { senderName: "", locale: "en" } });
    expect(await prisma.auditEvent.count({ where: { shop, action: "shop.email_settings_saved", actor: "staff:42" } })).toBe(1);
  });

  it("answers 422 for a sender name that could break the From header or a language it does not write", async () => {
    const shop = newShop("email-settings-bad");
    const answer = ok(await saveEmail(shop, { senderName: 'Evil"\r\nBcc: x@example.com', locale: "it" }));
    expect(answer.status).toBe(422);
    expect(answer.data).toMatchObject({
      ok: false,
      errors: { senderName: ["A sender name cannot contain line breaks, quotes or angle brackets."], locale: ["Pick English, French, German or Spanish."] },
    });
    expect(await prisma.shop.count({ where: { shop, emailSenderName: { not: null } } })).toBe(0);
  });
});
