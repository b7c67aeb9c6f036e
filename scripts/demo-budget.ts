/**
 * Measures `npm run demo` against its budgets (ready ≤ 20 s after install on 2 cores; app +
 * simulator ≤ 500 MB RSS) and its throughput. Prints figures; not a test.
 *   npx vite-node --config scripts/demo/vite.config.ts scripts/demo-budget.ts
 * DEMO_SKIP_BUILD=1 measures a start without the build.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** pid → { ppid, rss in kB, command } for every process, from /proc. */
function processes(): Map<number, { ppid: number; rssKb: number; command: string }> {
  const out = new Map<number, { ppid: number; rssKb: number; command: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.set(Number(name), { ppid, rssKb, command });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function tree(root: number): { pid: number; rssKb: number; command: string }[] {
  const all = processes();
  const found: { pid: number; rssKb: number; command: string }[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() ?? 0;
    const info = all.get(pid);
    if (info) found.push({ pid, rssKb: info.rssKb, command: info.command });
    for (const [child, c] of all) if (c.ppid === pid) queue.push(child);
  }
  return found;
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

const [appPort, simulatorPort] = [await freePort(), await freePort()];
// A terminal's environment, without NODE_ENV (the demo refuses production and defaults the rest).
const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
const env: Record<string, string | undefined> = { ...inherited, PORT: String(appPort), SIMULATOR_PORT: String(simulatorPort) };
const startedAt = performance.now();
const child = spawn("npm", ["run", "demo"], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
let adminUrl: string | undefined;
while (!(adminUrl = /Back office[^\n]*?(http:\/\/\S+)/.exec(output)?.[1])) {
  if (child.exitCode !== null || performance.now() - startedAt > 120_000) throw new Error(`The demo did not start:\n${output}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const readySeconds = (performance.now() - startedAt) / 1000;
// Whatever happens next, the demo does not outlive this script.
process.once("exit", () => {
  if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid ?? 0), "SIGINT");
});

// The home page, as the admin frame loads it.
const frame = await (await fetch(adminUrl)).text();
const src = /<iframe id="app-iframe"[^>]*src="([^"]+)"/.exec(frame)?.[1]?.replaceAll("&amp;", "&");
if (!src) throw new Error("The admin frame has no app iframe");
const firstAt = performance.now();
const home = await fetch(src, { headers: { "User-Agent": BROWSER } });
const homeHtml = await home.text();
if (home.status !== 200 || !homeHtml.includes("Aftercare Demo Store")) throw new Error(`Home page: HTTP ${home.status}`);
const firstMs = performance.now() - firstAt;

// Throughput: the admin home document (two loaders, authenticate.admin, Admin API reads), 4 at a
// a time. The simulator enforces Shopify's cost-based rate limit, so a sustained load is throttled
// as on a real Standard plan store: the figures separate the burst before the first THROTTLED.
const seconds = 5;
const loadStart = performance.now();
const end = loadStart + seconds * 1000;
const statuses = new Map<number, number>();
let burst: { requests: number; ms: number } | null = null;
let ok = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (performance.now() < end) {
      const response = await fetch(src, { headers: { "User-Agent": BROWSER } });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200) ok += 1;
      else burst ??= { requests: ok, ms: performance.now() - loadStart };
    }
  }),
);
const done = [...statuses.values()].reduce((a, b) => a + b, 0);
const burstFigures = burst as { requests: number; ms: number } | null;

const processesNow = tree(child.pid ?? 0);
const demoProcess = processesNow.find((p) => /^\S*node /.test(p.command) && p.command.includes("scripts/demo.ts"));
const total = processesNow.reduce((sum, p) => sum + p.rssKb, 0);

console.log(`Machine: ${availableParallelism()} CPU(s), Node ${process.version}${process.env.DEMO_SKIP_BUILD === "1" ? ", build skipped" : ", build included"}`);
console.log(`Ready after:              ${readySeconds.toFixed(1)} s   (budget 20 s)`);
console.log(`First admin home:         ${Math.round(firstMs)} ms`);
console.log(`Admin home throughput:    ${Math.round(done / seconds)} req/s (4 concurrent, ${done} in ${seconds} s; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")})`);
console.log(
  burstFigures
    ? `  before the first throttle: ${burstFigures.requests} × 200 in ${Math.round(burstFigures.ms)} ms = ${Math.round((burstFigures.requests / burstFigures.ms) * 1000)} req/s`
    : `  never throttled: ${Math.round(ok / seconds)} req/s of 200s`,
);
console.log(`RSS app + simulator:      ${mb(demoProcess?.rssKb ?? 0)}   (budget 500 MB; one process)`);
console.log(`RSS whole process tree:   ${mb(total)}   (${processesNow.map((p) => `${p.command.split(" ")[0]?.split("/").pop()} ${mb(p.rssKb)}`).join(", ")})`);

process.kill(-(child.pid ?? 0), "SIGINT");
await new Promise((resolve) => child.once("exit", resolve));
