import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "../../scripts/migrate.mjs";

// Every test run gets its own databases (named after the run), so two runs in one
// checkout — two engineers, or an editor's test watcher beside `npm test` — never drop
// each other's. Each worker of a run gets its own copy of one migrated template.
const TEST_DB_ROOT = join(process.cwd(), "tmp", "test-db");
const WORKER_SLOTS = 8;

declare module "vitest" {
  export interface ProvidedContext {
    testDbRun: string;
  }
}

function runDir(run: string): string {
  return join(TEST_DB_ROOT, run);
}

export function sqliteUrlForWorker(run: string, poolId: string | number): string {
  return `file:${join(runDir(run), `worker-${poolId}.sqlite`)}`;
}

function postgresName(run: string, slot: string | number): string {
  return `aftercare_test_${run}_w${slot}`;
}

export function postgresUrlForWorker(baseUrl: string, run: string, poolId: string | number): string {
  const url = new URL(baseUrl);
  url.pathname = `/${postgresName(run, poolId)}`;
  return url.toString();
}

/** Migrates one SQLite template and copies it once per worker slot; returns the clean-up. */
export async function prepareSqlite(run: string): Promise<() => void> {
  const dir = runDir(run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const template = join(dir, "template.sqlite");
  await migrate(`file:${template}`, { quiet: true });
  for (let slot = 1; slot <= WORKER_SLOTS; slot++) {
    copyFileSync(template, join(dir, `worker-${slot}.sqlite`));
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Creates a migrated template database, then one fresh copy per worker slot; returns the clean-up. */
export async function preparePostgres(baseUrl: string, run: string): Promise<() => Promise<void>> {
  const { default: pg } = await import("pg");
  const names = Array.from({ length: WORKER_SLOTS }, (_, i) => postgresName(run, i + 1));
  const template = postgresName(run, "template");
  const withAdmin = async (work: (client: InstanceType<typeof pg.Client>) => Promise<void>) => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await work(admin);
    } finally {
      await admin.end();
    }
  };
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  });
  const templateUrl = new URL(baseUrl);
  templateUrl.pathname = `/${template}`;
  await migrate(templateUrl.toString(), { quiet: true });
  await withAdmin(async (admin) => {
    for (const name of names) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    }
  });
  return () =>
    withAdmin(async (admin) => {
      for (const name of [...names, template]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
}
