import prisma from "~/db.server";
import { eraseShops } from "./erase-shops";
import { createSimulator, DEMO_SHOP, EU_SHOP, type Simulator } from "./shopify-sim";
import { API_SECRET_KEY, APP_URL } from "./shopify-app";

const realFetch = globalThis.fetch;

/**
 * The store simulator as the Admin API of DEMO_SHOP and EU_SHOP, for a file that calls the
 * shopper's doors (app proxy, customer accounts): every `*.myshopify.com` fetch goes to it, and
 * each shop has an offline session holding its token. The shops' rows are erased first, since
 * another file of this worker may have left returns on the same orders.
 */
export async function startDoorSimulator(): Promise<Simulator> {
  const sim = createSimulator({ apiKey: "testApiKey", apiSecret: API_SECRET_KEY, appUrl: APP_URL });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname.endsWith(".myshopify.com")) return sim.handler(request);
    return realFetch(request);
  };
  await eraseShops(DEMO_SHOP, EU_SHOP);
  for (const shop of [DEMO_SHOP, EU_SHOP]) {
    await prisma.session.upsert({
      where: { id: `offline_${shop}` },
      create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: sim.accessToken(shop), scope: process.env.SCOPES },
      update: { accessToken: sim.accessToken(shop) },
    });
  }
  return sim;
}

/** Gives fetch back and leaves the two shops as the next file expects to find them: empty. */
export async function stopDoorSimulator(): Promise<void> {
  globalThis.fetch = realFetch;
  await eraseShops(DEMO_SHOP, EU_SHOP);
  await prisma.$disconnect();
}
