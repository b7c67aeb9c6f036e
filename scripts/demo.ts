/**
 * `npm run demo`: Aftercare against a simulated Shopify store, on this machine, offline.
 *
 * Builds the app (`remix vite:build`), migrates prisma/demo.sqlite, starts the Shopify simulator
 * seeded with the demo shop, and serves the production server build. Demo mode swaps only the
 * edges (scripts/demo/edges.ts): the Admin API host and the App Bridge script. Routes, loaders,
 * actions, auth and domain code are the app's own.
 *
 *   PORT=3000 SIMULATOR_PORT=3001 npm run demo      DEMO_SKIP_BUILD=1 reuses build/ as it is.
 */
import { DemoRefused } from "./demo/env";
import { prepareSeedDemo, type SeedReport } from "./demo/seed-demo";
import { startDemo, type RunningDemo } from "./demo/start";

async function main(): Promise<void> {
  const startedAt = performance.now();
  let demo: RunningDemo;
  let seed: () => Promise<SeedReport>;
  try {
    demo = await startDemo();
    // The install and loading the seed's modules block the event loop for a second or two: done
    // before the URLs are printed, so the first page a person opens is served at once. A failure
    // here is reported like a failed seed: the demo still runs, without its story.
    seed = await prepareSeedDemo(demo).catch((error: unknown) => () => Promise.reject(error));
  } catch (error) {
    console.error(error instanceof DemoRefused ? error.message : error);
    process.exit(1);
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Aftercare demo is ready (${seconds} s). Everything runs on this machine; Shopify is simulated.

  Back office (Shopify admin, simulated):  ${demo.adminUrl}
  Storefront returns page:                 ${demo.storefrontUrl}
  Customer accounts: ${demo.customerAccountsUrl}
Outbox: ${demo.outboxUrl}   (the emails the app sent; answer one as the shopper)

  App ${demo.settings.appUrl} · simulator ${demo.settings.simulatorUrl} · database ${demo.settings.databaseUrl}
Press Ctrl-C to stop.

Demo data: seeding about 40 returns and a few tickets in the background (pages stay responsive; reload the dashboard after)…`);

  let stopping = false;
  // Two months of a working shop, through the app's own domain code (scripts/demo/seed-demo.ts).
  void seed().then(
    (report) => {
      const statuses = Object.entries(report.byStatus).map(([status, n]) => `${n} ${status.replace(/_/g, " ")}`).join(", ");
      console.log(`Demo data ready (${report.seconds.toFixed(1)} s): ${report.returns} returns (${statuses}), ${report.tickets} tickets, ${report.emails} emails in the Outbox. Order #1001 is left for you to return.`);
      if (process.env.DEMO_SEED_VERBOSE === "1") console.log([`Orders: ${report.orders.join(" ")}`, ...report.skipped.map((s) => `skipped: ${s}`)].join("\n"));
    },
    (error: unknown) => {
      if (!stopping) console.error(`Demo data could not be seeded: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  );

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo…`);
    // A hung close must not keep the terminal: leave after 5 s whatever happens.
    setTimeout(() => process.exit(0), 5000).unref();
    void demo.stop().then(() => {
      console.log("Stopped.");
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
