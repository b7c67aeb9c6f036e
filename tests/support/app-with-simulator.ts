/**
 * The app in-process (Vite middleware mode, its real routes and `authenticate.*`) with the Shopify
 * store simulator on the other side, for the integration tests. Only the edges are swapped, as in
 * `npm run demo`: fetch to *.myshopify.com reaches the simulator, the simulator reaches the app.
 *
 * Registers its own beforeAll/afterAll, so call it at a test file's top level.
 */
import { afterAll, beforeAll } from "vitest";
import prisma from "~/db.server";
import { installShopifyFetch } from "../../scripts/demo/edges";
import { loadDevApp, type FetchHandler } from "./app-server";
import { createSimulator, DEMO_SHOP, type SeedOptions, type Simulator } from "./shopify-sim";

export type AppWithSimulator = {
  /** The app's request handler (valid once beforeAll ran). */
  readonly handler: FetchHandler;
  readonly sim: Simulator;
};

export function appWithSimulator(options: { seed?: SeedOptions } = {}): AppWithSimulator {
  let app: { handler: FetchHandler; close: () => Promise<void> } | undefined;
  let sim: Simulator | undefined;
  let restoreFetch: (() => void) | undefined;

  beforeAll(async () => {
    // tests/support/setup.ts gives the app testConfig()'s identity; the simulator plays the same app.
    sim = createSimulator({
      appUrl: process.env.SHOPIFY_APP_URL ?? "",
      apiKey: process.env.SHOPIFY_API_KEY ?? "",
      apiSecret: process.env.SHOPIFY_API_SECRET ?? "",
      seed: options.seed,
      fetch: (request) => running.handler(request),
      retryDelaysMs: [],
    });
    // Sessions other test files left in this worker's database hold tokens of another
    // simulator instance: the merchant arrives here for the first time.
    await prisma.session.deleteMany({ where: { shop: DEMO_SHOP } });
    // Before the app is loaded, as the demo does.
    restoreFetch = installShopifyFetch(sim.handler);
    app = await loadDevApp();
  }, 60_000);

  afterAll(async () => {
    restoreFetch?.();
    await app?.close();
    await prisma.$disconnect();
  });

  const running: AppWithSimulator = {
    handler: (request) => {
      if (!app) throw new Error("the app is not loaded yet: call appWithSimulator() at the top level and use it inside tests");
      return app.handler(request);
    },
    get sim() {
      if (!sim) throw new Error("the simulator is not created yet: use it inside tests");
      return sim;
    },
  };
  return running;
}
