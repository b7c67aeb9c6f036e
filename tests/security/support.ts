/**
 * The security suite's shared parts: one recorder every crafted request goes through, request
 * builders for the three doors (app proxy, embedded admin, webhooks) with the attacker's
 * variations, the payloads, and a snapshot of the database to prove a refused request
 * changed nothing.
 *
 * The recorder tallies, per file, the requests sent, the ones "accepted that should not be"
 * (a 2xx for a request the test marks as an attack) and the 5xx. Each file's last test writes
 * its tally beside the run's databases (tmp/test-db/<run>/security/) and fails on either count;
 * the last file of the run to finish adds them up and prints the one line
 * `security: N requests, 0 accepted that should not be, 0 5xx`, failing if either total is
 * above 0. Vitest runs the files in parallel forks, so the files meet in that directory rather
 * than in memory.
 *
 * The *.db.test.ts files also run on PostgreSQL; that project asserts each file's own tally
 * but prints no line.
 *
 * A request sent from an `it.fails` test (behaviour being fixed elsewhere) is counted as a
 * request but kept out of the two failure tallies: that test already says it fails. Flipping
 * it to `it` puts its requests back into them.
 */
import { createHmac } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RequestType, getHmac, getJwt, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, beforeEach, expect, inject, it } from "vitest";
import prisma from "~/db.server";
import { getCurrentPolicy } from "~/policy/policy.server";
import { issuePortalToken } from "~/portal/token.server";
import { useSimulator } from "../routes/app.support";
import { API_SECRET_KEY, APP_URL } from "../support/shopify-app";
import { DEMO_SHOP, EU_SHOP, type Simulator } from "../support/shopify-sim";

export { API_SECRET_KEY, APP_URL };
export const API_KEY = "testApiKey";

// ── the recorder ──────────────────────────────────────────────────────────────────────

/** What the test expects of a request: an attack must be refused; "any" only forbids a 5xx. */
export type Expectation = "reject" | "accept" | "any";

type Tally = { requests: number; acceptedWrongly: number; serverErrors: number; details: string[] };

const tally: Tally = { requests: 0, acceptedWrongly: 0, serverErrors: 0, details: [] };
let currentTestFails = false;

type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, never> };
/** A Remix loader or action of any return type: a Response, `data(...)`, or plain data. */
export type Route = (args: RouteArgs) => Promise<unknown>;

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit";
}

