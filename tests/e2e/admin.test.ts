/**
 * The back office as a support agent meets it, inside the simulated Shopify admin of
 * `npm run demo` (seeded: about 40 returns and a few tickets), in Debian's Chromium:
 * a shopper returns #1001's mug through the storefront's app proxy, then an agent finds the
 * return in the queue, approves it when needed, marks it received, refunds it — the toast and
 * the money movement say exactly how much — opens a ticket from the return and answers the
 * customer. axe-core finds no serious/critical violation on the dashboard, queue, return,
 * settings and ticket pages. Screenshots: test-results/screenshots/admin-e2e-*.png.
 */
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../support/shopify-sim/seed";
import { appFrame, interrupt, launchChromium, newContext, screenshotPath, seriousViolations, startDemo, USER_AGENT, type Demo } from "./support";

const VIEWPORT = { width: 1366, height: 900 };
const ORDER = FIXTURES.order1001;

interface Money {
  amountMinor: number;
  currencyCode: string;
}

let demo: Demo;
let browser: Browser;
let context: BrowserContext;
let pageErrors: string[] = [];
let page: Page;
/** The shopper's return, as the portal answered it. */
let created: { returnId: string; decision: string; status: string; quote: { refundTotal: Money } };

const usd = (m: Money) => new Intl.NumberFormat("en-US", { style: "currency", currency: m.currencyCode }).format(m.amountMinor / 100);

/** POST/GET through the simulated storefront's app proxy, as the portal block does. */
async function proxy<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: T }> {
  // The token travels as the contract's `token` query parameter: the app proxy forwards no custom header.
  const url = new URL(`${demo.simulatorUrl}/apps/aftercare${path}`);
  if (init.token) url.searchParams.set("token", init.token);
  const response = await fetch(url, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      "User-Agent": USER_AGENT,
      Accept: "application/json",
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** The app's page, fully drawn: heading shown, no Remix navigation or fetcher under way, images loaded. */
async function settled(frame: Frame): Promise<void> {
  await frame.locator("h1").first().waitFor({ timeout: 30_000 });
  await frame.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
  await frame.page().waitForTimeout(250);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`admin-e2e-${name}`), fullPage: false });
}

async function frameShot(frame: Frame, name: string): Promise<void> {
  // The whole app document, not only the admin's viewport: what an agent scrolls through.
  const element = await frame.frameElement();
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(2400, Math.max(VIEWPORT.height, height + 120)) });
  await page.waitForTimeout(200);
  await element.screenshot({ path: screenshotPath(`admin-e2e-${name}`) });
  await page.setViewportSize(VIEWPORT);
}

/** Opens an admin page of the app (`/store/…/apps/aftercare/<sub>`), as a fresh load. */
async function open(sub = ""): Promise<Frame> {
  await page.goto(`${demo.adminUrl}${sub}`);
  const frame = await appFrame(page);
  await settled(frame);
  return frame;
}

// A money action waits on the simulated Shopify (cost-based throttling with backoff) while the
// demo seeds in the background: give its answer up to 45 s before calling it lost.
async function toast(text: string | RegExp, timeout = 15_000): Promise<string> {
  const node = page.locator("#toasts div", { hasText: text }).last();
  await node.waitFor({ timeout }).catch(async (error: unknown) => {
    // Say what the agent saw instead, so a failure explains itself.
    throw new Error(`No toast matching ${String(text)}; toasts shown: ${JSON.stringify(await page.locator("#toasts").innerText())}`, { cause: error });
  });
  return node.innerText();
}

/** A Polaris card by its heading (Polaris 13 cards are a ShadowBevel around a Box). */
function card(frame: Frame, heading: string) {
  return frame.getByRole("heading", { name: heading, exact: true }).locator("xpath=ancestor::div[contains(@class, 'Polaris-ShadowBevel')][1]");
}

/** The page's status badge, next to its title. */
function statusBadge(frame: Frame) {
  return frame.locator(".Polaris-Header-Title__TitleWrapper .Polaris-Badge").first();
}

/** Clicks a page action: a header button, or the entry of the header's "More actions" menu. */
async function pageAction(frame: Frame, name: string): Promise<void> {
  const header = frame.locator(".Polaris-Page-Header__Row").first();
  // Polaris keeps a hidden copy of the actions to measure them: only visible ones count.
  const button = header.getByRole("button", { name, exact: true }).filter({ visible: true });
  if ((await button.count()) > 0) return button.first().click();
  await header.getByRole("button", { name: "More actions" }).filter({ visible: true }).first().click();
  await frame.locator(".Polaris-Popover").getByText(name, { exact: true }).filter({ visible: true }).first().click();
}

async function expectNoSeriousViolations(frame: Frame, where: string): Promise<void> {
  const violations = await seriousViolations(frame);
  expect(violations, `axe on ${where}`).toEqual([]);
}

