#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) from prisma/schema.prisma.
// Runs on `npm install` (postinstall). Prisma 6.19 reaches for a Rust engine download
// unless the datasource URL resolves, so each run gets a placeholder URL of its kind;
// nothing connects.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [join(root, "scripts", "prisma-postgres.mjs")], { stdio: "inherit" });
const prisma = join(root, "node_modules", ".bin", "prisma");
for (const [kind, url] of [
  ["sqlite", "file:./prisma/generate-placeholder.sqlite"],
  ["postgres", "postgres://localhost:5432/generate-placeholder"],
]) {
  const out = execFileSync(prisma, ["generate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  const line = out.split("\n").find((l) => l.includes("Generated Prisma Client"));
  console.log(`prisma (${kind}): ${line ? line.replace(/^\W+/, "") : out.trim()}`);
}
