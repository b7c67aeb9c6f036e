import type { TestProject } from "vitest/node";
import { preparePostgres, prepareSqlite } from "./test-databases";

// Runs once per project before any worker starts: every worker gets its own database.
export default async function globalSetup(project: TestProject): Promise<void> {
  if (project.config.env?.AFTERCARE_TEST_DB === "postgres") {
    const url = process.env.TEST_POSTGRES_URL;
    if (!url) throw new Error("TEST_POSTGRES_URL is required for the postgres test project");
    await preparePostgres(url);
  } else {
    await prepareSqlite();
  }
}
