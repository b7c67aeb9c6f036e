import type { CustomersDataRequestPayload } from "~/automation/payloads";
import type { WebhookHandler } from "~/automation/handlers/types";
import { recordAudit } from "~/audit/audit.server";
import { eventTransaction } from "~/automation/event-transaction.server";
import { openSystemTicket, type OpenSystemTicket, type SystemTicketInput } from "~/automation/system-ticket.server";
import { customerScope, findCustomerRecords, type CustomerRecords } from "./customer-records.server";

/** Shopify gives the merchant 30 days to answer a data subject request. */
const RESPONSE_DAYS = 30;

/**
 * customers/data_request: Shopify asks the app for what it holds about a customer, and
 * it is the merchant — not Shopify — who answers the customer. So the export goes where
 * the merchant works: a `system` ticket (due in 30 days) whose internal note carries the
 * JSON of every return, ticket, money movement, audit event and photo upload about the customer. The
 * ticket is linked to the customer, so a later customers/redact erases the export too.
 */
export function dataRequestHandler(open: OpenSystemTicket = openSystemTicket): WebhookHandler<CustomersDataRequestPayload> {
  return async (shop, payload, event) => {
    const scope = customerScope(payload.customer, payload.orders_requested);
    const requestId = payload.data_request?.id ?? event.webhookId;
    // The ticket and the inbox mark commit together: a crash between them cannot open a second ticket.
    await eventTransaction(
      event,
      async (tx) => {
        const records = await findCustomerRecords(tx, shop, scope);
        const exported = customerDataExport(shop, payload, records, event.now);
        const ticketInput: SystemTicketInput = {
          subject: `Customer data request ${requestId}: send the attached export to the customer`,
          body: [
            "Shopify forwarded a customer data request (GDPR / CCPA). Send the export below to the customer within 30 days.",
            "",
            JSON.stringify(exported, jsonValue, 2),
          ].join("\n"),
          priority: "high",
          customerId: scope.customerIds[0] ?? null,
          slaDueAt: new Date(event.now.getTime() + RESPONSE_DAYS * 24 * 60 * 60_000),
        };
        const ticket = await open(tx, shop, ticketInput, event.now);
        await recordAudit(tx, shop, {
          actor: "webhook",
          action: "customer.data_requested",
          entityType: "compliance_request",
          entityId: event.webhookId,
          // Counts and ids only: the audit trail outlives the customer's data.
          data: { dataRequestId: requestId, ticketId: ticket.id, ticketNumber: ticket.number, ...counts(records) },
        });
      },
      { timeout: 30_000 },
    );
  };
}

/** The export a merchant sends to the customer: every row we hold about them, in full. */
export function customerDataExport(shop: string, payload: CustomersDataRequestPayload, records: CustomerRecords, now: Date) {
  return {
    format: "aftercare.customer_data_export.v1",
    generatedAt: now.toISOString(),
    shop,
    request: {
      dataRequestId: payload.data_request?.id ?? null,
      customer: payload.customer,
      ordersRequested: payload.orders_requested,
    },
    returnCases: records.returnCases,
    tickets: records.tickets,
    moneyMovements: records.moneyMovements,
    mirroredOrders: records.mirroredOrders,
    auditEvents: records.auditEvents,
    // What we know of their photos; the files themselves show on the return in the admin.
    photoUploads: records.photoUploads,
  };
}

function counts(records: CustomerRecords) {
  return {
    returnCases: records.returnCases.length,
    tickets: records.tickets.length,
    moneyMovements: records.moneyMovements.length,
    mirroredOrders: records.mirroredOrders.length,
    auditEvents: records.auditEvents.length,
    photoUploads: records.photoUploads.length,
  };
}

/** JSON.stringify replacer: minor-unit amounts are BigInt, written as exact strings. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
