/**
 * The shop's support-email settings, on the Settings page: the sender name shoppers see
 * ("Maison Bleue <support@…>") and the language of email to a shopper whose language the
 * portal did not record.
 */
import { z } from "zod";
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { PORTAL_LOCALES, normalizeLocale, type PortalLocale } from "~/portal/messages";
import { emailConfig } from "./config";

const emailSettingsSchema = z.object({
  senderName: z
    .string()
    .trim()
    .max(80, { error: "A sender name is at most 80 characters." })
    .refine((value) => !/[\r\n<>"]/.test(value), { error: "A sender name cannot contain line breaks, quotes or angle brackets." }),
  locale: z.enum(PORTAL_LOCALES, { error: "Pick English, French, German or Spanish." }),
});

export type EmailSettings = {
  /** As saved; empty: the shop's name is used. */
  senderName: string;
  /** What shoppers see when the sender name is empty. */
  defaultSenderName: string;
  locale: PortalLocale;
  /** The from address of this deployment, or null when it sends no email (no SMTP settings). */
  fromAddress: string | null;
};

/** The shop's email settings and whether this deployment sends email at all. */
export async function loadEmailSettings(shop: string): Promise<EmailSettings> {
  const row = await prisma.shop.findUnique({ where: { shop }, select: { name: true, emailSenderName: true, emailLocale: true } });
  return {
    senderName: row?.emailSenderName ?? "",
    defaultSenderName: row?.name?.trim() || shop.replace(/\.myshopify\.com$/, ""),
    locale: normalizeLocale(row?.emailLocale),
    fromAddress: emailConfig()?.fromAddress ?? null,
  };
}

/** Saves the sender name (empty: the shop's name) and default language, with an audit event. */
export async function saveEmailSettings(shop: string, input: unknown, actor: string): Promise<void> {
  const parsed = emailSettingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("invalid", "The email settings have errors; fix the marked fields.", { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }
  const data = { emailSenderName: parsed.data.senderName || null, emailLocale: parsed.data.locale };
  await prisma.$transaction(async (tx) => {
    await tx.shop.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    await recordAudit(tx, shop, { actor, action: "shop.email_settings_saved", entityType: "shop", entityId: shop, data: { senderName: data.emailSenderName, locale: data.emailLocale } });
  });
}
