/**
 * The support emails, rendered: a localized subject, a plain-text part and a simple HTML
 * part in which every value (names, the agent's message, links) is escaped. Pure.
 */
import type { PortalLocale } from "~/portal/messages";
import { emailText, type EmailTextKey } from "./locales";

export type RenderedEmail = { subject: string; text: string; html: string };

type Common = { locale: PortalLocale; shopName: string; customerName: string | null };

export type TemplateInput =
  | (Common & { kind: "ticket.reply"; ticketNumber: number; ticketSubject: string; agentName: string | null; body: string })
  | (Common & { kind: "ticket.solved"; ticketNumber: number; ticketSubject: string; ratingUrls: readonly string[] })
  | (Common & { kind: "ticket.waiting"; ticketNumber: number; ticketSubject: string })
  | (Common & { kind: "return.approved"; orderName: string })
  | (Common & { kind: "return.received"; orderName: string });

/** One block of an email: a paragraph, a quoted message, or the 1–5 rating links. */
type Block = { type: "p"; text: string } | { type: "quote"; text: string } | { type: "links"; links: { label: string; url: string }[] };

/** The email for this event in its language. */
export function renderEmail(input: TemplateInput): RenderedEmail {
  const t = (key: EmailTextKey, params: Record<string, string | number> = {}) => emailText(input.locale, key, params);
  const { subject, blocks } = content(input, t);
  const greeting = input.customerName?.trim() ? t("greeting_named", { name: input.customerName.trim() }) : t("greeting");
  const all: Block[] = [{ type: "p", text: greeting }, ...blocks, { type: "p", text: t("sign_off", { shop: input.shopName }) }];
  return { subject: oneLine(subject), text: toText(all), html: toHtml(all, input.locale) };
}

function content(input: TemplateInput, t: (key: EmailTextKey, params?: Record<string, string | number>) => string): { subject: string; blocks: Block[] } {
  switch (input.kind) {
    case "ticket.reply": {
      const ticket = { number: input.ticketNumber, subject: input.ticketSubject };
      return {
        subject: t("reply_subject", ticket),
        blocks: [
          { type: "p", text: t("reply_intro", { agent: input.agentName?.trim() || t("reply_agent_fallback"), number: input.ticketNumber }) },
          { type: "quote", text: input.body },
          { type: "p", text: t("reply_hint") },
        ],
      };
    }
    case "ticket.solved": {
      const ticket = { number: input.ticketNumber, subject: input.ticketSubject };
      return {
        subject: t("solved_subject", ticket),
        blocks: [
          { type: "p", text: t("solved_intro", ticket) },
          { type: "p", text: t("solved_rate") },
          { type: "links", links: input.ratingUrls.map((url, index) => ({ label: String(index + 1), url })) },
          { type: "p", text: t("solved_reopen") },
        ],
      };
    }
    case "ticket.waiting": {
      const ticket = { number: input.ticketNumber, subject: input.ticketSubject };
      return { subject: t("waiting_subject", ticket), blocks: [{ type: "p", text: t("waiting_intro", ticket) }, { type: "p", text: t("reply_hint") }] };
    }
    case "return.approved":
      return {
        subject: t("approved_subject", { order: input.orderName }),
        blocks: [{ type: "p", text: t("approved_intro", { order: input.orderName }) }, { type: "p", text: t("approved_next") }],
      };
    case "return.received":
      return {
        subject: t("received_subject", { order: input.orderName }),
        blocks: [{ type: "p", text: t("received_intro", { order: input.orderName }) }, { type: "p", text: t("received_next") }],
      };
  }
}

// A subject is one header line: a line break in a ticket subject must not start a new header.
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

function toText(blocks: Block[]): string {
  const parts = blocks.map((block) => {
    if (block.type === "p") return block.text;
    if (block.type === "quote") return block.text.split(/\r?\n/).map((line) => `> ${line}`).join("\n");
    return block.links.map((link) => `${link.label}: ${link.url}`).join("\n");
  });
  return `${parts.join("\n\n")}\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function toHtml(blocks: Block[], locale: PortalLocale): string {
  const body = blocks
    .map((block) => {
      if (block.type === "p") return `<p>${escapeHtml(block.text)}</p>`;
      if (block.type === "quote") {
        const lines = escapeHtml(block.text).split(/\r?\n/).join("<br>");
        return `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #ccc">${lines}</blockquote>`;
      }
      const links = block.links
        .map((link) => `<a href="${escapeHtml(link.url)}" style="display:inline-block;margin-right:8px;padding:8px 14px;border:1px solid #888;border-radius:4px;text-decoration:none">${escapeHtml(link.label)}</a>`)
        .join("");
      return `<p>${links}</p>`;
    })
    .join("\n");
  return `<!doctype html>\n<html lang="${locale}"><body style="font-family:sans-serif;font-size:15px;line-height:1.5">\n${body}\n</body></html>\n`;
}
