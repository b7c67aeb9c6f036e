/**
 * Email that could not be sent after its last attempt, as the Sync health page lists them,
 * and putting one back in the queue once the cause (SMTP settings, a full mailbox) is fixed.
 */
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { EMAIL_JOB_KIND, emailJobPayloadSchema } from "./jobs";

const EMAIL_DEAD_LETTERS_SHOWN = 20;

export type EmailDeadLetter = { id: string; event: string; attempts: number; lastError: string | null; failedAt: Date };

/** The shop's newest email dead letters (at most EMAIL_DEAD_LETTERS_SHOWN) and how many there are. */
export async function listEmailDeadLetters(shop: string): Promise<{ rows: EmailDeadLetter[]; total: number }> {
  const where = { shop, kind: EMAIL_JOB_KIND, status: "dead" };
  const [jobs, total] = await Promise.all([
    prisma.job.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: EMAIL_DEAD_LETTERS_SHOWN, select: { id: true, payload: true, attempts: true, lastError: true, updatedAt: true } }),
    prisma.job.count({ where }),
  ]);
  const rows = jobs.map((job) => {
    const payload = emailJobPayloadSchema.safeParse(job.payload);
    return { id: job.id, event: payload.success ? payload.data.event : "unknown", attempts: job.attempts, lastError: job.lastError, failedAt: job.updatedAt };
  });
  return { rows, total };
}

/** Queues a dead email of this shop again, due now with a fresh set of attempts, and audits who did. */
export async function retryEmailDeadLetter(shop: string, jobId: string, actor: string, now: Date): Promise<{ event: string }> {
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id: jobId, shop, kind: EMAIL_JOB_KIND }, select: { status: true, attempts: true, dedupeKey: true, payload: true } });
    if (!job) throw new DomainError("not_found", `Email job ${jobId} was not found in this shop's queue.`);
    const { count } = await tx.job.updateMany({ where: { id: jobId, shop, status: "dead" }, data: { status: "pending", attempts: 0, runAt: now, lockedAt: null } });
    if (count === 0) throw new DomainError("conflict", `Email job ${jobId} is ${job.status}, not a dead letter, so it was not retried.`);
    // The dead delivery row goes; a sent one (there is none for a dead job) would have stopped the send.
    if (job.dedupeKey) await tx.emailDelivery.deleteMany({ where: { shop, key: job.dedupeKey, status: "dead" } });
    const parsed = emailJobPayloadSchema.safeParse(job.payload);
    const event = parsed.success ? parsed.data.event : "unknown";
    await recordAudit(tx, shop, { actor, action: "email.retried", entityType: "job", entityId: jobId, data: { event, previousAttempts: job.attempts } });
    return { event };
  });
}
