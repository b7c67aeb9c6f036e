/**
 * Starts the demo: the simulated store and the app, ready to answer. Used by `npm run demo`.
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { join, resolve } from "node:path";
import { migrate } from "../migrate.mjs";
import { prepareDemoEnv, type DemoSettings } from "./env";
import { installShopifyFetch, withDemoEdges, type FetchHandler } from "./edges";
import { visitorsFirst } from "./visitors-first";
import { buildApp, loadBuiltApp, ROOT, serveHttp, type RunningServer } from "../../tests/support/app-server";
import { createSimulator, DEMO_SHOP, FIXTURES, type Simulator } from "../../tests/support/shopify-sim";
import { adminAppPath } from "../../tests/support/shopify-sim/admin-frame";
import { STANDIN_PATH } from "../../tests/support/shopify-sim/app-bridge-standin";
import { CUSTOMER_ACCOUNTS_PATH } from "../../tests/support/shopify-sim/customer-accounts";

export interface RunningDemo {
  settings: DemoSettings;
  simulator: Simulator;
  app: RunningServer;
  adminUrl: string;
  storefrontUrl: string;
  /** Ava (ava.lee@example.com) signed in to customer accounts, on her order #1001. */
  customerAccountsUrl: string;
  /** The simulator's Outbox page: every email the app sent through the SMTP catcher. */
  outboxUrl: string;
  /** Resolves when the app has no page view to serve; the seed awaits it between steps (visitors-first.ts). */
  visitorsFirst: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The simulated store lives in memory and is seeded afresh on every start, so the app's demo
 * database starts afresh too: sessions holding tokens of a previous simulator, or returns of
 * orders seeded at another time, would not match the store. Only a SQLite file is reset.
 */
function resetSqliteDatabase(url: string, root: string): void {
  if (!url.startsWith("file:")) return;
  const file = resolve(root, url.slice("file:".length));
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * The demo database is thrown away on every start, so durability is worth nothing there and write
 * speed a lot: in WAL mode each write is one append to the log instead of a rollback journal
 * written, synced and deleted. The seed makes about two thousand writes, each of which blocks the
 * event loop the app serves from (better-sqlite3 is synchronous). The mode is stored in the file.
 */
function switchToWriteAheadLog(url: string, root: string): void {
  if (!url.startsWith("file:")) return;
  const db = new Database(resolve(root, url.slice("file:".length)));
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** Starts the simulator and the app; resolves when both answer. Throws DemoRefused with NODE_ENV=production. */
export async function startDemo(root = ROOT, log: (message: string) => void = console.log): Promise<RunningDemo> {
  const settings = prepareDemoEnv(process.env, root);
  // Relative file: URLs (the default) resolve from the working directory, for Prisma's CLI and the app alike.
  process.chdir(root);
  log("Aftercare demo: building the app, preparing the demo database, seeding the simulated store…");
  // The build runs in a child process while this one migrates and seeds the store.
  const building = process.env.DEMO_SKIP_BUILD === "1" ? Promise.resolve() : buildApp(root);
  resetSqliteDatabase(settings.databaseUrl, root);
  await migrate(settings.databaseUrl, { quiet: true });
  switchToWriteAheadLog(settings.databaseUrl, root);

  let app: FetchHandler | null = null;
  const simulator = createSimulator({
    root,
    appUrl: settings.appUrl,
    apiKey: process.env.SHOPIFY_API_KEY,
    apiSecret: process.env.SHOPIFY_API_SECRET,
    // Webhooks and the app proxy reach the app in-process, through the same edges as the browser.
    fetch: (request) => (app ? app(request) : Promise.resolve(new Response("The app is still starting", { status: 503 }))),
    inboundSecret: process.env.INBOUND_EMAIL_SECRET,
  });
  // The app sends its email to the simulator's SMTP catcher (any free port unless DEMO_SMTP_PORT says).
  process.env.SMTP_URL = await simulator.outbox.listen(Number(process.env.DEMO_SMTP_PORT ?? 0));
  // Before the server build is imported: the Shopify libraries must find the simulator's fetch.
  const restoreFetch = installShopifyFetch(simulator.handler);
  await building;
  app = withDemoEdges(await loadBuiltApp(root), {
    standinUrl: `${settings.simulatorUrl}${STANDIN_PATH}`,
    adminOrigin: settings.simulatorUrl,
  });
  await simulator.start(settings.simulatorPort);
  const server = await serveHttp({
    handler: app,
    port: settings.appPort,
    staticDir: join(root, "build", "client"),
    origin: settings.appUrl,
  });
  return {
    settings,
    simulator,
    app: server,
    adminUrl: `${settings.simulatorUrl}${adminAppPath(DEMO_SHOP, "aftercare")}`,
    storefrontUrl: `${settings.simulatorUrl}/pages/returns?shop=${DEMO_SHOP}`,
    customerAccountsUrl: customerAccountsUrl(settings.simulatorUrl),
    outboxUrl: `${settings.simulatorUrl}/outbox`,
    visitorsFirst: visitorsFirst(server.server),
    stop: async () => {
      await Promise.allSettled([server.close(), simulator.stop()]);
      await globalThis.aftercarePrisma?.$disconnect();
      restoreFetch();
    },
  };
}

/** The simulated sign-in as Ava, landing on her order #1001's status page in customer accounts. */
export function customerAccountsUrl(simulatorUrl: string): string {
  const tail = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
  const back = `${CUSTOMER_ACCOUNTS_PATH}/orders/${tail(FIXTURES.order1001.id)}`;
  return `${simulatorUrl}/account/login?shop=${DEMO_SHOP}&customer_id=${tail(FIXTURES.ava.id)}&return_to=${encodeURIComponent(back)}`;
}
