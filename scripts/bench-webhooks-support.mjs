// What `npm run bench:webhooks` and `npm run chaos:webhooks` share: a scratch database, the
// production server as `npm start` runs it (build/node/main.js), signed deliveries sent over
// loopback only, and a look at the inbox and the tickets. Every loop is bounded in count and time.
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "./migrate.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SECRET = "bench-webhook-secret";
// The door stores the header as sent and checks no version; this is the app's (app/shopify/api-version.ts).
export const API_VERSION = "2026-10";

/** `npm run build` (Remix, then the server bundle), unless BENCH_SKIP_BUILD=1 and a build exists. */
export function ensureBuild() {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(join(root, "build", "node", "main.js"))) return;
  console.log("Building the production server (npm run build)…");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

/** A fresh, migrated database: a SQLite file in a temp folder, or a new database on the PostgreSQL server of `serverUrl`. */
export async function scratchDatabase(kind, serverUrl) {
  if (kind === "sqlite") {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "aftercare-webhooks-")), "bench.sqlite")}`;
    await migrate(url, { quiet: true });
    const { default: Database } = await import("better-sqlite3");
    return {
      url,
      async query(sql, params = []) {
        const db = new Database(url.replace(/^file:/, ""), { readonly: sql.trimStart().toUpperCase().startsWith("SELECT") });
        try {
          const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
          return statement.reader ? statement.all(...params) : (statement.run(...params), []);
        } finally {
          db.close();
        }
      },
      /** Events acknowledged and not yet processed: inbox rows, plus what waits in the door's spool file. */
      async unfinished() {
        const [inbox] = await this.query(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE "status" <> 'processed'`);
        const spool = `${url.replace(/^file:/, "")}-spool`;
        if (!existsSync(spool)) return Number(inbox.n);
        const db = new Database(spool, { readonly: true });
        try {
          const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'SpooledWebhook'`).get();
          return Number(inbox.n) + (table ? Number(db.prepare(`SELECT COUNT(*) AS n FROM "SpooledWebhook"`).get().n) : 0);
        } finally {
          db.close();
        }
      },
      async drop() {},
    };
  }
  const { default: pg } = await import("pg");
  const name = `aftercare_webhooks_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString(), { quiet: true });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    async unfinished() {
      return Number((await client.query(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE "status" <> 'processed'`)).rows[0].n);
    },
    async drop() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Installs shops the door will accept (a Shop row each). */
export async function installShops(db, shops) {
  for (const shop of shops) {
    // Prisma's SQLite adapter keeps DateTime as ISO-8601 text.
    const now = db.url.startsWith("file:") ? new Date().toISOString() : new Date();
    await db.query(`INSERT INTO "Shop" ("id", "shop", "installedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), shop, now, now, now]);
  }
}

/** Starts `node build/node/main.js` (what `npm start` runs) and resolves once it answers on `port`. */
export async function startServer({ databaseUrl, port, web = 1, workers = 1, extraEnv = {} }) {
  const child = spawn(process.execPath, [process.env.BENCH_SERVER ?? join(root, "build", "node", "main.js")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: "bench-api-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "https://aftercare.example.com",
      SCOPES: "read_orders,read_returns,write_returns,read_customers",
      LOG_LEVEL: "error",
      WEB_CONCURRENCY: String(web),
      AFTERCARE_WORKERS: String(workers),
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    const status = await send({ port, path: "/webhooks/ping", method: "GET", headers: {}, body: "" }).catch(() => 0);
    if (status === 405) {
      return {
        child,
        output: () => output,
        async stop() {
          if (child.exitCode !== null) return;
          child.kill("SIGTERM");
          await new Promise((resolve) => child.once("exit", resolve));
        },
      };
    }
    await sleep(100);
  }
  // SIGTERM: the primary stops its web and worker processes before it exits.
  child.kill("SIGTERM");
  throw new Error(`The server did not answer within 90 s:\n${output}`);
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** One HTTP request over loopback; resolves with the status, rejects on a connection error. */
export function send({ port, path, method = "POST", headers, body, timeoutMs = 10_000 }) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method, headers, agent, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

let lastId = Date.now() * 1_000;
/** A numeric id no earlier call of this process returned (Shopify's ids are numbers). */
export function freshId() {
  lastId += 1;
  return String(lastId);
}

/** A customers/data_request as Shopify sends it, signed with `secret`; the same ids on every resend. */
export function dataRequestDelivery({ shop, requestId, secret = SECRET }) {
  const body = JSON.stringify({
    shop_id: 1,
    shop_domain: shop,
    // A customer of their own per request: the export lists every earlier ticket about the
    // customer, so one customer asking thousands of times would grow each export without end.
    customer: { id: Number(requestId), email: `customer-${requestId}@example.com`, phone: null },
    orders_requested: [Number(requestId)],
    data_request: { id: requestId },
  });
  return {
    path: "/webhooks/customers/data_request",
    body,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "X-Shopify-Topic": "customers/data_request",
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": API_VERSION,
      "X-Shopify-Webhook-Id": `wh-${requestId}`,
      "X-Shopify-Event-Id": `ev-${requestId}`,
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  };
}

/** An app/scopes_update, the cheapest topic (two small writes), signed. */
export function scopesUpdateDelivery({ shop, id, secret = SECRET }) {
  const body = JSON.stringify({ id, previous: ["read_orders"], current: ["read_orders", "write_returns"], updated_at: new Date().toISOString() });
  return {
    path: "/webhooks/app/scopes_update",
    body,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "X-Shopify-Topic": "app/scopes_update",
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": API_VERSION,
      "X-Shopify-Webhook-Id": `wh-${id}`,
      "X-Shopify-Event-Id": `ev-${id}`,
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  };
}

/**
 * Offers `rate` requests a second for `seconds`, open loop: each is sent at its scheduled
 * time whether or not earlier ones were answered, and its latency counts from that time, so
 * a server that falls behind shows it. Resolves with the statuses and latencies.
 */
export async function offer({ port, rate, seconds, next }) {
  const total = Math.round(rate * seconds);
  const latencies = [];
  const statuses = new Map();
  const pending = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const delivery = next(i);
    pending.push(
      send({ port, ...delivery, timeoutMs: 5_000 })
        .then((status) => {
          latencies.push(performance.now() - due);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        })
        .catch(() => statuses.set("error", (statuses.get("error") ?? 0) + 1)),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { total, elapsed, statuses, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
