/**
 * Ticket enums and inputs — zod, safe for the client. The string values are the ones
 * stored in the Ticket / TicketMessage columns (see prisma/schema.prisma).
 */
import { z } from "zod";

export const TICKET_CATEGORIES = [
  "return_exception",
  "damaged",
  "fraud_review",
  "payment_failure",
  "system",
  "question_billing",
  "question_fulfillment",
  "question_order",
] as const;
export const TICKET_CHANNELS = ["portal", "admin", "system", "webhook", "email"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TICKET_STATUSES = ["open", "pending", "solved", "closed"] as const;
export const MESSAGE_AUTHOR_TYPES = ["customer", "agent", "system"] as const;
export const MESSAGE_VISIBILITIES = ["public", "internal"] as const;

export const ticketCategorySchema = z.enum(TICKET_CATEGORIES, { error: "Pick a ticket category." });
export const ticketChannelSchema = z.enum(TICKET_CHANNELS, { error: "Unknown ticket channel." });
export const ticketPrioritySchema = z.enum(TICKET_PRIORITIES, { error: "Priority is low, normal, high or urgent." });
export const ticketStatusSchema = z.enum(TICKET_STATUSES, { error: "Status is open, pending, solved or closed." });
export const authorTypeSchema = z.enum(MESSAGE_AUTHOR_TYPES, { error: "A message comes from a customer, an agent or the system." });
export const visibilitySchema = z.enum(MESSAGE_VISIBILITIES, { error: "A message is public or an internal note." });

export type TicketCategory = z.infer<typeof ticketCategorySchema>;
export type TicketChannel = z.infer<typeof ticketChannelSchema>;
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
export type AuthorType = z.infer<typeof authorTypeSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;

export const messageInputSchema = z.object({
  authorType: authorTypeSchema,
  authorName: z.string().trim().max(200).nullish(),
  visibility: visibilitySchema.default("public"),
  body: z
    .string()
    .trim()
    .min(1, { error: "Write a message before sending." })
    .max(20_000, { error: "A message is at most 20000 characters." }),
});
export type MessageInput = z.input<typeof messageInputSchema>;

const optionalId = z.string().trim().min(1).max(255).nullish();

export const ticketLinksSchema = z.object({
  orderId: optionalId,
  orderName: optionalId,
  returnCaseId: optionalId,
  customerId: optionalId,
  customerEmail: z.email({ error: "Enter a valid email address." }).nullish(),
  customerName: z.string().trim().max(200).nullish(),
});

export const createTicketInputSchema = ticketLinksSchema.extend({
  subject: z
    .string()
    .trim()
    .min(1, { error: "A ticket needs a subject." })
    .max(200, { error: "A subject is at most 200 characters." }),
  category: ticketCategorySchema,
  channel: ticketChannelSchema,
  priority: ticketPrioritySchema.default("normal"),
  assignee: z.string().trim().max(200).nullish(),
  /** The shopper's language as the portal knows it: the language of email about this ticket. */
  locale: z.enum(["en", "fr", "de", "es"]).nullish(),
  firstMessage: messageInputSchema.optional(),
  /** who opens it, for the audit trail; defaults from the channel */
  actor: z.string().min(1).optional(),
});
export type CreateTicketInput = z.input<typeof createTicketInputSchema>;

export const listTicketsFilterSchema = z.object({
  status: z.union([ticketStatusSchema, z.array(ticketStatusSchema)]).optional(),
  category: ticketCategorySchema.optional(),
  priority: ticketPrioritySchema.optional(),
  assignee: z.string().optional(),
  returnCaseId: z.string().optional(),
  customerId: z.string().optional(),
  /** the `nextCursor` of the previous page */
  cursor: z.string().regex(/^\d+$/, { error: "That page link is no longer valid." }).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListTicketsFilters = z.input<typeof listTicketsFilterSchema>;

/**
 * The fields an agent edits on a ticket page. The assignee is a staff member of the shop's
 * directory ("staff:<user id>"), or nobody ("").
 */
export const ticketFieldsSchema = z.object({
  priority: ticketPrioritySchema,
  assignee: z
    .string()
    .trim()
    .regex(/^(staff:\d{1,20})?$/, { error: "Pick a staff member from the list, or Unassigned." })
    .transform((value) => (value === "" ? null : value)),
});
export type TicketFields = z.output<typeof ticketFieldsSchema>;

/** An agent opening a ticket from a return page. */
export const openReturnTicketSchema = z.object({
  intent: z.literal("open_ticket"),
  subject: z.string({ error: "A ticket needs a subject." }).trim().min(1, { error: "A ticket needs a subject." }).max(200, { error: "A subject is at most 200 characters." }),
  note: z.string().trim().max(20_000, { error: "A note is at most 20000 characters." }).optional(),
  priority: ticketPrioritySchema.default("normal"),
});
export type OpenReturnTicket = z.output<typeof openReturnTicketSchema>;

/** Customer satisfaction (CSAT): a score from 1 (very poor) to 5 (excellent), with an optional comment. */
export const CSAT_MIN = 1;
export const CSAT_MAX = 5;
export const CSAT_COMMENT_MAX = 1000;

export const csatInputSchema = z.object({
  score: z
    .number()
    .int({ error: `A rating is a whole number from ${CSAT_MIN} to ${CSAT_MAX}.` })
    .min(CSAT_MIN, { error: `A rating is a whole number from ${CSAT_MIN} to ${CSAT_MAX}.` })
    .max(CSAT_MAX, { error: `A rating is a whole number from ${CSAT_MIN} to ${CSAT_MAX}.` }),
  comment: z
    .string()
    .trim()
    .max(CSAT_COMMENT_MAX, { error: `A rating comment is at most ${CSAT_COMMENT_MAX} characters.` })
    .nullish()
    .transform((comment) => (comment ? comment : null)),
});
export type CsatInput = z.input<typeof csatInputSchema>;
