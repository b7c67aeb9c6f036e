/**
 * The storefront Returns block at home in any theme: Shopify's Dawn sets `html { font-size: 62.5% }`
 * and its body text to 1.6rem (16 px). The block must follow the body text, not the root, so under
 * Dawn's root it lays out exactly as under a 100 % root with the same 16 px body text: same width,
 * same spacing between fields, and every control at least 44 × 44 px. Measured at 1280 and 375 px
 * in Debian's Chromium on the demo's storefront page, through steps 1–3 of a return.
 * Screenshots: test-results/screenshots/theme-root-<root>-<step>-<width>.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../support/shopify-sim/seed";
import { interrupt, launchChromium, newContext, openBackOffice, screenshotPath, startDemo, type Demo } from "./support";

const WIDTHS = [1280, 375];
/** What Dawn's base.css does to the root and the body. */
const DAWN_ROOT = "html{font-size:62.5%}body{font-size:1.6rem}";
const TAP = 44;

let demo: Demo;
let browser: Browser;
let context: BrowserContext;
let pageErrors: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  ({ context, pageErrors } = await newContext(browser, { width: 1280, height: 900 }));
  await openBackOffice(context, demo);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (demo) await interrupt(demo.child);
});

interface Control {
  what: string;
  width: number;
  height: number;
}
interface Layout {
  bodyFontPx: number;
  rootFontPx: number;
  blockWidth: number;
  blockMaxWidth: number;
  /** Pixels between consecutive fields (horizontal when side by side, vertical when stacked). */
  fieldSpacing: number[];
  actionsGap: number;
  controls: Control[];
}

/** The block's box, its spacing and every control's box, as the browser laid them out. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const block = document.querySelector<HTMLElement>(".ac")!;
    const px = (value: string) => Math.round(parseFloat(value) * 100) / 100;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    const fields = [...block.querySelectorAll(".ac__step .ac__field")].filter(visible).map((f) => f.getBoundingClientRect());
    const fieldSpacing = fields.slice(1).map((r, i) => {
      const prev = fields[i]!;
      return Math.round((Math.abs(r.top - prev.top) < 1 ? r.left - prev.right : r.top - prev.bottom) * 100) / 100;
    });
    const actions = [...block.querySelectorAll(".ac__actions")].find(visible);
    // Radios are hit through their whole label (the choice row), so the label is the target.
    const selector = 'input:not([type="radio"]):not([type="hidden"]), select, textarea, button, a[href], summary, label.ac__choice';
    const controls = [...block.querySelectorAll(selector)]
      .filter((el) => visible(el) && !el.closest(".ac__intro"))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = (el.getAttribute("name") ?? el.textContent ?? "").trim().slice(0, 30);
        return { what: `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className) : ""} "${name}"`, width: Math.round(r.width * 100) / 100, height: Math.round(r.height * 100) / 100 };
      });
    return {
      bodyFontPx: px(getComputedStyle(document.body).fontSize),
      rootFontPx: px(getComputedStyle(document.documentElement).fontSize),
      blockWidth: Math.round(block.getBoundingClientRect().width * 100) / 100,
      blockMaxWidth: px(getComputedStyle(block).maxWidth),
      fieldSpacing,
      actionsGap: actions ? px(getComputedStyle(actions).columnGap) : 0,
      controls,
    };
  });
}

type Root = "100" | "62.5";
type Step = "1-find" | "2-items" | "3-resolution";
type Results = Record<string, Layout>;

/** Steps 1–3 of Ava's return of the tee from #1001, measured at each width; `root` is the theme's root size. */
async function walk(root: Root): Promise<Results> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  if (root === "62.5") {
    // The theme's stylesheet in the page's head, before the block's, as Dawn's layout/theme.liquid has it.
    const path = new URL(demo.storefrontUrl).pathname;
    await page.route(
      (url) => url.pathname === path,
      async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace("<head>", `<head><style>${DAWN_ROOT}</style>`);
        await route.fulfill({ response, body: html });
      },
    );
  }
  const results: Results = {};
  const step = async (name: Step) => {
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(100);
      results[`${name}@${width}`] = await measure(page);
      await page.screenshot({ path: screenshotPath(`theme-root-${root}-${name}-${width}`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  expect((await page.goto(demo.storefrontUrl))?.status()).toBe(200);
  await page.locator(".ac__step h3", { hasText: "Find your order" }).waitFor();
  await step("1-find");

  await page.getByLabel("Order number").fill("#1001");
  await page.getByLabel("Email address").fill(FIXTURES.ava.email);
  await page.getByRole("button", { name: "Find my order" }).click();
  await page.locator(".ac__step h3", { hasText: "Choose the items to return" }).waitFor();
  const tee = page.locator("fieldset", { hasText: "Classic Tee — M" });
  await tee.getByLabel("Quantity to return").selectOption("1");
  await tee.getByLabel("Reason").selectOption({ label: "Size too small" });
  await step("2-items");

  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".ac__step h3", { hasText: "Choose your resolution" }).waitFor();
  await step("3-resolution");
  expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls), `layout shift under a ${root} % root`).toBeLessThan(0.01);
  await page.close();
  return results;
}

