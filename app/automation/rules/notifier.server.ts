/**
 * How the shopper hears from automation. Email does not exist yet, so the one notifier
 * posts a public message in the shopper's portal conversation about the return; an email
 * notifier can implement the same interface and join it later.
 */
import prisma from "~/db.server";
import { addMessage, createTicket, transitionTicket } from "~/tickets/tickets.server";

export type ShopperMessage = { returnCaseId: string; body: string };

export interface ShopperNotifier {
  /** Delivers the message; answers where it went (for the run's record). */
  notify(shop: string, message: ShopperMessage): Promise<{ channel: string; reference: string }>;
}

const AUTHOR = "Aftercare";

/**
 * The portal shows a shopper the tickets of their order that hold public messages. The
 * message joins the return's latest open conversation; without one it starts a ticket
 * that is already solved, so it informs the shopper without filling the agents' queue
 * (a reply from the shopper reopens it, as any solved ticket).
 */
export const portalNotifier: ShopperNotifier = {
  async notify(shop, message) {
    const conversation = await prisma.ticket.findFirst({
      where: { shop, returnCaseId: message.returnCaseId, category: { not: "system" }, status: { in: ["open", "pending", "solved"] } },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    if (conversation) {
      await addMessage(shop, conversation.id, { authorType: "system", authorName: AUTHOR, visibility: "public", body: message.body }, "system");
      return { channel: "portal", reference: `ticket #${conversation.number}` };
    }
    const rc = await prisma.returnCase.findFirstOrThrow({
      where: { id: message.returnCaseId, shop },
      select: { orderId: true, orderName: true, customerId: true, customerEmail: true, customerName: true },
    });
    const ticket = await createTicket(shop, {
      subject: `Update on your return for order ${rc.orderName}`,
      category: "question_billing",
      channel: "system",
      priority: "low",
      orderId: rc.orderId,
      orderName: rc.orderName,
      returnCaseId: message.returnCaseId,
      customerId: rc.customerId,
      customerEmail: rc.customerEmail,
      customerName: rc.customerName,
      firstMessage: { authorType: "system", authorName: AUTHOR, visibility: "public", body: message.body },
      actor: "system",
    });
    await transitionTicket(shop, ticket.id, "solved", "system");
    return { channel: "portal", reference: `ticket #${ticket.number}` };
  },
};
