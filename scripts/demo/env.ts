/**
 * The demo's environment: refuse production, then fill in the values of the local demo app.
 * Pure, so tests can check it without starting anything.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";

export interface DemoSettings {
  appPort: number;
  simulatorPort: number;
  appUrl: string;
  simulatorUrl: string;
  databaseUrl: string;
}

export class DemoRefused extends Error {
  override name = "DemoRefused";
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new DemoRefused(`${name} must be a port number (1-65535), got "${value}".`);
  return parsed;
}

/** The scopes of shopify.app.toml, comma-separated as SCOPES expects. */
export function scopesFromToml(root: string): string {
  const doc = parseToml(readFileSync(join(root, "shopify.app.toml"), "utf8"));
  const access = doc.access_scopes;
  const scopes = typeof access === "object" && access !== null && "scopes" in access ? access.scopes : undefined;
  if (typeof scopes !== "string" || scopes.trim() === "") throw new DemoRefused("shopify.app.toml has no [access_scopes] scopes.");
  return scopes;
}

/**
 * Checks and completes `env` in place for the demo. The Shopify identity and scopes are defaults
 * (the simulator is given the same values); the app URL follows PORT and the database is always the
 * demo's own SQLite file (DEMO_DATABASE_URL to move it), so a demo never writes to another database.
 */
export function prepareDemoEnv(env: NodeJS.ProcessEnv, root: string): DemoSettings {
  if (env.NODE_ENV === "production") {
    throw new DemoRefused(
      "npm run demo refuses to start with NODE_ENV=production: demo mode signs anyone in as the demo shop and talks to a simulated Shopify. Unset NODE_ENV (or set it to development) to run the demo.",
    );
  }
  const appPort = port(env.PORT, 3000, "PORT");
  const simulatorPort = port(env.SIMULATOR_PORT, 3001, "SIMULATOR_PORT");
  if (appPort === simulatorPort) throw new DemoRefused(`PORT and SIMULATOR_PORT are both ${appPort}; give them different ports.`);
  const appUrl = `http://localhost:${appPort}`;
  const simulatorUrl = `http://localhost:${simulatorPort}`;
  const databaseUrl = env.DEMO_DATABASE_URL ?? "file:./prisma/demo.sqlite";

  env.NODE_ENV ??= "development";
  env.SHOPIFY_API_KEY ||= "aftercare-demo-key";
  env.SHOPIFY_API_SECRET ||= "aftercare-demo-secret";
  env.SCOPES ||= scopesFromToml(root);
  env.SHOPIFY_APP_URL = appUrl;
  env.DATABASE_URL = databaseUrl;
  env.AFTERCARE_DEMO = "1";
  // Email: the app sends as this address to the simulator's SMTP catcher (its SMTP_URL is set
  // once it listens, scripts/demo/start.ts); the Outbox page signs the shopper's answers with
  // the inbound secret.
  env.EMAIL_FROM_ADDRESS ||= "support@aftercare.example";
  env.INBOUND_EMAIL_SECRET ||= "aftercare-demo-inbound-email-secret-0123456789";
  env.INBOUND_EMAIL_DOMAIN ||= "inbound.aftercare.localhost";
  env.SHOPIFY_SIMULATOR_URL = simulatorUrl;
  env.PORT = String(appPort);
  env.SIMULATOR_PORT = String(simulatorPort);
  return { appPort, simulatorPort, appUrl, simulatorUrl, databaseUrl };
}
