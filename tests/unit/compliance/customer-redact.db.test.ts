import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { handleCustomersRedact } from "~/compliance/customer-redact.server";
import { dataRequestHandler } from "~/compliance/data-request.server";
import { uniqueShop } from "../../support/shopify-app";
import { dumpShop, seedCustomer } from "./seed";

afterAll(async () => {
  await prisma.$disconnect();
});

const NOW = new Date("2026-11-20T10:00:00.000Z");
const JANE = { customerNumber: "191167", email: "jane@example.com", name: "Jane Doe", orderNumber: "299938" };
const BOB = { customerNumber: "555001", email: "bob@example.com", name: "Bob Roe", orderNumber: "777001" };
const janeRedact = (shop: string) => ({
  shop_id: "1",
  shop_domain: shop,
  customer: { id: JANE.customerNumber, email: JANE.email },
  orders_to_redact: [JANE.orderNumber],
});

describe("customers/redact", () => {
  it("erases the customer's personal data everywhere in the shop and keeps the ledger amounts", async () => {
    // GIVEN Jane's footprint, including an earlier data-request export, and Bob's
    const shop = uniqueShop("redact");
    const jane = await seedCustomer(shop, JANE);
    await seedCustomer(shop, BOB);
    await dataRequestHandler()(
      shop,
      { shop_id: "1", shop_domain: shop, customer: { id: JANE.customerNumber, email: JANE.email }, orders_requested: [JANE.orderNumber] },
      { webhookId: "wh-dr", triggeredAt: null, now: NOW },
    );
    expect((await dumpShop(shop)).toLowerCase()).toContain(JANE.email);
    // WHEN
    await handleCustomersRedact(shop, janeRedact(shop), { webhookId: "wh-redact", triggeredAt: null, now: NOW });
    // THEN no row of the shop holds Jane's email, name or customer id any more
    const dump = (await dumpShop(shop)).toLowerCase();
    expect(dump).not.toContain(JANE.email);
    expect(dump).not.toContain(JANE.name.toLowerCase());
    expect(dump).not.toContain(jane.customerId.toLowerCase());
    // ... the return keeps its order, amounts and status
    const returnCase = await prisma.returnCase.findUniqueOrThrow({ where: { id: jane.returnCase.id }, include: { lines: true } });
    expect(returnCase).toMatchObject({
      orderId: jane.orderId,
      status: "requested",
      refundAmountMinor: 4_500n,
      customerId: null,
      customerEmail: null,
      customerName: null,
      note: null,
    });
    expect(returnCase.lines.map((line) => [line.note, line.photos, line.unitPriceMinor, line.title])).toEqual([[null, [], 4_500n, "Linen shirt"]]);
    // ... the ledger row stays, amount intact, no longer linked to her
    const movement = await prisma.moneyMovement.findUniqueOrThrow({ where: { id: jane.movement.id } });
    expect(movement).toMatchObject({ amountMinor: 4_500n, currencyCode: "EUR", status: "succeeded", kind: "refund", customerId: null, note: null });
    // ... the ticket keeps its number and score; its words are gone, the CSAT comment as the messages
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: jane.ticket.id }, include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
    expect(ticket).toMatchObject({ number: jane.ticket.number, subject: "[redacted]", csatScore: 5, csatComment: "[redacted]", customerId: null, customerEmail: null, customerName: null });
    expect(ticket.messages.map((message) => [message.authorType, message.authorName, message.body])).toEqual([
      ["customer", null, "[redacted]"],
      ["agent", null, "[redacted]"],
    ]);
    // ... audit events keep who did what; data naming her is gone
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: jane.auditAboutReturn.id } })).data).toEqual({ status: "requested" });
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: jane.auditMentioning.id } })).data).toEqual({ redacted: true });
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: jane.orderWebhook.id } })).payload).toEqual({ redacted: true });
    // ... her missed portal lookups (keyed by her customer id) are gone; Bob's stay
    expect(await prisma.portalLookupFailure.findUnique({ where: { id: jane.lookupFailure.id } })).toBeNull();
    expect(await prisma.portalLookupFailure.count({ where: { shop } })).toBe(1);
    // AND the redaction is recorded without personal data
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { shop, action: "customer.redacted" } });
    expect(audit).toMatchObject({
      actor: "webhook",
      entityType: "compliance_request",
      entityId: "wh-redact",
      data: { returnCases: 1, tickets: 2, moneyMovements: 1, auditEvents: 1, webhookEvents: 1 },
    });
  });

  it("leaves another customer of the shop and the same customer in another shop untouched", async () => {
    // GIVEN
    const shop = uniqueShop("redact-scope");
    const otherShop = uniqueShop("other");
    await seedCustomer(shop, JANE);
    const bob = await seedCustomer(shop, BOB);
    await seedCustomer(otherShop, JANE);
    const bobBefore = await bobRows(bob);
    const otherShopBefore = await dumpShop(otherShop);
    // WHEN
    await handleCustomersRedact(shop, janeRedact(shop), { webhookId: "wh-redact-2", triggeredAt: null, now: NOW });
    // THEN
    expect(await bobRows(bob)).toEqual(bobBefore);
    expect(await dumpShop(otherShop)).toBe(otherShopBefore);
  });

  it("leaves a rating without a comment without one: only words the customer wrote are marked redacted", async () => {
    // GIVEN Jane's ticket rated 3 with no comment
    const shop = uniqueShop("redact-csat");
    const jane = await seedCustomer(shop, JANE);
    await prisma.ticket.update({ where: { id: jane.ticket.id }, data: { csatScore: 3, csatComment: null } });
    // WHEN
    await handleCustomersRedact(shop, janeRedact(shop), { webhookId: "wh-redact-csat", triggeredAt: null, now: NOW });
    // THEN the score stays for the dashboard, and no comment appears
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: jane.ticket.id } })).toMatchObject({ csatScore: 3, csatComment: null, subject: "[redacted]" });
  });

  it("finds a customer known only by email", async () => {
    // GIVEN
    const shop = uniqueShop("by-email");
    const jane = await seedCustomer(shop, JANE);
    // WHEN
    await handleCustomersRedact(shop, { shop_id: "1", shop_domain: shop, customer: { email: JANE.email }, orders_to_redact: [] }, { webhookId: "wh-redact-3", triggeredAt: null, now: NOW });
    // THEN
    expect(await prisma.returnCase.findUniqueOrThrow({ where: { id: jane.returnCase.id } })).toMatchObject({ customerEmail: null, customerName: null });
  });

  it("deletes the files the customer emailed to their tickets and keeps another customer's", async () => {
    // GIVEN a photo Jane emailed to her ticket and one Bob emailed to his (the seed gives each one)
    const shop = uniqueShop("redact-files");
    const jane = await seedCustomer(shop, JANE);
    const bob = await seedCustomer(shop, BOB);
    expect(await prisma.ticketAttachment.count({ where: { shop, ticketId: jane.ticket.id } })).toBe(1);
    // WHEN Jane is redacted
    await handleCustomersRedact(shop, janeRedact(shop), { webhookId: "wh-redact-files", triggeredAt: null, now: NOW });
    // THEN her file is gone and Bob's stays
    expect(await prisma.ticketAttachment.count({ where: { shop, ticketId: jane.ticket.id } })).toBe(0);
    expect(await prisma.ticketAttachment.count({ where: { shop, ticketId: bob.ticket.id } })).toBe(1);
  });
});

async function bobRows(bob: Awaited<ReturnType<typeof seedCustomer>>) {
  return {
    returnCase: await prisma.returnCase.findUniqueOrThrow({ where: { id: bob.returnCase.id }, include: { lines: true } }),
    movement: await prisma.moneyMovement.findUniqueOrThrow({ where: { id: bob.movement.id } }),
    ticket: await prisma.ticket.findUniqueOrThrow({ where: { id: bob.ticket.id }, include: { messages: true } }),
    audit: await prisma.auditEvent.findMany({ where: { id: { in: [bob.auditAboutReturn.id, bob.auditMentioning.id] } } }),
    webhook: await prisma.webhookEvent.findUniqueOrThrow({ where: { id: bob.orderWebhook.id } }),
  };
}
