/** A Shopify client over the in-process store simulator, with an optional "crash after the call". */
import prisma from "~/db.server";
import { money } from "~/lib/money";
import { getOrder } from "~/shopify/orders.server";
import { processReturn } from "~/shopify/return-process.server";
import { createShopifyClient, type AdminGraphql, type ShopifyAdminClient } from "~/shopify/client.server";
import { createSimulator, DEMO_SHOP, FIXTURES, type Simulator } from "../../support/shopify-sim";
import { dig, str } from "../../support/json";

export type SimClient = {
  sim: Simulator;
  client: ShopifyAdminClient;
  /** Operation names sent, in order. */
  sent: string[];
  /** The next call of this operation reaches Shopify, then the answer is lost (as in a crash or a dropped connection). */
  loseAnswerOnce: (operation: string) => void;
  /** The next call of this operation is refused with ACCESS_DENIED, as for a staff member without the permission. */
  denyOnce: (operation: string) => void;
  /** Every call of this operation answers 503 without reaching Shopify, until `bringBack`. */
  takeDown: (operation: string) => void;
  bringBack: (operation: string) => void;
  /** The next call of this operation reaches Shopify, then the gateway answers 504 (Shopify did the work; we cannot know). */
  timeOutAfterOnce: (operation: string) => void;
};

export function simClient(): SimClient {
  // Real time: the ledger's rows carry the real clock, and reconciliation compares the two.
  const sim = createSimulator({ seed: { bulkOrders: 5 } });
  const sent: string[] = [];
  const lose = new Set<string>();
  const deny = new Set<string>();
  const down = new Set<string>();
  const timeOut = new Set<string>();
  const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) => {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    sent.push(name);
    if (deny.delete(name)) {
      // What Shopify answers an online token whose staff member lacks the permission.
      const field = name.charAt(0).toLowerCase() + name.slice(1);
      return new Response(
        JSON.stringify({
          data: null,
          errors: [{ message: `Access denied for ${field} field. Required access: \`write_returns\` access scope. Also: The user must have the permission to refund orders.`, extensions: { code: "ACCESS_DENIED" }, path: [field] }],
        }),
      );
    }
    // What the Remix package throws for a 5xx answer (see classify in app/shopify/client.server.ts).
    if (down.has(name)) throw new Response("Service Unavailable", { status: 503 });
    const { body } = await sim.graphql(DEMO_SHOP, query, options?.variables ?? {});
    if (lose.delete(name)) throw new Error("socket hang up");
    if (timeOut.delete(name)) throw new Response("Gateway Timeout", { status: 504 });
    return new Response(JSON.stringify(body));
  };
  const client = createShopifyClient(graphql as unknown as AdminGraphql, { sleep: async () => {}, random: () => 0 });
  return {
    sim,
    client,
    sent,
    loseAnswerOnce: (operation) => lose.add(operation),
    denyOnce: (operation) => deny.add(operation),
    takeDown: (operation) => down.add(operation),
    bringBack: (operation) => down.delete(operation),
    timeOutAfterOnce: (operation) => timeOut.add(operation),
  };
}

async function gql(sim: Simulator, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const { body } = await sim.graphql(DEMO_SHOP, query, variables);
  return body;
}


const o = FIXTURES.order1001;

/** A REQUESTED Shopify return of #1001's tee, as the portal leaves a request that needs review. */
export async function requestShopifyReturn(sim: Simulator): Promise<string> {
  const requested = await gql(sim, `mutation R($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`, {
    input: { orderId: o.id, returnLineItems: [{ fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 }] },
  });
  return str(dig(requested, "data", "returnRequest", "return", "id"));
}

/** The status Shopify holds for a return. */
export async function shopifyReturnStatus(sim: Simulator, returnId: string): Promise<string> {
  return str(dig(await gql(sim, `query S($id: ID!) { return(id: $id) { status } }`, { id: returnId }), "data", "return", "status"));
}

/** An OPEN Shopify return of #1001's tee and mug, as the portal + approval leave it. */
export async function openShopifyReturn(sim: Simulator): Promise<{ returnId: string; teeLineId: string; mugLineId: string }> {
  const requested = await gql(sim, `mutation R($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`, {
    input: {
      orderId: o.id,
      returnLineItems: [
        { fulfillmentLineItemId: o.tee.fulfillmentLineItemId, quantity: 1 },
        { fulfillmentLineItemId: o.mug.fulfillmentLineItemId, quantity: 1 },
      ],
    },
  });
  const returnId = str(dig(requested, "data", "returnRequest", "return", "id"));
  const approved = await gql(
    sim,
    `mutation A($id: ID!) { returnApproveRequest(input: { id: $id }) { return { returnLineItems(first: 5) { nodes { id ... on ReturnLineItem { fulfillmentLineItem { id } } } } } } }`,
    { id: returnId },
  );
  const nodes = dig(approved, "data", "returnApproveRequest", "return", "returnLineItems", "nodes");
  const list = Array.isArray(nodes) ? nodes : [];
  const lineFor = (fli: string) => str(dig(list.find((n) => dig(n, "fulfillmentLineItem", "id") === fli), "id"));
  return { returnId, teeLineId: lineFor(o.tee.fulfillmentLineItemId), mugLineId: lineFor(o.mug.fulfillmentLineItemId) };
}

