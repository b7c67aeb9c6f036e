/**
 * The order, customer and fulfillment mirror, written from orders/* and fulfillments/*
 * webhooks. It keeps only what Aftercare reads without asking Shopify: for retention and the
 * serial-returner signal, an order's id, name, customer id, dates, total and statuses; for the
 * return window, when each parcel was delivered. No names, emails or addresses.
 *
 * Shopify delivers late, twice and out of order. Each row keeps the `updated_at` of the last
 * event applied to it, and an event is applied only when it is newer (a compare-and-set on
 * that column): a duplicate or an older event changes nothing.
 */
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import type { FulfillmentEventPayload, OrderEventPayload } from "~/automation/payloads";
import { parseDecimal, toBigInt } from "~/lib/money";

export type MirrorWrite = "applied" | "stale";

/** Applies an orders/create or orders/updated event to the mirror unless a newer one was applied already. */
export async function mirrorOrder(shop: string, order: OrderEventPayload): Promise<MirrorWrite> {
  const total = parseDecimal(order.total.amount, order.total.currencyCode);
  const data = {
    name: order.name,
    customerId: order.customerId,
    orderCreatedAt: order.createdAt,
    processedAt: order.processedAt,
    shopifyUpdatedAt: order.updatedAt,
    totalMinor: toBigInt(total.amountMinor),
    currencyCode: total.currencyCode,
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    lineCount: order.lineCount,
  };
  return writeOnce(() =>
    prisma.$transaction(async (tx) => {
      const existing = await tx.orderMirror.findUnique({
        where: { shop_orderId: { shop, orderId: order.orderId } },
        select: { customerId: true },
      });
      if (existing) {
        const { count } = await tx.orderMirror.updateMany({
          where: { shop, orderId: order.orderId, shopifyUpdatedAt: { lt: order.updatedAt } },
          data,
        });
        if (count === 0) return "stale";
      } else {
        await tx.orderMirror.create({ data: { shop, orderId: order.orderId, ...data } });
      }
      // An order moved to another customer (a merchant's correction) changes two counts.
      const customers = new Set([existing?.customerId, order.customerId].filter((id): id is string => Boolean(id)));
      for (const customerId of customers) await recountCustomer(tx, shop, customerId, order.updatedAt);
      return "applied";
    }),
  );
}

/** Applies a fulfillments/create or fulfillments/update event unless a newer one was applied already. */
export async function mirrorFulfillment(shop: string, fulfillment: FulfillmentEventPayload): Promise<MirrorWrite> {
  return writeOnce(() =>
    prisma.$transaction(async (tx) => {
      const existing = await tx.fulfillmentMirror.findUnique({
        where: { shop_fulfillmentId: { shop, fulfillmentId: fulfillment.fulfillmentId } },
        select: { deliveredAt: true },
      });
      // Once delivered, later updates (a tracking note) keep the delivery date; a carrier that
      // takes "delivered" back (shipment_status failure) takes the date back too.
      const deliveredAt = fulfillment.deliveredAt === null ? null : (existing?.deliveredAt ?? fulfillment.deliveredAt);
      const data = {
        orderId: fulfillment.orderId,
        status: fulfillment.status,
        shipmentStatus: fulfillment.shipmentStatus,
        deliveredAt,
        shopifyUpdatedAt: fulfillment.updatedAt,
      };
      if (!existing) {
        await tx.fulfillmentMirror.create({ data: { shop, fulfillmentId: fulfillment.fulfillmentId, ...data } });
        return "applied";
      }
      const { count } = await tx.fulfillmentMirror.updateMany({
        where: { shop, fulfillmentId: fulfillment.fulfillmentId, shopifyUpdatedAt: { lt: fulfillment.updatedAt } },
        data,
      });
      return count === 0 ? "stale" : "applied";
    }),
  );
}

/** When each delivered fulfillment of an order was delivered, as the mirror knows it: fulfillment GID → ISO time. */
export async function mirroredDeliveries(shop: string, orderId: string): Promise<Map<string, string>> {
  const rows = await prisma.fulfillmentMirror.findMany({
    where: { shop, orderId, deliveredAt: { not: null } },
    select: { fulfillmentId: true, deliveredAt: true },
  });
  return new Map(rows.flatMap((r) => (r.deliveredAt ? [[r.fulfillmentId, r.deliveredAt.toISOString()] as const] : [])));
}

async function recountCustomer(tx: Tx, shop: string, customerId: string, seenAt: Date): Promise<void> {
  const ordersCount = await tx.orderMirror.count({ where: { shop, customerId } });
  const existing = await tx.customerMirror.findUnique({ where: { shop_customerId: { shop, customerId } }, select: { shopifyUpdatedAt: true } });
  const shopifyUpdatedAt = existing && existing.shopifyUpdatedAt > seenAt ? existing.shopifyUpdatedAt : seenAt;
  await tx.customerMirror.upsert({
    where: { shop_customerId: { shop, customerId } },
    create: { shop, customerId, ordersCount, shopifyUpdatedAt },
    update: { ordersCount, shopifyUpdatedAt },
  });
}

// Two workers can apply the first two events of one object at once: the unique index lets one
// create the row, and the other runs again and compares with what the winner wrote.
async function writeOnce(write: () => Promise<MirrorWrite>): Promise<MirrorWrite> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}
