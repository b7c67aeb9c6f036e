import prisma from "~/db.server";

const MAX_IDS = 50;

/**
 * The ticket an inbound email answers, from its In-Reply-To and References ids (with or
 * without <>): the newest of them that Aftercare sent — a ticket message's email
 * (TicketMessage.emailMessageId) or an email about the ticket (EmailDelivery.messageId,
 * e.g. the solved or reminder email). Only this shop's when `shop` is given. null when none
 * is ours. Ids are not secret: treat the match as threading, not as proof of the sender.
 */
export async function findTicketByEmailMessageIds(messageIds: readonly string[], shop?: string): Promise<{ shop: string; ticketId: string } | null> {
  const ids = [...new Set(messageIds.map((id) => id.trim().replace(/^<|>$/g, "")).filter((id) => id.length > 0 && id.length <= 998))].slice(-MAX_IDS);
  if (ids.length === 0) return null;
  const scope = shop === undefined ? {} : { shop };
  const [messages, deliveries] = await Promise.all([
    prisma.ticketMessage.findMany({ where: { ...scope, emailMessageId: { in: ids } }, select: { shop: true, ticketId: true, emailMessageId: true } }),
    prisma.emailDelivery.findMany({ where: { ...scope, messageId: { in: ids }, ticketId: { not: null } }, select: { shop: true, ticketId: true, messageId: true } }),
  ]);
  const found = new Map<string, { shop: string; ticketId: string }>();
  for (const m of messages) if (m.emailMessageId) found.set(m.emailMessageId, { shop: m.shop, ticketId: m.ticketId });
  for (const d of deliveries) if (d.ticketId) found.set(d.messageId, { shop: d.shop, ticketId: d.ticketId });
  // References lists the thread oldest first and In-Reply-To is the newest: the last known id wins.
  for (const id of [...ids].reverse()) {
    const hit = found.get(id);
    if (hit) return hit;
  }
  return null;
}
