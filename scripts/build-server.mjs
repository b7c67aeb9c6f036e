#!/usr/bin/env node
// Bundles the production server (server/*.ts, with the app modules they import) into
// build/node/, next to Remix's build/server/. Packages stay in node_modules.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  absWorkingDir: root,
  entryPoints: ["server/main.ts", "server/web.ts", "server/worker.ts"],
  outdir: "build/node",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  sourcemap: true,
  logLevel: "warning",
});
console.log("Built the production server into build/node/");
