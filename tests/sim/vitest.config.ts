// Own config so the simulator tests do not load the Remix Vite plugin from the root vite.config.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: new URL("../..", import.meta.url).pathname,
  test: {
    include: ["tests/sim/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
