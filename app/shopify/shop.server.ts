import type { ShopifyAdminClient } from "./client.server";

const GET_SHOP = `#graphql
  query GetShop {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      email
      plan { publicDisplayName partnerDevelopment shopifyPlus }
    }
  }
`;

export interface ShopInfo {
  name: string;
  myshopifyDomain: string;
  currencyCode: string;
  /** IANA zone ("Europe/Paris"): return windows end at the shop's midnight, not the server's. */
  ianaTimezone: string;
  email: string;
  plan: { displayName: string; partnerDevelopment: boolean; shopifyPlus: boolean };
}

/** Reads the shop's identity, currency and time zone (stored on install, refreshed on demand). */
export async function getShop(client: ShopifyAdminClient): Promise<ShopInfo> {
  const { shop } = await client.request(GET_SHOP);
  return {
    name: shop.name,
    myshopifyDomain: shop.myshopifyDomain,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    email: shop.email,
    plan: {
      displayName: shop.plan.publicDisplayName,
      partnerDevelopment: shop.plan.partnerDevelopment,
      shopifyPlus: shop.plan.shopifyPlus,
    },
  };
}
