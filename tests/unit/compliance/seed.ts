import prisma from "~/db.server";
import type { Prisma } from "~/db.server";
import { localDiskStorage } from "~/portal/photo-storage.server";
import { attachUploads } from "~/portal/photo-uploads.server";
import { JPEG, uploadPhoto } from "../../support/photos";

/** A photo a return line links to elsewhere (as the line's first photo): no file of ours. */
const LINKED_PHOTO = { url: "https://cdn.example.com/upload/photo-1.jpg", contentType: "image/jpeg", size: 1234 };

export type SeededCustomer = {
  customerNumber: string;
  email: string;
  name: string;
  orderNumber: string;
};

/**
 * Seeds one customer's footprint in a shop: a return with a line and photos, a ledger
 * row, a ticket with the customer's and an agent's messages, audit events, a stored
 * order webhook. Returns the ids.
 */
export async function seedCustomer(shop: string, customer: SeededCustomer) {
  const customerId = `gid://shopify/Customer/${customer.customerNumber}`;
  const orderId = `gid://shopify/Order/${customer.orderNumber}`;
  const returnCase = await prisma.returnCase.create({
    data: {
      shop,
      channel: "portal",
      resolution: "refund",
      orderId,
      orderName: `#${customer.orderNumber}`,
      customerId,
      customerEmail: customer.email,
      customerName: customer.name,
      currencyCode: "EUR",
      decision: [{ rule: "window", outcome: "pass", message: "Within 30 days" }],
      refundAmountMinor: 4_500n,
      note: `Please pick it up at ${customer.name}'s office`,
      declineReason: null,
      lines: {
        create: {
          shop,
          orderLineItemId: "gid://shopify/LineItem/1",
          title: "Linen shirt",
          unitPriceMinor: 4_500n,
          quantityRequested: 1,
          reasonCode: "damaged",
          note: "Torn at the seam",
          photos: [LINKED_PHOTO],
        },
      },
    },
    include: { lines: true },
  });
  const movement = await prisma.moneyMovement.create({
    data: {
      shop,
      returnCaseId: returnCase.id,
      orderId,
      customerId,
      kind: "refund",
      amountMinor: 4_500n,
      currencyCode: "EUR",
      idempotencyKey: `refund-${returnCase.id}`,
      status: "succeeded",
      actor: "staff:1",
      note: `Refunded to ${customer.email}`,
    },
  });
  const counter = await prisma.shop.upsert({
    where: { shop },
    create: { shop, nextTicketNumber: 2 },
    update: { nextTicketNumber: { increment: 1 } },
  });
  const ticket = await prisma.ticket.create({
    data: {
      shop,
      number: counter.nextTicketNumber - 1,
      subject: `Where is my refund? — ${customer.name}`,
      category: "question_order",
      channel: "portal",
      orderId,
      returnCaseId: returnCase.id,
      customerId,
      customerEmail: customer.email,
      customerName: customer.name,
      csatScore: 5,
      // The customer's words, naming them, as a shopper's comment may.
      csatComment: `Thanks from ${customer.name}!`,
      messages: {
        create: [
          { shop, authorType: "customer", authorName: customer.name, body: `Hi, this is ${customer.name}, my address is 1 Main St.` },
          { shop, authorType: "agent", authorName: "Agent Smith", body: `Hello ${customer.name}, refund sent.` },
        ],
      },
    },
    include: { messages: true },
  });
  // A photo the customer emailed to the ticket (app/email/inbound.server.ts).
  const emailed = ticket.messages.find((message) => message.authorType === "customer");
  if (emailed) {
    await prisma.ticketAttachment.create({
      data: { shop, ticketId: ticket.id, messageId: emailed.id, filename: "parcel.jpg", contentType: "image/jpeg", size: 4, content: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) },
    });
  }
  const auditAboutReturn = await prisma.auditEvent.create({
    data: { shop, actor: "portal", action: "return.requested", entityType: "return_case", entityId: returnCase.id, data: { status: "requested" } },
  });
  const auditMentioning = await prisma.auditEvent.create({
    data: { shop, actor: "staff:1", action: "customer.noted", entityType: "note", entityId: "n_1", data: { email: customer.email.toUpperCase(), text: "VIP" } },
  });
  const orderWebhook = await prisma.webhookEvent.create({
    data: {
      shop,
      topic: "ORDERS_CREATE",
      webhookId: `wh-order-${shop}-${customer.orderNumber}`,
      payload: { id: Number(customer.orderNumber), email: customer.email, customer: { admin_graphql_api_id: customerId } },
      status: "processed",
    },
  });
  // The order mirror (orders/* webhooks) ties the order to the customer by id.
  await prisma.orderMirror.create({
    data: { shop, orderId, name: `#${customer.orderNumber}`, customerId, orderCreatedAt: new Date("2026-10-01T00:00:00Z"), shopifyUpdatedAt: new Date("2026-10-01T00:00:00Z"), totalMinor: 4_500n, currencyCode: "EUR", lineCount: 1 },
  });
  await prisma.customerMirror.create({ data: { shop, customerId, ordersCount: 1, shopifyUpdatedAt: new Date("2026-10-01T00:00:00Z") } });
  await prisma.fulfillmentMirror.create({
    data: { shop, fulfillmentId: `gid://shopify/Fulfillment/${customer.orderNumber}`, orderId, status: "success", shipmentStatus: "delivered", deliveredAt: new Date("2026-10-03T00:00:00Z"), shopifyUpdatedAt: new Date("2026-10-03T00:00:00Z") },
  });
  // A signed-in shopper's missed order lookups are keyed by their customer id.
  const lookupFailure = await prisma.portalLookupFailure.create({
    data: { shop, clientKey: `${shop}|customer:${customer.customerNumber}` },
  });
  // The email that told the shopper their return arrived (no address or body is kept).
  await prisma.emailDelivery.create({
    data: { shop, key: `return.received:${returnCase.id}`, event: "return.received", returnCaseId: returnCase.id, messageId: `r.${returnCase.id}.return-received@${shop}`, status: "sent", sentAt: new Date("2026-10-05T00:00:00Z") },
  });
  // The order's claim lock, written when its return was requested.
  await prisma.orderClaimLock.upsert({ where: { shop_orderId: { shop, orderId } }, create: { shop, orderId, claims: 1 }, update: {} });
  return { customerId, orderId, returnCase, movement, ticket, auditAboutReturn, auditMentioning, orderWebhook, lookupFailure };
}

