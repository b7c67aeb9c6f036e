/**
 * The audit trail: who did what to which entity, and when. Written by the same
 * transaction as the change it describes, so the trail and the data never disagree.
 *
 * `data` must never hold personal data (names, emails, phone numbers, addresses, free
 * text a shopper typed): the trail is kept after GDPR redaction and shown to every staff
 * member. Record ids, statuses, amounts, codes — enough to explain the change, nothing
 * that identifies a person. `recordAudit` refuses the obvious personal-data keys so a
 * slip fails in tests instead of leaking.
 */
import prisma, { type Tx } from "~/db.server";
import { DomainError } from "~/lib/errors";


export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
export type AuditData = { [key: string]: AuditJson };

export type AuditInput = {
  /** "system", "webhook", "portal", or a staff member as "staff:<id>". */
  actor: string;
  /** dotted verb, e.g. "return.approved", "ticket.created" */
  action: string;
  entityType: string;
  entityId: string;
  data?: AuditData;
};

export type AuditEntry = Omit<AuditInput, "data"> & { id: string; shop: string; data: AuditData | null; createdAt: Date };

const ACTOR = /^(system|webhook|portal|staff:[^\s]+)$/;
const PERSONAL_KEY = /^(e-?mail|phone|address\d?|(first|last|full|customer|billing|shipping)_?name|name)$/i;

/** Appends one audit event inside the caller's transaction. */
export async function recordAudit(tx: Tx, shop: string, input: AuditInput): Promise<AuditEntry> {
  if (!ACTOR.test(input.actor)) {
    throw new DomainError("invalid", `Audit actor "${input.actor}" must be system, webhook, portal or staff:<id>.`);
  }
  const personal = input.data ? findPersonalKey(input.data) : null;
  if (personal) {
    throw new DomainError("invalid", `Audit data for ${input.entityType} ${input.entityId} must not hold personal data (key "${personal}").`);
  }
  const row = await tx.auditEvent.create({
    data: {
      shop,
      actor: input.actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      ...(input.data ? { data: input.data } : {}),
    },
  });
  return toEntry(row);
}

/** The audit trail of one entity in this shop, oldest first. */
export async function listAudit(shop: string, entityType: string, entityId: string): Promise<AuditEntry[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { shop, entityType, entityId },
    // createdAt has millisecond precision; the id breaks ties between events of one instant.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toEntry);
}

type AuditRow = { id: string; shop: string; actor: string; action: string; entityType: string; entityId: string; data: unknown; createdAt: Date };

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    shop: row.shop,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: (row.data ?? null) as AuditData | null,
    createdAt: row.createdAt,
  };
}

function findPersonalKey(value: AuditJson): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findPersonalKey(item);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, nested] of Object.entries(value)) {
      if (PERSONAL_KEY.test(key)) return key;
      const found = findPersonalKey(nested);
      if (found) return found;
    }
  }
  return null;
}
