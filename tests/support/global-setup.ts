import type { TestProject } from "vitest/node";
import { preparePostgres, prepareSqlite } from "./test-databases";

// Runs once per project before any worker starts: every worker of this run gets its own
// database, and the run's databases are removed when it ends.
export default async function globalSetup(project: TestProject): Promise<() => Promise<void> | void> {
  const run = `${process.pid}${project.name === "postgres" ? "p" : "s"}`;
  project.provide("testDbRun", run);
  if (project.config.env?.AFTERCARE_TEST_DB === "postgres") {
    const url = process.env.TEST_POSTGRES_URL;
    if (!url) throw new Error("TEST_POSTGRES_URL is required for the postgres test project");
    return preparePostgres(url, run);
  }
  return prepareSqlite(run);
}
