/**
 * The storefront returns portal ⇄ app proxy JSON contract (DESIGN.md §4).
 *
 * Client-safe: imports only zod. The theme app extension uses `import type` from this
 * file (its bundle cannot carry zod); the proxy routes parse with the schemas. Names are
 * stable: add fields, never rename or repurpose one.
 *
 * Paths are as the storefront calls them (`/apps/aftercare/...`); Shopify forwards them
 * to the app as `/proxy/...` with `shop`, `logged_in_customer_id`, `path_prefix`,
 * `timestamp` and `signature` added to the query string.
 *
 * The customer account UI extension calls the same API, path for path and body for body,
 * at `<app url>/customer-account/...` (no `lookup`: the customer is signed in) with its
 * session token as `Authorization: Bearer <token>` and the customer's language as `locale`;
 * `:orderId` is the numeric id there too. No portal token: the session token names the shop
 * and the customer (docs/decisions/027). Answers carry CORS headers; 401 is the error below.
 *
 * Session: a guest gets a portal token from `POST lookup` and sends it on every later
 * call in the `X-Aftercare-Token` header (or, where a header cannot be set, a `token`
 * query parameter). A signed-in customer (Shopify adds `logged_in_customer_id`) needs no
 * token for their own orders.
 *
 * Money is always `{ amountMinor, currencyCode }`: an integer count of the currency's
 * minor unit (cents; yen for JPY) in the order's presentment currency (what the shopper
 * paid in). Dates are ISO 8601 strings. Ids are Shopify GIDs unless noted.
 *
 * Every error answers `{ error: { code, message } }` (see `errorResponseSchema`) with
 * 400 (unreadable input), 401 (bad signature, missing or expired token), 404 (not found
 * — also "wrong email"), 409 (conflict), 413 (`payload_too_large`: a JSON body over 64 KB,
 * a photo over 5 MB), 422 (valid input the policy refuses), 429 (too many failed lookups;
 * `Retry-After` header in seconds), and 403 (`forbidden`: the merchant turned guest lookup off;
 * sign in instead). `message` is written for the
 * shopper and safe to show as is.
 */
import { z } from "zod";
// status.ts is pure (its only import is the DomainError class) and tickets/schemas.ts imports
// only zod, so the contract stays client-safe.
import { CSAT_COMMENT_MAX, CSAT_MAX, CSAT_MIN, TICKET_STATUSES } from "../tickets/schemas";
import { RETURN_STATUSES } from "./status";

/** The header that carries the portal token. */
export const PORTAL_TOKEN_HEADER = "X-Aftercare-Token";
/** The query parameter accepted instead of the header. */
export const PORTAL_TOKEN_PARAM = "token";

// ── shared pieces ────────────────────────────────────────────────────────────────────

export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});
export type PortalMoney = z.infer<typeof moneySchema>;

export const RESOLUTIONS = ["refund", "store_credit", "exchange"] as const;
export const resolutionSchema = z.enum(RESOLUTIONS, { error: "Choose a refund, store credit or an exchange." });
export type PortalResolution = z.infer<typeof resolutionSchema>;

/** Why a line cannot be returned. */
export const INELIGIBLE_REASONS = [
  "outside_window",
  "final_sale",
  "excluded_tag",
  "excluded_product_type",
  "already_returned",
  "not_fulfilled",
] as const;
export const ineligibleReasonSchema = z.enum(INELIGIBLE_REASONS);
export type IneligibleReason = z.infer<typeof ineligibleReasonSchema>;

/** Our status of a return, as the shopper follows it: the lifecycle's own statuses. */
export const PORTAL_RETURN_STATUSES = RETURN_STATUSES;
export const portalReturnStatusSchema = z.enum(PORTAL_RETURN_STATUSES);
export type PortalReturnStatus = z.infer<typeof portalReturnStatusSchema>;

export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "invalid",
  "rate_limited",
  "payload_too_large",
  "unsupported_media_type",
  "upstream",
] as const;

/** Every non-2xx answer. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /**
     * Input the shopper can fix (422 from a request that does not parse): the first problem
     * of each field, keyed by the request's field name, e.g. `{ score: "Choose a rating from 1 to 5." }`.
     */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type PortalErrorResponse = z.infer<typeof errorResponseSchema>;

/** Shopify order GIDs in bodies; the numeric id is accepted too ("5001" → gid://shopify/Order/5001). */
const orderIdSchema = z
  .string({ error: "Choose an order." })
  .trim()
  .regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, { error: "That order reference is not valid." });

