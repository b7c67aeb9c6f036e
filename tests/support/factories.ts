/**
 * Small factories for tests. Every test takes its own shop from `uniqueShop()`, so
 * tests sharing a worker's database never see each other's rows — and a second shop
 * in the same test proves tenant isolation.
 */
import { randomUUID } from "node:crypto";
import prisma from "~/db.server";
import type { ReturnStatus } from "~/returns/status";
import { createTicket, type CreateTicketInput, type TicketWithMessages } from "~/tickets/tickets.server";

let counter = 0;

/** A shop domain no other test uses: "t-<label>-<n>-<random>.myshopify.com". */
export function uniqueShop(label = "shop"): string {
  counter += 1;
  return `t-${label}-${counter}-${randomUUID().slice(0, 8)}.myshopify.com`;
}

export type ReturnLineSeed = {
  orderLineItemId?: string;
  title?: string;
  unitPriceMinor?: number;
  quantityRequested?: number;
  reasonCode?: string;
};

export type ReturnCaseSeed = {
  status?: ReturnStatus;
  resolution?: "refund" | "store_credit" | "exchange" | "keep";
  channel?: "portal" | "admin" | "shopify" | "webhook";
  orderId?: string;
  orderName?: string;
  currencyCode?: string;
  customerId?: string | null;
  lines?: ReturnLineSeed[];
};

/** A return case with lines (default: one requested line of 2 × 25.00 USD), written directly. */
export async function createReturnCase(shop: string, seed: ReturnCaseSeed = {}) {
  const lines = seed.lines ?? [{}];
  return prisma.returnCase.create({
    data: {
      shop,
      status: seed.status ?? "requested",
      channel: seed.channel ?? "portal",
      resolution: seed.resolution ?? "refund",
      orderId: seed.orderId ?? "gid://shopify/Order/1001",
      orderName: seed.orderName ?? "#1001",
      customerId: seed.customerId === undefined ? "gid://shopify/Customer/7" : seed.customerId,
      currencyCode: seed.currencyCode ?? "USD",
      decision: [],
      lines: {
        create: lines.map((line, index) => ({
          shop,
          orderLineItemId: line.orderLineItemId ?? `gid://shopify/LineItem/${index + 1}`,
          title: line.title ?? `Item ${index + 1}`,
          unitPriceMinor: BigInt(line.unitPriceMinor ?? 2500),
          quantityRequested: line.quantityRequested ?? 2,
          reasonCode: line.reasonCode ?? "size_too_small",
          photos: [],
        })),
      },
    },
    include: { lines: true },
  });
}

/** A pending money-ledger row (default: a 50.00 USD refund) with a fresh idempotency key. */
export async function createMoneyMovement(
  shop: string,
  seed: { returnCaseId?: string | null; kind?: string; amountMinor?: number; currencyCode?: string; status?: string; idempotencyKey?: string } = {},
) {
  return prisma.moneyMovement.create({
    data: {
      shop,
      returnCaseId: seed.returnCaseId ?? null,
      orderId: "gid://shopify/Order/1001",
      kind: seed.kind ?? "refund",
      amountMinor: BigInt(seed.amountMinor ?? 5000),
      currencyCode: seed.currencyCode ?? "USD",
      idempotencyKey: seed.idempotencyKey ?? `test-${randomUUID()}`,
      status: seed.status ?? "pending",
      actor: "system",
    },
  });
}

/** A ticket made the way the app makes them (numbered, SLA set, audited). */
export async function createTestTicket(shop: string, input: Partial<CreateTicketInput> = {}): Promise<TicketWithMessages> {
  return createTicket(shop, {
    subject: "Where is my refund?",
    category: "question_billing",
    channel: "portal",
    ...input,
  });
}
