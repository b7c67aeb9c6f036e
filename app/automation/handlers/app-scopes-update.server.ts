import prisma from "~/db.server";
import type { AppScopesUpdatePayload } from "../payloads";
import type { WebhookHandler } from "./types";

/** Records the scopes the merchant granted now on the shop's sessions and on the shop. */
export const handleAppScopesUpdate: WebhookHandler<AppScopesUpdatePayload> = async (shop, payload) => {
  // Sessions keep scopes comma-separated, as @shopify/shopify-api's Session does.
  const scope = payload.current.join(",");
  await prisma.$transaction([
    prisma.session.updateMany({ where: { shop }, data: { scope } }),
    prisma.shop.upsert({ where: { shop }, create: { shop, scopes: scope }, update: { scopes: scope } }),
  ]);
};
