/**
 * Works the `email.send` jobs: claims the due ones, sends each over SMTP, records the
 * delivery, and retries with exponential backoff until the last attempt makes a dead letter
 * (shown on the Sync health page, where it can be retried).
 *
 * Exactly once towards the shopper, as far as SMTP allows: the job's EmailDelivery row (unique
 * on the job's key) is written in the same transaction that marks the job done, right after
 * the server accepted the message, and every attempt looks for that row before sending. A
 * retry of a delivered email therefore never sends it again. Only a crash in the instant
 * between the server's accept and that commit can repeat an email; it then carries the same
 * Message-ID, which mail clients show once.
 */
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import prisma from "~/db.server";
import { retryDelayMs, type RetryPolicy } from "~/automation/retry";
import { emailConfig, type EmailConfig, type SmtpOptions } from "./config";
import { composeEmail, type ComposedEmail } from "./compose.server";
import { EMAIL_JOB_KIND, EMAIL_RETRY, emailJobPayloadSchema } from "./jobs";

/** What sending needs from nodemailer: a transporter, or a test double with the same method. */
export type EmailTransport = { sendMail(mail: Mail.Options): Promise<{ accepted?: unknown[]; rejected?: unknown[] }> };

export type SendOptions = {
  now?: Date;
  limit?: number;
  /** Only this shop's jobs (tests keep to their own shop). */
  shop?: string;
  transport?: EmailTransport;
  config?: EmailConfig;
  retry?: RetryPolicy;
  log?: (line: string) => void;
};

export type SendResult = { claimed: number; sent: number; skipped: number; retrying: number; dead: number };

let sharedTransport: { key: string; transport: EmailTransport } | undefined;

/** The SMTP transporter for these settings, created once per process (it pools nothing; each send connects). */
function smtpTransport(smtp: SmtpOptions): EmailTransport {
  const key = JSON.stringify(smtp);
  if (sharedTransport?.key !== key) {
    // Bounded waits: a hung server must fail the attempt well inside the job's lease.
    const timeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
    sharedTransport = { key, transport: nodemailer.createTransport({ ...smtp, ...timeouts }) };
  }
  return sharedTransport.transport;
}