/** Calls a loader or action as Remix does and always answers a Response (a thrown error is the 500 Remix would send). */
export async function invoke(route: Route, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await route({ request, params, context: {} });
    if (result instanceof Response) return result;
    if (isDataWithInit(result)) return Response.json(toJson(result.data), { status: result.init?.status ?? 200 });
    return Response.json(toJson(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return new Response(`Unhandled: ${message}`, { status: 500, headers: { "X-Security-Unhandled": "1" } });
  }
}

// Loader data may carry BigInt or Date (Remix's turbo-stream sends both); JSON gets strings.
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

/**
 * Sends one crafted request through the recorder: the route answers, the tally counts it.
 * `label` names the request in the failure list.
 */
export async function send(label: string, expectation: Expectation, route: Route, request: Request, params: Record<string, string> = {}): Promise<Response> {
  const response = await invoke(route, request, params);
  record(label, expectation, response.status, response.headers.get("X-Security-Unhandled") ? (await response.clone().text()).slice(0, 200) : "");
  return response;
}

/** Counts an answer obtained some other way (e.g. the photo route's plain loader). */
export function record(label: string, expectation: Expectation, status: number, note = ""): void {
  tally.requests += 1;
  if (currentTestFails) return;
  if (status >= 500) {
    tally.serverErrors += 1;
    tally.details.push(`5xx ${status} ${label} ${note}`.trim());
  } else if (expectation === "reject" && status < 300) {
    tally.acceptedWrongly += 1;
    tally.details.push(`accepted ${status} ${label}`);
  }
}

const SECURITY_DIR = fileURLToPath(new URL(".", import.meta.url));

/**
 * Call once at the end of every security test file. Follows which test is running (is it an
 * `it.fails`?), and adds the file's last test: none of its requests accepted that should have
 * been refused, none answered 5xx. That test also reports the file's tally for the run's line.
 */
export function checkThisFile(fileUrl: string): void {
  // A file-level hook applies to every test of the file, wherever it is registered.
  beforeEach((context) => {
    currentTestFails = context.task.fails === true;
  });
  const file = basename(fileURLToPath(fileUrl));
  it("accepted none of its attacks and answered none of its requests with a 5xx", () => {
    // The PostgreSQL project runs the *.db.test.ts files again: its files check their own
    // tallies, and the line is the SQLite run's.
    const whole = process.env.AFTERCARE_TEST_DB === "postgres" ? null : reportRunIfLast(file);
    expect(tally.requests, `${file} sent no request`).toBeGreaterThan(0);
    expect(tally.details, `${file}: requests accepted that should not be, or answered 5xx`).toEqual([]);
    if (whole) expect(whole, "the whole security suite").toEqual({ acceptedWrongly: 0, serverErrors: 0 });
  });
}

/** When every security file of the run has reported: prints the run's line and answers its failure counts. */
function reportRunIfLast(file: string): { acceptedWrongly: number; serverErrors: number } | null {
  // Beside the run's databases: the run's global teardown removes the directory.
  const dir = join(process.cwd(), "tmp", "test-db", inject("testDbRun"), "security");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${file}.json`), JSON.stringify(tally));
  const expected = readdirSync(SECURITY_DIR).filter((name) => name.endsWith(".test.ts"));
  const reported = readdirSync(dir).filter((name) => name.endsWith(".test.ts.json"));
  if (!expected.every((name) => reported.includes(`${name}.json`))) return null;
  // Two files may finish together: only the one that creates the marker prints.
  try {
    writeFileSync(join(dir, "reported"), "", { flag: "wx" });
  } catch {
    return null;
  }
  const totals = { requests: 0, acceptedWrongly: 0, serverErrors: 0 };
  for (const name of expected) {
    const one = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Tally;
    totals.requests += one.requests;
    totals.acceptedWrongly += one.acceptedWrongly;
    totals.serverErrors += one.serverErrors;
  }
  // Straight to the terminal: vitest would put console output under a per-test heading.
  process.stdout.write(`security: ${totals.requests} requests, ${totals.acceptedWrongly} accepted that should not be, ${totals.serverErrors} 5xx\n`);
  return { acceptedWrongly: totals.acceptedWrongly, serverErrors: totals.serverErrors };
}

// ── the app proxy door ────────────────────────────────────────────────────────────────

/** Shopify's app proxy signature: HMAC-SHA256 (hex) of the sorted `key=value` pairs, `signature` left out. */
export function proxySignature(params: URLSearchParams, secret = API_SECRET_KEY): string {
  const pairs = [...params.entries()].filter(([key]) => key !== "signature").sort(([a], [b]) => a.localeCompare(b));
  return createHmac("sha256", secret)
    .update(pairs.map(([key, value]) => `${key}=${value}`).join(""))
    .digest("hex");
}

export type ProxyOptions = {
  method?: string;
  /** A JSON body (Content-Type: application/json), unless `rawBody` is given. */
  body?: unknown;
  rawBody?: BodyInit;
  contentType?: string | null;
  token?: string;
  customerId?: string;
  shop: string;
  forwardedFor?: string;
  locale?: string;
};

/** An app proxy request as Shopify forwards it, unsigned (`path` below /proxy). */
export function proxyRequest(path: string, options: ProxyOptions): Request {
  const url = new URL(`${APP_URL}/proxy${path}`);
  url.searchParams.set("path_prefix", "/apps/aftercare");
  url.searchParams.set("logged_in_customer_id", options.customerId ?? "");
  if (options.locale) url.searchParams.set("locale", options.locale);
  url.searchParams.set("shop", options.shop);
  const headers = new Headers({ "X-Forwarded-For": options.forwardedFor ?? "203.0.113.200" });
  if (options.token) headers.set("X-Aftercare-Token", options.token);
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const contentType = options.contentType === undefined ? (options.body !== undefined ? "application/json" : null) : options.contentType;
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(url, { method: options.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
}

/** Signs a proxy request with Shopify's own test helper (a timestamp of now). */
export function signedProxy(path: string, options: ProxyOptions): Promise<Request> {
  return setUpValidRequest({ type: RequestType.Public, store: options.shop.replace(".myshopify.com", ""), apiSecretKey: API_SECRET_KEY }, proxyRequest(path, options));
}

/** Signs a proxy request with a chosen timestamp and secret, then lets `tamper` change the signed URL. */
export function craftedProxy(
  path: string,
  options: ProxyOptions,
  craft: { timestamp?: number; secret?: string; tamper?: (url: URL) => void; unsigned?: boolean } = {},
): Request {
  const unsigned = proxyRequest(path, options);
  const url = new URL(unsigned.url);
  if (!craft.unsigned) {
    url.searchParams.set("timestamp", String(craft.timestamp ?? Math.trunc(Date.now() / 1000) - 1));
    url.searchParams.set("signature", proxySignature(url.searchParams, craft.secret));
  }
  craft.tamper?.(url);
  return new Request(url, unsigned);
}

// ── the admin door ────────────────────────────────────────────────────────────────────

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** An App Bridge fetch from the embedded admin carrying `token` (any string: forged ones too). */
export function bearerRequest(path: string, token: string | null, init: { json?: unknown; form?: Record<string, string>; rawBody?: BodyInit; contentType?: string } = {}): Request {
  const headers = new Headers({ "User-Agent": BROWSER_UA });
  if (token !== null) headers.set("Authorization", `Bearer ${token}`);
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  } else if (init.form) {
    body = new URLSearchParams(init.form);
  } else if (init.rawBody !== undefined) {
    body = init.rawBody;
  }
  if (init.contentType) headers.set("Content-Type", init.contentType);
  return new Request(`${APP_URL}${path}`, { method: body === undefined ? "GET" : "POST", headers, body });
}

/** Session tokens an attacker can make without the app's secret, or with a valid one gone stale; Shopify's getJwt signs them. */
export async function forgedSessionTokens(shop: string): Promise<{ name: string; token: string | null }[]> {
  const store = shop.replace(".myshopify.com", "");
  const now = Math.floor(Date.now() / 1000);
  const valid = { iss: `https://${shop}/admin`, dest: `https://${shop}` };
  const sign = async (secret: string, overrides: Record<string, unknown>) => (await getJwt(store, API_KEY, secret, overrides)).token;
  const unsignedPayload = Buffer.from(JSON.stringify({ ...valid, aud: API_KEY, sub: "42", exp: now + 600, nbf: now - 10, iat: now - 10 })).toString("base64url");
  const realToken = await sign(API_SECRET_KEY, { ...valid, exp: now + 600, nbf: now - 10, iat: now - 10 });
  const [head, payload] = realToken.split(".");
  return [
    { name: "no Authorization header", token: null },
    { name: "signed with another secret", token: await sign("not-the-app-secret", { ...valid }) },
    { name: "expired an hour ago", token: await sign(API_SECRET_KEY, { ...valid, exp: now - 3600, iat: now - 7200, nbf: now - 7200 }) },
    { name: "not valid before next hour", token: await sign(API_SECRET_KEY, { ...valid, exp: now + 7200, nbf: now + 3600, iat: now }) },
    { name: "for another app (aud)", token: await sign(API_SECRET_KEY, { ...valid, aud: "someOtherApiKey" }) },
    { name: 'alg "none", no signature', token: `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${unsignedPayload}.` },
    { name: "payload swapped under a real signature", token: `${head}.${unsignedPayload}.${realToken.split(".")[2]}` },
    { name: "signature cut off", token: `${head}.${payload}.` },
    { name: "not a JWT", token: "definitely-not-a-jwt" },
  ];
}

// ── the webhook door ──────────────────────────────────────────────────────────────────

export type WebhookVariant = { name: string; build: (body: string) => { hmac: string | null; body: string } };

/** Signatures an attacker can produce, and a body changed after Shopify signed it. */
export const WEBHOOK_VARIANTS: WebhookVariant[] = [
  { name: "signed with another secret", build: (body) => ({ hmac: getHmac(body, "not-the-app-secret"), body }) },
  { name: "signature truncated", build: (body) => ({ hmac: getHmac(body, API_SECRET_KEY).slice(0, 20), body }) },
  { name: "hex instead of base64", build: (body) => ({ hmac: createHmac("sha256", API_SECRET_KEY).update(body).digest("hex"), body }) },
  { name: "no X-Shopify-Hmac-Sha256 header", build: (body) => ({ hmac: null, body }) },
  { name: "empty signature", build: (body) => ({ hmac: "", body }) },
  { name: "body altered after signing", build: (body) => ({ hmac: getHmac(body, API_SECRET_KEY), body: body.replace(/}$/, ',"injected":true}') }) },
];

