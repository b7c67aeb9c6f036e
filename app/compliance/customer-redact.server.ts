import { recordAudit } from "~/audit/audit.server";
import { eventTransaction } from "~/automation/event-transaction.server";
import type { CustomersRedactPayload } from "~/automation/payloads";
import type { WebhookHandler } from "~/automation/handlers/types";
import { customerScope, findCustomerRecords, findJsonRows, JSON_SCAN_BATCH, mentions } from "./customer-records.server";
import { eraseCustomerPhotos } from "./photo-erasure.server";

const REDACTED = "[redacted]";
const REDACTED_JSON = { redacted: true };

/**
 * customers/redact: erases the customer's personal data — their photo files, and on their
 * returns, tickets, ledger rows, audit data and stored webhook payloads — for the customer
 * and the listed orders. Amounts, statuses and dates stay: the money ledger must still add up (and tax
 * law keeps it), it just no longer says whose money it was.
 */
export const handleCustomersRedact: WebhookHandler<CustomersRedactPayload> = async (shop, payload, event) => {
  const scope = customerScope(payload.customer, payload.orders_to_redact);
  // The photo files go first, each before its row: if one cannot be deleted this throws
  // before any row changed, and the inbox's retry finds every photo by the same links.
  const photos = await eraseCustomerPhotos(shop, scope);
  await eventTransaction(
    event,
    async (tx) => {
      const records = await findCustomerRecords(tx, shop, scope);
      const returnCaseIds = records.returnCases.map((returnCase) => returnCase.id);
      const ticketIds = records.tickets.map((ticket) => ticket.id);
      await tx.returnCase.updateMany({
        where: { shop, id: { in: returnCaseIds } },
        data: { customerId: null, customerEmail: null, customerName: null, note: null },
      });
      // The portal's rate limit keys a signed-in shopper's misses by their customer id.
      await tx.portalLookupFailure.deleteMany({
        where: { shop, clientKey: { in: scope.customerIds.map((id) => `${shop}|customer:${id}`) } },
      });
      // A decline reason is free text the merchant wrote to this customer; keep that one was given.
      await tx.returnCase.updateMany({
        where: { shop, id: { in: returnCaseIds }, declineReason: { not: null } },
        data: { declineReason: REDACTED },
      });
      // Photos are the customer's uploads (their files are deleted above); notes are their words.
      await tx.returnLine.updateMany({ where: { shop, returnCaseId: { in: returnCaseIds } }, data: { note: null, photos: [] } });
      // Subjects and every message are redacted, the agents' replies too: a reply greets
      // the customer by name and quotes their address. Number, status, dates and the CSAT
      // score stay for the metrics.
      await tx.ticket.updateMany({
        where: { shop, id: { in: ticketIds } },
        data: { customerId: null, customerEmail: null, customerName: null, subject: REDACTED },
      });
      // A CSAT comment is the customer's words, as a message is: the same rule, keeping that one was given.
      await tx.ticket.updateMany({ where: { shop, id: { in: ticketIds }, csatComment: { not: null } }, data: { csatComment: REDACTED } });
      // System tickets linked to the customer (an earlier data-request export) go too.
      const systemTicketIds = (
        await tx.ticket.findMany({ where: { shop, category: "system", customerId: { in: scope.customerIds } }, select: { id: true } })
      ).map((ticket) => ticket.id);
      await tx.ticket.updateMany({ where: { shop, id: { in: systemTicketIds } }, data: { customerId: null, subject: REDACTED } });
      await tx.ticketMessage.updateMany({
        where: { shop, ticketId: { in: [...ticketIds, ...systemTicketIds] } },
        data: { body: REDACTED, authorName: null },
      });
      // Files the customer emailed are theirs as their words are, and cannot be redacted in place.
      await tx.ticketAttachment.deleteMany({ where: { shop, ticketId: { in: [...ticketIds, ...systemTicketIds] } } });
      await tx.moneyMovement.updateMany({
        where: { shop, id: { in: records.moneyMovements.map((movement) => movement.id) } },
        data: { customerId: null, note: null },
      });
      // The order mirror keeps no name or email, but its customer id still says whose orders
      // they were: the orders stay for the shop's figures, no longer tied to the customer.
      await tx.orderMirror.updateMany({
        where: { shop, id: { in: records.mirroredOrders.map((order) => order.id) } },
        data: { customerId: null },
      });
      await tx.customerMirror.deleteMany({ where: { shop, customerId: { in: scope.customerIds } } });
      // Audit events keep who did what to which entity; only data naming the customer goes.
      const auditIds = records.auditEvents.filter((auditEvent) => mentions(scope, auditEvent.data)).map((auditEvent) => auditEvent.id);
      await tx.auditEvent.updateMany({ where: { shop, id: { in: auditIds } }, data: { data: REDACTED_JSON } });
      // Stored webhook payloads (orders, returns) carry the customer's email and address.
      const webhookEvents = await findJsonRows(
        (cursor) =>
          tx.webhookEvent.findMany({
            where: { shop, webhookId: { not: event.webhookId } },
            select: { id: true, payload: true },
            orderBy: { id: "asc" },
            take: JSON_SCAN_BATCH,
            ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          }),
        (webhookEvent) => mentions(scope, webhookEvent.payload),
      );
      await tx.webhookEvent.updateMany({
        where: { shop, id: { in: webhookEvents.map((webhookEvent) => webhookEvent.id) } },
        data: { payload: REDACTED_JSON },
      });
      await recordAudit(tx, shop, {
        actor: "webhook",
        action: "customer.redacted",
        entityType: "compliance_request",
        entityId: event.webhookId,
        // No personal data: the point of this event is that the customer is gone.
        data: {
          returnCases: returnCaseIds.length,
          tickets: ticketIds.length + systemTicketIds.length,
          moneyMovements: records.moneyMovements.length,
          auditEvents: auditIds.length,
          webhookEvents: webhookEvents.length,
          photos,
        },
      });
    },
    { timeout: 30_000 },
  );
};
