import { afterEach, beforeEach, expect, inject, vi } from "vitest";
import { postgresUrlForWorker, sqliteUrlForWorker } from "./test-databases";

// The app reads its configuration from process.env at import: give every test file the
// same values Shopify's own testConfig() uses, and this worker's own database.
const poolId = process.env.VITEST_POOL_ID ?? "1";
const run = inject("testDbRun");
process.env.DATABASE_URL =
  process.env.AFTERCARE_TEST_DB === "postgres"
    ? postgresUrlForWorker(process.env.TEST_POSTGRES_URL ?? "", run, poolId)
    : sqliteUrlForWorker(run, poolId);
process.env.SHOPIFY_API_KEY = "testApiKey";
process.env.SHOPIFY_API_SECRET = "testApiSecretKey";
process.env.SHOPIFY_APP_URL = "https://my-test-app.myshopify.io";
process.env.SCOPES =
  "read_all_orders,read_customers,read_fulfillments,read_orders,read_products,read_returns,read_store_credit_account_transactions,read_store_credit_accounts,write_orders,write_returns,write_store_credit_account_transactions";
process.env.NODE_ENV = "test";
// Shopify's library logs every authentication at info; tests keep only its errors.
process.env.LOG_LEVEL ??= "error";

// An unexpected console.error fails the test: errors must be asserted, not printed.
// A test that expects one spies on console.error itself (vi.spyOn replaces this spy).
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  const unexpected = consoleErrors;
  consoleErrors = [];
  expect(unexpected, "console.error was called unexpectedly").toEqual([]);
});