/**
 * The merchant processes the return in Shopify admin: the items and $46.44 back to the card.
 * Nothing tells the app (no webhook is sent here); answers the refund Shopify made.
 */
export async function processInShopifyAdmin(
  { sim, client }: Pick<SimClient, "sim" | "client">,
  shopify: { returnId: string; teeLineId: string; mugLineId: string },
): Promise<string> {
  const order = await getOrder(client, o.id);
  const sale = order?.transactions.find((t) => t.kind === "SALE" || t.kind === "CAPTURE");
  if (!sale) throw new Error("order #1001 has no sale");
  await processReturn(client, {
    returnId: shopify.returnId,
    lines: [
      { returnLineItemId: shopify.teeLineId, quantity: 1 },
      { returnLineItemId: shopify.mugLineId, quantity: 1 },
    ],
    orderTransactions: [{ parentTransactionId: sale.id, amount: money(4644, "USD") }],
    notifyCustomer: false,
  });
  const refundId = refundEvents(sim).at(-1)?.subjectId;
  if (!refundId) throw new Error("Shopify made no refund");
  return refundId;
}

/** Our return case for #1001's tee ($25 + $2 tax) and mug ($18 + $1.44 tax), received, with a $5 fee and a $4.14 bonus quoted. */
export async function receivedReturnCase(
  shop: string,
  shopify: { returnId: string; teeLineId: string; mugLineId: string } | null,
  seed: { status?: string; feeMinor?: number; bonusMinor?: number; resolution?: string; exchangeTee?: boolean } = {},
) {
  const received = (seed.status ?? "received") === "received" ? 1 : 0;
  return prisma.returnCase.create({
    data: {
      shop,
      status: seed.status ?? "received",
      channel: "portal",
      resolution: seed.resolution ?? "refund",
      orderId: o.id,
      orderName: o.name,
      customerId: FIXTURES.ava.id,
      currencyCode: "USD",
      decision: [],
      feeAmountMinor: BigInt(seed.feeMinor ?? 500),
      bonusAmountMinor: BigInt(seed.bonusMinor ?? 414),
      shopifyReturnId: shopify?.returnId ?? null,
      shopifyReturnName: shopify ? "#1001-R1" : null,
      approvedAt: new Date(),
      lines: {
        create: [
          {
            shop,
            orderLineItemId: o.tee.lineItemId,
            fulfillmentLineItemId: o.tee.fulfillmentLineItemId,
            shopifyReturnLineItemId: shopify?.teeLineId ?? null,
            title: "Classic Tee",
            unitPriceMinor: 2500n,
            unitTaxMinor: 200n,
            quantityRequested: 1,
            quantityReceived: received,
            reasonCode: "size_too_small",
            photos: [],
            ...(seed.exchangeTee ? { exchangeVariantId: FIXTURES.products.tee.variants.L, exchangeVariantTitle: "L", exchangeUnitPriceMinor: 2500n } : {}),
          },
          {
            shop,
            orderLineItemId: o.mug.lineItemId,
            fulfillmentLineItemId: o.mug.fulfillmentLineItemId,
            shopifyReturnLineItemId: shopify?.mugLineId ?? null,
            title: "Ceramic Mug",
            unitPriceMinor: 1800n,
            unitTaxMinor: 144n,
            quantityRequested: 1,
            quantityReceived: received,
            reasonCode: "defective",
            photos: [],
          },
        ],
      },
    },
    include: { lines: { orderBy: { createdAt: "asc" } } },
  });
}

/** Refunds Shopify made, by event. */
export function refundEvents(sim: Simulator) {
  return sim.store.events.filter((e) => e.type === "refund.created");
}

export function creditEvents(sim: Simulator) {
  return sim.store.events.filter((e) => e.type === "storeCredit.credited");
}

export async function movementsOf(shop: string, returnCaseId: string) {
  const rows = await prisma.moneyMovement.findMany({ where: { shop, returnCaseId }, orderBy: [{ kind: "asc" }] });
  return rows.map((r) => ({ kind: r.kind, amountMinor: Number(r.amountMinor), status: r.status, shopifyId: r.shopifyId, attempts: r.attempts }));
}
