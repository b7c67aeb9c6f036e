// Counts what `npm test` reports in its closing line, from vitest's JSON report and exit status.
// Kept apart from scripts/test.mjs so tests can feed it real vitest reports.
//
// vitest's numFailedTests counts failed tests only. A file can fail with every test passing:
// it does not load, or a beforeAll/afterAll hook throws (the file's status is "failed" and its
// message says why). And an unhandled error or rejection fails the run without appearing in the
// report at all: only vitest's exit status shows it. Each of those is one failure here, so the
// line never says "0 failed" for a run that failed.

/**
 * @typedef {{ status: string, message?: string, name: string, assertionResults: { status: string }[] }} FileResult
 * @typedef {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number, testResults: FileResult[] }} VitestReport
 */

/**
 * @param {VitestReport | null} report vitest's JSON report, or null when none was written
 * @param {number} vitestStatus vitest's exit status
 * @returns {{ passed: number, failed: number, skipped: number, notes: string[] }}
 */
export function countResults(report, vitestStatus) {
  const notes = [];
  if (!report) {
    return { passed: 0, failed: 1, skipped: 0, notes: ["vitest wrote no JSON report (it crashed or did not start)."] };
  }
  const passed = report.numPassedTests;
  const skipped = report.numPendingTests + report.numTodoTests;
  let failed = report.numFailedTests;
  for (const file of report.testResults) {
    if (file.status !== "failed") continue;
    // A failed test already counts this file's failure; a file without one failed outside its tests.
    if (file.assertionResults.some((test) => test.status === "failed")) continue;
    failed += 1;
    const reason = (file.message ?? "").split("\n")[0] || "no message";
    notes.push(`${file.name} failed outside its tests: ${reason}`);
  }
  if (vitestStatus !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with status ${vitestStatus} although every test passed (an unhandled error or rejection; see its output above).`);
  }
  return { passed, failed, skipped, notes };
}

/** The closing line, exactly "N passed, N failed": CI reads it. */
export function closingLine({ passed, failed }) {
  return `${passed} passed, ${failed} failed`;
}
