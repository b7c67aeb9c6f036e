/**
 * Lets a person's page views go before the demo's background work. The demo data seed runs on the
 * event loop the app serves from, and SQLite calls are synchronous: without a pause between seed
 * steps, a page requested during seeding waited for the whole seed (17–18 s on 2 cores).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface VisitorsFirstOptions {
  /** A page load is a chain of requests (document, scripts, data): the gap between two stays theirs. */
  quietMs?: number;
  /** Longest one background step waits (a stuck request must not stall the seed forever). */
  maxWaitMs?: number;
}

/**
 * Watches `server`'s requests; the returned function resolves when none is being answered and none
 * ended within `quietMs` (after one event-loop turn, so requests that just arrived are counted).
 */
export function visitorsFirst(server: Server, options: VisitorsFirstOptions = {}): () => Promise<void> {
  const quietMs = options.quietMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  let inFlight = 0;
  let lastActivity = 0;
  server.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    lastActivity = Date.now();
    response.once("close", () => {
      inFlight--;
      lastActivity = Date.now();
    });
  });
  return async () => {
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
    const until = Date.now() + maxWaitMs;
    while ((inFlight > 0 || Date.now() - lastActivity < quietMs) && Date.now() < until) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
  };
}
