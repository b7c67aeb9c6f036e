/**
 * The one-click rating links of a solved ticket's email: a verified link records the
 * shopper's score once; a second click, or another score, changes nothing (the first answer
 * stands; later ones can still go through the portal, which replaces it).
 */
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { normalizeLocale, type PortalLocale } from "~/portal/messages";
import { CSAT_MAX, CSAT_MIN, ticketStatusSchema } from "~/tickets/schemas";
import { canRateTicket } from "~/tickets/status";
import { emailConfig } from "./config";
import { verifyCsatToken } from "./csat-token";

export type CsatLinkOutcome =
  | { kind: "recorded" | "already"; locale: PortalLocale; number: number; score: number; shopName: string }
  | { kind: "not_ratable"; locale: PortalLocale; number: number; shopName: string }
  | { kind: "invalid" | "expired"; locale: PortalLocale };

/** Records `score` (1–5) for the ticket a signed rating link names, unless it is rated already. */
export async function rateFromEmailLink(token: string, scoreInput: string | null, now: Date = new Date()): Promise<CsatLinkOutcome> {
  const config = emailConfig();
  const score = Number(scoreInput);
  const verified = config ? verifyCsatToken(token, config.linkSecret, now) : ({ ok: false, reason: "bad_signature" } as const);
  if (!verified.ok) return { kind: verified.reason === "expired" ? "expired" : "invalid", locale: "en" };
  const { shop, ticketId } = verified;
  const [ticket, shopRow] = await Promise.all([
    prisma.ticket.findFirst({ where: { id: ticketId, shop }, select: { number: true, status: true, resolvedAt: true, csatScore: true, locale: true } }),
    prisma.shop.findUnique({ where: { shop }, select: { name: true, emailSenderName: true, emailLocale: true } }),
  ]);
  const locale = normalizeLocale(ticket?.locale ?? shopRow?.emailLocale);
  if (!ticket || !Number.isInteger(score) || score < CSAT_MIN || score > CSAT_MAX) return { kind: "invalid", locale };
  const shopName = shopRow?.emailSenderName?.trim() || shopRow?.name?.trim() || shop.replace(/\.myshopify\.com$/, "");
  const common = { locale, number: ticket.number, shopName };
  if (ticket.csatScore !== null) return { kind: "already", score: ticket.csatScore, ...common };
  const status = ticketStatusSchema.parse(ticket.status);
  if (!canRateTicket({ status, resolvedAt: ticket.resolvedAt })) return { kind: "not_ratable", ...common };
  const recorded = await prisma.$transaction(async (tx) => {
    // Guarded on "not rated yet" and the status read: two clicks at once record one score.
    const { count } = await tx.ticket.updateMany({ where: { id: ticketId, shop, status, csatScore: null }, data: { csatScore: score } });
    if (count === 0) return false;
    // The shopper acts, as in the portal; `via` tells the email link apart.
    await recordAudit(tx, shop, { actor: "portal", action: "ticket.rated", entityType: "ticket", entityId: ticketId, data: { score, previousScore: null, hasComment: false, via: "email_link" } });
    return true;
  });
  if (recorded) return { kind: "recorded", score, ...common };
  const after = await prisma.ticket.findFirst({ where: { id: ticketId, shop }, select: { csatScore: true } });
  return after?.csatScore != null ? { kind: "already", score: after.csatScore, ...common } : { kind: "not_ratable", ...common };
}
