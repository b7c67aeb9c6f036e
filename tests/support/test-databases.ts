import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "../../scripts/migrate.mjs";

/** Where the per-worker SQLite files live (ignored by git). */
export const TEST_DB_DIR = join(process.cwd(), "tmp", "test-db");
const WORKER_SLOTS = 8;

export function sqliteUrlForWorker(poolId: string | number): string {
  return `file:${join(TEST_DB_DIR, `worker-${poolId}.sqlite`)}`;
}

export function postgresUrlForWorker(baseUrl: string, poolId: string | number): string {
  const url = new URL(baseUrl);
  url.pathname = `/aftercare_test_w${poolId}`;
  return url.toString();
}

/** Migrates one SQLite template and copies it once per worker slot: fresh and fast. */
export async function prepareSqlite(): Promise<void> {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DB_DIR, { recursive: true });
  const template = join(TEST_DB_DIR, "template.sqlite");
  await migrate(`file:${template}`, { quiet: true });
  for (let slot = 1; slot <= WORKER_SLOTS; slot++) {
    copyFileSync(template, join(TEST_DB_DIR, `worker-${slot}.sqlite`));
  }
}

/** Creates a migrated template database, then one fresh copy of it per worker slot. */
export async function preparePostgres(baseUrl: string): Promise<void> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query("DROP DATABASE IF EXISTS aftercare_test_template WITH (FORCE)");
    await admin.query("CREATE DATABASE aftercare_test_template");
    const templateUrl = new URL(baseUrl);
    templateUrl.pathname = "/aftercare_test_template";
    await migrate(templateUrl.toString(), { quiet: true });
    for (let slot = 1; slot <= WORKER_SLOTS; slot++) {
      await admin.query(`DROP DATABASE IF EXISTS aftercare_test_w${slot} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE aftercare_test_w${slot} TEMPLATE aftercare_test_template`);
    }
  } finally {
    await admin.end();
  }
}
