/**
 * The settings page's data: the shop's current policy version and the currency its
 * amounts are entered in.
 */
import { getCurrentPolicy } from "~/policy/policy.server";
import type { PolicyInput } from "~/policy/schemas";
import { getShop } from "~/shops/shops.server";

export type PolicySettings = {
  policy: PolicyInput;
  version: number;
  savedAt: string;
  savedBy: string | null;
  currencyCode: string;
};

/** The current policy (version 1 from the starter defaults for a new shop) and the shop's currency. */
export async function loadPolicySettings(shop: string): Promise<PolicySettings> {
  const [policy, shopRow] = await Promise.all([getCurrentPolicy(shop), getShop(shop)]);
  const { id: _id, shop: _shop, version, createdBy, createdAt, ...input } = policy;
  return { policy: input, version, savedAt: createdAt.toISOString(), savedBy: createdBy, currencyCode: shopRow?.currencyCode ?? "USD" };
}
