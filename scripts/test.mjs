#!/usr/bin/env node
// `npm test`: type check, lint, then every vitest project this machine can run, and one
// closing line "N passed, N failed" counted from vitest's JSON report and exit status
// (scripts/test-summary.mjs).
//   - sqlite:   always;
//   - postgres: when TEST_POSTGRES_URL is set (CI starts a PostgreSQL and sets it);
//   - e2e:      when Debian's Chromium is installed (/usr/bin/chromium), unless E2E=0.
// Extra arguments go to vitest: `npm test -- tests/unit/env.test.ts`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closingLine, countResults } from "./test-summary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const args = process.argv.slice(2);
const env = { ...process.env };

function step(title, command, commandArgs) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: root, env, stdio: "inherit" });
  return result.status ?? 1;
}

if (env.E2E === undefined) env.E2E = existsSync(env.CHROMIUM_PATH ?? "/usr/bin/chromium") ? "1" : "0";
if (env.E2E !== "1") console.log("Browser tests skipped: install Debian's chromium (apt-get install chromium) to run them.");
if (!env.TEST_POSTGRES_URL) console.log("PostgreSQL tests skipped: set TEST_POSTGRES_URL=postgres://user:pass@host:5432/postgres to run them.");

let failedChecks = 0;
if (args.length === 0) {
  failedChecks += step("Type check (tsc)", bin("tsc"), ["--noEmit"]) === 0 ? 0 : 1;
  failedChecks += step("Lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."]) === 0 ? 0 : 1;
}

const reportDir = join(root, "test-results");
const report = join(reportDir, "vitest.json");
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });
const vitestStatus = step("Tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...args,
]);

const counts = countResults(existsSync(report) ? JSON.parse(readFileSync(report, "utf8")) : null, vitestStatus);
for (const note of counts.notes) console.log(`\n${note}`);
const { passed, skipped } = counts;
let failed = counts.failed;
if (failedChecks > 0) console.log(`\n${failedChecks} check(s) before the tests failed (see above).`);
failed += failedChecks;
if (skipped) console.log(`\n${skipped} test(s) skipped.`);
console.log(`\n${closingLine({ passed, failed })}`);
process.exit(failed > 0 || vitestStatus !== 0 ? 1 : 0);
