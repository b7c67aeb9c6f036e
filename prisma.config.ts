import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// One schema, two databases. SQLite is the default; DATABASE_URL=postgres://… switches
// the CLI (migrate deploy, migrate diff) to the PostgreSQL copy derived from
// prisma/schema.prisma by scripts/prisma-postgres.mjs. The JS schema engine and driver
// adapters keep the CLI offline: no Rust engine is ever downloaded (docs/decisions/002).
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations"),
  },
  async adapter() {
    return postgres
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
