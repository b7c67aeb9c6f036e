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

  it("size the block in em, never rem, so a theme's 62.5 % root (Dawn) cannot shrink it", () => {
    // GIVEN the stylesheet the storefront loads and the block's markup
    const css = readFileSync(join(EXTENSION_DIR as string, "assets", "returns-portal.css"), "utf8");
    const liquid = readFileSync(join(EXTENSION_DIR as string, "blocks", "returns-portal.liquid"), "utf8");
    // THEN no length is relative to the root font size
    expect(css.match(/[\d.]rem\b/g)).toBeNull();
    expect(liquid.match(/[\d.]rem\b/g)).toBeNull();
    // AND the block root takes its size from the theme's body text
    expect(css).toMatch(/\.ac\{[^}]*font-size:1em/);
  });

  it("keep every tap target at least 44 px, whatever the theme's body text", () => {
    const css = readFileSync(join(EXTENSION_DIR as string, "assets", "returns-portal.css"), "utf8");
    // The declarations of every rule whose selector list names `selector`, together.
    const rule = (selector: string) => {
      const bodies = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => m[1]!.split(",").includes(selector)).map((m) => m[2]);
      expect(bodies.length, `${selector} has a rule`).toBeGreaterThan(0);
      return bodies.join(";");
    };
    for (const selector of [".ac select", ".ac__btn", ".ac__link", ".ac .ac__choice", ".ac__policy summary"]) {
      expect(rule(selector), selector).toMatch(/min-height:max\(44px,/);
    }
    expect(rule(".ac__btn")).toMatch(/min-width:max\(44px,/);
    expect(rule(".ac__btn")).toMatch(/display:inline-block/);
  });
});
