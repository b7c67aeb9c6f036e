/**
 * The shopper's returns portal as a shopper meets it: the demo's storefront page with the
 * Aftercare block, in Debian's Chromium with a normal user agent, at 1280 px (and 375 px for
 * the screenshots and the overflow check). Every step passes axe-core (no serious/critical
 * violation) and is saved to test-results/screenshots/portal-e2e-<step>-<width>.png.
 *
 * Figures are never guessed: each amount the page shows is read from the app's own answer
 * (the quote API call the page makes) and compared formatted, and the demo fixtures pin the
 * answer itself ($25.00 tee, 8 % tax, 10 % store-credit bonus).
 */
import type { Browser, BrowserContext, Frame, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../support/shopify-sim/seed";
import { appFrame, interrupt, launchChromium, newContext, openBackOffice, screenshotPath, seriousViolations, startDemo, type Demo } from "./support";

const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 375, height: 812 };
const AVA_EMAIL = FIXTURES.ava.email;
const AVA_ID = FIXTURES.ava.id.slice(FIXTURES.ava.id.lastIndexOf("/") + 1);

interface Money {
  amountMinor: number;
  currencyCode: string;
}
interface Line {
  id: string;
  title: string;
  eligible: boolean;
  reason: string | null;
  message: string | null;
  windowEndsOn: string | null;
  exchangeOptions: { title: string; price: Money }[];
}
interface Eligibility {
  lines: Line[];
  resolutions: { kind: string; bonusBps: number }[];
}
interface Quote {
  resolution: string;
  itemsSubtotal: Money;
  tax: Money;
  storeCreditBonus: Money;
  storeCreditTotal: Money;
  exchangeDifference: Money;
  amountDue: Money;
}
interface Created {
  returnId: string;
  decision: string;
  nextSteps: string[];
  quote: Quote;
}
interface Conversation {
  id: string;
  number: number;
  status: string;
  canRate: boolean;
  rating: { score: number; comment: string | null } | null;
  messages: { author: string; authorName: string | null; body: string }[];
}

let demo: Demo;
let browser: Browser;
let context: BrowserContext;
let pageErrors: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  ({ context, pageErrors } = await newContext(browser, DESKTOP));
  // The merchant has installed and opened the app: the proxy has the shop's offline session.
  await openBackOffice(context, demo);
});

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

// ── helpers ──────────────────────────────────────────────────────────────────────────

const usd = (m: Money, locale = "en-US") => new Intl.NumberFormat(locale, { style: "currency", currency: m.currencyCode }).format(m.amountMinor / 100);
/** Intl output differs only in its kind of space between node and Chromium: compare without that. */
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();
const longDate = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

function proxyJson<T>(page: Page, path: RegExp): Promise<T> {
  return page
    .waitForResponse((r: Response) => new URL(r.url()).pathname.startsWith("/apps/aftercare/") && path.test(new URL(r.url()).pathname))
    .then(async (r) => {
      expect(r.status(), `${r.url()} answered ${r.status()}: ${await r.text()}`).toBeLessThan(300);
      return (await r.json()) as T;
    });
}

/** The block's step heading (an h3 inside the portal). */
const stepHeading = (page: Page, name: string | RegExp) => page.locator(".ac__step h3", { hasText: name });

/** The review's summary as [label, amount] rows. */
function summary(page: Page): Promise<[string, string][]> {
  return page.locator(".ac__sum").evaluate((dl) => {
    const rows: [string, string][] = [];
    dl.querySelectorAll("dt").forEach((dt) => rows.push([dt.textContent ?? "", dt.nextElementSibling?.textContent ?? ""]));
    return rows;
  });
}

/**
 * One step of the flow: axe finds nothing serious, the page fits 375 px without horizontal
 * scrolling, and screenshots at 1280 and 375 px. Restores the desktop viewport.
 */