const lineItemIdSchema = z
  .string({ error: "Choose an item." })
  .trim()
  .regex(/^gid:\/\/shopify\/LineItem\/\d{1,20}$/, { error: "That item reference is not valid." });

const variantIdSchema = z
  .string({ error: "Choose a variant to exchange for." })
  .trim()
  .regex(/^gid:\/\/shopify\/ProductVariant\/\d{1,20}$/, { error: "That exchange option is not valid." });

/** One order as a list entry and as the lookup's answer. `id` is the order GID. */
export const orderSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  total: moneySchema,
  /** Shopify's display fulfillment status, e.g. "FULFILLED", "UNFULFILLED". */
  fulfillmentStatus: z.string(),
  /** How many units could be returned right now (0: nothing returnable); null in the orders list (not computed there). */
  returnableItemCount: z.number().int().min(0).nullable(),
  /** Units bought; null in the orders list. */
  itemCount: z.number().int().min(0).nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

// ── POST /apps/aftercare/lookup ──────────────────────────────────────────────────────
// Finds a guest's order by order number + email. Forgiving: "#1001", "1001", " #1001 "
// and any letter case or surrounding spaces in the email all work. "No such order" and
// "wrong email" answer the same 404; 5 misses in 15 minutes per shop + client → 429.

export const lookupRequestSchema = z.object({
  orderNumber: z
    .string({ error: "Enter your order number." })
    .trim()
    .min(1, { error: "Enter your order number." })
    .max(40, { error: "That order number is too long." }),
  email: z
    .string({ error: "Enter the email address you ordered with." })
    .trim()
    .min(1, { error: "Enter the email address you ordered with." })
    .max(254, { error: "That email address is too long." })
    .regex(/^[^\s@]+@[^\s@]+$/, { error: "Enter the email address you ordered with, like name@example.com." }),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

export const lookupResponseSchema = z.object({
  /** Send in `X-Aftercare-Token` on every later call. */
  token: z.string(),
  /** When the token stops working (30 minutes); look the order up again afterwards. */
  expiresAt: z.string(),
  order: orderSummarySchema,
});
export type LookupResponse = z.infer<typeof lookupResponseSchema>;

// ── GET /apps/aftercare/orders ───────────────────────────────────────────────────────
// The signed-in customer's recent orders (needs `logged_in_customer_id`, 401 without).

export const ordersResponseSchema = z.object({ orders: z.array(orderSummarySchema) });
export type OrdersResponse = z.infer<typeof ordersResponseSchema>;

// ── GET /apps/aftercare/orders/:orderId/eligibility ──────────────────────────────────
// `:orderId` is the numeric order id (the tail of the GID). Each line: how many units can
// be returned, or why not, plus everything the form needs (reasons, resolutions, policy).

export const exchangeOptionSchema = z.object({
  variantId: z.string(),
  title: z.string(),
  /** Current price of one unit of this variant. */
  price: moneySchema,
  /** Units in stock (capped for display); only variants with stock are offered. */
  available: z.number().int().min(0),
});
export type ExchangeOption = z.infer<typeof exchangeOptionSchema>;

export const eligibilityLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  imageUrl: z.string().nullable(),
  /** Units bought. */
  quantity: z.number().int().min(0),
  /** Units that can be returned now (bought − already returned/refunded − unfulfilled). */
  returnableQuantity: z.number().int().min(0),
  /** Price paid for one unit after the order's discounts, before tax. */
  unitPrice: moneySchema,
  eligible: z.boolean(),
  /** Set when `eligible` is false. */
  reason: ineligibleReasonSchema.nullable(),
  /** A sentence for the shopper when `eligible` is false, e.g. "The 30-day return window for this item ended on March 3, 2026." */
  message: z.string().nullable(),
  /** Last day (inclusive, shop's time zone) to start a return of this item, `YYYY-MM-DD`; null when not shipped. */
  windowEndsOn: z.string().nullable(),
  /** Other variants of the same product in stock (empty when exchanges are off). */
  exchangeOptions: z.array(exchangeOptionSchema),
});
export type EligibilityLine = z.infer<typeof eligibilityLineSchema>;

export const portalReasonSchema = z.object({ code: z.string(), label: z.string(), requiresPhoto: z.boolean() });
export type PortalReason = z.infer<typeof portalReasonSchema>;

