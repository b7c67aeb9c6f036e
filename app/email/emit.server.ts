/**
 * Where tickets and returns ask for an email: each hook runs inside the caller's transaction
 * and queues one `email.send` job (kind, payload, due time), keyed so the same event never
 * queues twice. Nothing is queued when this deployment sends no email or the shopper has no
 * address. What the email says is rendered when it is sent (send.server.ts).
 */
import type { Tx } from "~/db.server";
import type { ReturnStatus } from "~/returns/status";
import type { TicketStatus } from "~/tickets/schemas";
import { emailConfig } from "./config";
import { EMAIL_JOB_KIND, type EmailJobPayload } from "./jobs";

/** Queues the email job `key` unless one with that key exists (an upsert on the job's dedupe key). */
async function enqueue(tx: Tx, shop: string, key: string, payload: EmailJobPayload, runAt: Date): Promise<void> {
  await tx.job.upsert({
    where: { shop_dedupeKey: { shop, dedupeKey: key } },
    create: { shop, kind: EMAIL_JOB_KIND, payload, status: "pending", dedupeKey: key, runAt },
    update: {},
  });
}

/** A public agent message on a ticket with a customer address: the reply goes out by email. */
export async function emailTicketMessage(
  tx: Tx,
  shop: string,
  message: { id: string; ticketId: string; authorType: string; visibility: string; createdAt: Date },
): Promise<void> {
  if (message.authorType !== "agent" || message.visibility !== "public" || !emailConfig()) return;
  if (!(await hasCustomerEmail(tx, shop, message.ticketId))) return;
  await enqueue(tx, shop, `ticket.reply:${message.id}`, { event: "ticket.reply", ticketId: message.ticketId, ticketMessageId: message.id }, message.createdAt);
}

/**
 * A ticket moved to `to`: solved sends the rating email at once; pending (waiting on the
 * shopper) schedules one reminder after EMAIL_WAITING_REMINDER_HOURS, which is dropped at
 * send time if the shopper wrote or the ticket moved on meanwhile.
 */
export async function emailTicketStatus(tx: Tx, shop: string, ticketId: string, to: TicketStatus, at: Date): Promise<void> {
  if (to !== "solved" && to !== "pending") return;
  const config = emailConfig();
  if (!config || !(await hasCustomerEmail(tx, shop, ticketId))) return;
  if (to === "solved") {
    await enqueue(tx, shop, `ticket.solved:${ticketId}:${at.getTime()}`, { event: "ticket.solved", ticketId, solvedAt: at.toISOString() }, at);
    return;
  }
  const due = new Date(at.getTime() + config.waitingReminderHours * 60 * 60 * 1000);
  await enqueue(tx, shop, `ticket.waiting:${ticketId}:${at.getTime()}`, { event: "ticket.waiting", ticketId, pendingSince: at.toISOString() }, due);
}

/**
 * A return moved to `to`. Shopify already emails the shopper when a return it holds is
 * approved (returnApproveRequest notifyCustomer) and when the refund or store credit is
 * issued (returnProcess / refundCreate / storeCreditAccountCredit notify): Aftercare writes
 * only what Shopify does not — approval of a return Shopify does not hold yet (an exchange,
 * decided here and created in Shopify on resolution) and the receipt of the items. A change
 * mirrored from Shopify (actor "webhook": made in Shopify admin or customer accounts) is
 * Shopify's to announce, with the notification choices the merchant made there.
 */
export async function emailReturnStatus(tx: Tx, shop: string, returnCaseId: string, to: ReturnStatus, at: Date, actor: string): Promise<void> {
  if ((to !== "approved" && to !== "received") || actor === "webhook") return;
  if (!emailConfig()) return;
  const row = await tx.returnCase.findFirst({ where: { id: returnCaseId, shop }, select: { customerEmail: true, shopifyReturnId: true } });
  if (!row?.customerEmail) return;
  if (to === "approved" && row.shopifyReturnId !== null) return;
  await enqueue(tx, shop, `return.${to}:${returnCaseId}`, { event: `return.${to}`, returnCaseId }, at);
}

async function hasCustomerEmail(tx: Tx, shop: string, ticketId: string): Promise<boolean> {
  const ticket = await tx.ticket.findFirst({ where: { id: ticketId, shop }, select: { customerEmail: true, category: true } });
  // System tickets are the merchant's bookkeeping: never mailed to anyone.
  return Boolean(ticket?.customerEmail) && ticket?.category !== "system";
}
