/**
 * Customer accounts, as Ava meets them: `npm run demo`, the "Customer accounts:" link it prints
 * (signed in as ava.lee@example.com, on order #1001), Aftercare's customer account extension in
 * the simulated order pages (tests/support/shopify-sim/customer-accounts.ts), the app's
 * /customer-account/* door behind it, verified with the session tokens the simulator signs.
 * Runs in the e2e project (E2E=1) with Debian's /usr/bin/chromium.
 */
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFrame, interrupt, launchChromium, newContext, openBackOffice, screenshotPath, seriousViolations, startDemo, type AxeViolation, type Demo } from "./support";

let demo: Demo;
let browser: Browser;
let customerAccountsUrl: string;

beforeAll(async () => {
  demo = await startDemo();
  const printed = /^\s*Customer accounts:\s*(http:\/\/\S+)$/m.exec(demo.output())?.[1];
  if (!printed) throw new Error(`The demo did not print its customer-accounts link:\n${demo.output()}`);
  customerAccountsUrl = printed;
  browser = await launchChromium();
  // The merchant opens the app once (the install): the app then has the shop's offline token.
  const { context } = await newContext(browser, { width: 1280, height: 900 });
  await openBackOffice(context, demo);
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

/** A target's frame on the page, once its extension has drawn something (frames load after the page). */
async function target(page: Page, name: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = page.frame({ name });
    if (frame?.url().includes("/customer-accounts/frame")) {
      const drawn = await frame.evaluate(() => (document.body?.childElementCount ?? 0) > 0).catch(() => false);
      if (drawn) return frame;
    }
    if (Date.now() > deadline) throw new Error(`The ${name} frame never drew its extension`);
    await page.waitForTimeout(100);
  }
}

/** axe on the page and on every extension frame in it. */
async function axeAll(page: Page): Promise<AxeViolation[]> {
  const found: AxeViolation[] = [];
  for (const frame of page.frames()) found.push(...(await seriousViolations(frame)).map((v) => ({ ...v, id: `${frame.name() || "page"}: ${v.id}` })));
  return found;
}

const heading = (frame: Frame, name: string | RegExp) => frame.getByRole("heading", { name });
/** The storefront's words for the statuses a new return can have (app/portal/messages.ts). */
const STATUS_WORDS: Record<string, string> = { approved: "Approved — send the items back", needs_review: "In review" };

// One demo for both widths: the first returns the tee, the second (a phone) the mug that is left.
describe.each([
  // The tee arrived damaged: a reason the default policy asks a photo for.
  { viewport: { width: 1280, height: 900 }, item: "Classic Tee — M", title: "Classic Tee", reason: "Arrived damaged", photo: true, returnable: 2, refund: /Refund you receive\s*\$27\.00/ },
  { viewport: { width: 375, height: 812 }, item: "Ceramic Mug", title: "Ceramic Mug", reason: "Changed my mind", photo: false, returnable: 1, refund: /Refund you receive\s*\$\d+\.\d\d/ },
])("customer accounts at $viewport.width px", ({ viewport, item, title, reason, photo, returnable, refund }) => {
  let context: BrowserContext;
  let pageErrors: string[];

  beforeAll(async () => {
    ({ context, pageErrors } = await newContext(browser, viewport));
  });
  afterAll(async () => context?.close());

  it("Ava opens order #1001, starts and submits a return from the order page, follows its status, sees it with its status on her order, and reads support's reply to her question", async () => {
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: screenshotPath(`customer-account-${viewport.width}-${name}`), fullPage: true });
    const violations: AxeViolation[] = [];
    const check = async (name: string) => {
      await page.waitForTimeout(150);
      violations.push(...(await axeAll(page)).map((v) => ({ ...v, id: `${name} ${v.id}` })));
      await shot(name);
    };

    // GIVEN Ava signed in to customer accounts, on her order #1001
    await page.goto(customerAccountsUrl);
    await page.getByRole("heading", { name: "Order #1001", level: 1 }).waitFor();
    const menu = await target(page, "menu");
    const block = await target(page, "block");
    await heading(block, "Returns and questions").waitFor();
    await block.getByText(/You have no questions about this order yet\.|View/).first().waitFor({ timeout: 30_000 });
    await check("order");

    // WHEN she chooses "Start a return" in the order's action menu
    await menu.getByRole("button", { name: "Start a return" }).click();
    // THEN the modal says what she can return, without asking for her email or order number
    const action = await target(page, "action-frame");
    await action.getByText("Order #1001").waitFor({ timeout: 30_000 });
    await action.getByText(`Items you can return: ${returnable}`).waitFor();
    expect(await action.getByRole("textbox").count()).toBe(0);
    await check("modal");

    // WHEN she continues to the return page and chooses the item, with a reason
    await action.getByRole("link", { name: "Continue" }).click();
    await page.waitForURL(/\/customer-accounts\/orders\/\d+\/pages\/customer-account-returns-page/);
    let returns = await target(page, "page");
    await heading(returns, "Choose the items to return").waitFor({ timeout: 30_000 });
    await check("items");
    // The line's section: its heading is in the section's shadow root, its fields are slotted in.
    const line = returns.locator("s-section", { has: returns.getByRole("heading", { name: item }) });
    await line.getByLabel("Quantity to return").selectOption("1");
    // A reason is asked for before she can go on
    await returns.getByRole("button", { name: "Continue" }).click();
    await returns.getByText(`Choose a reason for returning ${title}.`).first().waitFor();
    await line.getByLabel("Reason").selectOption({ label: reason });
    let photoId: string | null = null;
    if (photo) {
      // THEN the reason asks for a photo, and she cannot go on without one
      await returns.getByRole("button", { name: "Continue" }).click();
      await returns.getByText(`Add a photo of ${title} for this reason.`).first().waitFor();
      await check("photo");
      // WHEN she attaches one, it is uploaded with her session token
      const uploaded = page.waitForResponse((r) => /\/customer-account\/photos(\?|$)/.test(r.url()) && r.request().method() === "POST");
      await line.getByLabel("Photos of the item").setInputFiles({ name: "torn.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]) });
      const res = await uploaded;
      expect(res.status()).toBe(201);
      photoId = ((await res.json()) as { photoId: string }).photoId;
      await line.getByText("torn.jpg: uploaded").waitFor();
    }
    await returns.getByRole("button", { name: "Continue" }).click();

    // AND asks for a refund
    await heading(returns, "Choose your resolution").waitFor();
    await returns.getByRole("radio", { name: /^Refund to the original payment method/ }).check();
    await check("resolution");
    await returns.getByRole("button", { name: "Continue" }).click();

    // THEN she sees the exact refund before sending (the tee: $25.00 and its $2.00 tax)
    await heading(returns, "Review your return").waitFor();
    await returns.getByText("Refund you receive").waitFor({ timeout: 30_000 });
    expect(await returns.locator("body").innerText()).toMatch(refund);
    await check("review");

    // WHEN she submits it
    const submitted = page.waitForResponse((r) => /\/customer-account\/returns(\?|$)/.test(r.url()) && r.request().method() === "POST");
    await returns.getByRole("button", { name: "Submit return request" }).click();
    // THEN the photo's id goes with the line, as the storefront sends it
    const sent = (await submitted).request().postDataJSON() as { lines: Array<{ photoIds?: string[] }> };
    expect(sent.lines[0]?.photoIds).toEqual(photoId ? [photoId] : undefined);
    const { status } = (await (await submitted).json()) as { status: string };
    await heading(returns, "Your return request has been sent").waitFor({ timeout: 30_000 });
    await check("done");

    // THEN she can follow its status
    await returns.getByRole("button", { name: "Track this return" }).click();
    await heading(returns, "Return status").waitFor();
    await returns.getByText(`${item} × 1`).waitFor({ timeout: 30_000 });
    await returns.getByText("Order #1001").waitFor();
    await heading(returns, "History").waitFor();
    await check("status");

    // AND the return is remembered on the page for this order
    await page.reload();
    returns = await target(page, "page");
    await returns.getByRole("heading", { name: "Your returns for this order" }).waitFor({ timeout: 30_000 });

    // WHEN she goes back to her order and asks support a question there
    await returns.getByRole("link", { name: "Back to your order" }).click();
    await page.waitForURL(/\/customer-accounts\/orders\/\d+(\?|$)/);
    let talk = await target(page, "block");
    // THEN the order-status block lists the new return with its status, in the storefront's words
    await heading(talk, "Your returns for this order").waitFor({ timeout: 30_000 });
    const entry = talk.locator("s-list-item", { hasText: `${item} × 1` }).first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.getByText(STATUS_WORDS[status] ?? `(unexpected status ${status})`).waitFor();
    const subject = `Return label ${viewport.width}`;
    await talk.getByRole("button", { name: "Ask a question" }).click({ timeout: 30_000 });
    await talk.getByLabel("Subject").fill(subject);
    await talk.getByLabel("Your message").fill("Where do I print the return label?");
    const asked = page.waitForResponse((r) => /\/customer-account\/tickets(\?|$)/.test(r.url()) && r.request().method() === "POST");
    await talk.getByRole("button", { name: "Send question" }).click();
    const { ticketId, ticketNumber } = (await (await asked).json()) as { ticketId: string; ticketNumber: number };
    // THEN the conversation opens with her message
    await talk.getByText("Where do I print the return label?").waitFor({ timeout: 30_000 });
    await talk.getByText(`#${ticketNumber} · Open`).waitFor();

    // WHEN support answers from the back office
    const answer = "It is in the email we just sent you.";
    const admin = await context.newPage();
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto(`${demo.adminUrl}/tickets/${ticketId}`);
    const backOffice = await appFrame(admin);
    await backOffice.getByRole("heading", { name: new RegExp(`^#${ticketNumber} `) }).waitFor({ timeout: 30_000 });
    await backOffice.getByLabel("Message").fill(answer);
    await backOffice.getByRole("button", { name: "Reply to customer" }).click();
    await admin.locator("#toasts div", { hasText: "Reply sent to the customer." }).last().waitFor({ timeout: 15_000 });
    await admin.close();

    // THEN on her order page she sees the reply, signed, and can write back
    await page.reload();
    talk = await target(page, "block");
    await talk.getByRole("button", { name: `View the conversation ${subject}` }).click({ timeout: 30_000 });
    await talk.getByText(answer).waitFor();
    expect((await talk.locator("body").innerText()).replace(/\s+/g, " ")).toMatch(/Demo Merchant · .+ It is in the email we just sent you\./);
    await talk.getByLabel("Your reply").fill("Found it, thanks!");
    await talk.getByRole("button", { name: "Send reply" }).click();
    await talk.getByText("Your message has been sent.").waitFor({ timeout: 30_000 });
    await check("conversation");

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
