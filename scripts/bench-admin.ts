/**
 * Admin benchmark: p95 server time of the dashboard's metrics and of the returns queue on
 * the big shop seeded by scripts/seed-bench.ts (50,000 returns, 500,000 movements). It runs
 * the app's own domain functions (Prisma through the SQLite adapter, as in production), first
 * without the dashboard's index migrations, then as migrated, and prints both.
 * A script that prints figures, not a timed test.
 *
 *   npx vite-node --config vitest.config.ts scripts/seed-bench.ts
 *   npx vite-node --config vitest.config.ts scripts/bench-admin.ts        (BENCH_RUNS=40)
 */
import Database from "better-sqlite3";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const BENCH_SHOP = "bench-big.myshopify.com";
const url = process.env.BENCH_DATABASE_URL ?? "file:./tmp/bench.sqlite";
const file = resolve(url.replace(/^file:/, ""));
if (!existsSync(file)) {
  console.error(`No benchmark database at ${file}: run scripts/seed-bench.ts first.`);
  process.exit(1);
}
// Before the app's modules load: they open DATABASE_URL at import.
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "production";

/**
 * The dashboard's indexes (docs/decisions/010-admin-read-side.md), read from the migrations
 * that added them, so the "before" pass drops exactly those: name → CREATE INDEX statement.
 */
const DASHBOARD_MIGRATIONS = ["_dashboard_indexes", "_money_mix_index"];
const PROPOSED: Record<string, string> = {};
for (const dir of readdirSync(resolve("prisma", "migrations")).filter((name) => DASHBOARD_MIGRATIONS.some((m) => name.endsWith(m))).sort()) {
  const sql = readFileSync(resolve("prisma", "migrations", dir, "migration.sql"), "utf8");
  for (const m of sql.matchAll(/DROP INDEX "([^"]+)";/g)) delete PROPOSED[m[1] ?? ""];
  for (const m of sql.matchAll(/CREATE INDEX "([^"]+)"[^;]+;/g)) PROPOSED[m[1] ?? ""] = m[0];
}
if (Object.keys(PROPOSED).length === 0) throw new Error("The dashboard's index migrations are missing from prisma/migrations.");

function setIndexes(on: boolean): void {
  const db = new Database(file);
  // An index tried earlier and dropped: the planner preferred it for GROUP BY reasonCode and scanned every line.
  db.exec(`DROP INDEX IF EXISTS "ReturnLine_shop_reasonCode_returnCaseId_idx"`);
  for (const [name, ddl] of Object.entries(PROPOSED)) {
    db.exec(`DROP INDEX IF EXISTS "${name}"`);
    if (on) db.exec(ddl);
  }
  db.exec("ANALYZE");
  db.close();
}

const { default: prisma } = await import("~/db.server");
const { loadDashboard } = await import("~/dashboard/dashboard.server");
const { loadReturnsQueue, returnFiltersSchema } = await import("~/returns/queries.server");
const { listInbox, inboxFiltersSchema } = await import("~/tickets/queries.server");
type Client = Parameters<typeof loadDashboard>[1];

// Shopify is not what is measured: the one Admin API call of the dashboard answers at once.
const client = {
  request: async () => ({
    shop: { name: "Bench", myshopifyDomain: BENCH_SHOP, currencyCode: "USD", ianaTimezone: "UTC", email: "bench@example.com", plan: { publicDisplayName: "Basic", partnerDevelopment: false, shopifyPlus: false } },
  }),
} as unknown as Client;

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 3;

async function p95(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

// A cursor 50 pages deep, as an agent paging far back would hold.
async function deepCursor(): Promise<string> {
  let filters = returnFiltersSchema.parse({});
  for (let page = 0; page < 50; page++) {
    const { page: p } = await loadReturnsQueue(BENCH_SHOP, filters);
    filters = { ...filters, cursor: p.nextCursor ?? undefined };
  }
  return filters.cursor ?? "";
}

async function scenarios() {
  const f = (raw: Record<string, string>) => returnFiltersSchema.parse(raw);
  const cursor = await deepCursor();
  return [
    ["dashboard, 7 days", () => loadDashboard(BENCH_SHOP, client, 7)],
    ["dashboard, 30 days", () => loadDashboard(BENCH_SHOP, client, 30)],
    ["dashboard, 90 days", () => loadDashboard(BENCH_SHOP, client, 90)],
    ["returns list, first page", () => loadReturnsQueue(BENCH_SHOP, f({}))],
    ["returns list, tab Resolved", () => loadReturnsQueue(BENCH_SHOP, f({ status: "resolved" }))],
    ["returns list, page 51 (cursor)", () => loadReturnsQueue(BENCH_SHOP, f({ cursor }))],
    ["returns list, sort by last update", () => loadReturnsQueue(BENCH_SHOP, f({ sort: "updated_desc" }))],
    ["returns list, reason Damaged", () => loadReturnsQueue(BENCH_SHOP, f({ reason: "damaged" }))],
    ["returns list, needs attention", () => loadReturnsQueue(BENCH_SHOP, f({ needsAttention: "1" }))],
    ["returns list, date range 30 days", () => loadReturnsQueue(BENCH_SHOP, f({ from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) }))],
    ["returns list, search \"leo\"", () => loadReturnsQueue(BENCH_SHOP, f({ q: "leo" }))],
    ["returns list, search \"#12345\"", () => loadReturnsQueue(BENCH_SHOP, f({ q: "#12345" }))],
    ["tickets inbox, open", () => listInbox(BENCH_SHOP, inboxFiltersSchema.parse({}))],
  ] as const;
}

async function pass(label: string): Promise<Map<string, { p50: number; p95: number }>> {
  const results = new Map<string, { p50: number; p95: number }>();
  for (const [name, run] of await scenarios()) results.set(name, await p95(run));
  console.log(`\n${label}`);
  return results;
}

const counts = await Promise.all([
  prisma.returnCase.count({ where: { shop: BENCH_SHOP } }),
  prisma.moneyMovement.count({ where: { shop: BENCH_SHOP } }),
]);
console.log(`Benchmark database ${file}: ${BENCH_SHOP} has ${counts[0].toLocaleString("en")} returns and ${counts[1].toLocaleString("en")} money movements. ${RUNS} runs each after ${WARMUP} warm-up runs; server time in the domain functions (Prisma + SQLite), Shopify answered instantly.`);

setIndexes(false);
await prisma.$disconnect();
const baseline = await pass("without the dashboard's indexes");
await prisma.$disconnect();
setIndexes(true);
const proposed = await pass("as migrated");

const pad = (s: string, n: number) => s.padEnd(n);
const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);
console.log(`\n${pad("query", 38)}${"p95 before".padStart(12)}${"p95 after".padStart(12)}${"p50 after".padStart(12)}   target < 150 ms`);
for (const [name, after] of proposed) {
  const before = baseline.get(name);
  console.log(`${pad(name, 38)}${ms(before?.p95 ?? 0).padStart(12)}${ms(after.p95).padStart(12)}${ms(after.p50).padStart(12)}   ${after.p95 < 150 ? "ok" : "OVER"}`);
}
if (process.env.BENCH_KEEP_INDEXES !== "1") setIndexes(false);
await prisma.$disconnect();
