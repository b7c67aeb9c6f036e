/**
 * Exchange options: the other variants of the products on an order, with price and stock.
 * One `nodes` query for all products of the order keeps the portal to one round trip.
 */
import type { ShopifyAdminClient } from "./client.server";
import { fromMoneyV2, type Money } from "./money";

// 10 products × 20 variants stays far under the 1,000-point cost limit.
const PRODUCT_VARIANTS = `#graphql
  query ExchangeVariants($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
        variants(first: 20) {
          nodes { id title price availableForSale sellableOnlineQuantity }
        }
      }
    }
  }
`;

export const MAX_PRODUCTS_PER_QUERY = 10;

export interface ExchangeVariant {
  id: string;
  title: string;
  price: Money;
  availableForSale: boolean;
  /** Units that can be sold online now (0 when out of stock). */
  available: number;
}

/** The variants of each product (by product id); unknown or deleted products are absent. */
export async function getProductVariants(
  client: ShopifyAdminClient,
  productIds: string[],
  currencyCode: string,
): Promise<Map<string, ExchangeVariant[]>> {
  const unique = [...new Set(productIds)].slice(0, MAX_PRODUCTS_PER_QUERY);
  const out = new Map<string, ExchangeVariant[]>();
  if (unique.length === 0) return out;
  const data = await client.request(PRODUCT_VARIANTS, { ids: unique });
  for (const node of data.nodes) {
    if (!node || !("variants" in node)) continue;
    out.set(
      node.id,
      node.variants.nodes.map((v) => ({
        id: v.id,
        title: v.title,
        // ProductVariant.price is in the shop's currency: exchanges are priced there.
        price: fromMoneyV2({ amount: v.price, currencyCode }),
        availableForSale: v.availableForSale,
        available: Math.max(0, v.sellableOnlineQuantity),
      })),
    );
  }
  return out;
}