beforeAll(async () => {
  demo = await startDemo();
  // The seed runs in the background after the URLs are printed; the agent works in a seeded shop.
  const deadline = Date.now() + 90_000;
  while (!/Demo data (ready|could not be seeded)/.test(demo.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(demo.output()).toMatch(/Demo data ready \([\d.]+ s\): \d+ returns/);
  browser = await launchChromium();
  ({ context, pageErrors } = await newContext(browser, VIEWPORT));
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

describe("the back office, as a support agent uses it", () => {
  it("a shopper returns the mug of #1001 through the storefront (app proxy)", async () => {
    // GIVEN Ava's order #1001, looked up on the storefront's returns page
    const lookup = await proxy<{ token: string; order: { id: string } }>("/lookup", { body: { orderNumber: ORDER.name, email: ORDER.email } });
    expect(lookup.status).toBe(200);
    const eligibility = await proxy<{ lines: { id: string; title: string; eligible: boolean }[] }>(`/orders/${ORDER.id.split("/").pop()}/eligibility`, { token: lookup.body.token });
    const mug = eligibility.body.lines.find((l) => l.id === ORDER.mug.lineItemId);
    expect(mug).toMatchObject({ title: "Ceramic Mug", eligible: true });
    // WHEN she asks to return the mug for a refund because she changed her mind
    const answer = await proxy<typeof created>("/returns", {
      token: lookup.body.token,
      body: { orderId: ORDER.id, resolution: "refund", clientKey: `e2e-admin-${Date.now()}`, lines: [{ lineItemId: ORDER.mug.lineItemId, quantity: 1, reasonCode: "changed_mind" }] },
    });
    // THEN the return exists, with the mug's price plus its 8 % tax to refund
    expect(answer.status).toBe(201);
    created = answer.body;
    expect(created.quote.refundTotal).toEqual({ amountMinor: 1944, currencyCode: "USD" });
  });

  it("shows a seeded dashboard without serious accessibility violations", async () => {
    const frame = await open();
    const text = await frame.locator("body").innerText();
    expect(text).toMatch(/Return rate/i);
    expect(text).not.toMatch(/Your returns will show up here/);
    await frameShot(frame, "dashboard");
    await expectNoSeriousViolations(frame, "the dashboard");
  });

  it("finds the return in the queue by order name and opens it", async () => {
    // GIVEN the agent on the dashboard
    const frame = await open();
    // WHEN they open Returns from the admin's navigation and search for the order
    await page.locator("#app-nav a", { hasText: "Returns" }).click();
    await frame.getByRole("heading", { name: "Returns", level: 1 }).waitFor();
    await settled(frame);
    await frameShot(frame, "queue");
    await expectNoSeriousViolations(frame, "the returns queue");
    await frame.getByRole("button", { name: /Search and filter/i }).click();
    await frame.getByPlaceholder("Search by order, customer email or name").fill(ORDER.name);
    await frame.waitForURL(/[?&]q=%231001/);
    const rows = frame.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    // THEN only #1001's return is listed, as the shopper left it
    const row = rows.first();
    expect(await row.innerText()).toMatch(/#1001[\s\S]*Ava Lee[\s\S]*(Approved|Requested|In review)[\s\S]*Refund[\s\S]*Changed my mind[\s\S]*\$19\.44/);
    await expect.poll(() => frame.getByText("Loading returns…").filter({ visible: true }).count()).toBe(0);
    await shot("queue-search");
    // AND it opens
    await row.getByRole("link", { name: /#1001/ }).click();
    await frame.getByRole("heading", { name: /Return · #1001/ }).waitFor();
    expect(frame.url()).toContain(`/app/returns/${created.returnId}`);
    // AND it says when, on the demo shop's clock (New York), not UTC's
    expect(await frame.locator("body").innerText()).toMatch(/Requested [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M E[SD]T via Returns portal/);
  });

  // The demo's worker is still mirroring the seed's returns/* echoes while the agent works: its
  // calls leave the shop's rate limit to the agent (tests/unit/automation/background-rate-limit).
  it("approves (when needed), receives and refunds the return, and says how much money moved", async () => {
    const frame = await open(`/returns/${created.returnId}`);
    await expectNoSeriousViolations(frame, "the return page");
    await frameShot(frame, "return-before");

    // Approve, unless the policy approved it already.
    if (created.decision !== "approved") {
      await pageAction(frame, "Approve");
      await frame.getByRole("dialog").getByRole("button", { name: "Approve", exact: true }).click();
      expect(await toast(/approved/)).toBe("Return #1001 approved.");
    }
    await expect.poll(() => statusBadge(frame).innerText()).toMatch(/Approved$/);

    // Mark received: one mug back, restocked.
    await pageAction(frame, "Mark received");
    const dialog = frame.getByRole("dialog");
    const quantity = dialog.getByLabel(/Ceramic Mug.*of 1/);
    await quantity.fill("1");
    const restock = dialog.getByRole("checkbox", { name: "Restock" });
    if (!(await restock.isChecked())) await restock.check({ force: true });
    await frameShot(frame, "receive-modal");
    await dialog.getByRole("button", { name: "Mark received" }).click();
    const received = await toast(/received/i);
    expect(received).toBe("Received 1 item (1 restocked).");
    await expect.poll(() => statusBadge(frame).innerText()).toMatch(/Received$/);
    await expect.poll(() => frame.getByText(/received 1 · restocked 1 · refunded 0/).count()).toBe(1);

    // Refund: the modal says the amount, the toast confirms it, the money card shows the movement.
    const amount = usd(created.quote.refundTotal);
    await pageAction(frame, "Refund");
    await expect.poll(() => frame.getByRole("dialog").innerText()).toContain(`Refund ${amount} to the original payment method.`);
    // A click that lands while the modal is still opening is lost: click until the modal closes
    // (a second click that does reach the server pays nothing twice: the ledger's key is the same).
    const confirm = frame.getByRole("dialog").getByRole("button", { name: "Refund", exact: true });
    for (let attempt = 0; attempt < 3 && (await confirm.isVisible()); attempt++) {
      if (await confirm.isEnabled()) await confirm.click();
      await frame.getByRole("dialog").waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
    }
    expect(await toast(/Refunded/, 45_000)).toContain(`Refunded ${amount}`);
    await expect.poll(() => statusBadge(frame).innerText()).toMatch(/Resolved$/);
    const money = card(frame, "Money");
    await expect.poll(() => money.innerText()).toMatch(new RegExp(`Refund[\\s\\S]*Succeeded[\\s\\S]*${amount.replace(/[$.]/g, "\\$&")}`, "i"));
    expect(await frame.locator("body").innerText()).not.toMatch(/That did not work|A payment failed/);
    // The agent is named, in the ledger and the timeline: the simulated admin signs in Shopify user 1, "Demo Merchant".
    await expect.poll(() => money.innerText()).toMatch(/Succeeded[\s\S]*Demo Merchant/);
    await expect.poll(() => card(frame, "Timeline").innerText()).toMatch(/Marked received\s+[^\n]*Demo Merchant/);
    await settled(frame);
    await frameShot(frame, "return-refunded");
  });

  it("opens a ticket from the return and answers the customer", async () => {
    const frame = await open(`/returns/${created.returnId}`);
    // The ticket the shopper's return has, or one the agent opens from it.
    const tickets = card(frame, "Tickets");
    if ((await tickets.getByRole("link").count()) === 0) {
      await pageAction(frame, "Open a ticket");
      const dialog = frame.getByRole("dialog");
      await dialog.getByLabel("Internal note (agents only)").fill("Refund done; let Ava know when to expect it.");
      await dialog.getByRole("button", { name: "Open a ticket" }).click();
      expect(await toast(/Ticket #\d+ opened/)).toMatch(/^Ticket #\d+ opened for this return\.$/);
    }
    const link = tickets.getByRole("link").first();
    await link.waitFor();
    await link.click();
    await frame.getByRole("heading", { name: /^#\d+ / }).waitFor();
    await settled(frame);
    await expectNoSeriousViolations(frame, "the ticket page");

    // WHEN the agent replies to the customer
    const reply = "Hi Ava, your refund of $19.44 is on its way — it reaches your card in 3–5 business days.";
    await frame.getByLabel("Message").fill(reply);
    await frame.getByRole("button", { name: "Reply to customer" }).click();
    // THEN the admin confirms, and the conversation shows the reply as the agent's, by name, not as a note
    expect(await toast(/Reply sent/)).toBe("Reply sent to the customer.");
    const conversation = card(frame, "Conversation");
    await expect.poll(() => conversation.innerText()).toContain(reply);
    const message = conversation.locator("div", { hasText: reply }).last();
    expect(await message.innerText()).not.toContain("internal note");
    expect(await message.innerText()).toContain("Demo Merchant");
    await expect.poll(() => frame.getByText(/First response/).count()).toBeGreaterThan(0);
    await settled(frame);
    await frameShot(frame, "ticket-answered");
  });

  it("has no serious accessibility violations on the tickets inbox and the policy settings", async () => {
    const inbox = await open("/tickets");
    await expectNoSeriousViolations(inbox, "the tickets inbox");
    await frameShot(inbox, "tickets");
    const settings = await open("/settings");
    await expectNoSeriousViolations(settings, "the policy settings");
    await frameShot(settings, "settings");
    expect(pageErrors).toEqual([]);
  });
});
