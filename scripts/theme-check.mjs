/**
 * Shopify Theme Check on the Returns portal theme app extension, offline
 * (`@shopify/theme-check-node`, the checks `shopify app build` runs, in the
 * theme-app-extension configuration). Prints every offense; exits 1 on any error.
 *
 *   node scripts/theme-check.mjs [extension dir]
 */
import { themeCheckRun } from "@shopify/theme-check-node";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SEVERITY = ["error", "warning", "info"];

/** Runs the checks; resolves with `{ offenses, errors }`. */
export async function runThemeCheck(dir = join(root, "extensions", "returns-portal")) {
  // "theme-check:theme-app-extension" is the configuration Shopify's CLI uses for app extensions.
  const { offenses } = await themeCheckRun(dir, undefined, () => {});
  const lines = offenses.map((o) => {
    const file = relative(dir, fileURLToPath(o.uri));
    return `${SEVERITY[o.severity] ?? o.severity}  ${file}:${o.start.line + 1}:${o.start.character + 1}  ${o.check}  ${o.message}`;
  });
  return { offenses, errors: offenses.filter((o) => o.severity === 0), lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { offenses, errors, lines } = await runThemeCheck(dir);
  for (const line of lines) console.log(line);
  console.log(`theme-check: ${offenses.length} offense(s), ${errors.length} error(s)`);
  process.exit(errors.length ? 1 : 0);
}
