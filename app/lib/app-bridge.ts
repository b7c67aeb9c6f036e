/** Shopify's App Bridge, loaded from its CDN as Shopify requires (never bundled or self-hosted). */
export const APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
