#!/usr/bin/env node
/**
 * `npm run chaos:webhooks`: sends CHAOS_COUNT (10,000) signed customers/data_request
 * webhooks to the production setup of `npm start` (2 web + 2 worker processes on SQLite,
 * or on CHAOS_DATABASE=postgres with TEST_POSTGRES_URL) while SIGKILLing one of its web or
 * worker processes every 2–4 s. Like Shopify, the sender delivers each webhook again (same
 * webhook and event id) until it is answered 200. Each data request's side effect is one
 * system ticket naming its request id; at the end it counts them and prints one line:
 *   sent N, acked N, processed once N, lost 0, repeated side effects 0
 * and exits non-zero when anything was lost or repeated. Loopback only; bounded in time.
 */
import { execFileSync } from "node:child_process";
import { dataRequestDelivery, ensureBuild, freshId, installShops, scratchDatabase, send, sleep, startServer } from "./bench-webhooks-support.mjs";

const COUNT = Number(process.env.CHAOS_COUNT ?? 10_000);
const RATE = Number(process.env.CHAOS_RATE ?? 400);
const PORT = Number(process.env.CHAOS_PORT ?? 38_480);
const KIND = process.env.CHAOS_DATABASE === "postgres" ? "postgres" : "sqlite";
// Many shops: a data request scans its shop's rows for the customer, so thousands in one shop would measure that scan.
const SHOPS = Array.from({ length: 500 }, (_, i) => `chaos-${i}.myshopify.com`);
const log = (line) => process.stderr.write(`${line}\n`);

if (KIND === "postgres" && !process.env.TEST_POSTGRES_URL) throw new Error("CHAOS_DATABASE=postgres needs TEST_POSTGRES_URL");
ensureBuild();
const db = await scratchDatabase(KIND, process.env.TEST_POSTGRES_URL);
await installShops(db, SHOPS);
// A killed worker's claim lapses after the lease; a short one keeps the run short.
const server = await startServer({
  databaseUrl: db.url,
  port: PORT,
  web: 2,
  workers: 2,
  extraEnv: { AFTERCARE_WORKER_LEASE_MS: "3000", AFTERCARE_WORKER_POLL_MS: "100" },
});

/** The web and worker processes of `npm start` right now: the primary's children. */
function children() {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(server.child.pid)], { encoding: "utf8" });
  return out.split("\n").map((line) => Number(line.trim())).filter((pid) => pid > 0);
}

let sending = true;
let kills = 0;
const killer = (async () => {
  while (sending) {
    await sleep(2_000 + Math.random() * 2_000);
    if (!sending) break;
    const pids = children();
    const victim = pids[Math.floor(Math.random() * pids.length)];
    if (victim === undefined) continue;
    try {
      process.kill(victim, "SIGKILL");
      kills++;
    } catch {
      // it had already exited
    }
  }
})();

const ids = Array.from({ length: COUNT }, () => freshId());
let acked = 0;
let attempts = 0;
const started = performance.now();
const deadline = started + 10 * 60_000;
/** Delivers one webhook until it is answered 200, as Shopify retries (here without its hours of backoff). */
async function deliver(requestId, index) {
  const delivery = dataRequestDelivery({ shop: SHOPS[index % SHOPS.length], requestId });
  for (let attempt = 1; performance.now() < deadline; attempt++) {
    attempts++;
    const status = await send({ port: PORT, ...delivery, timeoutMs: 5_000 }).catch(() => 0);
    if (status === 200) {
      acked++;
      return;
    }
    await sleep(Math.min(50 * attempt, 1_000));
  }
}
const inFlight = [];
for (let i = 0; i < COUNT; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 1) await sleep(wait);
  inFlight.push(deliver(ids[i], i));
}
await Promise.all(inFlight);
sending = false;
await killer;
log(`chaos: ${COUNT} webhooks in ${((performance.now() - started) / 1000).toFixed(1)} s, ${attempts} deliveries, ${kills} processes SIGKILLed`);

// Let the workers finish: no event left that is not processed (claims of killed workers lapse).
// The door's SQLite spool counts too: what waits there is acknowledged and not yet processed.
const unfinished = () => db.unfinished();
const drainBy = performance.now() + 300_000;
const drainStart = performance.now();
let left = await unfinished();
while (left > 0 && performance.now() < drainBy) {
  await sleep(250);
  left = await unfinished();
}
log(`chaos: drained in ${((performance.now() - drainStart) / 1000).toFixed(1)} s${left > 0 ? `; ${left} events still unprocessed at the deadline (counted as lost below)` : ""}`);
const serverLog = server.output();
const dead = Number((await db.query(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE "status" = 'dead'`))[0].n);
await server.stop();

// One ticket per data request is the side effect; its subject names the request id.
const rows = await db.query(`SELECT "subject", COUNT(*) AS n FROM "Ticket" WHERE "subject" LIKE 'Customer data request %' GROUP BY "subject"`);
const tickets = new Map(rows.map((row) => [String(row.subject).match(/^Customer data request (\S+):/)?.[1], Number(row.n)]));
let once = 0;
let lost = 0;
let repeated = 0;
for (const id of ids) {
  const n = tickets.get(id) ?? 0;
  if (n === 1) once++;
  if (n === 0) lost++;
  if (n > 1) repeated += n - 1;
}
await db.drop();
if (dead > 0) log(`chaos: ${dead} events ended as dead letters`);
// What the processes said (kills and restarts aside), so a loss comes with its cause.
const said = serverLog.split("\n").filter((line) => line && !/exited \(|listening on|working the webhook inbox|primary \d+/.test(line));
if (lost > 0 || repeated > 0) log(said.slice(-40).join("\n"));
console.log(`sent ${COUNT}, acked ${acked}, processed once ${once}, lost ${lost}, repeated side effects ${repeated}`);
process.exitCode = acked === COUNT && once === COUNT && lost === 0 && repeated === 0 ? 0 : 1;
