#!/usr/bin/env node
// Derives prisma/postgres/schema.prisma from prisma/schema.prisma, the one source of
// truth: same models, PostgreSQL provider, its own generated client. `--check` exits 1
// when the derived copy is stale (CI runs it through the config tests).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = join(root, "prisma", "schema.prisma");
const targetPath = join(root, "prisma", "postgres", "schema.prisma");

export function derivePostgresSchema(source) {
  const withProvider = source.replace(
    /datasource db \{[^}]*\}/,
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}',
  );
  const withOutput = withProvider.replace(
    'output     = "../node_modules/.prisma/client-sqlite"',
    'output     = "../../node_modules/.prisma/client-postgres"',
  );
  if (withOutput === source || !withOutput.includes("client-postgres")) {
    throw new Error("prisma/schema.prisma has no generator/datasource block this script understands");
  }
  return (
    "// GENERATED from prisma/schema.prisma by scripts/prisma-postgres.mjs — do not edit.\n" +
    withOutput
  );
}

const derived = derivePostgresSchema(readFileSync(sourcePath, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(targetPath, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== derived) {
    console.error("prisma/postgres/schema.prisma is stale: run `node scripts/prisma-postgres.mjs`.");
    process.exit(1);
  }
} else {
  mkdirSync(dirname(targetPath), { recursive: true });
  writeFileSync(targetPath, derived);
}
