import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildExtension, EXTENSION_DIR } from "../../../scripts/build-extension.mjs";
import { BUDGET, measure } from "../../../scripts/extension-budget.mjs";
import { runThemeCheck } from "../../../scripts/theme-check.mjs";

describe("the committed extension assets", () => {
  it("are exactly what the sources build to (run npm run build:extension)", async () => {
    const built = (await buildExtension({ write: false })) as Record<string, string>;
    expect(Object.keys(built).sort()).toEqual(["returns-portal-app.js", "returns-portal.css", "returns-portal.js"]);
    for (const [name, text] of Object.entries(built)) {
      expect(readFileSync(join(EXTENSION_DIR as string, "assets", name), "utf8"), `assets/${name} is stale`).toBe(text);
    }
  });

  it("stay within the budget: 10 KB of JavaScript and 4 KB of CSS, gzipped", () => {
    const m = measure() as { js: number; css: number; files: Record<string, { raw: number; gzip: number }> };
    expect(m.js).toBeLessThanOrEqual((BUDGET as { js: number }).js);
    expect(m.css).toBeLessThanOrEqual((BUDGET as { css: number }).css);
    // What the page loads up front (the block's `javascript`) is the small loader only.
    expect(m.files["returns-portal.js"]!.gzip).toBeLessThan(1024);
  });

  it("pass Shopify Theme Check with no error", async () => {
    const { errors, lines } = (await runThemeCheck()) as { errors: unknown[]; lines: string[] };
    expect(lines).toEqual([]);
    expect(errors).toEqual([]);
  });
});