export const resolutionOfferSchema = z.object({
  kind: resolutionSchema,
  /** Extra store credit on top of the value, in basis points (1000 = 10 %); 0 except for store_credit. */
  bonusBps: z.number().int().min(0),
  /** Human label, e.g. "Store credit (+10 % bonus)". */
  label: z.string(),
});
export type ResolutionOffer = z.infer<typeof resolutionOfferSchema>;

export const eligibilityResponseSchema = z.object({
  order: orderSummarySchema,
  lines: z.array(eligibilityLineSchema),
  reasons: z.array(portalReasonSchema),
  resolutions: z.array(resolutionOfferSchema),
  /** Last day (inclusive, shop's time zone) to start a return, `YYYY-MM-DD`; null when nothing is fulfilled yet. */
  windowEndsOn: z.string().nullable(),
  /** The return policy in plain sentences (one paragraph per entry). */
  policyText: z.array(z.string()),
  /** Fees the quote will apply, so the form can say them up front. */
  fees: z.object({ restockingFeeBps: z.number().int(), returnShippingFee: moneySchema }),
});
export type EligibilityResponse = z.infer<typeof eligibilityResponseSchema>;

// ── POST /apps/aftercare/quote ───────────────────────────────────────────────────────
// Exact amounts for a draft request; nothing is stored. 422 if a line cannot be returned.

export const quoteLineRequestSchema = z.object({
  lineItemId: lineItemIdSchema,
  quantity: z
    .number({ error: "Choose how many to return." })
    .int({ error: "Choose a whole number of items." })
    .min(1, { error: "Choose at least one item to return." })
    .max(1000, { error: "That is more items than the order has." }),
  reasonCode: z
    .string({ error: "Choose a reason for the return." })
    .trim()
    .min(1, { error: "Choose a reason for the return." })
    .max(50, { error: "Choose a reason from the list." }),
  note: z.string().trim().max(1000, { error: "Keep the note under 1000 characters." }).optional(),
  /** Ids from `POST photos`. */
  photoIds: z.array(z.string().max(100)).max(5, { error: "Add at most 5 photos per item." }).optional(),
  /** Required when the resolution is exchange. */
  exchangeVariantId: variantIdSchema.optional(),
});
export type QuoteLineRequest = z.infer<typeof quoteLineRequestSchema>;

export const quoteRequestSchema = z.object({
  orderId: orderIdSchema,
  resolution: resolutionSchema,
  lines: z
    .array(quoteLineRequestSchema, { error: "Choose at least one item to return." })
    .min(1, { error: "Choose at least one item to return." })
    .max(50, { error: "That is more items than the order has." }),
});
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;

export const quoteLineSchema = z.object({
  lineItemId: z.string(),
  quantity: z.number().int(),
  unitPrice: moneySchema,
  /** Tax charged for the returned units (the line's tax split per unit, exactly). */
  tax: moneySchema,
  /** unitPrice × quantity. */
  itemsAmount: moneySchema,
  restockingFee: moneySchema,
  exchangeVariantId: z.string().nullable(),
  exchangeUnitPrice: moneySchema.nullable(),
  /** (exchange unit price − unit price) × quantity; positive = the new item costs more. */
  exchangeDifference: moneySchema,
});
export type QuoteLine = z.infer<typeof quoteLineSchema>;

export const quoteSchema = z.object({
  currencyCode: z.string(),
  resolution: resolutionSchema,
  lines: z.array(quoteLineSchema),
  itemsSubtotal: moneySchema,
  tax: moneySchema,
  restockingFee: moneySchema,
  returnShippingFee: moneySchema,
  storeCreditBonus: moneySchema,
  /** Signed: positive = the exchange costs more than the returned items. */
  exchangeDifference: moneySchema,
  /** Money back to the original payment method. */
  refundTotal: moneySchema,
  /** Store credit issued, bonus included. */
  storeCreditTotal: moneySchema,
  /** What the shopper still has to pay (an exchange upgrade). */
  amountDue: moneySchema,
  /** Sentences explaining each amount, in order. */
  explanation: z.array(z.string()),
});
export type Quote = z.infer<typeof quoteSchema>;
export type QuoteResponse = Quote;

// ── POST /apps/aftercare/returns ─────────────────────────────────────────────────────
// Creates the return request. Idempotent on `clientKey` (a fresh random id per submit
// attempt, e.g. crypto.randomUUID(), reused on retry): the same key answers the same
// return. 422 if the request breaks the policy (ask for an exception via `tickets`).

export const createReturnRequestSchema = quoteRequestSchema.extend({
  clientKey: z
    .string({ error: "Please reload the page and try again." })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "Please reload the page and try again." }),
});
export type CreateReturnRequest = z.infer<typeof createReturnRequestSchema>;

