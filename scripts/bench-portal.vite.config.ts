// vite-node config for scripts/bench-portal.ts: the `~` alias without the Remix plugin.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  logLevel: "warn",
  plugins: [tsconfigPaths()],
  server: { watch: null, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
