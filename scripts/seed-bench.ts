/**
 * Seeds the admin benchmark database: one big shop with 50,000 returns (≈100,000 lines),
 * 500,000 money movements, 150,000 audit events and 5,000 tickets over two years, plus a
 * smaller neighbour shop so every query has to filter by shop. Raw multi-row INSERTs in
 * transactions through better-sqlite3: a few seconds, not minutes.
 *
 *   npx vite-node --config vitest.config.ts scripts/seed-bench.ts          (BENCH_DATABASE_URL=file:./tmp/bench.sqlite)
 *
 * Values are stored the way Prisma's SQLite adapter stores them (DateTime as ISO text with
 * "+00:00", BigInt as INTEGER, Json as TEXT), so the app reads them as its own.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { migrate } from "./migrate.mjs";
import { prng } from "../tests/support/shopify-sim/seed";

const BENCH_SHOP = "bench-big.myshopify.com";
const NEIGHBOUR_SHOP = "bench-neighbour.myshopify.com";
const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "file:./tmp/bench.sqlite";

const DAY = 86_400_000;
const STATUSES = ["requested", "needs_review", "approved", "declined", "received", "resolved", "resolved", "resolved", "closed", "closed", "canceled"];
const RESOLUTIONS = ["refund", "refund", "store_credit", "store_credit", "exchange", "keep"];
const REASONS = ["size_too_small", "size_too_small", "size_too_large", "not_as_described", "damaged", "wrong_item", "changed_mind", "changed_mind", "other"];
const KINDS = ["refund", "refund", "refund", "store_credit", "store_credit", "bonus", "fee", "exchange_balance"];
const FIRST = ["Ava", "Noah", "Mia", "Leo", "Ivy", "Sam", "Zoe", "Eli", "Ada", "Kai"];
const LAST = ["Lee", "Kim", "Stone", "Park", "Chen", "Diaz", "Moss", "Reed", "Hart", "Fox"];


const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Inserts rows with multi-row INSERT statements of `chunk` rows, all in one transaction. */
function insertMany(db: Database.Database, table: string, columns: string[], rows: unknown[][], chunk = 200): void {
  const placeholders = (n: number) => Array.from({ length: n }, () => `(${columns.map(() => "?").join(",")})`).join(",");
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  const full = db.prepare(head + placeholders(chunk));
  db.transaction(() => {
    let i = 0;
    for (; i + chunk <= rows.length; i += chunk) full.run(rows.slice(i, i + chunk).flat());
    if (i < rows.length) db.prepare(head + placeholders(rows.length - i)).run(rows.slice(i).flat());
  })();
}

type Counts = { returns: number; movements: number; tickets: number };