async function checkStep(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: screenshotPath(`portal-e2e-${name}-1280`), fullPage: true });
  await page.setViewportSize(MOBILE);
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(overflow.scroll, `${name} overflows at 375 px`).toBeLessThanOrEqual(overflow.width);
  expect(await seriousViolations(page), `axe on ${name} at 375 px`).toEqual([]);
  await page.screenshot({ path: screenshotPath(`portal-e2e-${name}-375`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** Step 1 with the mouse and the keyboard's typing: order number + email, then "Find my order". */
async function findOrder(page: Page, orderNumber: string, email: string, labels = { number: "Order number", email: "Email address", submit: "Find my order" }) {
  await page.getByLabel(labels.number).fill(orderNumber);
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole("button", { name: labels.submit }).click();
}

async function tab(page: Page, until: (el: { name: string; tag: string; text: string; label: string }) => boolean, max = 15): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { name: a?.getAttribute("name") ?? "", tag: a?.tagName ?? "", text: a?.textContent?.trim() ?? "", label: a?.getAttribute("aria-label") ?? "" };
    });
    if (until(el)) return;
  }
  throw new Error("Tab never reached the expected control");
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

// ── the tests ────────────────────────────────────────────────────────────────────────

describe("the storefront returns portal", () => {
  let created: Created;

  it("(a) Ava returns the T-shirt from #1001 for store credit with the keyboard only, and sees the exact quote", async () => {
    const page = await context.newPage();
    // Layout shifts over the page's life (the block promises none: hydration moves nothing).
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    // GIVEN the shop's returns page
    const response = await page.goto(demo.storefrontUrl);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Return or exchange an item" }).waitFor();
    await expect.poll(() => stepHeading(page, "Find your order").isVisible()).toBe(true);
    await checkStep(page, "1-find");

    // WHEN she finds her order with the keyboard only (Tab into the form: the UI loads on focus)
    const eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
    await tab(page, (el) => el.name === "orderNumber");
    await page.keyboard.type("#1001");
    await page.keyboard.press("Tab");
    await page.keyboard.type(AVA_EMAIL);
    await page.keyboard.press("Tab");
    expect(await focusedText(page)).toBe("Find my order");
    await page.keyboard.press("Enter");
    const eligibility = await eligibilityCall;

    // THEN step 2 shows her order, and the keyboard focus moved to its heading
    await stepHeading(page, "Choose the items to return").waitFor();
    await expect.poll(() => focusedText(page)).toBe("Choose the items to return");
    await page.getByText("Order #1001").waitFor();
    await page.getByText("Step 2 of 4").waitFor();
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.01);
    const tee = eligibility.lines.find((l) => l.id === FIXTURES.order1001.tee.lineItemId);
    expect(tee).toMatchObject({ eligible: true, title: "Classic Tee" });
    await checkStep(page, "2-items");

    // WHEN she returns 1 tee (still by keyboard: Tab to the quantity, arrow to 1, Tab to the reason)
    const teeBox = page.locator("fieldset", { hasText: "Classic Tee — M" });
    await tab(page, (el) => el.name === `qty:${FIXTURES.order1001.tee.lineItemId}`);
    await page.keyboard.press("ArrowDown");
    expect(await teeBox.getByLabel("Quantity to return").inputValue()).toBe("1");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    expect(await teeBox.getByLabel("Reason").inputValue()).toBe("size_too_small");
    await tab(page, (el) => el.text === "Continue");
    await page.keyboard.press("Enter");

    // THEN step 3 offers store credit with the shop's bonus, as the app says it
    await stepHeading(page, "Choose your resolution").waitFor();
    const bonusBps = eligibility.resolutions.find((r) => r.kind === "store_credit")?.bonusBps;
    expect(bonusBps).toBe(1000);
    await page.getByText("+10% bonus").waitFor();
    await checkStep(page, "3-resolution");

    // WHEN she picks store credit (Space on the radio) and continues
    await tab(page, (el) => el.tag === "INPUT");
    await page.keyboard.press("ArrowDown"); // refund → store credit
    await expect.poll(() => page.getByRole("radio", { name: /Store credit/ }).isChecked()).toBe(true);
    const quoteCall = proxyJson<Quote>(page, /\/quote$/);
    await tab(page, (el) => el.text === "Continue");
    await page.keyboard.press("Enter");
    const quote = await quoteCall;

    // THEN the review shows the app's exact quote: $25.00 + $2.00 tax + $2.70 bonus = $29.70
    expect([quote.itemsSubtotal.amountMinor, quote.tax.amountMinor, quote.storeCreditBonus.amountMinor, quote.storeCreditTotal.amountMinor]).toEqual([2500, 200, 270, 2970]);
    await stepHeading(page, "Review your return").waitFor();
    expect(await summary(page)).toEqual([
      ["Items", usd(quote.itemsSubtotal)],
      ["Tax", usd(quote.tax)],
      ["Store credit bonus", usd(quote.storeCreditBonus)],
      ["Store credit you receive", usd(quote.storeCreditTotal)],
    ]);
    expect(usd(quote.storeCreditTotal)).toBe("$29.70");
    await page.getByText("Classic Tee — M × 1").waitFor();
    await checkStep(page, "4-review");

    // WHEN she submits (Tab to the button, Enter)
    const createCall = proxyJson<Created>(page, /\/returns$/);
    await tab(page, (el) => el.text === "Submit return request");
    await page.keyboard.press("Enter");
    created = await createCall;

    // THEN the confirmation says what happens next, as the app wrote it
    await stepHeading(page, "Your return request has been sent").waitFor();
    expect(created.quote.storeCreditTotal.amountMinor).toBe(2970);
    await page.getByText(created.decision === "approved" ? "Good news: your return is approved." : "Our team will review your request").waitFor();
    expect(created.nextSteps.length).toBeGreaterThan(0);
    expect(await page.locator(".ac__step ol li").allTextContents()).toEqual(created.nextSteps);
    const track = page.getByRole("link", { name: "Track this return" });
    expect(await track.getAttribute("href")).toBe(`#aftercare-return=${encodeURIComponent(created.returnId)}`);
    await checkStep(page, "5-done");

    // WHEN she follows the link (Tab, Enter), THEN the status page shows this return
    await tab(page, (el) => el.text === "Track this return");
    await page.keyboard.press("Enter");
    await stepHeading(page, "Return status").waitFor();
    await page.getByText("Classic Tee — M × 1").waitFor();
    await checkStep(page, "6-status");
    // … and again after a reload of the bookmarked link, in the same tab
    await page.reload();
    await stepHeading(page, "Return status").waitFor();
    await page.getByText(/Order #1001/).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("(a) reaches the status again from its link in a new tab, after finding the order once more", async () => {
    expect(created, "needs the return of (a)").toBeDefined();
    // GIVEN the bookmarked link opened in a new tab (the guest's token lived in the old tab only)
    const page = await context.newPage();
    await page.goto(`${demo.storefrontUrl}#aftercare-return=${encodeURIComponent(created.returnId)}`);
    // THEN the portal asks her to find the order first, then shows the return
    await page.getByText("To see this return, find your order again.").waitFor();
    await findOrder(page, "1001", AVA_EMAIL);
    await stepHeading(page, "Return status").waitFor();
    await page.getByText("Classic Tee — M × 1").waitFor();
    await checkStep(page, "6-status-link");
  });

  it("(b) a second run on #1001: the returned tee is not offered again and the mug cannot be exchanged", async () => {
    const page = await context.newPage();
    await page.goto(demo.storefrontUrl);
    const eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
    await findOrder(page, "#1001", AVA_EMAIL);
    const eligibility = await eligibilityCall;
    await stepHeading(page, "Choose the items to return").waitFor();
    // THEN the tee is listed as not returnable, with the app's sentence for it
    const tee = eligibility.lines.find((l) => l.id === FIXTURES.order1001.tee.lineItemId)!;
    expect(tee).toMatchObject({ eligible: false, reason: "already_returned" });
    const unavailable = page.locator(".ac__card--off", { hasText: "Classic Tee — M" });
    await unavailable.getByText(tee.message!).waitFor();
    await checkStep(page, "b-items-after-return");
    // WHEN she chooses the mug, THEN an exchange is not offered for it (one variant only)
    await page.locator("fieldset", { hasText: "Ceramic Mug" }).getByLabel("Quantity to return").selectOption("1");
    await page.locator("fieldset", { hasText: "Ceramic Mug" }).getByLabel("Reason").selectOption({ label: "Changed my mind" });
    await page.getByRole("button", { name: "Continue" }).click();
    await stepHeading(page, "Choose your resolution").waitFor();
    await expect.poll(() => page.getByRole("radio", { name: /Exchange/ }).isDisabled()).toBe(true);
    await page.getByText("(not available for these items)").waitFor();
  });

  it("(b) on a fresh store, Ava exchanges the T-shirt for size L", async () => {
    // GIVEN a fresh demo (the tee of the first store is already in a return)
    const fresh = await startDemo({ skipBuild: true });
    try {
      const { context: ctx, pageErrors: errors } = await newContext(browser, DESKTOP);
      await openBackOffice(ctx, fresh);
      const page = await ctx.newPage();
      await page.goto(fresh.storefrontUrl);
      const eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
      await findOrder(page, "1001", "  Ava.Lee@Example.com ");
      const eligibility = await eligibilityCall;
      const tee = eligibility.lines.find((l) => l.id === FIXTURES.order1001.tee.lineItemId)!;
      const large = tee.exchangeOptions.find((o) => o.title === "L");
      expect(large, "size L is in stock").toBeDefined();
      const teeBox = page.locator("fieldset", { hasText: "Classic Tee — M" });
      await teeBox.getByLabel("Quantity to return").selectOption("1");
      await teeBox.getByLabel("Reason").selectOption({ label: "Size too small" });
      await page.getByRole("button", { name: "Continue" }).click();
      // WHEN she chooses an exchange for L
      await page.getByRole("radio", { name: /Exchange/ }).check();
      await page.getByLabel("Exchange Classic Tee — M for").selectOption({ label: `L · ${usd(large!.price)}` });
      await checkStep(page, "b-exchange-choice");
      const quoteCall = proxyJson<Quote>(page, /\/quote$/);
      await page.getByRole("button", { name: "Continue" }).click();
      const quote = await quoteCall;
      // THEN the review shows the exchange's amounts as the app quotes them (same price: nothing to pay)
      await stepHeading(page, "Review your return").waitFor();
      expect(quote.resolution).toBe("exchange");
      expect(quote.amountDue.amountMinor).toBe(0);
      const rows = await summary(page);
      expect(rows[0]).toEqual(["Items", usd(quote.itemsSubtotal)]);
      expect(rows.at(-1)).toEqual(["Amount to pay", usd(quote.amountDue)]);
      expect(rows.some(([label]) => label === "Store credit bonus")).toBe(false);
      await checkStep(page, "b-exchange-review");
      // WHEN she submits, THEN the confirmation and the status name the new size
      const createCall = proxyJson<Created>(page, /\/returns$/);
      await page.getByRole("button", { name: "Submit return request" }).click();
      const res = await createCall;
      await stepHeading(page, "Your return request has been sent").waitFor();
      expect(await page.locator(".ac__step ol li").allTextContents()).toEqual(res.nextSteps);
      await page.getByRole("link", { name: "Track this return" }).click();
      await stepHeading(page, "Return status").waitFor();
      await page.getByText("Classic Tee — M × 1 → L").waitFor();
      await checkStep(page, "b-exchange-status");
      expect(errors).toEqual([]);
      await ctx.close();
    } finally {
      await interrupt(fresh.child);
    }
  });

  it("(c) #1002 says why it is outside the return window, with the policy's exact sentence", async () => {
    const page = await context.newPage();
    await page.goto(demo.storefrontUrl);
    const eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
    await findOrder(page, "1002", AVA_EMAIL);
    const eligibility = await eligibilityCall;
    const [tote] = eligibility.lines;
    // The app's sentence: the policy's 30 days and the last day, delivered 75 days ago.
    expect(tote).toMatchObject({ eligible: false, reason: "outside_window" });
    expect(tote!.message).toBe(`The 30-day return window for this item ended on ${longDate(tote!.windowEndsOn!, "en-US")}.`);
    await stepHeading(page, "Choose the items to return").waitFor();
    await page.getByText("Nothing in this order can be returned right now.").waitFor();
    await page.getByRole("heading", { name: "Items that cannot be returned" }).waitFor();
    expect(squash(await page.locator(".ac__card--off", { hasText: "Canvas Tote" }).locator(".ac__muted").innerText())).toBe(tote!.message);
    // There is no dead end: she can ask for an exception
    await page.getByRole("button", { name: "Ask for an exception" }).waitFor();
    await checkStep(page, "c-outside-window");
  });

  it("(d) in French: headings, the quote's amounts and the window message", async () => {
    const page = await context.newPage();
    const fr = { number: "Numéro de commande", email: "Adresse e-mail", submit: "Retrouver ma commande" };
    const frUrl = `${demo.simulatorUrl}/fr/pages/returns${new URL(demo.storefrontUrl).search}`;
    await page.goto(frUrl);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("heading", { name: "Retourner ou échanger un article" }).waitFor();
    await stepHeading(page, "Retrouver votre commande").waitFor();
    await checkStep(page, "d-fr-1-find");

    // #1002: the app's own sentences in French — the window message with the policy's 30 days
    // and the last day, and the policy paragraphs (the block sends `locale` with every call)
    let eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
    await findOrder(page, "1002", AVA_EMAIL, fr);
    const late = await eligibilityCall;
    await stepHeading(page, "Choisir les articles à retourner").waitFor();
    await page.getByText("Étape 2 sur 4").waitFor();
    await page.getByRole("heading", { name: "Articles qui ne peuvent pas être retournés" }).waitFor();
    const expected = `Le délai de retour de 30 jours pour cet article a pris fin le ${longDate(late.lines[0]!.windowEndsOn!, "fr")}.`;
    expect(squash(late.lines[0]!.message!)).toBe(squash(expected));
    expect(squash(await page.locator(".ac__card--off").locator(".ac__muted").innerText())).toBe(squash(expected));
    await page.locator(".ac__policy summary", { hasText: "Politique de retour" }).click();
    await page
      .locator(".ac__policy p", { hasText: "Vous pouvez demander un retour dans un délai de 30 jours après la livraison (ou l’expédition, si nous n’avons pas de date de livraison)." })
      .waitFor();
    await page.locator(".ac__policy p", { hasText: "Les articles en vente finale ne peuvent pas être retournés." }).waitFor();
    await checkStep(page, "d-fr-2-outside-window");

    // #1001 (the mug is still returnable): the resolution and the review in French, amounts in French format
    await page.goto(frUrl);
    eligibilityCall = proxyJson<Eligibility>(page, /\/eligibility$/);
    await findOrder(page, "1001", AVA_EMAIL, fr);
    await eligibilityCall;
    const mug = page.locator("fieldset", { hasText: "Ceramic Mug" });
    await mug.getByLabel("Quantité à retourner").selectOption("1");
    await mug.getByLabel("Motif").selectOption({ label: "J’ai changé d’avis" });
    await page.getByRole("button", { name: "Continuer" }).click();
    await stepHeading(page, "Choisir votre solution").waitFor();
    await page.getByRole("radio", { name: /Avoir en boutique/ }).check();
    expect(squash(await page.locator(".ac__choice", { hasText: "Avoir en boutique" }).innerText())).toContain(squash(`+${new Intl.NumberFormat("fr", { style: "percent" }).format(0.1)} de bonus`));
    await checkStep(page, "d-fr-3-resolution");
    const quoteCall = proxyJson<Quote>(page, /\/quote$/);
    await page.getByRole("button", { name: "Continuer" }).click();
    const quote = await quoteCall;
    await stepHeading(page, "Vérifier votre retour").waitFor();
    expect((await summary(page)).map(([label, amount]) => [label, squash(amount)])).toEqual([
      ["Articles", squash(usd(quote.itemsSubtotal, "fr"))],
      ["Taxes", squash(usd(quote.tax, "fr"))],
      ["Bonus d’avoir", squash(usd(quote.storeCreditBonus, "fr"))],
      ["Avoir que vous recevez", squash(usd(quote.storeCreditTotal, "fr"))],
    ]);
    await checkStep(page, "d-fr-4-review");
  });

  it("(e) a signed-in customer sees her orders without typing anything", async () => {
    const { context: ctx, pageErrors: errors } = await newContext(browser, DESKTOP);
    const page = await ctx.newPage();
    // The block makes no third-party request: everything is the shop's origin.
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== demo.simulatorUrl) foreign.push(r.url());
    });
    const back = new URL(demo.storefrontUrl);
    // GIVEN Ava signed in to the shop
    await page.goto(`${demo.simulatorUrl}/account/login?customer_id=${AVA_ID}&return_to=${encodeURIComponent(back.pathname + back.search)}`);
    // THEN the portal lists her recent orders at once
    await page.getByRole("heading", { name: "Your recent orders" }).waitFor();
    const list = page.locator("[data-orders] li");
    await expect.poll(() => list.count()).toBeGreaterThanOrEqual(3);
    const names = await list.locator("strong").allTextContents();
    expect(names).toEqual(expect.arrayContaining(["#1001", "#1002", "#1006"]));
    expect(names).not.toContain("#1003"); // Noah's
    // The list does not count returnable items: it must not claim #1001 has nothing to return
    expect(await list.filter({ hasText: "#1001" }).innerText()).not.toContain("Nothing to return");
    await checkStep(page, "e-signed-in-orders");
    // WHEN she selects #1002, THEN its lines open without a lookup
    await page.getByRole("button", { name: "Select order #1002" }).click();
    await stepHeading(page, "Choose the items to return").waitFor();
    await page.getByText("Order #1002").waitFor();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await ctx.close();
  });

  it("(f) Ava asks a question, reads the agent's answer, writes back, and rates the solved ticket 5 with the keyboard", async () => {
    const page = await context.newPage();
    const admin = await context.newPage();
    /** The ticket page in the simulated admin, freshly loaded. */
    const ticketPage = async (id: string, number: number): Promise<Frame> => {
      await admin.goto(`${demo.adminUrl}/tickets/${id}`);
      const frame = await appFrame(admin);
      await frame.getByRole("heading", { name: new RegExp(`^#${number} `) }).waitFor({ timeout: 30_000 });
      return frame;
    };
    const toast = (text: string) => admin.locator("#toasts div", { hasText: text }).last().waitFor({ timeout: 15_000 });
    const conversation = () => page.locator(".ac__msgs li").allInnerTexts().then((items) => items.map(squash));
    const reopen = async (subject: string) => {
      await page.getByRole("button", { name: "Back" }).click();
      await page.getByRole("button", { name: `View the conversation ${subject}` }).click();
      await stepHeading(page, subject).waitFor();
    };

    // GIVEN #1001 found on the returns page: its questions are listed under the items
    await page.goto(demo.storefrontUrl);
    const listed = proxyJson<{ tickets: Conversation[] }>(page, /\/orders\/\d+\/tickets$/);
    await findOrder(page, "#1001", AVA_EMAIL);
    await listed;
    await stepHeading(page, "Choose the items to return").waitFor();
    await page.getByRole("heading", { name: "Questions about this order" }).waitFor();

    // WHEN she asks a question
    await page.getByRole("button", { name: "Ask a question" }).click();
    await page.getByLabel("Subject").fill("Gift wrapping");
    await page.getByLabel("Your message").fill("Can the mug be gift wrapped?");
    const askCall = proxyJson<{ ticketId: string; ticketNumber: number }>(page, /\/tickets$/);
    await page.getByRole("button", { name: "Send question" }).click();
    const { ticketId, ticketNumber } = await askCall;
    // THEN the conversation opens with her message, as hers
    await stepHeading(page, "Gift wrapping").waitFor();
    await expect.poll(conversation).toEqual([expect.stringMatching(/^You · .+ Can the mug be gift wrapped\?$/)]);
    await page.getByText(`#${ticketNumber} · Open`).waitFor();

    // WHEN the agent adds an internal note and answers her from the back office
    const answer = "Yes, we will wrap it in recycled paper at no charge.";
    let frame = await ticketPage(ticketId, ticketNumber);
    await frame.getByLabel("Message").fill("Check we still have wrapping paper.");
    await frame.getByRole("button", { name: "Add internal note" }).click();
    await toast("Internal note added.");
    await expect.poll(() => frame.getByLabel("Message").inputValue()).toBe("");
    await frame.getByLabel("Message").fill(answer);
    await frame.getByRole("button", { name: "Reply to customer" }).click();
    await toast("Reply sent to the customer.");

    // THEN the portal shows the answer signed by the agent, and never the note
    await reopen("Gift wrapping");
    await expect.poll(conversation).toEqual([
      expect.stringMatching(/^You · .+ Can the mug be gift wrapped\?$/),
      expect.stringMatching(new RegExp(`^Demo Merchant · .+ ${answer.replace(/[.?]/g, "\\$&")}$`)),
    ]);
    expect(await page.locator(".ac__step").innerText()).not.toContain("wrapping paper");
    expect(await page.getByRole("radio").count()).toBe(0);

    // WHEN she writes back
    await page.getByLabel("Your reply").fill("Lovely, thank you!");
    const replyCall = proxyJson<Conversation>(page, /\/messages$/);
    await page.getByRole("button", { name: "Send reply" }).click();
    expect((await replyCall).messages.at(-1)).toEqual({ author: "customer", authorName: null, body: "Lovely, thank you!", id: expect.any(String), createdAt: expect.any(String) });
    await expect.poll(async () => (await conversation()).at(-1)).toMatch(/^You · .+ Lovely, thank you!$/);
    await page.getByText("Your message has been sent.").waitFor();

    // WHEN the agent sees her reply and solves the ticket
    frame = await ticketPage(ticketId, ticketNumber);
    await expect.poll(() => frame.locator("body").innerText()).toContain("Lovely, thank you!");
    await frame.locator(".Polaris-Page-Header__Row").first().getByRole("button", { name: "Resolve", exact: true }).filter({ visible: true }).first().click();
    await toast(`Ticket #${ticketNumber} is solved.`);

    // THEN she rates it 5, with the keyboard only: Back, the conversation, the fifth star, a comment, send
    await page.bringToFront();
    await page.getByRole("button", { name: "Back" }).focus();
    await page.keyboard.press("Enter");
    await stepHeading(page, "Choose the items to return").waitFor();
    const item = page.locator(".ac__talk li", { hasText: "Gift wrapping" });
    expect(squash(await item.innerText())).toMatch(new RegExp(`^Gift wrapping · #${ticketNumber} Solved · .+ View$`));
    await checkStep(page, "f-conversations");
    await tab(page, (el) => el.label === "View the conversation Gift wrapping", 40);
    await page.keyboard.press("Enter");
    await stepHeading(page, "Gift wrapping").waitFor();
    await page.getByText(`#${ticketNumber} · Solved`).waitFor();
    await page.getByRole("group", { name: "How would you rate our help?" }).waitFor();
    await checkStep(page, "f-conversation-solved");
    await tab(page, (el) => el.name === "score", 20);
    for (let i = 0; i < 4; i += 1) await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getByRole("radio", { name: "5 · Excellent" }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id ?? "")).toMatch(/-rc$/);
    await page.keyboard.type("Quick and kind.");
    await page.keyboard.press("Tab");
    expect(await focusedText(page)).toBe("Send rating");
    const rateCall = proxyJson<Conversation>(page, /\/rating$/);
    await page.keyboard.press("Enter");
    expect((await rateCall).rating).toEqual({ score: 5, comment: "Quick and kind." });
    await page.getByText("You rated this 5 out of 5. You can change your rating.").waitFor();
    await page.getByText("Thank you for your rating.").waitFor();
    await checkStep(page, "f-conversation-rated");

    // AND the agent sees the rating and the comment on the ticket
    frame = await ticketPage(ticketId, ticketNumber);
    await expect.poll(() => frame.locator("body").innerText()).toContain("Customer rating: 5 of 5 — “Quick and kind.”");
    expect(pageErrors).toEqual([]);
  });
});
