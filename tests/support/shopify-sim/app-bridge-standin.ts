/**
 * Serves the App Bridge stand-in (`app-bridge-standin.browser.js`): what the demo's HTTP layer puts in the
 * app's HTML in place of https://cdn.shopify.com/shopifycloud/app-bridge.js, which is unreachable
 * offline and only works inside Shopify admin.
 */
import { readFileSync } from "node:fs";

/** The real App Bridge URL, as shopify-app-remix renders it. */
export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

/** Where the simulator serves the stand-in. */
export const STANDIN_PATH = "/admin-frame/app-bridge.js";

let source: string | null = null;

/** The stand-in script as the browser gets it. */
export function appBridgeStandinResponse(): Response {
  source ??= readFileSync(new URL("./app-bridge-standin.browser.js", import.meta.url), "utf8");
  return new Response(source, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "no-cache",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
