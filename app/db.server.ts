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

/**
 * SQLite's defaults suit an embedded device: a 2 MB page cache and every page read through a
 * system call. A server reading the same indexes over and over does better with a larger
 * cache and the file memory-mapped (read-only use of the map; writes still go through
 * SQLite's journal). Both are per connection, so every new connection gets them; neither
 * changes what a query answers. ADR 013 has the figures.
 */
export const SQLITE_PRAGMAS = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;";

class TunedSqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

/** A Prisma client for DATABASE_URL: SQLite through better-sqlite3, PostgreSQL through pg. */
export function createPrismaClient(url: string): Db {
  if (databaseKind(url) === "postgres") {
    const { PrismaClient: PostgresClient } = require(".prisma/client-postgres") as ClientModule;
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  const { PrismaClient: SqliteClient } = require(".prisma/client-sqlite") as ClientModule;
  return new SqliteClient({ adapter: new TunedSqliteAdapterFactory({ url: url.replace(/^file:/, "") }) });
}

declare global {
  // Reused across Vite's hot reloads in development so connections are not leaked.
  var aftercarePrisma: Db | undefined;
}

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const prisma: Db = globalThis.aftercarePrisma ?? createPrismaClient(url);
if (process.env.NODE_ENV !== "production") globalThis.aftercarePrisma = prisma;

/** The DATABASE_URL this process's client was made for (the webhook spool lives beside a SQLite file). */
export const databaseUrl = url;

/** The database this process talks to: the few aggregates written in SQL differ by dialect. */
export const dialect: DatabaseKind = databaseKind(url);

const caseInsensitive = dialect === "postgres";

/**
 * A case-insensitive "contains" filter for search boxes on either database: SQLite's LIKE
 * already ignores ASCII case, PostgreSQL needs `mode: "insensitive"`.
 */
export function textContains(value: string): Prisma.StringFilter {
  // `mode` exists only in the PostgreSQL client's types; the SQLite client's stand for both.
  return caseInsensitive ? ({ contains: value, mode: "insensitive" } as Prisma.StringFilter) : { contains: value };
}

export default prisma;