let webhookSequence = 0;
/** A webhook request with the given signature (null: no header) over `body`. */
export function webhookRequestWith(topic: string, shop: string, body: string, hmac: string | null, contentType = "application/json"): Request {
  webhookSequence += 1;
  const headers = new Headers({
    "Content-Type": contentType,
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": `sec-${Date.now().toString(36)}-${webhookSequence}-${Math.random().toString(36).slice(2, 8)}`,
    "X-Shopify-Event-Id": `ev-sec-${webhookSequence}`,
    "X-Shopify-Triggered-At": new Date().toISOString(),
  });
  if (hmac !== null) headers.set("X-Shopify-Hmac-Sha256", hmac);
  return new Request(`${APP_URL}/webhooks/${topic}`, { method: "POST", headers, body });
}

// ── payloads ──────────────────────────────────────────────────────────────────────────

/** Markup that runs script if a page ever renders it as HTML instead of text. */
export const SCRIPT_PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</textarea><script>alert(document.cookie)</script>",
  "javascript:alert(1)",
  "<a href=\"javascript:alert(1)\">click</a>",
  "{{constructor.constructor('alert(1)')()}}",
  "</script><script>alert(1)</script><!--",
] as const;

/** A lone high surrogate and a lone low one: not Unicode text (no UTF-8 encodes them). */
export const LONE_SURROGATES = ["before\uD800after", "\uDC00 alone", "tail\uD83D"] as const;

