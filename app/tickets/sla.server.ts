/**
 * SLA settings and due times: the shop's business hours and its targets per category and
 * priority, read inside the caller's transaction so a ticket's due times are computed from
 * the settings it was opened under.
 */
import { z } from "zod";
import prisma, { isUniqueViolation, type Db, type Tx } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { safeTimeZone } from "~/lib/time-zone";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, ticketPrioritySchema, type TicketCategory, type TicketPriority } from "~/tickets/schemas";
import { addBusinessMinutes, businessHoursSchema, DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS, resumeDue, type BusinessHours } from "~/tickets/sla";

type Client = Db | Tx;

export type SlaTarget = { category: TicketCategory | "any"; priority: TicketPriority; firstResponseMinutes: number; resolutionMinutes: number };
export type SlaClockSettings = { hours: BusinessHours; timeZone: string };

/** The shop's business hours (Mon–Fri 09:00–17:00 until set) and time zone. */
export async function clockSettings(db: Client, shop: string): Promise<SlaClockSettings> {
  const [settings, row] = await Promise.all([
    db.helpdeskSettings.findUnique({ where: { shop }, select: { businessHours: true } }),
    db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }),
  ]);
  const parsed = businessHoursSchema.safeParse(settings?.businessHours);
  return { hours: parsed.success ? parsed.data : DEFAULT_BUSINESS_HOURS, timeZone: safeTimeZone(row?.ianaTimezone) };
}

/** The targets for a ticket: the category's own row, else the shop's row for every category, else the built-in default. */
async function targetFor(db: Client, shop: string, category: string, priority: TicketPriority): Promise<{ firstResponseMinutes: number; resolutionMinutes: number }> {
  const rows = await db.slaPolicy.findMany({ where: { shop, priority, category: { in: [category, "any"] } }, select: { category: true, firstResponseMinutes: true, resolutionMinutes: true } });
  return rows.find((r) => r.category === category) ?? rows.find((r) => r.category === "any") ?? DEFAULT_SLA_TARGETS[priority];
}

/** When the first response and the resolution of a ticket opened at `openedAt` fall due, in business hours. */
export async function computeDueTimes(db: Client, shop: string, category: string, priority: TicketPriority, openedAt: Date): Promise<{ slaDueAt: Date; resolutionDueAt: Date }> {
  const [clock, target] = await Promise.all([clockSettings(db, shop), targetFor(db, shop, category, priority)]);
  return {
    slaDueAt: addBusinessMinutes(openedAt, target.firstResponseMinutes, clock.hours, clock.timeZone),
    resolutionDueAt: addBusinessMinutes(openedAt, target.resolutionMinutes, clock.hours, clock.timeZone),
  };
}

/**
 * The due times once a paused ticket stops waiting on the shopper: each deadline moves by the
 * business minutes the pause lasted. Null when the ticket was not paused.
 */
export async function resumedDueTimes(
  db: Client,
  shop: string,
  ticket: { slaPausedAt: Date | null; slaDueAt: Date | null; resolutionDueAt: Date | null },
  now: Date,
): Promise<{ slaPausedAt: null; slaDueAt: Date | null; resolutionDueAt: Date | null } | null> {
  const pausedAt = ticket.slaPausedAt;
  if (!pausedAt) return null;
  const { hours, timeZone } = await clockSettings(db, shop);
  const shift = (due: Date | null) => (due ? resumeDue(due, pausedAt, now, hours, timeZone) : null);
  return { slaPausedAt: null, slaDueAt: shift(ticket.slaDueAt), resolutionDueAt: shift(ticket.resolutionDueAt) };
}

/** The shop's SLA settings for the settings page, seeding the defaults on the first visit. */
export async function getSlaSettings(shop: string): Promise<{ hours: BusinessHours; targets: SlaTarget[] }> {
  await seedSlaDefaults(shop);
  const [clock, rows] = await Promise.all([
    clockSettings(prisma, shop),
    prisma.slaPolicy.findMany({ where: { shop }, orderBy: [{ category: "asc" }, { priority: "asc" }] }),
  ]);
  const targets = rows.map((r) => ({ category: categoryOrAny(r.category), priority: ticketPrioritySchema.parse(r.priority), firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes }));
  return { hours: clock.hours, targets };
}

/** Writes the default hours and one target per priority for every category, unless the shop has them. Safe to race. */
export async function seedSlaDefaults(shop: string): Promise<void> {
  const writes = [
    () => prisma.helpdeskSettings.create({ data: { shop, businessHours: DEFAULT_BUSINESS_HOURS } }),
    ...TICKET_PRIORITIES.map((priority) => () => prisma.slaPolicy.create({ data: { shop, category: "any", priority, ...DEFAULT_SLA_TARGETS[priority] } })),
  ];
  const [hasSettings, policies] = await Promise.all([prisma.helpdeskSettings.count({ where: { shop } }), prisma.slaPolicy.count({ where: { shop } })]);
  for (const [i, write] of writes.entries()) {
    if (i === 0 ? hasSettings > 0 : policies > 0) continue;
    try {
      await write();
    } catch (error) {
      // A second tab seeding at the same time wrote the row first: that row stands.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

const minutes = z.number().int({ error: "Targets are whole minutes." }).min(1, { error: "A target is at least 1 minute." }).max(60 * 24 * 90, { error: "A target is at most 90 days of business minutes." });

export const slaSettingsSchema = z.object({
  hours: businessHoursSchema,
  targets: z
    .array(
      z.object({
        category: z.enum([...TICKET_CATEGORIES, "any"], { error: "Pick a ticket category." }),
        priority: ticketPrioritySchema,
        firstResponseMinutes: minutes,
        resolutionMinutes: minutes,
      }),
    )
    .max(TICKET_PRIORITIES.length * (TICKET_CATEGORIES.length + 1))
    .refine((targets) => TICKET_PRIORITIES.every((p) => targets.some((t) => t.category === "any" && t.priority === p)), { error: "Keep a target for every priority that applies to all categories." })
    .refine((targets) => new Set(targets.map((t) => `${t.category}/${t.priority}`)).size === targets.length, { error: "Each category and priority has one target." })
    .refine((targets) => targets.every((t) => t.resolutionMinutes >= t.firstResponseMinutes), { error: "A resolution target cannot be shorter than its first-response target." }),
});
export type SlaSettingsInput = z.input<typeof slaSettingsSchema>;

/** Replaces the shop's business hours and SLA targets (applies to tickets opened from now on), with an audit event. */
export async function saveSlaSettings(shop: string, input: unknown, actor: string): Promise<void> {
  const parsed = slaSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    throw new DomainError("invalid", "The SLA settings have errors; fix the marked fields.", { fieldErrors: { ...flat.fieldErrors, ...(flat.formErrors.length ? { form: flat.formErrors } : {}) } });
  }
  const { hours, targets } = parsed.data;
  await prisma.$transaction(async (tx) => {
    await tx.helpdeskSettings.upsert({ where: { shop }, create: { shop, businessHours: hours }, update: { businessHours: hours } });
    await tx.slaPolicy.deleteMany({ where: { shop } });
    for (const t of targets) await tx.slaPolicy.create({ data: { shop, ...t } });
    await recordAudit(tx, shop, { actor, action: "sla.settings_saved", entityType: "shop", entityId: shop, data: { targets: targets.length } });
  });
}

function categoryOrAny(value: string): TicketCategory | "any" {
  return z.enum([...TICKET_CATEGORIES, "any"]).parse(value);
}