export const DECISIONS = ["approved", "needs_review"] as const;
export const createReturnResponseSchema = z.object({
  /** Our return id: use it with `GET returns/:id`. */
  returnId: z.string(),
  status: portalReturnStatusSchema,
  /** approved: within policy, accepted automatically; needs_review: a person will look at it. */
  decision: z.enum(DECISIONS),
  quote: quoteSchema,
  /** What happens next, in order, for the shopper. */
  nextSteps: z.array(z.string()),
});
export type CreateReturnResponse = z.infer<typeof createReturnResponseSchema>;

// ── GET /apps/aftercare/returns/:returnId ────────────────────────────────────────────
// Status of one return of the token's order (or of the signed-in customer).

export const timelineEntrySchema = z.object({
  status: portalReturnStatusSchema,
  label: z.string(),
  at: z.string(),
});
export const returnStatusResponseSchema = z.object({
  returnId: z.string(),
  orderName: z.string(),
  status: portalReturnStatusSchema,
  /** e.g. "Approved — send the items back". */
  statusLabel: z.string(),
  resolution: z.string(),
  lines: z.array(
    z.object({
      title: z.string(),
      variantTitle: z.string().nullable(),
      quantity: z.number().int(),
      reason: z.string(),
      exchangeVariantTitle: z.string().nullable(),
    }),
  ),
  quote: quoteSchema.nullable(),
  timeline: z.array(timelineEntrySchema),
  instructions: z.array(z.string()),
  declineReason: z.string().nullable(),
});
export type ReturnStatusResponse = z.infer<typeof returnStatusResponseSchema>;

// ── GET /apps/aftercare/orders/:orderId/returns ──────────────────────────────────────
// The returns of one order, newest first, whatever started them (the portal, the admin,
// Shopify): the token's order, or the signed-in customer's own order (404 otherwise, as for
// no order; 401 without a session). `GET returns/:returnId` has the timeline of each.

export const orderReturnSchema = z.object({
  returnId: z.string(),
  status: portalReturnStatusSchema,
  /** The status in the shopper's words and language, as `GET returns/:returnId` says it. */
  statusLabel: z.string(),
  /** refund, store_credit, exchange (or keep: a refund without sending the items back). */
  resolution: z.string(),
  lines: z.array(
    z.object({
      title: z.string(),
      variantTitle: z.string().nullable(),
      quantity: z.number().int(),
      exchangeVariantTitle: z.string().nullable(),
    }),
  ),
  /** Money back to the original payment method, as quoted. */
  refundTotal: moneySchema,
  /** Store credit, bonus included, as quoted. */
  storeCreditTotal: moneySchema,
  requestedAt: z.string(),
  /** When the status last changed or the return was last touched. */
  updatedAt: z.string(),
  /** When the money went out (resolved), else null. */
  resolvedAt: z.string().nullable(),
});
export type OrderReturn = z.infer<typeof orderReturnSchema>;

export const orderReturnsResponseSchema = z.object({ returns: z.array(orderReturnSchema) });
export type OrderReturnsResponse = z.infer<typeof orderReturnsResponseSchema>;

// ── POST /apps/aftercare/tickets ─────────────────────────────────────────────────────
// "exception": ask to return items the policy refuses (outside the window, final sale…);
// "question": any message to support. Needs a token or a signed-in customer.

export const ticketRequestSchema = z
  .object({
    kind: z.enum(["exception", "question"], { error: "Choose what you need help with." }),
    subject: z
      .string({ error: "Add a short subject." })
      .trim()
      .min(1, { error: "Add a short subject." })
      .max(200, { error: "Keep the subject under 200 characters." }),
    message: z
      .string({ error: "Tell us what happened." })
      .trim()
      .min(1, { error: "Tell us what happened." })
      .max(5000, { error: "Keep the message under 5000 characters." }),
    orderId: orderIdSchema.optional(),
    lineItemIds: z.array(lineItemIdSchema).max(50).optional(),
  })
  .refine((t) => t.kind !== "exception" || (t.orderId !== undefined && (t.lineItemIds?.length ?? 0) > 0), {
    error: "Choose the items you would like to return.",
    path: ["lineItemIds"],
  });
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

export const ticketResponseSchema = z.object({
  /** Our ticket id: open the conversation with it (`tickets/:ticketId/...`). */
  ticketId: z.string(),
  /** The ticket number the shopper can quote, e.g. 42. */
  ticketNumber: z.number().int(),
  message: z.string(),
});
export type TicketResponse = z.infer<typeof ticketResponseSchema>;

