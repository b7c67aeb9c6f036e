#!/usr/bin/env node
// Applies the migrations to DATABASE_URL (`npm run setup`, CI, tests, production boot).
// SQLite: `prisma migrate deploy` through the JS schema engine. PostgreSQL: Prisma 6.19's
// JS schema engine cannot introspect through @prisma/adapter-pg (prisma/prisma#27403,
// "Column type 'name' could not be deserialized"), so the same migration files are
// applied here with `pg`, one transaction each, recorded in Prisma's own
// `_prisma_migrations` table (same checksum) so `prisma migrate deploy` agrees later.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function migrate(url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite", { quiet = false } = {}) {
  if (/^postgres(ql)?:\/\//.test(url)) return migratePostgres(url, { quiet });
  execFileSync(join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: quiet ? "pipe" : "inherit",
  });
  return [];
}

async function migratePostgres(url, { quiet }) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied = [];
  try {
    // Several app instances may boot at once: one migrates, the others wait.
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (await client.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
        (row) => [row.migration_name, row.checksum],
      ),
    );
    const dir = join(root, "prisma", "postgres", "migrations");
    const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    for (const name of names) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (done.has(name)) {
        if (done.get(name) !== checksum) throw new Error(`Migration ${name} was edited after it was applied (checksum differs).`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(name);
      if (!quiet) console.log(`Applied migration ${name}`);
    }
    if (!quiet && applied.length === 0) console.log("PostgreSQL schema is up to date.");
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707369)").catch(() => {});
    await client.end();
  }
  return applied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  migrate().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
