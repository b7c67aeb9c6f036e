/** @jsxImportSource preact */
/**
 * customer-account.order.action.menu-item.render: "Start a return" in the order action menu on
 * the order index and order status pages. Without an href, Shopify opens this extension's
 * customer-account.order.action.render modal for the same order (Action.tsx).
 */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order.action.menu-item.render";
import { render } from "preact";
import { createHost } from "./host";

/** Shopify's global for this target (what the CLI's generated shopify.d.ts declares). */
declare const shopify: Api;

export default async () => {
  const { t } = createHost(shopify);
  render(<s-button>{t("menu_start")}</s-button>, document.body);
};
