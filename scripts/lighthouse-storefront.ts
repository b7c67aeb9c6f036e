/**
 * Lighthouse 12 performance of the storefront returns page, with the Aftercare block and
 * without it — Built for Shopify lets an app's blocks cost at most 10 points. Prints figures;
 * not a test.
 *
 *   npx vite-node --config tests/sim/vitest.config.ts scripts/lighthouse-storefront.ts [-- --runs 3]
 *
 * Two store simulators run in this process (the demo's store, seeded the same way): one with
 * the theme app extensions of extensions/, one with none (the same page, no block). A guest's
 * page load never reaches the app — the block's loader imports the UI on the first
 * interaction — so the app itself is not started. Chromium is Debian's (CHROME_PATH, default
 * /usr/bin/chromium) driven by chrome-launcher; Lighthouse's default (mobile, simulated slow 4G
 * and 4× CPU) and desktop presets, performance category only. Each page is measured `runs`
 * times (default 3) per preset; the median run (by score) is reported.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Config, type RunnerResult } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { createSimulator, DEMO_SHOP } from "../tests/support/shopify-sim";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;

interface Measure {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

const mobileConfig: Config = { extends: "lighthouse:default", settings: { onlyCategories: ["performance"] } };
const desktop: Config = { ...desktopConfig, settings: { ...desktopConfig.settings, onlyCategories: ["performance"] } };

async function measure(url: string, config: Config, port: number): Promise<Measure> {
  const result: RunnerResult | undefined = await lighthouse(url, { port, output: "json", logLevel: "error" }, config);
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
  };
}

function median(runs: Measure[]): Measure {
  const sorted = [...runs].sort((a, b) => a.score - b.score || a.lcpMs - b.lcpMs);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmt = (m: Measure) => `score ${String(m.score).padStart(3)}  LCP ${(m.lcpMs / 1000).toFixed(2).padStart(5)} s  TBT ${m.tbtMs.toFixed(0).padStart(4)} ms  CLS ${m.cls.toFixed(3)}`;

async function main(): Promise<void> {
  const emptyExtensions = mkdtempSync(join(tmpdir(), "aftercare-no-block-"));
  const withBlock = createSimulator({ appUrl: "http://127.0.0.1:9" });
  const withoutBlock = createSimulator({ appUrl: "http://127.0.0.1:9", extensionsDir: emptyExtensions });
  const [a, b] = [await withBlock.start(0), await withoutBlock.start(0)];
  const pages = {
    "with block": `${a.url}/pages/returns?shop=${DEMO_SHOP}`,
    "without block": `${b.url}/pages/returns?shop=${DEMO_SHOP}`,
  };
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const results: Record<string, Record<string, Measure>> = { mobile: {}, desktop: {} };
  try {
    for (const [preset, config] of [["mobile", mobileConfig], ["desktop", desktop]] as const) {
      for (const [name, url] of Object.entries(pages)) {
        // One warm-up load (server start, first-compile costs), then the measured runs.
        await measure(url, config, chrome.port);
        const runs: Measure[] = [];
        for (let i = 0; i < RUNS; i += 1) runs.push(await measure(url, config, chrome.port));
        results[preset]![name] = median(runs);
        console.log(`${preset.padEnd(7)} ${name.padEnd(13)} runs: ${runs.map((r) => r.score).join(", ")}`);
      }
    }
  } finally {
    chrome.kill();
    await Promise.allSettled([withBlock.stop(), withoutBlock.stop()]);
    rmSync(emptyExtensions, { recursive: true, force: true });
  }

  console.log(`\nLighthouse ${RUNS} runs each, median by score (Chromium ${CHROME_PATH}, performance only)\n`);
  for (const preset of ["mobile", "desktop"]) {
    const withB = results[preset]!["with block"]!;
    const without = results[preset]!["without block"]!;
    console.log(`${preset}`);
    console.log(`  without block  ${fmt(without)}`);
    console.log(`  with block     ${fmt(withB)}`);
    const cost = without.score - withB.score;
    console.log(
      `  block costs    ${cost} points, LCP ${((withB.lcpMs - without.lcpMs) / 1000).toFixed(2)} s, TBT ${(withB.tbtMs - without.tbtMs).toFixed(0)} ms, CLS ${(withB.cls - without.cls).toFixed(3)}  (Built for Shopify: at most 10 points — ${cost <= 10 ? "within" : "OVER"})\n`,
    );
  }
}

await main();