/**
 * Seeds a customer's photos, each found by redaction along another path: one attached to
 * their return (uploaded signed in), one uploaded in a guest session of their order and
 * never attached, one uploaded signed in while looking at another order, and one stored
 * before uploads had rows — a file listed on the return line and nothing else.
 */
export async function seedCustomerPhotos(shop: string, seeded: Awaited<ReturnType<typeof seedCustomer>>, now = new Date()) {
  const { customerId, orderId, returnCase } = seeded;
  const attached = await uploadPhoto(shop, { orderId: null, customerId }, now);
  await prisma.$transaction((tx) => attachUploads(tx, shop, [attached], { returnCaseId: returnCase.id, orderId, customerId }, now));
  const guest = await uploadPhoto(shop, { orderId, customerId: null }, now);
  const signedIn = await uploadPhoto(shop, { orderId: `${orderId}0`, customerId }, now);
  const unrecorded = `ph_${"u".repeat(16)}${seeded.customerId.slice(-6)}`;
  await localDiskStorage.put(shop, unrecorded, "image/jpeg", JPEG);
  await prisma.returnLine.updateMany({ where: { shop, returnCaseId: returnCase.id }, data: { photos: [LINKED_PHOTO, { id: attached }, { id: unrecorded }] } });
  return { attached, guest, signedIn, unrecorded, all: [attached, guest, signedIn, unrecorded].sort() };
}

/**
 * Every row of a shop, per Prisma model. Typed over Prisma.ModelName, so a new model
 * does not compile until it is listed; the shop/redact test also checks the list
 * against the generated client's DMMF at run time.
 */
export const SHOP_ROWS: Record<Prisma.ModelName, (shop: string) => Promise<unknown[]>> = {
  Session: (shop) => prisma.session.findMany({ where: { shop } }),
  StaffMember: (shop) => prisma.staffMember.findMany({ where: { shop } }),
  Shop: (shop) => prisma.shop.findMany({ where: { shop } }),
  Policy: (shop) => prisma.policy.findMany({ where: { shop } }),
  RuleSet: (shop) => prisma.ruleSet.findMany({ where: { shop } }),
  RuleRun: (shop) => prisma.ruleRun.findMany({ where: { shop } }),
  ReturnCase: (shop) => prisma.returnCase.findMany({ where: { shop } }),
  ReturnLine: (shop) => prisma.returnLine.findMany({ where: { shop } }),
  MoneyMovement: (shop) => prisma.moneyMovement.findMany({ where: { shop } }),
  Ticket: (shop) => prisma.ticket.findMany({ where: { shop } }),
  TicketMessage: (shop) => prisma.ticketMessage.findMany({ where: { shop } }),
  TicketAttachment: (shop) => prisma.ticketAttachment.findMany({ where: { shop } }),
  TicketTag: (shop) => prisma.ticketTag.findMany({ where: { shop } }),
  HelpdeskSettings: (shop) => prisma.helpdeskSettings.findMany({ where: { shop } }),
  SlaPolicy: (shop) => prisma.slaPolicy.findMany({ where: { shop } }),
  Macro: (shop) => prisma.macro.findMany({ where: { shop } }),
  WebhookEvent: (shop) => prisma.webhookEvent.findMany({ where: { shop } }),
  Job: (shop) => prisma.job.findMany({ where: { shop } }),
  EmailDelivery: (shop) => prisma.emailDelivery.findMany({ where: { shop } }),
  PortalLookupFailure: (shop) => prisma.portalLookupFailure.findMany({ where: { shop } }),
  AuditEvent: (shop) => prisma.auditEvent.findMany({ where: { shop } }),
  PhotoUpload: (shop) => prisma.photoUpload.findMany({ where: { shop } }),
  OrderClaimLock: (shop) => prisma.orderClaimLock.findMany({ where: { shop } }),
  OrderMirror: (shop) => prisma.orderMirror.findMany({ where: { shop } }),
  CustomerMirror: (shop) => prisma.customerMirror.findMany({ where: { shop } }),
  FulfillmentMirror: (shop) => prisma.fulfillmentMirror.findMany({ where: { shop } }),
  ReconciliationRun: (shop) => prisma.reconciliationRun.findMany({ where: { shop } }),
};

/** All of a shop's rows in every model, as one JSON text (BigInt as strings). */
export async function dumpShop(shop: string): Promise<string> {
  const dump: Record<string, unknown[]> = {};
  for (const [model, rows] of Object.entries(SHOP_ROWS)) dump[model] = await rows(shop);
  return JSON.stringify(dump, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}
