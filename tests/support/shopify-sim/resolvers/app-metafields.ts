/**
 * App-data metafields: `currentAppInstallation` and `metafieldsSet` on it, as the settings page
 * writes them, kept per shop so the storefront renders `app.metafields.<namespace>.<key>`.
 * Only the app's own installation is a valid owner here (the app writes no other metafield).
 */
import { z } from "zod";
import type { Args, ResolverContext } from "./context";
import { parseArgs, userError } from "./mutation-helpers";

/** The app's installation on the shop: one per shop, its id derived from the shop's. */
export function appInstallationId(ctx: ResolverContext): string {
  return `gid://shopify/AppInstallation/${ctx.state.shop.id.split("/").pop() ?? "0"}`;
}

const setArgs = z.object({
  metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string(), type: z.string(), value: z.string() })),
});

export function metafieldsSet(args: Args, ctx: ResolverContext) {
  const { metafields } = parseArgs(setArgs, args);
  const foreign = metafields.findIndex((m) => m.ownerId !== appInstallationId(ctx));
  if (foreign >= 0) return { metafields: null, userErrors: [userError(["metafields", foreign, "ownerId"], "Owner does not exist.", "INVALID")] };
  const badBoolean = metafields.findIndex((m) => m.type === "boolean" && m.value !== "true" && m.value !== "false");
  if (badBoolean >= 0) return { metafields: null, userErrors: [userError(["metafields", badBoolean, "value"], "Value must be true or false.", "INVALID_VALUE")] };
  for (const m of metafields) ctx.state.appMetafields.set(`${m.namespace}.${m.key}`, { type: m.type, value: m.value });
  return { metafields: metafields.map((m) => ({ __typename: "Metafield", namespace: m.namespace, key: m.key, value: m.value, type: m.type })), userErrors: [] };
}

/** The shop's app-data metafields as Liquid sees them: `{ namespace: { key: { value, type } } }`, booleans as booleans. */
export function liquidAppMetafields(entries: Map<string, { type: string; value: string }>): Record<string, Record<string, { value: unknown; type: string }>> {
  const out: Record<string, Record<string, { value: unknown; type: string }>> = {};
  for (const [path, { type, value }] of entries) {
    const [namespace = "", key = ""] = path.split(".");
    out[namespace] ??= {};
    out[namespace][key] = { type, value: type === "boolean" ? value === "true" : value };
  }
  return out;
}
