import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export type Db = PrismaClient;
export type DatabaseKind = "sqlite" | "postgres";

const require = createRequire(import.meta.url);

/** Which database a DATABASE_URL names. */
export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${url.split(":")[0]}:…"`);
}

/**
 * A Prisma client for DATABASE_URL: SQLite through better-sqlite3 by default, PostgreSQL
 * through pg. Both clients are generated from prisma/schema.prisma and share its types.
 */
export function createPrismaClient(url: string): Db {
  if (databaseKind(url) === "postgres") {
    // Generated from the derived prisma/postgres/schema.prisma (same models, pg provider).
    const { PrismaClient: PostgresClient } = require(".prisma/client-postgres") as {
      PrismaClient: new (options: { adapter: PrismaPg }) => Db;
    };
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") }) });
  return client;
}

declare global {
  // Reused across Vite's hot reloads in development so connections are not leaked.
  var aftercarePrisma: Db | undefined;
}

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const prisma: Db = globalThis.aftercarePrisma ?? createPrismaClient(url);
if (process.env.NODE_ENV !== "production") globalThis.aftercarePrisma = prisma;

export default prisma;
