/**
 * The deployment's email settings, derived from the environment (app/env.server.ts): where
 * to send (SMTP), as whom, which domain names Message-IDs, and where replies go.
 */
import { emailEnv, type EmailEnv } from "~/env.server";

export type SmtpOptions = { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };

export type EmailConfig = {
  smtp: SmtpOptions;
  fromAddress: string;
  /** Right-hand side of every Message-ID. */
  messageIdDomain: string;
  /** Both set, or Reply-To is left out and replies go to the from address. */
  inbound: { domain: string; secret: string } | null;
  waitingReminderHours: number;
  appUrl: string;
  /** Signs CSAT links; the app's own secret, so there is no extra variable to lose. */
  linkSecret: string;
};

/** The email settings, or null when this deployment sends no email (no SMTP server or no from address). */
export function emailConfig(source: Record<string, string | undefined> = process.env): EmailConfig | null {
  return toConfig(emailEnv(source));
}

function toConfig(env: EmailEnv): EmailConfig | null {
  const smtp = smtpOptions(env);
  if (!smtp || !env.EMAIL_FROM_ADDRESS) return null;
  return {
    smtp,
    fromAddress: env.EMAIL_FROM_ADDRESS,
    messageIdDomain: env.EMAIL_DOMAIN ?? env.EMAIL_FROM_ADDRESS.split("@")[1] ?? "localhost",
    inbound: inboundSettings(env),
    waitingReminderHours: env.EMAIL_WAITING_REMINDER_HOURS,
    appUrl: env.SHOPIFY_APP_URL.replace(/\/+$/, ""),
    linkSecret: env.SHOPIFY_API_SECRET,
  };
}

function smtpOptions(env: EmailEnv): SmtpOptions | null {
  if (env.SMTP_URL) return fromUrl(env.SMTP_URL);
  if (!env.SMTP_HOST) return null;
  const auth = env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined;
  return { host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE === "1", ...(auth ? { auth } : {}) };
}

/** The inbound half of the settings; exported for address.ts, which needs no SMTP to sign or read a reply token. */
export function inboundSettings(env: Pick<EmailEnv, "INBOUND_EMAIL_DOMAIN" | "INBOUND_EMAIL_SECRET">): { domain: string; secret: string } | null {
  return env.INBOUND_EMAIL_DOMAIN && env.INBOUND_EMAIL_SECRET ? { domain: env.INBOUND_EMAIL_DOMAIN.toLowerCase(), secret: env.INBOUND_EMAIL_SECRET } : null;
}

/** smtp://user:pass@host:port (STARTTLS, port 587 by default) or smtps://… (TLS, port 465 by default). */
function fromUrl(value: string): SmtpOptions {
  const url = new URL(value);
  const secure = url.protocol === "smtps:";
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const user = decodeURIComponent(url.username);
  const auth = user ? { user, pass: decodeURIComponent(url.password) } : undefined;
  return { host: url.hostname, port, secure, ...(auth ? { auth } : {}) };
}
