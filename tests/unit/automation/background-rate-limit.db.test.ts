/**
 * The webhook worker and the agents share each shop's Admin API rate limit (one query-cost
 * bucket per app and shop). A backlog of returns/* echoes — what a busy hour, or the demo's
 * seed, leaves in the inbox — is mirrored with cheap calls (about 15 points each, 619
 * requested) faster than the bucket refills; once it is low, Shopify lets the smaller
 * requests through first, and the back office's order read (893 points requested) was
 * throttled on every retry until the backlog was done: the agent's refund gave up with "Shopify
 * is limiting requests", or in the browser never answered in time. These run the real worker,
 * handlers, payout and gateway against the store simulator's leaky bucket.
 */
import { afterAll, expect, it } from "vitest";
import prisma from "~/db.server";
import { backgroundAdminClient } from "~/automation/admin-client.server";
import { TOPIC_HANDLERS, type TopicHandlers } from "~/automation/handlers/index.server";
import { shopifyReturnHandlers } from "~/automation/handlers/shopify-returns.server";
import { processDueEvents } from "~/automation/worker.server";
import { performReturnAction } from "~/returns/actions.server";
import { createShopifyClient, type AdminGraphql } from "~/shopify/client.server";
import { uniqueShop } from "../../support/factories";
import { createSimulator, DEMO_SHOP } from "../../support/shopify-sim";
import { openShopifyReturn, receivedReturnCase } from "../refunds/support";

afterAll(async () => {
  await prisma.$disconnect();
});

const BACKLOG = 400;

it("refunds while the worker mirrors a backlog of return webhooks, because the worker leaves the shop's rate limit to the agent", async () => {
  // GIVEN a received return of #1001 ($46.44, a $5 fee) in a shop whose bucket holds 2,000
  // points and restores 200 a second, a backlog of its returns/update echoes in the inbox, and
  // the bucket already down to 700 from the backlog's first calls
  const shop = uniqueShop("bucket");
  const sim = createSimulator({ seed: { bulkOrders: 5 } });
  const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) =>
    new Response(JSON.stringify((await sim.graphql(DEMO_SHOP, query, options?.variables ?? {})).body));
  const shopify = await openShopifyReturn(sim);
  const rc = await receivedReturnCase(shop, shopify);
  await prisma.webhookEvent.createMany({
    data: Array.from({ length: BACKLOG }, (_, i) => ({
      shop,
      topic: "RETURNS_UPDATE",
      webhookId: `${shop}-update-${i}`,
      apiVersion: "2026-10",
      payload: { admin_graphql_api_id: shopify.returnId },
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(0),
      receivedAt: new Date(),
    })),
  });
  sim.setRateLimit(DEMO_SHOP, { maximumAvailable: 2000, restoreRate: 200 });
  sim.spendRateLimit(DEMO_SHOP, 1300);

  // WHEN the worker works the backlog through its background client while the agent refunds
  const background = backgroundAdminClient(shop, graphql as unknown as AdminGraphql, { random: () => 0 });
  const handlers: TopicHandlers = { ...TOPIC_HANDLERS, ...shopifyReturnHandlers({ clientFor: async () => background, log: () => undefined }) };
  let agentDone = false;
  let mirrored = 0;
  const worker = (async () => {
    while (!agentDone) {
      const result = await processDueEvents({ shop, handlers, limit: 5, log: () => undefined });
      mirrored += result.processed;
      if (result.claimed === 0) break;
    }
  })();
  const agent = createShopifyClient(graphql as unknown as AdminGraphql, { random: () => 0 });
  const refund = await performReturnAction(shop, rc.id, { intent: "refund" }, "staff:7", { client: agent })
    .catch((error: unknown) => error)
    .finally(() => (agentDone = true));
  await worker;

  // THEN the refund went through, and the worker went on with the backlog meanwhile
  expect(refund).toEqual({ message: "Refunded $41.44 to the original payment method. $5.00 in fees kept." });
  expect(mirrored).toBeGreaterThan(0);
  expect(await prisma.returnCase.findFirstOrThrow({ where: { id: rc.id, shop }, select: { status: true } })).toEqual({ status: "resolved" });
}, 60_000);
