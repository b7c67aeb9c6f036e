import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../scripts/prisma-postgres.mjs";
import { API_VERSION } from "~/shopify/api-version";
import { API_VERSION as SIMULATOR_API_VERSION } from "../support/shopify-sim";

const root = process.cwd();
const read = (...path: string[]) => readFileSync(join(root, ...path), "utf8");
const migrationNames = (...dir: string[]) =>
  readdirSync(join(root, ...dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name.replace(/^\d+_/, ""))
    .sort();

describe("one schema, two databases", () => {
  it("keeps the PostgreSQL schema derived from prisma/schema.prisma (run scripts/prisma-postgres.mjs)", () => {
    expect(read("prisma", "postgres", "schema.prisma")).toBe(derivePostgresSchema(read("prisma", "schema.prisma")));
  });

  it("has a migration for every schema change (run npm run db:diff -- <name>)", () => {
    // The snapshot is the datamodel as of the last migration: a difference is an unmigrated change.
    expect(read("prisma", "migrations", "schema.snapshot.prisma")).toBe(read("prisma", "schema.prisma"));
  });

  it("writes the same migrations for SQLite and PostgreSQL", () => {
    expect(migrationNames("prisma", "postgres", "migrations")).toEqual(migrationNames("prisma", "migrations"));
  });
});

describe("the Admin API version", () => {
  it("is the one the simulator serves", () => {
    expect(SIMULATOR_API_VERSION).toBe(API_VERSION);
  });
});