// ── GET /apps/aftercare/orders/:orderId/tickets ──────────────────────────────────────
// The shopper's conversations with support about one order (and its returns), most recent
// activity first: the token's order, or the signed-in customer's own order (404 otherwise,
// as for no order). Only what the shopper may read: public messages, never internal notes,
// never system tickets; a ticket nobody has written to the shopper on yet is not listed.

/** A conversation's status: open (we owe a reply), pending (we wait for the shopper), solved, closed. */
export const PORTAL_TICKET_STATUSES = TICKET_STATUSES;
export const portalTicketStatusSchema = z.enum(PORTAL_TICKET_STATUSES);
export type PortalTicketStatus = z.infer<typeof portalTicketStatusSchema>;

export const portalTicketMessageSchema = z.object({
  id: z.string(),
  /** "customer": the shopper ("You"); "agent": the store's staff; "system": a notice from the store. */
  author: z.enum(["customer", "agent", "system"]),
  /** The agent's name when they signed the reply, else null ("Support"); always null for the shopper and the system. */
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type PortalTicketMessage = z.infer<typeof portalTicketMessageSchema>;

export const portalTicketSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: portalTicketStatusSchema,
  createdAt: z.string(),
  /** The last message's time (the ticket's creation when it has none). */
  lastActivityAt: z.string(),
  /** Whether the shopper may write (every status but closed; writing reopens a solved ticket). */
  canReply: z.boolean(),
  /** Whether the shopper may rate it (solved, or closed after being solved). */
  canRate: z.boolean(),
  /** The shopper's rating, if they gave one. */
  rating: z.object({ score: z.number().int().min(CSAT_MIN).max(CSAT_MAX), comment: z.string().nullable() }).nullable(),
  /** Oldest first. */
  messages: z.array(portalTicketMessageSchema),
});
export type PortalTicket = z.infer<typeof portalTicketSchema>;

export const ticketsResponseSchema = z.object({ tickets: z.array(portalTicketSchema) });
export type TicketsResponse = z.infer<typeof ticketsResponseSchema>;

// ── POST /apps/aftercare/tickets/:ticketId/messages ──────────────────────────────────
// The shopper writes back on one of their conversations: a public message from the customer.
// Answers 201 with the conversation as it is now. A solved or pending ticket goes back to
// open; a closed one answers 409 (start a new question instead). 10 messages and ratings per
// order in 15 minutes, then 429 with Retry-After.

export const ticketReplyRequestSchema = z.object({
  message: z
    .string({ error: "Write a message before sending." })
    .trim()
    .min(1, { error: "Write a message before sending." })
    .max(5000, { error: "Keep the message under 5000 characters." }),
});
export type TicketReplyRequest = z.infer<typeof ticketReplyRequestSchema>;

// ── POST /apps/aftercare/tickets/:ticketId/rating ────────────────────────────────────
// How satisfied the shopper is (CSAT), once the ticket is solved: 1 (very poor) to 5
// (excellent), with an optional comment. Rating again replaces the earlier rating. Answers
// the conversation as it is now; an unsolved ticket answers 409.

const CHOOSE_RATING = `Choose a rating from ${CSAT_MIN} to ${CSAT_MAX}.`;
export const ticketRatingRequestSchema = z.object({
  score: z
    .number({ error: CHOOSE_RATING })
    .int({ error: CHOOSE_RATING })
    .min(CSAT_MIN, { error: CHOOSE_RATING })
    .max(CSAT_MAX, { error: CHOOSE_RATING }),
  comment: z
    .string({ error: "The comment must be text." })
    .trim()
    .max(CSAT_COMMENT_MAX, { error: `Keep the comment under ${CSAT_COMMENT_MAX} characters.` })
    .nullish()
    .transform((comment) => (comment ? comment : null)),
});
export type TicketRatingRequest = z.infer<typeof ticketRatingRequestSchema>;

// ── POST /apps/aftercare/photos ──────────────────────────────────────────────────────
// multipart/form-data with one `file` field: JPEG, PNG, WebP or HEIC, at most 5 MB.
// Needs a token. Answers the id to put in a quote/return line's `photoIds`.

export const PHOTO_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic"] as const;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const photoResponseSchema = z.object({ photoId: z.string() });
export type PhotoResponse = z.infer<typeof photoResponseSchema>;
