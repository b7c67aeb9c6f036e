/**
 * `npm start`: the whole production setup for one machine. This primary process forks
 * WEB_CONCURRENCY web processes (node:cluster, sharing the port) and AFTERCARE_WORKERS
 * webhook worker processes (child_process.fork), restarts any that dies, and on SIGTERM or
 * SIGINT stops them all. Web processes never run the worker: better-sqlite3 is synchronous,
 * so a handler's queries in a web process would stall every request it serves
 * (docs/decisions/025-webhook-door.md).
 */
import cluster, { type Worker as ClusterWorker } from "node:cluster";
import { fork, type ChildProcess } from "node:child_process";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { env } from "~/env.server";

const here = dirname(fileURLToPath(import.meta.url));
const config = env();
const webCount = count("WEB_CONCURRENCY", 1);
const workerCount = count("AFTERCARE_WORKERS", 1);
const workerNice = Math.min(19, count("AFTERCARE_WORKER_NICE", 0));
// A process that dies is started again after this pause (a crash loop costs little).
const RESTART_DELAY_MS = 200;
let stopping = false;

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

// SQLite in write-ahead-log mode lets the web processes' reads and the workers' transactions
// run side by side, and commits without waiting on the disk (better-sqlite3 builds SQLite
// with synchronous=NORMAL for WAL). The mode is kept in the database file.
if (config.DATABASE_URL.startsWith("file:")) {
  const db = new Database(config.DATABASE_URL.replace(/^file:/, ""));
  db.pragma("journal_mode = WAL");
  db.close();
}

cluster.setupPrimary({ exec: join(here, "web.js") });
const webs = new Set<ClusterWorker>();
function startWeb(): void {
  const web = cluster.fork({ AFTERCARE_WORKER: "0" });
  webs.add(web);
  web.on("exit", (code, signal) => {
    webs.delete(web);
    if (stopping) return;
    console.error(`[aftercare] web ${web.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(startWeb, RESTART_DELAY_MS);
  });
}

const workers = new Set<ChildProcess>();
function startWorkerProcess(): void {
  const worker = fork(join(here, "worker.js"), [], { env: { ...process.env, AFTERCARE_WORKER: "1" } });
  workers.add(worker);
  // AFTERCARE_WORKER_NICE > 0 lets acknowledgements win the CPU over the backlog. Off by default:
  // on SQLite a starved worker holding the write lock would make the door wait for it.
  if (worker.pid !== undefined && workerNice > 0) setPriority(worker.pid, workerNice);
  worker.on("exit", (code, signal) => {
    workers.delete(worker);
    if (stopping) return;
    console.error(`[aftercare] worker ${worker.pid} exited (${signal ?? code}); starting another`);
    setTimeout(startWorkerProcess, RESTART_DELAY_MS);
  });
}

for (let i = 0; i < webCount; i++) startWeb();
for (let i = 0; i < workerCount; i++) startWorkerProcess();
console.log(`[aftercare] primary ${process.pid}: ${webCount} web, ${workerCount} worker process(es)`);

function shutdown(): void {
  if (stopping) return;
  stopping = true;
  for (const web of webs) web.process.kill("SIGTERM");
  for (const worker of workers) worker.kill("SIGTERM");
  const done = setInterval(() => {
    if (webs.size === 0 && workers.size === 0) process.exit(0);
  }, 50);
  // A child that does not stop in time is not waited for.
  setTimeout(() => {
    clearInterval(done);
    for (const web of webs) web.process.kill("SIGKILL");
    for (const worker of workers) worker.kill("SIGKILL");
    process.exit(0);
  }, 10_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
