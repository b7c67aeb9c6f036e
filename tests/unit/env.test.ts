import { describe, expect, it } from "vitest";
import { emailConfig } from "~/email/config";
import { EnvError, parseEnv } from "~/env.server";
import { prepareDemoEnv } from "../../scripts/demo/env";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://aftercare.example.com",
  SCOPES: "read_orders, write_returns",
};

describe("parseEnv", () => {
  it("accepts a complete environment and fills the defaults", () => {
    // WHEN
    const env = parseEnv(valid);
    // THEN
    expect(env.SCOPES).toEqual(["read_orders", "write_returns"]);
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.NODE_ENV).toBe("development");
  });

  it("trusts one proxy hop (Shopify's app proxy) unless told, and refuses a hop count below one", () => {
    expect(parseEnv(valid).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "0" })).toThrow("TRUSTED_PROXY_HOPS is invalid: must be at least 1 (Shopify's app proxy)");
    expect(() => parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "many" })).toThrow(/TRUSTED_PROXY_HOPS is invalid/);
  });

  it("takes inbound email settings only as a pair, with a long secret and a domain name", () => {
    const inbound = { INBOUND_EMAIL_SECRET: "s".repeat(32), INBOUND_EMAIL_DOMAIN: "inbound.example.com" };
    expect(parseEnv({ ...valid, ...inbound })).toMatchObject(inbound);
    expect(() => parseEnv({ ...valid, INBOUND_EMAIL_SECRET: "s".repeat(32) })).toThrow("INBOUND_EMAIL_SECRET and INBOUND_EMAIL_DOMAIN go together");
    expect(() => parseEnv({ ...valid, ...inbound, INBOUND_EMAIL_SECRET: "short" })).toThrow("INBOUND_EMAIL_SECRET is invalid: must be at least 32 characters");
    expect(() => parseEnv({ ...valid, ...inbound, INBOUND_EMAIL_DOMAIN: "https://x.example" })).toThrow("INBOUND_EMAIL_DOMAIN is invalid: must be a domain name");
  });

  it("names every missing and malformed variable in one error", () => {
    // GIVEN
    const source = { ...valid, SHOPIFY_API_SECRET: undefined, SHOPIFY_APP_URL: "not a url", DATABASE_URL: "mysql://x" };
    // WHEN
    let error: unknown;
    try {
      parseEnv(source);
    } catch (caught) {
      error = caught;
    }
    // THEN
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^SHOPIFY_API_SECRET is missing/);
    expect(problems[1]).toMatch(/^SHOPIFY_APP_URL is invalid/);
    expect(problems[2]).toBe("DATABASE_URL is invalid: must start with file: (SQLite) or postgres:// (PostgreSQL)");
    expect((error as Error).message).toContain("Aftercare cannot start");
  });

  it("refuses demo mode in production", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", AFTERCARE_DEMO: "1" })).toThrow(
      /demo mode never runs in production/,
    );
  });
});

describe("the email settings of the environment", () => {
  it("sends no email without an SMTP server and a from address, and treats empty variables as unset", () => {
    expect(emailConfig({ ...valid })).toBeNull();
    expect(emailConfig({ ...valid, SMTP_HOST: "smtp.example.com" })).toBeNull();
    expect(emailConfig({ ...valid, SMTP_HOST: "", SMTP_URL: "", EMAIL_FROM_ADDRESS: "" })).toBeNull();
  });

  it("reads SMTP_URL (smtps: TLS on 465, credentials decoded) and the SMTP_HOST group, and takes Message-IDs' domain from the from address", () => {
    const fromUrl = emailConfig({ ...valid, SMTP_URL: "smtps://user%40x:p%3Ass@mail.example.com", EMAIL_FROM_ADDRESS: "help@shop.example.com" });
    expect(fromUrl).toMatchObject({ smtp: { host: "mail.example.com", port: 465, secure: true, auth: { user: "user@x", pass: "p:ss" } }, messageIdDomain: "shop.example.com", inbound: null, waitingReminderHours: 48 });
    const fromHost = emailConfig({ ...valid, SMTP_HOST: "relay", SMTP_PORT: "2525", EMAIL_FROM_ADDRESS: "a@b.example", EMAIL_DOMAIN: "ids.example", INBOUND_EMAIL_DOMAIN: "in.example", INBOUND_EMAIL_SECRET: "0123456789abcdef0123456789abcdef" });
    expect(fromHost).toMatchObject({ smtp: { host: "relay", port: 2525, secure: false }, messageIdDomain: "ids.example", inbound: { domain: "in.example", secret: "0123456789abcdef0123456789abcdef" } });
    expect(fromHost?.smtp).not.toHaveProperty("auth");
  });

  it("names malformed email variables at boot", () => {
    expect(() => parseEnv({ ...valid, SMTP_URL: "http://mail", EMAIL_FROM_ADDRESS: "nobody", INBOUND_EMAIL_SECRET: "short" })).toThrow(
      /SMTP_URL is invalid: must be smtp:\/\/… or smtps:\/\/…[\s\S]*EMAIL_FROM_ADDRESS is invalid[\s\S]*INBOUND_EMAIL_SECRET is invalid: must be at least 32 characters/,
    );
  });
});

describe("the demo's environment", () => {
  it("passes the app's rules and sends email as the demo's support address, with replies signed for the inbound door", () => {
    // GIVEN a terminal's empty environment, completed by the demo, and the catcher's SMTP_URL (scripts/demo/start.ts)
    const env: NodeJS.ProcessEnv = { NODE_ENV: "development" };
    const settings = prepareDemoEnv(env, process.cwd());
    env.SMTP_URL = "smtp://127.0.0.1:2525";
    // WHEN the app reads it  THEN it starts, and its email settings are complete
    expect(() => parseEnv(env)).not.toThrow();
    expect(emailConfig(env)).toMatchObject({ fromAddress: "support@aftercare.example", appUrl: settings.appUrl, inbound: { domain: "inbound.aftercare.localhost" } });
  });
});