/** Markup that must never reach a rendered page as markup. */
export function assertInertHtml(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img[^>]*onerror/i);
  expect(html).not.toMatch(/<svg[^>]*onload/i);
  expect(html).not.toMatch(/<a[^>]*href="javascript:/i);
}

// ── the database, before and after ────────────────────────────────────────────────────

const SNAPSHOT_TABLES = [
  "returnCase",
  "returnLine",
  "moneyMovement",
  "ticket",
  "ticketMessage",
  "auditEvent",
  "policy",
  "shop",
  "staffMember",
  "job",
  "webhookEvent",
  "portalLookupFailure",
] as const;

/** Rows by table, each row as JSON text (BigInt as a string). */
export type Snapshot = Record<(typeof SNAPSHOT_TABLES)[number], string[]>;

/**
 * Every row of the tables a request could write, for the given shops (a crafted request
 * names these shops only: in its signature, token, session token or webhook header).
 */
export async function snapshot(shops: string[], options: { withLookupMisses?: boolean } = {}): Promise<Snapshot> {
  const where = { shop: { in: shops } };
  const orderBy = { id: "asc" } as const;
  const rows = await Promise.all([
    prisma.returnCase.findMany({ where, orderBy }),
    prisma.returnLine.findMany({ where, orderBy }),
    prisma.moneyMovement.findMany({ where, orderBy }),
    prisma.ticket.findMany({ where, orderBy }),
    prisma.ticketMessage.findMany({ where, orderBy }),
    prisma.auditEvent.findMany({ where, orderBy }),
    prisma.policy.findMany({ where, orderBy }),
    prisma.shop.findMany({ where, orderBy }),
    prisma.staffMember.findMany({ where, orderBy }),
    // A refused approval of a return whose Shopify request failed earlier tries that request
    // again (app/returns/request.server.ts openInShopify) and counts the try on its job: the
    // count, the error and the times are bookkeeping of the attempt, not data the request
    // changed, so they are left out; the job's status and payload still count.
    prisma.job.findMany({ where, orderBy, omit: { attempts: true, lastError: true, updatedAt: true, runAt: true, lockedAt: true } }),
    prisma.webhookEvent.findMany({ where, orderBy }),
    options.withLookupMisses ? prisma.portalLookupFailure.findMany({ where, orderBy }) : Promise.resolve([]),
  ]);
  const text = (row: object) => JSON.stringify(row, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const out: Partial<Snapshot> = {};
  SNAPSHOT_TABLES.forEach((table, i) => {
    out[table] = (rows[i] ?? []).map(text);
  });
  return out as Snapshot;
}

/** The rows that differ between two snapshots ("+ table row" added or changed to, "- table row" gone or changed from). */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const table of SNAPSHOT_TABLES) {
    const was = new Set(before[table]);
    const now = new Set(after[table]);
    for (const row of before[table]) if (!now.has(row)) out.push(`- ${table} ${row}`);
    for (const row of after[table]) if (!was.has(row)) out.push(`+ ${table} ${row}`);
  }
  return out;
}