function seedShop(db: Database.Database, shop: string, counts: Counts, now: number, seed: number): void {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const span = 730 * DAY;
  const returns: unknown[][] = [];
  const lines: unknown[][] = [];
  const audits: unknown[][] = [];
  const returnIds: { id: string; at: number; currency: string }[] = [];
  for (let i = 0; i < counts.returns; i++) {
    const id = `${shop.slice(6, 9)}rc${i.toString(36).padStart(6, "0")}`;
    const at = now - Math.floor(rand() * span);
    const status = pick(STATUSES);
    const resolution = pick(RESOLUTIONS);
    const currency = rand() < 0.95 ? "USD" : "EUR";
    const decided = status !== "requested" && status !== "needs_review";
    const approvedAt = decided && status !== "declined" && status !== "canceled" ? at + Math.floor(rand() * 2 * DAY) : null;
    const resolvedAt = status === "resolved" || status === "closed" ? (approvedAt ?? at) + Math.floor(rand() * 10 * DAY) : null;
    const first = pick(FIRST);
    const last = pick(LAST);
    const amount = 1000 + Math.floor(rand() * 20_000);
    returns.push([
      id, shop, status, pick(["portal", "portal", "portal", "admin", "webhook"]), resolution, `gid://shopify/Order/${100000 + i}`, `#${10000 + i}`,
      `gid://shopify/Customer/${Math.floor(rand() * 8000)}`, `${first}.${last}${i % 97}@example.com`.toLowerCase(), `${first} ${last}`, currency,
      "[]", resolution === "refund" ? amount : 0, resolution === "store_credit" ? amount : 0,
      iso(at), approvedAt ? iso(approvedAt) : null, status === "declined" ? iso(at + DAY) : null, resolvedAt ? iso(resolvedAt) : null,
      iso(at), iso(resolvedAt ?? approvedAt ?? at),
    ]);
    returnIds.push({ id, at, currency });
    const lineCount = 1 + Math.floor(rand() * rand() * 3);
    for (let l = 0; l < lineCount; l++) {
      lines.push([`${id}l${l}`, shop, id, `gid://shopify/LineItem/${i * 10 + l}`, `Product ${Math.floor(rand() * 300)}`, 1500 + Math.floor(rand() * 8000), 1 + Math.floor(rand() * rand() * 3), pick(REASONS), "[]", iso(at)]);
    }
    if (decided) {
      const actor = rand() < 0.62 ? (rand() < 0.8 ? "system" : "portal") : `staff:${1 + Math.floor(rand() * 6)}`;
      audits.push([`${id}a1`, shop, actor, status === "declined" ? "return.declined" : "return.approved", "return", id, iso(approvedAt ?? at + DAY)]);
    }
    audits.push([`${id}a0`, shop, "portal", "return.requested", "return", id, iso(at)]);
    if (resolvedAt) audits.push([`${id}a2`, shop, "system", "return.resolved", "return", id, iso(resolvedAt)]);
  }
  insertMany(db, "ReturnCase", [
    "id", "shop", "status", "channel", "resolution", "orderId", "orderName", "customerId", "customerEmail", "customerName", "currencyCode",
    "decision", "refundAmountMinor", "storeCreditAmountMinor", "requestedAt", "approvedAt", "declinedAt", "resolvedAt", "createdAt", "updatedAt",
  ], returns);
  insertMany(db, "ReturnLine", ["id", "shop", "returnCaseId", "orderLineItemId", "title", "unitPriceMinor", "quantityRequested", "reasonCode", "photos", "createdAt"], lines);
  insertMany(db, "AuditEvent", ["id", "shop", "actor", "action", "entityType", "entityId", "createdAt"], audits);

  const movements: unknown[][] = [];
  for (let i = 0; i < counts.movements; i++) {
    const rc = returnIds[Math.floor(rand() * returnIds.length)] as { id: string; at: number; currency: string };
    const at = rc.at + Math.floor(rand() * 5 * DAY);
    const status = rand() < 0.92 ? "succeeded" : rand() < 0.5 ? "failed" : "pending";
    movements.push([`${shop.slice(6, 9)}mm${i.toString(36)}`, shop, rc.id, `gid://shopify/Order/${i}`, pick(KINDS), 100 + Math.floor(rand() * 15_000), rc.currency, `bench-${shop}-${i}`, status, "system", iso(at), iso(at)]);
  }
  insertMany(db, "MoneyMovement", ["id", "shop", "returnCaseId", "orderId", "kind", "amountMinor", "currencyCode", "idempotencyKey", "status", "actor", "createdAt", "updatedAt"], movements);

  const tickets: unknown[][] = [];
  const messages: unknown[][] = [];
  for (let i = 0; i < counts.tickets; i++) {
    const id = `${shop.slice(6, 9)}tk${i}`;
    const at = now - Math.floor(rand() * span);
    const status = pick(["open", "pending", "solved", "solved", "closed"]);
    const firstResponse = rand() < 0.9 ? at + Math.floor(rand() * 30 * 3_600_000) : null;
    const resolved = status === "solved" || status === "closed" ? (firstResponse ?? at) + Math.floor(rand() * 3 * DAY) : null;
    tickets.push([id, shop, i + 1, `Question ${i}`, pick(["return_exception", "damaged", "question_order", "question_billing"]), "portal", pick(["low", "normal", "normal", "high"]), status, iso(at + DAY), firstResponse ? iso(firstResponse) : null, resolved ? iso(resolved) : null, resolved && rand() < 0.4 ? 1 + Math.floor(rand() * 5) : null, iso(at), iso(resolved ?? at)]);
    const replies = 1 + Math.floor(rand() * 3);
    for (let m = 0; m < replies; m++) messages.push([`${id}m${m}`, shop, id, m === 0 ? "customer" : "agent", "public", "Hello", iso(at + m * 3_600_000)]);
  }
  insertMany(db, "Ticket", ["id", "shop", "number", "subject", "category", "channel", "priority", "status", "slaDueAt", "firstResponseAt", "resolvedAt", "csatScore", "createdAt", "updatedAt"], tickets);
  insertMany(db, "TicketMessage", ["id", "shop", "ticketId", "authorType", "visibility", "body", "createdAt"], messages);
  db.prepare(`INSERT INTO "Shop" ("id", "shop", "name", "currencyCode", "nextTicketNumber", "updatedAt") VALUES (?, ?, ?, 'USD', ?, ?)`).run(`shop-${shop}`, shop, shop, counts.tickets + 1, iso(now));
}

/** Creates the benchmark database afresh (migrated by the app's own migrations) and fills it. */
async function seedBench(url = BENCH_URL, now = Date.now()): Promise<{ file: string; seconds: number }> {
  const started = performance.now();
  const file = resolve(url.replace(/^file:/, ""));
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  await migrate(`file:${file}`, { quiet: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  seedShop(db, BENCH_SHOP, { returns: 50_000, movements: 500_000, tickets: 5_000 }, now, 20261126);
  seedShop(db, NEIGHBOUR_SHOP, { returns: 5_000, movements: 50_000, tickets: 500 }, now, 7);
  db.pragma("optimize");
  db.exec("ANALYZE");
  db.close();
  return { file, seconds: (performance.now() - started) / 1000 };
}

const { file, seconds } = await seedBench();
console.log(`Seeded ${file} in ${seconds.toFixed(1)} s: ${BENCH_SHOP} 50,000 returns / 500,000 movements, ${NEIGHBOUR_SHOP} 5,000 / 50,000.`);
