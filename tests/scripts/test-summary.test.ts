import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closingLine, countResults } from "../../scripts/test-summary.mjs";

const ROOT = process.cwd();
const FIXTURE = join(ROOT, "tests", "fixtures", "vitest-failures");

/** Runs vitest on the fixture project as scripts/test.mjs runs it; returns its JSON report and exit status. */
function runFixture(files: string[]): { report: unknown; status: number } {
  const dir = mkdtempSync(join(tmpdir(), "aftercare-test-summary-"));
  try {
    const out = join(dir, "vitest.json");
    // The outer vitest's variables would make the inner one think it is a worker.
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
    const result = spawnSync(
      join(ROOT, "node_modules", ".bin", "vitest"),
      ["run", "--root", FIXTURE, "--config", join(FIXTURE, "vitest.config.mjs"), "--reporter=json", `--outputFile.json=${out}`, ...files],
      { cwd: FIXTURE, env, encoding: "utf8", timeout: 60_000 },
    );
    return { report: JSON.parse(readFileSync(out, "utf8")), status: result.status ?? 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fileResult(status: "passed" | "failed", tests: ("passed" | "failed")[], message = "") {
  return { name: "/x.test.ts", status, message, assertionResults: tests.map((s) => ({ status: s })) };
}

function report(files: ReturnType<typeof fileResult>[]) {
  const tests = files.flatMap((f) => f.assertionResults);
  return {
    numPassedTests: tests.filter((t) => t.status === "passed").length,
    numFailedTests: tests.filter((t) => t.status === "failed").length,
    numPendingTests: 0,
    numTodoTests: 0,
    testResults: files,
  };
}

describe("npm test's closing line", () => {
  it("counts a failure for a file whose afterAll throws, though its tests passed (a real vitest run)", () => {
    // GIVEN the fixture file whose only test passes and whose afterAll throws
    const { report: real, status } = runFixture(["after-all-throws.check.ts"]);
    // WHEN its report and exit status are counted
    const counts = countResults(real as Parameters<typeof countResults>[0], status);
    // THEN vitest failed the run, and so does the line
    expect(status).not.toBe(0);
    expect(counts.passed).toBe(1);
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    expect(closingLine(counts)).toBe(`1 passed, ${counts.failed} failed`);
  }, 60_000);

  it("counts a failure for an unhandled rejection, which the JSON report does not show (a real vitest run)", () => {
    // GIVEN the fixture file whose test passes but leaves a rejected promise unhandled
    const { report: real, status } = runFixture(["unhandled-rejection.check.ts"]);
    // WHEN counted
    const counts = countResults(real as Parameters<typeof countResults>[0], status);
    // THEN the report alone says all passed, but the exit status makes it one failure
    expect((real as { numFailedTests: number }).numFailedTests).toBe(0);
    expect(status).not.toBe(0);
    expect(closingLine(counts)).toBe("1 passed, 1 failed");
  }, 60_000);

  it("counts each failed test once, and a file failed outside its tests once more", () => {
    // GIVEN one file with a failed test and another whose tests passed but whose hook failed
    const summary = report([fileResult("failed", ["passed", "failed"]), fileResult("failed", ["passed"], "Error: afterAll\n  at x")]);
    // WHEN counted
    const counts = countResults(summary, 1);
    // THEN two failures: the test, and the file
    expect(closingLine(counts)).toBe("2 passed, 2 failed");
    expect(counts.notes).toEqual(["/x.test.ts failed outside its tests: Error: afterAll"]);
  });

  it("counts a file that did not load (no tests at all) as one failure", () => {
    const counts = countResults(report([fileResult("failed", [], "SyntaxError: Unexpected token")]), 1);
    expect(closingLine(counts)).toBe("0 passed, 1 failed");
  });

  it("reports one failure when vitest wrote no report, and none for a clean run", () => {
    expect(closingLine(countResults(null, 1))).toBe("0 passed, 1 failed");
    expect(closingLine(countResults(report([fileResult("passed", ["passed", "passed"])]), 0))).toBe("2 passed, 0 failed");
  });
});
