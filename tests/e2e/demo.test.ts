/**
 * The demo as a person meets it: `npm run demo`, then the two printed URLs in Chromium.
 * Runs in the e2e project (E2E=1) with Debian's /usr/bin/chromium.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFrame, interrupt, launchChromium, newContext, screenshotPath, seriousViolations, startDemo, type Demo } from "./support";

let demo: Demo;
let browser: Browser;
let context: BrowserContext;
let pageErrors: string[] = [];
let cdnRequests: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  ({ context, pageErrors, cdnRequests } = await newContext(browser, { width: 1366, height: 900 }));
});

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

describe("npm run demo", () => {
  it("shows the back office it printed within 2 s, while the demo data is still being seeded", async () => {
    // GIVEN the demo has just printed its URLs (the seed runs in the background on the app's event loop)
    const page = await context.newPage();
    // WHEN a merchant opens the back office at once
    const started = performance.now();
    await page.goto(demo.adminUrl, { waitUntil: "commit" });
    const frame = await appFrame(page);
    await frame.locator("h1").first().waitFor({ timeout: 30_000 });
    // THEN the app's page is there within 2 s (it took 17–18 s when the seed starved the event loop)
    expect(performance.now() - started).toBeLessThan(2000);
  });

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
    await page.screenshot({ path: screenshotPath("demo-admin-home") });
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
    const violations = await seriousViolations(frame);
    // THEN nothing serious or critical
    expect(violations).toEqual([]);
  });

  it("serves the storefront returns page", async () => {
    // GIVEN the storefront URL the demo printed
    const page = await context.newPage();
    // WHEN a shopper opens it
    const response = await page.goto(demo.storefrontUrl);
    // THEN the shop's page renders with the Returns portal block and its order form
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Returns" }).waitFor();
    await page.getByLabel("Order number").waitFor();
    await expect.poll(() => page.title()).toBe("Returns – Aftercare Demo Store");
    await page.screenshot({ path: screenshotPath("demo-storefront-returns") });
  });

  it("lists the seeded emails in the Outbox it printed, and files the shopper's answer on the ticket", async () => {
    // GIVEN the demo data is seeded (its line counts the emails the app queued for the Outbox)
    await expect.poll(() => /(\d+) emails in the Outbox/.exec(demo.output())?.[1], { timeout: 110_000, interval: 500 }).toMatch(/^[1-9]/);
    const page = await context.newPage();
    // WHEN a person opens the Outbox once the app's email worker (every 5 s) sent them, and the newest email
    await expect
      .poll(async () => {
        await page.goto(demo.outboxUrl);
        return page.locator("tbody a").count();
      }, { timeout: 30_000, interval: 1_000 })
      .toBeGreaterThan(0);
    await page.locator("tbody a").first().click();
    // THEN it shows in a sandboxed frame, with its text
    await page.locator('iframe[sandbox=""]').waitFor();
    expect(await page.locator("pre").first().innerText()).not.toBe("");
    // AND answering as the shopper reaches the app's inbound door and lands on the ticket the email was about
    await page.locator("textarea[name=text]").fill("Thanks, that answers it.");
    await page.getByRole("button", { name: "Answer as the shopper" }).click();
    await expect.poll(() => page.locator(".notice").innerText(), { timeout: 15_000 }).toMatch(/The app answered 201: .*"threadedBy":"address"/);
    await page.screenshot({ path: screenshotPath("demo-outbox-answered") });
    expect(pageErrors).toEqual([]);
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