describe("the storefront Returns block under a theme's root font size", () => {
  it("GIVEN Dawn's 62.5 % root with 16 px body text WHEN a shopper walks steps 1–3 THEN the block keeps the width, spacing and 44 px tap targets it has under a 100 % root", async () => {
    const plain = await walk("100");
    const dawn = await walk("62.5");
    const figures: Record<string, unknown> = {};
    for (const key of Object.keys(plain)) {
      const [a, b] = [plain[key]!, dawn[key]!];
      // The two pages differ only in the root: same 16 px body text, 16 px vs 10 px root.
      expect([a.bodyFontPx, a.rootFontPx], key).toEqual([16, 16]);
      expect([b.bodyFontPx, b.rootFontPx], key).toEqual([16, 10]);
      // The block's width and its spacing follow the body text, not the root.
      expect(Math.abs(a.blockMaxWidth - b.blockMaxWidth), `${key} max width ${a.blockMaxWidth} vs ${b.blockMaxWidth}`).toBeLessThanOrEqual(1);
      expect(Math.abs(a.blockWidth - b.blockWidth), `${key} width`).toBeLessThanOrEqual(1);
      expect(b.fieldSpacing.length, `${key} fields`).toBe(a.fieldSpacing.length);
      b.fieldSpacing.forEach((gap, i) => expect(Math.abs(gap - a.fieldSpacing[i]!), `${key} spacing between fields ${i} and ${i + 1}`).toBeLessThanOrEqual(1));
      expect(Math.abs(a.actionsGap - b.actionsGap), `${key} gap between buttons`).toBeLessThanOrEqual(1);
      // Every control is at least 44 × 44 px at both roots.
      for (const layout of [a, b]) {
        expect(layout.controls.length, `${key} has controls`).toBeGreaterThan(0);
        for (const c of layout.controls) {
          expect(c.height, `${key} ${c.what} height`).toBeGreaterThanOrEqual(TAP);
          expect(c.width, `${key} ${c.what} width`).toBeGreaterThanOrEqual(TAP);
        }
      }
      expect(b.controls.map((c) => c.what)).toEqual(a.controls.map((c) => c.what));
      figures[key] = {
        maxWidth: [a.blockMaxWidth, b.blockMaxWidth],
        width: [a.blockWidth, b.blockWidth],
        fieldSpacing: [a.fieldSpacing, b.fieldSpacing],
        actionsGap: [a.actionsGap, b.actionsGap],
        smallestControl: [a, b].map((l) => `${Math.min(...l.controls.map((c) => c.width))}×${Math.min(...l.controls.map((c) => c.height))}`),
      };
    }
    // The 1280 px layouts: the block stops at 44em of the 16 px body text (704 px), not 440 px.
    expect(dawn["1-find@1280"]!.blockMaxWidth).toBe(704);
    console.log(`theme-root figures [100 % root, 62.5 % root]:\n${JSON.stringify(figures, null, 1)}`);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
