import { z } from "zod";

const scopes = z
  .string()
  .min(1)
  .transform((value) => value.split(",").map((scope) => scope.trim()).filter(Boolean));

// Outbound support email (app/email/, docs/decisions/030-outbound-support-email.md). All optional:
// without an SMTP server and a from address no email is queued at all.
// An empty variable (SMTP_HOST= in a .env file) counts as unset.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const EMAIL_FIELDS = {
  // smtp://user:pass@host:587 or smtps://…:465; wins over the SMTP_HOST group.
  SMTP_URL: unsetIfEmpty(z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be smtp://… or smtps://…")),
  SMTP_HOST: unsetIfEmpty(z.string().min(1)),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: unsetIfEmpty(z.string()),
  SMTP_PASS: unsetIfEmpty(z.string()),
  // "1": TLS from the first byte (port 465); "0": STARTTLS when the server offers it.
  SMTP_SECURE: z.enum(["0", "1"]).default("0"),
  EMAIL_FROM_ADDRESS: unsetIfEmpty(z.email("must be an email address, e.g. support@aftercare.example.com")),
  // The right-hand side of Message-IDs; the from address's domain when unset.
  EMAIL_DOMAIN: unsetIfEmpty(z.string().regex(/^[a-z0-9.-]+$/i, "must be a domain name")),
  // Inbound email (docs/email-providers.md): shops receive mail at <shop handle>@ and replies at
  // reply+<token>@ this domain; the relay signs each raw message with the secret, which also
  // signs the reply tokens. Both or neither (parseEnv).
  INBOUND_EMAIL_DOMAIN: unsetIfEmpty(
    z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "must be a domain name, like inbound.example.com"),
  ),
  INBOUND_EMAIL_SECRET: unsetIfEmpty(z.string().min(32, "must be at least 32 characters (openssl rand -hex 32)")),
  // Hours a ticket waits on the shopper (status pending) before one reminder goes out.
  EMAIL_WAITING_REMINDER_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
} as const;

const EmailEnvSchema = z.object({ SHOPIFY_API_SECRET: z.string().min(1), SHOPIFY_APP_URL: z.url(), ...EMAIL_FIELDS });
export type EmailEnv = z.infer<typeof EmailEnvSchema>;

/**
 * The email part of an environment, read on each call (not cached like `env()`), so a test
 * can switch SMTP on and off with vi.stubEnv. Throws EnvError like parseEnv.
 */
export function emailEnv(source: Record<string, string | undefined> = process.env): EmailEnv {
  const result = EmailEnvSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} is invalid: ${issue.message}`));
  return result.data;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id from the Partner Dashboard)"),
  SHOPIFY_API_SECRET: z.string().min(1, "is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.url("must be the app's public https URL"),
  SCOPES: scopes,
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./prisma/dev.sqlite"),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("info"),
  // Set only by `npm run demo`: points the Admin API at the local store simulator.
  AFTERCARE_DEMO: z.enum(["0", "1"]).default("0"),
  SHOPIFY_SIMULATOR_URL: z.url().optional(),
  // How many proxies append to X-Forwarded-For in front of the app, Shopify's app proxy
  // included: 1 when Shopify reaches the app directly, 2 behind one load balancer or tunnel.
  // The shopper's address is the entry this many places from the right (docs/decisions/018).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1, "must be at least 1 (Shopify's app proxy)").max(10).default(1),
  // "0" turns off the in-process webhook worker on this instance.
  AFTERCARE_WORKER: z.enum(["0", "1"]).default("1"),
  ...EMAIL_FIELDS,
});

export type Env = z.infer<typeof EnvSchema>;

/** Thrown at boot with every bad variable named, so one restart fixes them all. */
export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Aftercare cannot start, the environment is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment; throws EnvError naming each missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const missing = source[name] === undefined || source[name] === "";
        return missing ? `${name} is missing: ${issue.message}` : `${name} is invalid: ${issue.message}`;
      }),
    );
  }
  const env = result.data;
  if (Boolean(env.INBOUND_EMAIL_SECRET) !== Boolean(env.INBOUND_EMAIL_DOMAIN)) {
    throw new EnvError(["INBOUND_EMAIL_SECRET and INBOUND_EMAIL_DOMAIN go together: set both to receive email, or neither"]);
  }
  if (env.AFTERCARE_DEMO === "1" && env.NODE_ENV === "production") {
    throw new EnvError(["AFTERCARE_DEMO=1 is refused with NODE_ENV=production: demo mode never runs in production"]);
  }
  return env;
}

let cached: Env | undefined;

/** The checked environment of this process (parsed once, on first use at boot). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
