/**
 * Shared helpers of the browser tests (tests/e2e): start `npm run demo` on free ports as from a
 * terminal, stop it with Ctrl-C, launch Debian's Chromium as a shopper or merchant would meet
 * the pages, run axe-core, and save screenshots under test-results/screenshots.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { ROOT } from "../support/app-server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** A normal desktop Chrome: shopify-app-remix answers bot user agents with 410. */
export const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
export const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Demo {
  child: ChildProcess;
  output: () => string;
  adminUrl: string;
  storefrontUrl: string;
  /** The simulator's Outbox page (the line `Outbox: …`). */
  outboxUrl: string;
  appUrl: string;
  /** The simulated store's origin (storefront, admin, app proxy), e.g. http://localhost:41234. */
  simulatorUrl: string;
}

/**
 * `npm run demo` in its own process group, as from a terminal; resolves with the printed URLs.
 * `skipBuild` reuses build/ (DEMO_SKIP_BUILD=1) when an earlier demo of the same run built it.
 */
export async function startDemo(options: { skipBuild?: boolean } = {}): Promise<Demo> {
  const [appPort, simulatorPort] = [await freePort(), await freePort()];
  // The environment of a terminal, not of this test worker (which sets NODE_ENV=test and its own database).
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(NODE_ENV|DATABASE_URL|SHOPIFY_|SCOPES|VITEST|AFTERCARE_)/.test(key)) env[key] = value;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-demo-e2e-"));
  Object.assign(env, { PORT: String(appPort), SIMULATOR_PORT: String(simulatorPort), DEMO_DATABASE_URL: `file:${join(dataDir, "demo.sqlite")}` });
  if (options.skipBuild) env.DEMO_SKIP_BUILD = "1";
  const child = spawn("npm", ["run", "demo"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const admin = /Back office[^\n]*?(http:\/\/\S+)/.exec(output)?.[1];
    const storefront = /Storefront returns page:\s*(http:\/\/\S+)/.exec(output)?.[1];
    const app = /^\s*App (http:\/\/\S+)/m.exec(output)?.[1];
    const outbox = /^Outbox: (http:\/\/\S+)/m.exec(output)?.[1];
    if (admin && storefront && app && outbox) {
      return { child, output: () => output, adminUrl: admin, storefrontUrl: storefront, outboxUrl: outbox, appUrl: app, simulatorUrl: new URL(storefront).origin };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await interrupt(child);
      throw new Error(`npm run demo did not print its URLs:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ctrl-C: SIGINT to the whole process group, as a terminal does. Resolves when npm has exited. */
export function interrupt(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid, "SIGINT");
  });
}

/** Debian's Chromium, headless, with the flags the tests and the Lighthouse script share. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A browser context as a person's browser: a normal UA, the given viewport, Shopify's CDN
 * unreachable (offline by design: requests there fail at once and are recorded), page errors recorded.
 */
export async function newContext(browser: Browser, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; pageErrors: string[]; cdnRequests: string[] }> {
  const pageErrors: string[] = [];
  const cdnRequests: string[] = [];
  const context = await browser.newContext({ userAgent: USER_AGENT, viewport });
  await context.route("https://cdn.shopify.com/**", (route) => {
    cdnRequests.push(route.request().url());
    return route.abort();
  });
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  return { context, pageErrors, cdnRequests };
}

/** The embedded app's iframe in the simulated admin. */
export async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("iframe#app-iframe");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The admin page has no app iframe");
  return frame;
}

/**
 * The merchant opens the app once (what installing it does on Shopify): the token exchange
 * stores the shop's offline session, without which the app proxy has no Admin API access.
 */
export async function openBackOffice(context: BrowserContext, demo: Demo): Promise<void> {
  const page = await context.newPage();
  await page.goto(demo.adminUrl);
  const frame = await appFrame(page);
  await frame.locator("h1").first().waitFor({ timeout: 30_000 });
  await page.close();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core on a page or frame's document: every violation, with the selectors it names. */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  if (!(await target.evaluate(() => "axe" in window))) await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    type Result = { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Result> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

/** Only what axe calls serious or critical. */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  return (await axeViolations(target)).filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
