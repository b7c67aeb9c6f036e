import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Test layout (see tests/README.md):
//   sqlite   — every test except the browser ones, each worker on its own fresh SQLite file;
//   postgres — the data-layer tests (*.db.test.ts) again on PostgreSQL, when TEST_POSTGRES_URL is set;
//   e2e      — browser tests in Debian's Chromium (tests/e2e), when E2E=1.
export const MAX_WORKERS = 2;

const shared = {
  plugins: [tsconfigPaths()],
};

export default defineConfig({
  ...shared,
  test: {
    maxWorkers: MAX_WORKERS,
    minWorkers: 1,
    pool: "forks",
    restoreMocks: true,
    unstubEnvs: true,
    projects: [
      {
        ...shared,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.{ts,tsx}"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup.ts"],
          env: { AFTERCARE_TEST_DB: "sqlite" },
          testTimeout: 20_000,
        },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              ...shared,
              test: {
                name: "postgres",
                include: ["tests/**/*.db.test.{ts,tsx}"],
                globalSetup: ["tests/support/global-setup.ts"],
                setupFiles: ["tests/support/setup.ts"],
                env: { AFTERCARE_TEST_DB: "postgres" },
                testTimeout: 20_000,
              },
            },
          ]
        : []),
      ...(process.env.E2E === "1"
        ? [
            {
              ...shared,
              test: {
                name: "e2e",
                include: ["tests/e2e/**/*.test.ts"],
                globalSetup: ["tests/support/global-setup.ts"],
                setupFiles: ["tests/support/setup.ts"],
                env: { AFTERCARE_TEST_DB: "sqlite" },
                testTimeout: 120_000,
                hookTimeout: 120_000,
                poolOptions: { forks: { singleFork: true } },
              },
            },
          ]
        : []),
    ],
  },
});
