/**
 * Demo mode swaps only the edges, from outside: nothing under app/ may import test support
 * (the simulator, the App Bridge stand-in) or scripts (the demo). A scan of every import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/app-server";

const APP = join(ROOT, "app");
const SPECIFIER = /(?:\bimport\s[^'"]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bexport\s[^'"]*?\bfrom\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Where a specifier points inside the repository, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return join(APP, specifier.slice(2));
  if (specifier.startsWith(".") || specifier.startsWith("/")) return resolve(dirname(file), specifier);
  return null;
}

describe("app/ boundaries", () => {
  it("finds the imports it checks (the scan itself works)", () => {
    const imports = [...readFileSync(join(APP, "shopify.server.ts"), "utf8").matchAll(SPECIFIER)].map((m) => m[1]);
    expect(imports).toContain("./db.server");
    expect(target(join(APP, "routes", "x.tsx"), "../../tests/support/shopify-sim")).toBe(join(ROOT, "tests", "support", "shopify-sim"));
  });

  it("never imports from tests/ or scripts/", () => {
    // GIVEN every source file under app/
    const offenders: string[] = [];
    for (const file of sourceFiles(APP)) {
      for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
        const to = target(file, match[1] ?? "");
        // WHEN an import resolves outside app/ into tests/ or scripts/
        if (to && /^(tests|scripts)(\/|$)/.test(relative(ROOT, to))) offenders.push(`${relative(ROOT, file)} → ${match[1]}`);
      }
    }
    // THEN there is none
    expect(offenders).toEqual([]);
  });
});
