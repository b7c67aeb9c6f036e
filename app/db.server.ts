import { createRequire } from "node:module";
import type { PrismaClient } from ".prisma/client-sqlite";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

import type { Prisma } from ".prisma/client-sqlite";

export type Db = PrismaClient;
export type { Prisma };
/** The client of an interactive transaction; repository functions that join a caller's transaction take one. */
export type Tx = Prisma.TransactionClient;
export type DatabaseKind = "sqlite" | "postgres";

// Both clients are generated from prisma/schema.prisma (the PostgreSQL one from its
// derived copy) to their own folders: Prisma 6.19 only generates offline with an explicit
// output. They share every model type; the SQLite client's types stand for both.
const require = createRequire(import.meta.url);
type ClientModule = { PrismaClient: new (options: { adapter: PrismaBetterSQLite3 | PrismaPg }) => Db };

/** True for a unique-constraint violation (Prisma's P2002), from either generated client. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Which database a DATABASE_URL names. */
export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${url.split(":")[0]}:…"`);
}

/** A Prisma client for DATABASE_URL: SQLite through better-sqlite3, PostgreSQL through pg. */
export function createPrismaClient(url: string): Db {
  if (databaseKind(url) === "postgres") {
    const { PrismaClient: PostgresClient } = require(".prisma/client-postgres") as ClientModule;
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  const { PrismaClient: SqliteClient } = require(".prisma/client-sqlite") as ClientModule;
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") }) });
}

declare global {
  // Reused across Vite's hot reloads in development so connections are not leaked.
  var aftercarePrisma: Db | undefined;
}

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const prisma: Db = globalThis.aftercarePrisma ?? createPrismaClient(url);
if (process.env.NODE_ENV !== "production") globalThis.aftercarePrisma = prisma;

const caseInsensitive = databaseKind(url) === "postgres";

/**
 * A case-insensitive "contains" filter for search boxes on either database: SQLite's LIKE
 * already ignores ASCII case, PostgreSQL needs `mode: "insensitive"`.
 */
export function textContains(value: string): Prisma.StringFilter {
  // `mode` exists only in the PostgreSQL client's types; the SQLite client's stand for both.
  return caseInsensitive ? ({ contains: value, mode: "insensitive" } as Prisma.StringFilter) : { contains: value };
}

export default prisma;
