/**
 * Macros — saved replies with {{variables}} — pure and client-safe: the variable list, the
 * validation a merchant sees on save, and the rendering in the shopper's language.
 */
import { z } from "zod";
import { formatMoney } from "~/lib/money";
import { intlLocale, message, type PortalLocale } from "~/portal/messages";
import type { ReturnStatus } from "~/returns/status";

/** Every variable a macro may use, with what it says, for the editor's help text. */
export const MACRO_VARIABLES = {
  "customer.first_name": "The customer's first name",
  "customer.last_name": "The customer's last name",
  "customer.name": "The customer's full name",
  "customer.email": "The customer's email address",
  "order.name": "The order number, e.g. #1001",
  "return.status": "The return's status, in the customer's language",
  "refund.amount": "The amount refunded for the return or order, in its currency",
  "store_credit.amount": "The store credit issued (with any bonus), in its currency",
  "ticket.number": "The ticket number, e.g. #12",
  "ticket.subject": "The ticket's subject",
  "agent.name": "The name of the agent sending the reply",
} as const;
export type MacroVariable = keyof typeof MACRO_VARIABLES;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables a macro body uses, in order of first use (unknown ones too: validation names them). */
export function macroVariables(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) seen.add(match[1] ?? "");
  return [...seen];
}

function isKnownVariable(name: string): name is MacroVariable {
  return Object.hasOwn(MACRO_VARIABLES, name);
}

export const MACRO_STATUSES = ["open", "pending", "solved"] as const;
const TAG = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** "VIP  late-delivery" → ["vip", "late-delivery"]: tags are lower-case words of letters, digits, - and _. */
export function parseTags(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TAG, { error: "A tag is 1–40 letters, digits, - or _, starting with a letter or digit." });

export const macroInputSchema = z.object({
  name: z.string({ error: "Name the macro." }).trim().min(1, { error: "Name the macro." }).max(100, { error: "A macro name is at most 100 characters." }),
  body: z
    .string({ error: "Write the reply." })
    .trim()
    .min(1, { error: "Write the reply." })
    .max(20_000, { error: "A reply is at most 20000 characters." })
    .superRefine((body, ctx) => {
      const unknown = macroVariables(body).filter((v) => !isKnownVariable(v));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: `Unknown variable${unknown.length > 1 ? "s" : ""} ${unknown.map((v) => `{{${v}}}`).join(", ")}. Use one of: ${Object.keys(MACRO_VARIABLES).join(", ")}.` });
      }
    }),
  setStatus: z
    .enum([...MACRO_STATUSES, ""], { error: "A macro sets the status to open, pending or solved, or leaves it." })
    .default("")
    .transform((s) => (s === "" ? null : s)),
  addTags: z
    .string()
    .max(400)
    .default("")
    .superRefine((value, ctx) => {
      const bad = parseTags(value).filter((t) => !TAG.test(t));
      if (bad.length) ctx.addIssue({ code: "custom", message: `Not a tag: ${bad.join(", ")}. A tag is 1–40 letters, digits, - or _.` });
    })
    .transform((value) => parseTags(value).join(" ")),
});
export type MacroInput = z.input<typeof macroInputSchema>;

/** The facts a macro reads about one ticket; null where the ticket has none (no return linked, …). */
export type MacroContext = {
  customer: { firstName: string | null; lastName: string | null; email: string | null };
  order: { name: string } | null;
  return: { status: ReturnStatus } | null;
  refund: { amountMinor: number; currencyCode: string } | null;
  storeCredit: { amountMinor: number; currencyCode: string } | null;
  ticket: { number: number; subject: string };
  agent: { name: string | null };
};

function value(name: MacroVariable, ctx: MacroContext, locale: PortalLocale): string | null {
  const c = ctx.customer;
  switch (name) {
    case "customer.first_name":
      return c.firstName;
    case "customer.last_name":
      return c.lastName;
    case "customer.name":
      return [c.firstName, c.lastName].filter(Boolean).join(" ") || null;
    case "customer.email":
      return c.email;
    case "order.name":
      return ctx.order?.name ?? null;
    case "return.status":
      return ctx.return ? message(locale, `status_${ctx.return.status}`) : null;
    case "refund.amount":
      return ctx.refund ? formatMoney(ctx.refund, intlLocale(locale)) : null;
    case "store_credit.amount":
      return ctx.storeCredit ? formatMoney(ctx.storeCredit, intlLocale(locale)) : null;
    case "ticket.number":
      return `#${ctx.ticket.number}`;
    case "ticket.subject":
      return ctx.ticket.subject;
    case "agent.name":
      return ctx.agent.name;
  }
}

/**
 * The macro's text for one ticket in the shopper's language. Variables the ticket has no value
 * for (no return linked, no first name) are listed in `missing` and left as written, so the
 * agent sees the gap in the preview instead of a silent blank.
 */
export function renderMacro(body: string, ctx: MacroContext, locale: PortalLocale): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, raw: string) => {
    const found = isKnownVariable(raw) ? value(raw, ctx, locale) : null;
    if (found === null || found === "") {
      missing.add(raw);
      return whole;
    }
    return found;
  });
  return { text, missing: [...missing] };
}