/** Claims the due email jobs and sends each; safe with any number of concurrent callers. */
export async function processDueEmails(options: SendOptions = {}): Promise<SendResult> {
  const result: SendResult = { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  const config = options.config ?? emailConfig();
  if (!config) return result;
  const now = options.now ?? new Date();
  const retry = options.retry ?? EMAIL_RETRY;
  const transport = options.transport ?? smtpTransport(config.smtp);
  const due = await prisma.job.findMany({
    where: {
      kind: EMAIL_JOB_KIND,
      ...(options.shop ? { shop: options.shop } : {}),
      OR: [
        { status: { in: ["pending", "failed"] }, runAt: { lte: now } },
        // A worker that crashed mid-send: its claim lapses after the lease.
        { status: "running", lockedAt: { lt: new Date(now.getTime() - retry.leaseMs) } },
      ],
    },
    orderBy: { runAt: "asc" },
    take: options.limit ?? 25,
    select: { id: true, shop: true, status: true, attempts: true, payload: true, dedupeKey: true },
  });
  for (const job of due) {
    // The claim: only the caller whose guarded update matches the row as read takes the job.
    const attempt = job.attempts + 1;
    const { count } = await prisma.job.updateMany({
      where: { id: job.id, status: job.status, attempts: job.attempts },
      data: { status: "running", lockedAt: now, attempts: attempt },
    });
    if (count === 0) continue;
    result.claimed++;
    result[await runJob({ ...job, attempt }, config, transport, retry, now, options.log ?? console.warn)]++;
  }
  return result;
}

type ClaimedJob = { id: string; shop: string; attempt: number; payload: unknown; dedupeKey: string | null };

async function runJob(job: ClaimedJob, config: EmailConfig, transport: EmailTransport, retry: RetryPolicy, now: Date, log: (line: string) => void): Promise<"sent" | "skipped" | "retrying" | "dead"> {
  const ours = { id: job.id, status: "running", attempts: job.attempt };
  const key = job.dedupeKey ?? job.id;
  const finish = (lastError: string | null) => prisma.job.updateMany({ where: ours, data: { status: "done", lockedAt: null, lastError } });
  const delivered = await prisma.emailDelivery.findUnique({ where: { shop_key: { shop: job.shop, key } }, select: { status: true } });
  if (delivered?.status === "sent") {
    await finish(null);
    return "skipped";
  }
  const parsed = emailJobPayloadSchema.safeParse(job.payload);
  let email: ComposedEmail | undefined;
  try {
    if (!parsed.success) throw new Error(`Email job ${job.id} has a payload that is not an email event`);
    const composed = await composeEmail(job.shop, parsed.data, config, now);
    if ("skip" in composed) {
      await finish(`Not sent: ${composed.skip}.`);
      return "skipped";
    }
    email = composed;
    const info = await transport.sendMail(toMail(email, config));
    if ((info.rejected?.length ?? 0) > 0 && (info.accepted?.length ?? 0) === 0) throw new Error("The SMTP server refused the recipient");
  } catch (error) {
    const message = errorMessage(error);
    if (parsed.success && job.attempt < retry.maxAttempts) {
      const delay = retryDelayMs(job.attempt, retry);
      await prisma.job.updateMany({ where: ours, data: { status: "failed", lockedAt: null, lastError: message, runAt: new Date(now.getTime() + delay) } });
      log(`Email job ${job.id} (${parsed.data.event}) for ${job.shop} failed (attempt ${job.attempt} of ${retry.maxAttempts}), retrying in ${delay / 1000}s: ${message}`);
      return "retrying";
    }
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({ where: ours, data: { status: "dead", lockedAt: null, lastError: message } });
      if (count === 0 || !parsed.success) return;
      const row = {
        event: parsed.data.event,
        ticketId: "ticketId" in parsed.data ? parsed.data.ticketId : null,
        returnCaseId: "returnCaseId" in parsed.data ? parsed.data.returnCaseId : null,
        messageId: email?.messageId ?? `dead.${job.id}@${config.messageIdDomain}`,
        status: "dead",
        attempts: job.attempt,
        lastError: message,
      };
      await tx.emailDelivery.upsert({ where: { shop_key: { shop: job.shop, key } }, create: { shop: job.shop, key, ...row }, update: row });
    });
    log(`Email job ${job.id} for ${job.shop} is a dead letter after ${job.attempt} attempts: ${message}`);
    return "dead";
  }
  try {
    await recordSent(job, key, email, now);
  } catch (error) {
    // The email is out: at least close the job, so an expired lease does not send it again.
    log(`Email job ${job.id} for ${job.shop} was sent but its delivery could not be recorded: ${errorMessage(error)}`);
    await prisma.job.updateMany({ where: { id: job.id }, data: { status: "done", lockedAt: null, lastError: `Sent; recording the delivery failed: ${errorMessage(error)}` } });
  }
  return "sent";
}

/** The accept, recorded with the job's "done" mark in one transaction. */
async function recordSent(job: ClaimedJob, key: string, email: ComposedEmail, now: Date): Promise<void> {
  const event = emailJobPayloadSchema.parse(job.payload).event;
  await prisma.$transaction(async (tx) => {
    const row = { event, ticketId: email.ticketId, returnCaseId: email.returnCaseId, messageId: email.messageId, status: "sent", attempts: job.attempt, lastError: null, sentAt: now };
    await tx.emailDelivery.upsert({ where: { shop_key: { shop: job.shop, key } }, create: { shop: job.shop, key, ...row }, update: row });
    if (email.ticketMessageId) {
      await tx.ticketMessage.updateMany({ where: { id: email.ticketMessageId, shop: job.shop }, data: { emailMessageId: email.messageId } });
    }
    // Done even if our lease lapsed meanwhile: the email is out, and the delivery row stops any resend.
    await tx.job.updateMany({ where: { id: job.id }, data: { status: "done", lockedAt: null, lastError: null } });
  });
}

function toMail(email: ComposedEmail, config: EmailConfig): Mail.Options {
  const headers: Record<string, string> = {};
  if (email.autoSubmitted) headers["Auto-Submitted"] = "auto-generated";
  return {
    from: { name: email.fromName, address: config.fromAddress },
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<${email.messageId}>`,
    ...(email.threadId ? { references: [`<${email.threadId}>`] } : {}),
    headers,
  };
}

/**
 * The error as kept on the job and the delivery row and shown on the Sync health page. SMTP
 * servers name the recipient in their refusals ("550 <zoe@example.com>: no such user"): the
 * address is personal data and is replaced.
 */
function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, "[address]").slice(0, 1000);
}