/**
 * Sends a request that must be refused (4xx; for the admin, its bounce to a new session token
 * counts too) and checks the database is as it was.
 */
export async function refusedWithoutTrace(
  label: string,
  shops: string[],
  route: Route,
  request: Request,
  params: Record<string, string> = {},
  options: { redirectIsRefusal?: boolean } = {},
): Promise<Response> {
  const before = await snapshot(shops);
  const response = await send(label, "reject", route, request, params);
  expect(response.status, `${label}: ${response.status}`).toBeGreaterThanOrEqual(options.redirectIsRefusal ? 300 : 400);
  expect(response.status, `${label}: ${response.status}`).toBeLessThan(500);
  expect(changes(before, await snapshot(shops)), `${label} changed the database`).toEqual([]);
  return response;
}

// ── the store ─────────────────────────────────────────────────────────────────────────

/**
 * For a security file: the store simulator answers Admin GraphQL and token exchange for the
 * whole file, and the demo and EU shops are installed afresh (their offline sessions stored, as
 * the proxy needs; none of an earlier file's returns, tickets or lookups left). Their sessions
 * are removed afterwards: they hold this simulator's tokens.
 */
/** Removes the demo and EU shops' returns, tickets, ledger, audit, lookup misses, policies and sessions. */
async function clearDemoShops(): Promise<void> {
  const where = { shop: { in: [DEMO_SHOP, EU_SHOP] } };
  await prisma.moneyMovement.deleteMany({ where });
  await prisma.ticket.deleteMany({ where });
  await prisma.returnCase.deleteMany({ where });
  await prisma.auditEvent.deleteMany({ where });
  await prisma.portalLookupFailure.deleteMany({ where });
  await prisma.policy.deleteMany({ where });
  await prisma.session.deleteMany({ where });
}

export function storeForThisFile(): () => Simulator {
  let store: { sim: () => Simulator; stop: () => void } | null = null;
  beforeAll(async () => {
    store = useSimulator();
    const sim = store.sim();
    // Earlier files of this worker may have used the same shops: start from none of their rows.
    await clearDemoShops();
    for (const shop of [DEMO_SHOP, EU_SHOP]) {
      await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: sim.accessToken(shop), scope: process.env.SCOPES } });
      // The first request that needs the policy writes the default one: do it now, so that a
      // refused request's snapshot does not see it appear.
      await getCurrentPolicy(shop);
    }
  });
  afterAll(async () => {
    store?.stop();
    // ... and leave none of ours to the files after us in this worker.
    await clearDemoShops();
    await prisma.$disconnect();
  });
  return () => {
    if (!store) throw new Error("storeForThisFile(): the simulator starts in beforeAll");
    return store.sim();
  };
}

/** A portal token as lookup issues it (30 minutes, the app's secret unless told). */
export function portalToken(shop: string, orderId: string, options: { secret?: string; now?: Date } = {}): string {
  return issuePortalToken({ shop, orderId }, { secret: options.secret ?? API_SECRET_KEY, now: options.now }).token;
}

/** The numeric tail of a GID, as the proxy's paths take it. */
export const numeric = (gid: string): string => gid.split("/").pop() ?? "";
