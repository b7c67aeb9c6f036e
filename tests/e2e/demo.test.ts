/**
 * The demo as a person meets it: `npm run demo`, then the two printed URLs in Chromium.
 * Runs in the e2e project (E2E=1) with Debian's /usr/bin/chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/app-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

function freePort(): Promise<number> {
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

interface Demo {
  child: ChildProcess;
  output: () => string;
  adminUrl: string;
  storefrontUrl: string;
  appUrl: string;
}

/** `npm run demo` in its own process group, as from a terminal; resolves with the printed URLs. */
async function startDemo(): Promise<Demo> {
  const [appPort, simulatorPort] = [await freePort(), await freePort()];
  // The environment of a terminal, not of this test worker (which sets NODE_ENV=test and its own database).
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(NODE_ENV|DATABASE_URL|SHOPIFY_|SCOPES|VITEST|AFTERCARE_)/.test(key)) env[key] = value;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-demo-e2e-"));
  Object.assign(env, { PORT: String(appPort), SIMULATOR_PORT: String(simulatorPort), DEMO_DATABASE_URL: `file:${join(dataDir, "demo.sqlite")}` });
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
    if (admin && storefront && app) return { child, output: () => output, adminUrl: admin, storefrontUrl: storefront, appUrl: app };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run demo did not print its URLs:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ctrl-C: SIGINT to the whole process group, as a terminal does. Resolves when npm has exited. */
function interrupt(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid, "SIGINT");
  });
}

async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("iframe#app-iframe");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The admin page has no app iframe");
  return frame;
}

let demo: Demo;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];
const cdnRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startDemo();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context = await browser.newContext({ userAgent: USER_AGENT, viewport: { width: 1366, height: 900 } });
  // Offline by design: anything bound for Shopify's CDN fails at once instead of waiting on DNS.
  await context.route("https://cdn.shopify.com/**", (route) => {
    cdnRequests.push(route.request().url());
    return route.abort();
  });
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
});

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

describe("npm run demo", () => {
  it("opens the back office signed in as the demo shop", async () => {
    // GIVEN the back office URL the demo printed
    const page = await context.newPage();
    // WHEN a merchant opens it
    await page.goto(demo.adminUrl);
    const frame = await appFrame(page);
    // THEN the embedded app renders its home page (authenticated: no bounce, no error page) …
    const heading = frame.locator("h1").first();
    await heading.waitFor({ timeout: 30_000 });
    expect(await frame.locator("body").innerText()).not.toMatch(/Application Error|Unexpected Server Error/);
    // … the admin draws the app's title bar from the App Bridge stand-in, never from the CDN script …
    await expect.poll(() => page.locator("#app-title").innerText()).toBe(await heading.innerText());
    expect(cdnRequests.filter((url) => url.includes("app-bridge"))).toEqual([]);
    // … and when the home lists recent orders, they are the seeded store's.
    const text = await frame.locator("body").innerText();
    if (/Recent orders/.test(text)) expect(text).toMatch(/#1\d{3}/);
    // Screenshot once images have loaded (Polaris shows placeholders until then).
    await frame.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-admin-home.png") });
    expect(pageErrors).toEqual([]);
  });

  it("authenticates the app's client-side requests with session tokens, as App Bridge does", async () => {
    // GIVEN the app loaded in the admin
    const page = await context.newPage();
    await page.goto(demo.adminUrl);
    const frame = await appFrame(page);
    await frame.locator("h1").first().waitFor({ timeout: 30_000 });
    // WHEN the page fetches its own loader data (what a Remix navigation does) and shows a toast
    const result = await frame.evaluate(async () => {
      const shopify = (window as unknown as { shopify: { idToken: () => Promise<string>; toast: { show: (message: string) => string } } }).shopify;
      const token = await shopify.idToken();
      const data = await fetch("/app.data");
      shopify.toast.show("Saved");
      return { token, status: data.status, body: await data.text() };
    });
    // THEN the request carried a session token the app accepted, its data is the demo shop's as
    // read from the (simulated) Admin API, and the admin shows the toast
    expect(result.token.split(".")).toHaveLength(3);
    expect(result.status).toBe(200);
    expect(result.body).toContain("aftercare-demo.myshopify.com");
    await page.locator("#toasts", { hasText: "Saved" }).waitFor();
  });

  it("has no serious or critical accessibility violations on the app's own page", async () => {
    // GIVEN the admin home
    const page = await context.newPage();
    await page.goto(demo.adminUrl);
    const frame = await appFrame(page);
    await frame.locator("h1").first().waitFor({ timeout: 30_000 });
    // WHEN axe-core checks the app's document
    await frame.addScriptTag({ path: AXE });
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
      const results = await axe.run(document);
      return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.length }));
    });
    // THEN nothing serious or critical
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  it("serves the storefront returns page", async () => {
    // GIVEN the storefront URL the demo printed
    const page = await context.newPage();
    // WHEN a shopper opens it
    const response = await page.goto(demo.storefrontUrl);
    // THEN the shop's page renders (the theme block is not built yet, and the page says so)
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Returns" }).waitFor();
    await expect.poll(() => page.title()).toBe("Returns – Aftercare Demo Store");
    await page.screenshot({ path: join(SCREENSHOTS, "demo-storefront-returns.png") });
  });

  it("stops cleanly on Ctrl-C", async () => {
    // WHEN the demo gets SIGINT (npm itself ends by the signal; the demo ends on its own, cleanly)
    await interrupt(demo.child);
    // THEN it says so and both servers are gone
    expect(demo.output()).toMatch(/SIGINT: stopping the demo…\s+Stopped\./);
    await expect(fetch(demo.adminUrl)).rejects.toThrow();
    await expect(fetch(demo.appUrl)).rejects.toThrow();
  });
});
