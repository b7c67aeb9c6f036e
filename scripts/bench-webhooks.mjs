#!/usr/bin/env node
/**
 * `npm run bench:webhooks`: the webhook door and the workers of the production build, as
 * `npm start` runs them, over loopback. Prints
 *   1. ack latency p50/p99 at 100, 250 and 500 signed customers/data_request a second, for
 *      BENCH_SECONDS (10) each, with a worker process running; then the same for a
 *      forged signature (the floor: HTTP and an HMAC, no database);
 *   2. processing throughput, events a second, with 1, 2 and 4 worker processes draining a
 *      backlog, on SQLite and on PostgreSQL (TEST_POSTGRES_URL; skipped when unset).
 * Each row says how many were sent, answered as expected (200 signed, 401 forged), answered
 * otherwise or not at all, and the p50, p99 and max latency counted from the scheduled send.
 * For quick iterations: BENCH_ONLY=ack|processing runs one part, BENCH_RATES=100,500 and
 * BENCH_SECONDS pick the offer, BENCH_BACKLOG the drained events, BENCH_SKIP_BUILD=1 reuses
 * the build, and BENCH_SERVER=<path to main.js> measures another build (a before/after pair
 * on the same machine minutes apart).
 * Figures, not a test; docs/decisions/025-webhook-door.md has a run's results.
 */
import {
  dataRequestDelivery,
  ensureBuild,
  freshId,
  installShops,
  offer,
  scopesUpdateDelivery,
  scratchDatabase,
  send,
  sleep,
  startServer,
} from "./bench-webhooks-support.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATES = (process.env.BENCH_RATES ?? "100,250,500").split(",").map(Number);
// BENCH_ONLY=ack or BENCH_ONLY=processing runs one part (quick iterations); unset runs both.
const ONLY = process.env.BENCH_ONLY ?? "";
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 38_470);
const SHOPS = Array.from({ length: 50 }, (_, i) => `bench-${i}.myshopify.com`);
const ms = (value) => `${value.toFixed(1)} ms`.padStart(9);

ensureBuild();

// 1. Ack latency, SQLite, one web and one worker process.
if (ONLY !== "processing") {
  const db = await scratchDatabase("sqlite");
  await installShops(db, SHOPS);
  const server = await startServer({ databaseUrl: db.url, port: PORT, web: 1, workers: 1 });
  try {
    // Warm up: the first requests load the shop cache and JIT the path.
    await offer({ port: PORT, rate: 250, seconds: 3, next: (i) => dataRequestDelivery({ shop: SHOPS[i % SHOPS.length], requestId: freshId() }) });
    console.log(`\nAck latency: signed customers/data_request, ${SECONDS} s per rate, 1 web + 1 worker process, SQLite`);
    console.log("  kind      offered/s   sent   acked 200  other      p50       p99       max");
    for (const [kind, secret] of [
      ["signed", undefined],
      ["forged", "not-the-secret"],
    ]) {
      for (const rate of RATES) {
        const result = await offer({
          port: PORT,
          rate,
          seconds: SECONDS,
          next: (i) => dataRequestDelivery({ shop: SHOPS[i % SHOPS.length], requestId: freshId(), secret }),
        });
        const ok = result.statuses.get(kind === "signed" ? 200 : 401) ?? 0;
        const other = result.total - ok;
        console.log(
          `  ${kind.padEnd(8)} ${String(rate).padStart(9)} ${String(result.total).padStart(6)} ${String(ok).padStart(11)} ${String(other).padStart(6)} ${ms(result.p50)} ${ms(result.p99)} ${ms(result.max)}`,
        );
        await sleep(1_000);
      }
    }
  } finally {
    await server.stop();
    await db.drop();
  }
}

// 2. Processing throughput with 1, 2 and 4 worker processes.
if (ONLY !== "ack") console.log(`\nProcessing: a backlog of ${BACKLOG} events over ${SHOPS.length} shops, drained by M worker processes`);
console.log("  database    topic                    M=1        M=2        M=4");
for (const kind of ONLY === "ack" ? [] : ["sqlite", "postgres"]) {
  if (kind === "postgres" && !process.env.TEST_POSTGRES_URL) {
    console.log("  postgres    (skipped: set TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db to measure it)");
    continue;
  }
  for (const [topic, delivery] of [
    ["app/scopes_update", (i) => scopesUpdateDelivery({ shop: SHOPS[i % SHOPS.length], id: freshId() })],
    ["customers/data_request", (i) => dataRequestDelivery({ shop: SHOPS[i % SHOPS.length], requestId: freshId() })],
  ]) {
    const figures = [];
    for (const workers of [1, 2, 4]) {
      const db = await scratchDatabase(kind, process.env.TEST_POSTGRES_URL);
      try {
        await installShops(db, SHOPS);
        figures.push(await drainRate(db, workers, delivery));
      } finally {
        await db.drop();
      }
    }
    console.log(`  ${kind.padEnd(11)} ${topic.padEnd(22)} ${figures.map((f) => `${f.toFixed(0)}/s`.padStart(10)).join(" ")}`);
  }
}

/** Fills the inbox through the door with no worker running, then starts `workers` and times the drain. */
async function drainRate(db, workers, delivery) {
  const filler = await startServer({ databaseUrl: db.url, port: PORT, web: 1, workers: 0 });
  try {
    let next = 0;
    const sender = async () => {
      while (next < BACKLOG) {
        const i = next++;
        const status = await send({ port: PORT, ...delivery(i) });
        if (status !== 200) throw new Error(`filling the inbox: ${status}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, sender));
  } finally {
    await filler.stop();
  }
  const pending = () => db.unfinished();
  const filled = await pending();
  if (filled !== BACKLOG) throw new Error(`the backlog is ${filled} events, not the ${BACKLOG} sent`);
  const server = await startServer({ databaseUrl: db.url, port: PORT, web: 1, workers, extraEnv: { AFTERCARE_WORKER_POLL_MS: "50" } });
  try {
    // The clock starts at the first processed event, so process start-up is not counted.
    const deadline = performance.now() + 120_000;
    let left = BACKLOG;
    while (left === BACKLOG && performance.now() < deadline) {
      await sleep(20);
      left = await pending();
    }
    const start = performance.now();
    const from = left;
    while (left > 0 && performance.now() < deadline) {
      await sleep(50);
      left = await pending();
    }
    if (left > 0) throw new Error(`${left} events still unprocessed after 120 s`);
    return from / ((performance.now() - start) / 1000);
  } finally {
    await server.stop();
  }
}
