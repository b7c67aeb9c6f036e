/**
 * The demo's mail: a local SMTP catcher the app sends through (SMTP_URL), and an Outbox page
 * that lists every email caught, shows one (its HTML in a sandboxed iframe, and its text), and
 * answers it as the shopper would: a proper reply (To = the Reply-To, In-Reply-To, References,
 * the quoted original under the new words) posted to the app's `POST /inbound/email`, signed
 * with the inbound secret the way a provider's relay signs it (docs/email-providers.md).
 *
 * It plays the outside world, so it shares no code with the app: the signature is computed
 * here from the documented contract.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { SMTPServer } from "smtp-server";
import { escapeHtml } from "./storefront";

export interface CaughtEmail {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  messageId: string | null;
  references: string[];
  text: string;
  html: string | null;
}

export interface OutboxOptions {
  /** Where `POST /inbound/email` is: the app's URL. */
  appUrl: string;
  /** How the outbox reaches the app (the demo passes the in-process app handler). */
  fetch: (request: Request) => Promise<Response>;
  /** The app's INBOUND_EMAIL_SECRET: answers are signed with it. */
  inboundSecret: string | undefined;
  now?: () => number;
}

/** The largest message the catcher takes (the app's own attachments stay far below). */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export class Outbox {
  /** Newest first. */
  readonly emails: CaughtEmail[] = [];
  private server: SMTPServer | null = null;
  private sequence = 0;

  constructor(private readonly options: OutboxOptions) {}

  /** Starts the SMTP catcher on 127.0.0.1 (port 0: any free port); resolves with the SMTP_URL to give the app. */
  listen(port = 0): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      size: MAX_MESSAGE_BYTES,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          this.add(Buffer.concat(chunks)).then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address: AddressInfo | string | null = server.server.address();
        resolve(`smtp://127.0.0.1:${typeof address === "object" && address ? address.port : port}`);
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Records one raw message (what the SMTP catcher received). */
  async add(raw: Buffer): Promise<CaughtEmail> {
    const mail = await simpleParser(raw);
    this.sequence += 1;
    const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
    const email: CaughtEmail = {
      id: String(this.sequence),
      receivedAt: new Date(this.options.now?.() ?? Date.now()).toISOString(),
      from: addressText(mail.from),
      to: addressText(mail.to),
      replyTo: mail.replyTo ? addressText(mail.replyTo) : null,
      subject: mail.subject ?? "",
      messageId: mail.messageId ?? null,
      references,
      text: mail.text ?? "",
      html: typeof mail.html === "string" ? mail.html : null,
    };
    this.emails.unshift(email);
    return email;
  }

  /**
   * Answers `email` as the shopper: a reply to its Reply-To (else its From), threaded with
   * In-Reply-To and References, the original quoted under the new words as mail clients do,
   * signed and posted to the app's inbound door. Resolves with the app's answer.
   */
  async answer(email: CaughtEmail, text: string): Promise<{ status: number; body: string }> {
    const secret = this.options.inboundSecret;
    if (!secret) return { status: 0, body: "The demo has no INBOUND_EMAIL_SECRET: inbound email is off." };
    const quoted = email.text
      .trim()
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
    const raw = await new MailComposer({
      from: email.to,
      to: email.replyTo ?? email.from,
      subject: /^re:/i.test(email.subject) ? email.subject : `Re: ${email.subject}`,
      messageId: `<answer-${randomBytes(8).toString("hex")}@shopper.example>`,
      inReplyTo: email.messageId ?? undefined,
      references: [...email.references, ...(email.messageId ? [email.messageId] : [])],
      text: `${text.trim()}\n\nOn ${new Date(email.receivedAt).toUTCString()}, ${email.from} wrote:\n${quoted}\n`,
    })
      .compile()
      .build();
    const signature = `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
    const response = await this.options.fetch(
      new Request(new URL("/inbound/email", this.options.appUrl), {
        method: "POST",
        headers: { "Content-Type": "message/rfc822", "X-Aftercare-Signature": signature },
        body: new Uint8Array(raw),
      }),
    );
    return { status: response.status, body: await response.text() };
  }

  /** The Outbox pages: `/outbox`, `/outbox/:id`, `/outbox/:id/html`, `POST /outbox/:id/answer`; null for other paths. */
  async handle(request: Request, url: URL): Promise<Response | null> {
    if (url.pathname === "/outbox" || url.pathname === "/outbox/") return page("Outbox", this.listHtml(), { refresh: true });
    const match = /^\/outbox\/(\d+)(\/html|\/answer)?$/.exec(url.pathname);
    if (!match) return null;
    const email = this.emails.find((e) => e.id === match[1]);
    if (!email) return page("Outbox", `<p>No email ${escapeHtml(match[1] ?? "")} in the outbox. <a href="/outbox">Back to the outbox</a></p>`, { status: 404 });
    if (match[2] === "/html") {
      return new Response(email.html ?? `<pre>${escapeHtml(email.text)}</pre>`, {
        // The email's HTML is somebody else's markup: no script, no form, no request anywhere.
        headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'" },
      });
    }
    if (match[2] === "/answer") {
      if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
      const form = await request.formData();
      const text = form.get("text");
      if (typeof text !== "string" || text.trim() === "") return Response.redirect(new URL(`/outbox/${email.id}?answered=empty`, url), 303);
      const answer = await this.answer(email, text);
      const target = new URL(`/outbox/${email.id}`, url);
      target.searchParams.set("answered", String(answer.status));
      target.searchParams.set("detail", answer.body.slice(0, 300));
      return Response.redirect(target, 303);
    }
    return page(email.subject || "(no subject)", this.emailHtml(email, url.searchParams));
  }

  private listHtml(): string {
    if (this.emails.length === 0) return "<p>No email yet. Emails the app sends appear here.</p>";
    const rows = this.emails.map(
      (e) =>
        `<tr><td>${escapeHtml(e.receivedAt.replace("T", " ").slice(0, 19))}</td><td>${escapeHtml(e.from)}</td><td>${escapeHtml(e.to)}</td><td><a href="/outbox/${e.id}">${escapeHtml(e.subject || "(no subject)")}</a></td></tr>`,
    );
    return `<p>${this.emails.length} email${this.emails.length === 1 ? "" : "s"}, newest first.</p>
<table><thead><tr><th>Time (UTC)</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  }

  private emailHtml(email: CaughtEmail, params: URLSearchParams): string {
    const answered = params.get("answered");
    const notice =
      answered === null
        ? ""
        : answered === "empty"
          ? `<p class="notice bad">Write an answer first.</p>`
          : `<p class="notice ${answered.startsWith("2") ? "good" : "bad"}">The app answered ${escapeHtml(answered)}: <code>${escapeHtml(params.get("detail") ?? "")}</code></p>`;
    const field = (name: string, value: string | null) => (value ? `<tr><th>${name}</th><td>${escapeHtml(value)}</td></tr>` : "");
    return `<p><a href="/outbox">← Outbox</a></p>${notice}
<table class="fields">${field("From", email.from)}${field("To", email.to)}${field("Reply-To", email.replyTo)}${field("Subject", email.subject)}${field("Message-ID", email.messageId)}${field("Received", email.receivedAt)}</table>
<h2>As the shopper sees it</h2>
<iframe title="Email" sandbox="" src="/outbox/${email.id}/html"></iframe>
<h2>Text</h2>
<pre>${escapeHtml(email.text)}</pre>
<h2>Answer as the shopper</h2>
<form method="post" action="/outbox/${email.id}/answer">
  <label for="answer-text">Your reply (sent to ${escapeHtml(email.replyTo ?? email.from)}, quoting this email)</label>
  <textarea id="answer-text" name="text" rows="5" required></textarea>
  <button type="submit">Answer as the shopper</button>
</form>`;
  }
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.map((object) => object.text).join(", ");
}

function page(title: string, body: string, options: { status?: number; refresh?: boolean } = {}): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${options.refresh ? '<meta http-equiv="refresh" content="15">' : ""}<title>${escapeHtml(title)} · Outbox (simulated)</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
.fields th{width:8rem;color:#555}iframe{width:100%;height:24rem;border:1px solid #ccc;border-radius:6px;background:#fff}
pre{white-space:pre-wrap;background:#f6f6f7;padding:1rem;border-radius:6px}textarea{display:block;width:100%;margin:.5rem 0;font:inherit}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#303030;color:#fff;cursor:pointer}
.notice{padding:.6rem 1rem;border-radius:6px}.good{background:#e3f1df}.bad{background:#fbeae5}
</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, { status: options.status ?? 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
