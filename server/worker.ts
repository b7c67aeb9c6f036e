/**
 * One webhook worker process of `npm start`: works the inbox until told to stop. Any number
 * may run, on one machine or many; each claim is exclusive (app/automation/worker.server.ts).
 */
import { RETRY } from "~/automation/retry";
import { startWorker } from "~/automation/worker.server";
import { startEmailWorker } from "~/email/worker.server";
import { env } from "~/env.server";

env();
const intervalMs = Number(process.env.AFTERCARE_WORKER_POLL_MS ?? 250);
// A claim lapses after the lease (a killed worker's events go to another); tests of crashes shorten it.
const retry = { ...RETRY, leaseMs: Number(process.env.AFTERCARE_WORKER_LEASE_MS ?? RETRY.leaseMs) };
const stop = startWorker({ intervalMs, limit: Number(process.env.AFTERCARE_WORKER_BATCH ?? 50), retry });
// Support email is sent by the worker processes too: an SMTP conversation never holds a web request.
const stopEmail = startEmailWorker();
// The worker's own timer never holds the process; this does, until a signal.
const alive = setInterval(() => undefined, 60_000);
console.log(`[aftercare] worker ${process.pid} working the webhook inbox`);

const shutdown = async () => {
  clearInterval(alive);
  // The batch in flight finishes; an event cut short would only wait out its lease.
  await Promise.all([stop(), stopEmail()]);
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
