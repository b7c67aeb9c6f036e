/**
 * The Shopify side of an exchange. `returnRequest` cannot carry exchange items and no
 * mutation adds them later (DESIGN.md §7), so an exchange approved in Aftercare is created
 * in Shopify with `returnCreate` + `exchangeLineItems` (an OPEN return), then finished by
 * the payout's `returnProcess`, which releases the new items with the returned ones.
 *
 * `returnCreate` documents no idempotency: before creating, we look for an OPEN,
 * unprocessed return on the order with exactly our lines and exchange variants that no
 * other return of the shop claims — what a crash after the call would have left — and
 * adopt it instead of creating a second one.
 */
import type { ReturnCase, ReturnLine } from ".prisma/client-sqlite";
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyGraphqlError, ShopifyUserError } from "~/shopify/errors";
import { getOrder } from "~/shopify/orders.server";
import { createExchangeReturn, getReturnState, listOpenReturns, type ExchangeReturn } from "~/shopify/return-process.server";

export type ReturnWithLines = ReturnCase & { lines: ReturnLine[] };

/** Makes sure the return exists in Shopify with its exchange items; returns the refreshed return. */
export async function ensureExchangeReturn(
  shop: string,
  rc: ReturnWithLines,
  actor: string,
  deps: { client: ShopifyAdminClient },
): Promise<ReturnWithLines> {
  const exchanges = rc.lines.filter((l) => l.exchangeVariantId);
  if (exchanges.length === 0) {
    throw new DomainError("invalid", `Return ${rc.orderName} has no exchange items; refund it or issue store credit instead.`);
  }
  if (rc.shopifyReturnId) {
    const state = await getReturnState(deps.client, rc.shopifyReturnId);
    if (!state) throw new DomainError("not_found", `Return ${rc.orderName} was not found in Shopify.`);
    if (state.exchangeLines.length > 0) return rc;
    throw new DomainError(
      "conflict",
      `Return ${rc.orderName} was opened in Shopify without exchange items, and Shopify cannot add them later. Cancel it in Shopify, then create the exchange again.`,
    );
  }

  // Which fulfillment line each returned line came from (the portal usually stored it).
  const missing = rc.lines.filter((l) => !l.fulfillmentLineItemId);
  const fulfillmentLineOf = new Map(rc.lines.flatMap((l) => (l.fulfillmentLineItemId ? [[l.id, l.fulfillmentLineItemId] as const] : [])));
  if (missing.length > 0) {
    const order = await getOrder(deps.client, rc.orderId);
    const returnable = order?.returnableFulfillments.flatMap((f) => f.lines) ?? [];
    for (const line of missing) {
      const found = returnable.find((r) => r.lineItemId === line.orderLineItemId);
      if (!found) throw new DomainError("conflict", `Return ${rc.orderName}: the item "${line.title}" can no longer be returned in Shopify.`);
      fulfillmentLineOf.set(line.id, found.fulfillmentLineItemId);
    }
  }
  const wantedLines = rc.lines.map((l) => ({ fulfillmentLineItemId: fulfillmentLineOf.get(l.id) ?? "", quantity: l.quantityRequested }));
  const wantedExchanges = exchanges.map((l) => ({ variantId: l.exchangeVariantId ?? "", quantity: l.quantityRequested }));

  const claimed = new Set(
    (await prisma.returnCase.findMany({ where: { shop, orderId: rc.orderId, shopifyReturnId: { not: null } }, select: { shopifyReturnId: true } })).flatMap(
      (r) => (r.shopifyReturnId ? [r.shopifyReturnId] : []),
    ),
  );
  const candidates = await listOpenReturns(deps.client, rc.orderId);
  let created: ExchangeReturn | undefined = candidates.find((c) => !claimed.has(c.id) && sameShape(c, wantedLines, wantedExchanges));
  const adopted = created !== undefined;
  if (!created) {
    try {
      created = await createExchangeReturn(deps.client, {
        orderId: rc.orderId,
        requestedAt: rc.requestedAt,
        lines: rc.lines.map((l) => ({ fulfillmentLineItemId: fulfillmentLineOf.get(l.id) ?? "", quantity: l.quantityRequested, reasonDefinitionId: l.reasonDefinitionId })),
        exchangeLines: wantedExchanges,
      });
    } catch (error) {
      if (error instanceof ShopifyUserError || error instanceof ShopifyGraphqlError) {
        throw new DomainError("invalid", `Shopify could not create the exchange for return ${rc.orderName}: ${error.message}`);
      }
      throw new DomainError("upstream", `Shopify did not confirm the exchange for return ${rc.orderName}. Try again in a few minutes: Aftercare checks with Shopify first and never creates it twice.`);
    }
  }
  const shopifyReturn = created;

  await prisma.$transaction(async (tx) => {
    const { count } = await tx.returnCase.updateMany({
      where: { id: rc.id, shop, shopifyReturnId: null },
      data: { shopifyReturnId: shopifyReturn.id, shopifyReturnName: shopifyReturn.name },
    });
    if (count === 0) throw new DomainError("conflict", `Return ${rc.orderName} changed meanwhile; reload it and try again.`);
    for (const line of rc.lines) {
      const match = shopifyReturn.lines.find((s) => s.fulfillmentLineItemId === fulfillmentLineOf.get(line.id));
      if (match) await tx.returnLine.updateMany({ where: { id: line.id, shop }, data: { shopifyReturnLineItemId: match.id, fulfillmentLineItemId: fulfillmentLineOf.get(line.id) ?? null } });
    }
    await recordAudit(tx, shop, {
      actor,
      action: "return.exchange_created",
      entityType: "return",
      entityId: rc.id,
      data: { shopifyReturnId: shopifyReturn.id, adopted, exchangeLines: wantedExchanges.map((e) => ({ variantId: e.variantId, quantity: e.quantity })) },
    });
  });
  const fresh = await prisma.returnCase.findFirst({ where: { id: rc.id, shop }, include: { lines: { where: { shop }, orderBy: { createdAt: "asc" } } } });
  if (!fresh) throw new DomainError("not_found", `Return ${rc.id} was not found.`);
  return fresh;
}

function sameShape(
  candidate: ExchangeReturn,
  lines: { fulfillmentLineItemId: string; quantity: number }[],
  exchanges: { variantId: string; quantity: number }[],
): boolean {
  const key = (pairs: [string | null, number][]) => pairs.map(([id, q]) => `${id}×${q}`).sort().join(",");
  return (
    key(candidate.lines.map((l) => [l.fulfillmentLineItemId, l.quantity])) === key(lines.map((l) => [l.fulfillmentLineItemId, l.quantity])) &&
    key(candidate.exchangeLines.map((e) => [e.variantId, e.quantity])) === key(exchanges.map((e) => [e.variantId, e.quantity]))
  );
}
