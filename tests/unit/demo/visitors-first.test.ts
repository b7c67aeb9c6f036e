import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { visitorsFirst } from "../../../scripts/demo/visitors-first";

let server: Server | undefined;
let release: (() => void) | undefined;

/** A server whose one request is answered only when the test says so; `arrived` resolves when it is received. */
async function heldServer(): Promise<{ server: Server; url: string; arrived: Promise<void> }> {
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const s = createServer((_req, res) => {
    release = () => res.end("ok");
    arrive();
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  server = s;
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, arrived };
}

afterEach(async () => {
  release?.();
  release = undefined;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const settled = (promise: Promise<void>) => Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 0))]);

describe("the demo seed lets page views go first", () => {
  it("waits while a page is being served, and for a quiet moment after it", async () => {
    // GIVEN a page request in flight
    const { server: s, url, arrived } = await heldServer();
    const gate = visitorsFirst(s, { quietMs: 1000, maxWaitMs: 60_000 });
    const page = fetch(url);
    await arrived;
    // WHEN a seed step asks to run
    const waiting = gate();
    await new Promise((r) => setTimeout(r, 150));
    // THEN it waits while the page is served …
    expect(await settled(waiting)).toBe(false);
    // … and, the page served, for the quiet period (the next request of the page load may follow)
    release?.();
    expect(await settled(waiting)).toBe(false);
    await (await page).text();
    await waiting;
  });

  it("does not wait when nobody is looking", async () => {
    const { server: s } = await heldServer();
    const started = Date.now();
    await visitorsFirst(s, { quietMs: 100 })();
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("gives up waiting on a request that never ends", async () => {
    // GIVEN a request that is never answered
    const { server: s, url, arrived } = await heldServer();
    const gate = visitorsFirst(s, { quietMs: 50, maxWaitMs: 300 });
    void fetch(url).catch(() => {});
    await arrived;
    // WHEN a step asks THEN it runs after the cap
    const started = Date.now();
    await gate();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
