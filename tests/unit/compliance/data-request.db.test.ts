import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { dataRequestHandler } from "~/compliance/data-request.server";
import { uniqueShop } from "../../support/shopify-app";
import { withTempPhotoDir } from "../../support/photos";
import { seedCustomer, seedCustomerPhotos } from "./seed";

withTempPhotoDir();

afterAll(async () => {
  await prisma.$disconnect();
});

const NOW = new Date("2026-11-20T10:00:00.000Z");
const JANE = { customerNumber: "191167", email: "jane@example.com", name: "Jane Doe", orderNumber: "299938" };
const BOB = { customerNumber: "555001", email: "bob@example.com", name: "Bob Roe", orderNumber: "777001" };

describe("customers/data_request", () => {
  it("opens a system ticket for the merchant carrying an export of everything about the customer, and nothing about anyone else", async () => {
    // GIVEN Jane and Bob in the shop, and Jane (same Shopify customer) in another shop
    const shop = uniqueShop("export");
    const otherShop = uniqueShop("other");
    const jane = await seedCustomer(shop, JANE);
    await seedCustomer(shop, BOB);
    await seedCustomer(otherShop, JANE);
    const otherShopTickets = await prisma.ticket.count({ where: { shop: otherShop } });
    // WHEN Shopify forwards Jane's request
    await dataRequestHandler()(
      shop,
      { shop_id: "1", shop_domain: shop, customer: { id: JANE.customerNumber, email: JANE.email }, orders_requested: [JANE.orderNumber], data_request: { id: "9999" } },
      { webhookId: "wh-dr-1", triggeredAt: null, now: NOW },
    );
    // THEN a high-priority system ticket, due in 30 days, linked to Jane
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, category: "system" }, include: { messages: true } });
    expect(ticket).toMatchObject({
      subject: "Customer data request 9999: send the attached export to the customer",
      channel: "system",
      priority: "high",
      status: "open",
      customerId: jane.customerId,
      slaDueAt: new Date("2026-12-20T10:00:00.000Z"),
    });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ authorType: "system", visibility: "internal" });
    const [intro, blank, ...json] = (ticket.messages[0]?.body ?? "").split("\n");
    expect([intro, blank]).toEqual([
      "Shopify forwarded a customer data request (GDPR / CCPA). Send the export below to the customer within 30 days.",
      "",
    ]);
    const exported = JSON.parse(json.join("\n"));
    expect(exported).toMatchObject({
      format: "aftercare.customer_data_export.v1",
      generatedAt: "2026-11-20T10:00:00.000Z",
      shop,
      request: { dataRequestId: "9999", customer: { id: JANE.customerNumber, email: JANE.email }, ordersRequested: [JANE.orderNumber] },
    });
    // ... with Jane's return and its line, her ticket and both messages, the ledger amounts, the audit trail
    expect(exported.returnCases).toHaveLength(1);
    expect(exported.returnCases[0]).toMatchObject({
      id: jane.returnCase.id,
      customerEmail: JANE.email,
      customerName: JANE.name,
      refundAmountMinor: "4500",
      note: "Please pick it up at Jane Doe's office",
    });
    expect(exported.returnCases[0].lines).toEqual([
      expect.objectContaining({ id: jane.returnCase.lines[0]?.id, note: "Torn at the seam", photos: [{ url: "https://cdn.example.com/upload/photo-1.jpg", contentType: "image/jpeg", size: 1234 }] }),
    ]);
    expect(exported.tickets.map((t: { id: string }) => t.id)).toEqual([jane.ticket.id]);
    expect(exported.tickets[0].messages.map((m: { body: string }) => m.body)).toEqual([
      "Hi, this is Jane Doe, my address is 1 Main St.",
      "Hello Jane Doe, refund sent.",
    ]);
    expect(exported.moneyMovements).toEqual([
      expect.objectContaining({ id: jane.movement.id, kind: "refund", amountMinor: "4500", currencyCode: "EUR", status: "succeeded" }),
    ]);
    expect(exported.mirroredOrders).toEqual([expect.objectContaining({ orderId: jane.orderId, customerId: jane.customerId, totalMinor: "4500", currencyCode: "EUR" })]);
    expect(exported.auditEvents.map((e: { id: string }) => e.id).sort()).toEqual([jane.auditAboutReturn.id, jane.auditMentioning.id].sort());
    // ... and nothing of Bob's
    const text = JSON.stringify(exported);
    expect(text).not.toContain(BOB.email);
    expect(text).not.toContain(BOB.name);
    // AND an audit event with counts, naming no one
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "customer.data_requested" } });
    expect(audit).toMatchObject({
      actor: "webhook",
      entityType: "compliance_request",
      entityId: "wh-dr-1",
      data: { dataRequestId: "9999", ticketId: ticket.id, ticketNumber: ticket.number, returnCases: 1, tickets: 1, moneyMovements: 1, mirroredOrders: 1, auditEvents: 2 },
    });
    expect(JSON.stringify(audit)).not.toContain(JANE.email);
    // AND the other shop has no new ticket
    expect(await prisma.ticket.count({ where: { shop: otherShop } })).toBe(otherShopTickets);
  });

  it("lists the customer's photo uploads in the export, attached or not, and no one else's", async () => {
    // GIVEN Jane's and Bob's photos
    const shop = uniqueShop("export-photos");
    const jane = await seedCustomerPhotos(shop, await seedCustomer(shop, JANE));
    await seedCustomerPhotos(shop, await seedCustomer(shop, BOB));
    // WHEN Jane asks for her data
    await dataRequestHandler()(
      shop,
      { shop_id: "1", shop_domain: shop, customer: { id: JANE.customerNumber, email: JANE.email }, orders_requested: [JANE.orderNumber] },
      { webhookId: "wh-dr-photos", triggeredAt: null, now: NOW },
    );
    // THEN the export lists her three recorded uploads (the unrecorded file shows as its id on the return line)
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { shop, category: "system" }, include: { messages: true } });
    const exported = JSON.parse((ticket.messages[0]?.body ?? "").split("\n").slice(2).join("\n"));
    expect(exported.photoUploads.map((upload: { id: string }) => upload.id).sort()).toEqual([jane.attached, jane.guest, jane.signedIn].sort());
    expect(exported.returnCases[0].lines[0].photos).toContainEqual({ id: jane.unrecorded });
    expect((await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "customer.data_requested" } })).data).toMatchObject({ photoUploads: 3 });
  });

  it("does not nest an earlier export in the next one", async () => {
    // GIVEN a first request already answered
    const shop = uniqueShop("twice");
    await seedCustomer(shop, JANE);
    const payload = { shop_id: "1", shop_domain: shop, customer: { id: JANE.customerNumber, email: JANE.email }, orders_requested: [] };
    await dataRequestHandler()(shop, payload, { webhookId: "wh-dr-a", triggeredAt: null, now: NOW });
    // WHEN Jane asks again
    await dataRequestHandler()(shop, payload, { webhookId: "wh-dr-b", triggeredAt: null, now: NOW });
    // THEN the second export lists her one support ticket, not the first export's ticket
    const second = await prisma.ticket.findFirstOrThrow({ where: { shop, subject: { startsWith: "Customer data request wh-dr-b" } }, include: { messages: true } });
    const exported = JSON.parse((second.messages[0]?.body ?? "").split("\n").slice(2).join("\n"));
    expect(exported.tickets).toHaveLength(1);
    expect(exported.tickets[0].category).toBe("question_order");
  });
});
