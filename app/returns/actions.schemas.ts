/**
 * The admin's action contract for one return — zod only, safe for the client. A return
 * detail form posts an `intent` plus its fields; the route parses with
 * `returnActionSchema` (422 `{errors}` on failure, the messages below show on the
 * fields) and hands the result to `performReturnAction` (actions.server.ts).
 *
 * Amounts are decimal strings in the return's currency ("24.00", "1999" for JPY): the
 * server converts them once with the currency's minor digits, so the client never does
 * floating-point money.
 */
import { z } from "zod";

const DECIMAL = /^\d{1,15}(\.\d{1,3})?$/;

const note = z
  .string({ error: "Write a note explaining why." })
  .trim()
  .min(1, { error: "Write a note explaining why." })
  .max(1000, { error: "A note is at most 1000 characters." });

const decimalAmount = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, { error: `Enter the ${what}.` })
    .regex(DECIMAL, { error: `Enter the ${what} as a number, like 12.50.` });

const id = z.string({ error: "A line is missing." }).trim().min(1, { error: "A line is missing." }).max(255);

// Form posts send checkboxes as "on"/"true" and numbers as strings; JSON posts send the
// real types. Both parse to the same action.
const checkbox = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])])
  .transform((value) => value === true || value === "true" || value === "on" || value === "1");

const quantity = z.coerce
  .number({ error: "Enter a quantity." })
  .int({ error: "Enter a whole number of items." })
  .min(0, { error: "A quantity cannot be negative." })
  .max(10_000, { error: "That quantity is too large." });

export const receiveLineSchema = z.object({
  lineId: id,
  quantity,
  restock: checkbox.default(false),
});
export type ReceiveLineInput = z.input<typeof receiveLineSchema>;

export const returnActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({
    intent: z.literal("decline"),
    reason: z
      .string({ error: "Tell the shopper why the return is declined." })
      .trim()
      .min(1, { error: "Tell the shopper why the return is declined." })
      .max(500, { error: "A decline reason is at most 500 characters." }),
  }),
  z.object({
    intent: z.literal("receive"),
    lines: z
      .array(receiveLineSchema)
      .min(1, { error: "Enter the quantity received for at least one line." })
      .refine((lines) => lines.some((l) => l.quantity > 0), { error: "Enter the quantity received for at least one line." })
      .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, { error: "Each line can appear only once." }),
  }),
  /** Money back to the original payment: the quoted refund, less fees. */
  z.object({ intent: z.literal("refund") }),
  /** Store credit (the quoted credit) plus the policy's bonus. */
  z.object({ intent: z.literal("store_credit") }),
  /** Creates the exchange in Shopify from the return's exchange lines. */
  z.object({ intent: z.literal("exchange") }),
  z.object({
    intent: z.literal("partial_refund"),
    amount: decimalAmount("amount to refund").refine((v) => /[1-9]/.test(v), { error: "Enter an amount above 0." }),
    note,
    /**
     * One per deliberate refund: the form makes it when it opens, so a double submit of that
     * form pays once, while a second refund of the same amount and note (a new form) pays again.
     */
    actionId: z
      .string({ error: "This form is out of date; reload the page and enter the refund again." })
      .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "This form is out of date; reload the page and enter the refund again." }),
  }),
  z.object({
    intent: z.literal("fee_override"),
    fee: decimalAmount("fee"),
    note,
  }),
  z.object({
    intent: z.literal("cancel"),
    reason: z.string().trim().max(500, { error: "A reason is at most 500 characters." }).optional(),
  }),
  z.object({ intent: z.literal("close") }),
]);

export type ReturnAction = z.output<typeof returnActionSchema>;
export type ReturnActionInput = z.input<typeof returnActionSchema>;
export type ReturnActionIntent = ReturnAction["intent"];

/** Every intent, in the schema's order: read off the schema, so the list and the forms cannot drift apart. */
export const RETURN_ACTION_INTENTS: readonly ReturnActionIntent[] = returnActionSchema.options.map((option) => option.shape.intent.value);

/** Bulk actions from the returns queue: ids of this shop's returns (max 100 at once). */
export const bulkReturnActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bulk_approve"),
    ids: z.array(id).min(1, { error: "Select at least one return." }).max(100, { error: "Select at most 100 returns at once." }),
  }),
  z.object({
    intent: z.literal("bulk_decline"),
    ids: z.array(id).min(1, { error: "Select at least one return." }).max(100, { error: "Select at most 100 returns at once." }),
    reason: z
      .string({ error: "Tell the shoppers why their returns are declined." })
      .trim()
      .min(1, { error: "Tell the shoppers why their returns are declined." })
      .max(500, { error: "A decline reason is at most 500 characters." }),
  }),
]);
export type BulkReturnAction = z.output<typeof bulkReturnActionSchema>;

/** Field errors for a 422 answer: `{ "reason": ["…"], "lines.0.quantity": ["…"] }`. */
export function actionFieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
