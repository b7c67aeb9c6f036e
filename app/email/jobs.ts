/** The `email.send` job: its kind, payload and retry policy. Pure, shared by emit and send. */
import { z } from "zod";
import type { RetryPolicy } from "~/automation/retry";

export const EMAIL_JOB_KIND = "email.send";

export const emailJobPayloadSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("ticket.reply"), ticketId: z.string().min(1), ticketMessageId: z.string().min(1) }),
  // When it was solved: a ticket reopened and solved again since sends the newer email only.
  z.object({ event: z.literal("ticket.solved"), ticketId: z.string().min(1), solvedAt: z.iso.datetime() }),
  // When the ticket went pending: the reminder goes only if it is still waiting since then.
  z.object({ event: z.literal("ticket.waiting"), ticketId: z.string().min(1), pendingSince: z.iso.datetime() }),
  z.object({ event: z.literal("return.approved"), returnCaseId: z.string().min(1) }),
  z.object({ event: z.literal("return.received"), returnCaseId: z.string().min(1) }),
]);
export type EmailJobPayload = z.infer<typeof emailJobPayloadSchema>;

/**
 * 6 attempts over about 2.5 hours (1, 2, 4, 8, 16 minutes… capped at 2 h): an SMTP server
 * that is down for a deploy or greylists the first try is waited out; then a dead letter.
 */
export const EMAIL_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 2 * 60 * 60_000, leaseMs: 5 * 60_000 };
