import { processDueEmails, type SendOptions } from "./send.server";

/**
 * Sends due email every `intervalMs` (a backlog: batch after batch) until the returned stop
 * function is called; stop resolves once the batch in flight is done. Ticks never overlap,
 * and the timer never keeps the process alive. With no SMTP settings each tick does nothing.
 */
export function startEmailWorker({ intervalMs = 5_000, limit = 25, ...options }: { intervalMs?: number } & Omit<SendOptions, "now"> = {}): () => Promise<void> {
  let stopped = false;
  let inFlight: Promise<unknown> = Promise.resolve();
  let running = false;
  const tick = () => {
    if (running || stopped) return;
    running = true;
    const drain = async () => {
      while (!stopped) {
        const result = await processDueEmails({ ...options, limit });
        if (result.claimed < limit) break;
      }
    };
    inFlight = drain()
      .catch((error: unknown) => console.error("Email worker: sending due email failed", error))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await inFlight;
  };
}
