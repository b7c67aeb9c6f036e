import prisma from "~/db.server";

export type EmailDeliveryRow = { id: string; event: string; status: string; attempts: number; at: Date };

/** The support email about one ticket of this shop, newest first: what was sent when, and what gave up (the ticket's email timeline). */
export async function listTicketEmails(shop: string, ticketId: string): Promise<EmailDeliveryRow[]> {
  const rows = await prisma.emailDelivery.findMany({
    where: { shop, ticketId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 50,
    select: { id: true, event: true, status: true, attempts: true, sentAt: true, createdAt: true },
  });
  return rows.map((r) => ({ id: r.id, event: r.event, status: r.status, attempts: r.attempts, at: r.sentAt ?? r.createdAt }));
}
