// vite-node's config for the demo scripts: the root vite.config.ts loads the Remix plugin, which
// the demo process does not need (it serves the production build). No watcher, no dependency scan.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  logLevel: "warn",
  server: { watch: null, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
