import { startUploadExpiry } from "~/compliance/photo-erasure.server";
import { startEmailWorker } from "~/email/worker.server";
import { ensureReconciliationScheduled } from "./reconcile/schedule.server";
import { ensureRulesSweepStarted } from "./rules/sweep.server";
import { startWorker } from "./worker.server";

declare global {
  // One worker per process, across Vite's hot reloads in development.
  var aftercareWorkerStop: (() => Promise<void>) | undefined;
  // The hourly expiry of photo uploads no return took, beside the worker.
  var aftercareUploadExpiryStop: (() => Promise<void>) | undefined;
  // Outbound support email (app/email/), beside the worker.
  var aftercareEmailWorkerStop: (() => Promise<void>) | undefined;
}

/**
 * Starts the in-process webhook worker once per process: what `shopify app dev` runs.
 * `npm start` (server/main.ts) sets AFTERCARE_WORKER=0 in its web processes and runs the
 * worker in processes of its own, so a handler's synchronous SQLite work never stalls a
 * request. Several may run side by side: each claim is exclusive, so an event is processed once.
 */
export function ensureWorkerStarted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.AFTERCARE_WORKER === "0" || env.NODE_ENV === "test") return false;
  globalThis.aftercareWorkerStop ??= startWorker();
  globalThis.aftercareUploadExpiryStop ??= startUploadExpiry();
  globalThis.aftercareEmailWorkerStop ??= startEmailWorker();
  ensureReconciliationScheduled(env);
  ensureRulesSweepStarted();
  return true;
}
