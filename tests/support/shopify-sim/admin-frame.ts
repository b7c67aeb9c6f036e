/**
 * A simulated Shopify admin around the embedded app, for the demo:
 *   GET /store/<store>/apps/<app-handle>[/<path>]   the admin page: chrome + the app in an iframe loaded
 *       as Shopify admin loads it (`<app url>/app/<path>?embedded=1&shop=…&host=…&id_token=<fresh session token>`);
 *   GET /admin-frame/session-token?shop=…            a fresh session token, for the App Bridge stand-in;
 *   GET /admin-frame/app-bridge.js                    the App Bridge stand-in itself.
 * The admin draws the app's nav menu, title and toasts, which the stand-in posts to it.
 */
import { randomBytes } from "node:crypto";
import { appBridgeStandinResponse, STANDIN_PATH } from "./app-bridge-standin";
import { escapeHtml } from "./storefront";

export interface AdminFrameOptions {
  /** Where the app listens (the iframe's origin). */
  appUrl: string;
  /** `handle` from shopify.app.toml: the admin URL's /apps/<handle>. */
  appHandle: string;
  appName: string;
  shopName: (shop: string) => string | null;
  sessionToken: (shop: string) => string;
}

/** The admin URL of the app for a shop: /store/<store>/apps/<handle>. */
export function adminAppPath(shop: string, appHandle: string): string {
  return `/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${appHandle}`;
}

/** Shopify admin's `host` parameter: base64url of "admin.shopify.com/store/<store>". */
export function hostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}

/** Answers the admin-frame routes; null for any other path. */
export function handleAdminFrame(request: Request, url: URL, options: AdminFrameOptions): Response | null {
  if (request.method !== "GET") return null;
  if (url.pathname === STANDIN_PATH) return appBridgeStandinResponse();
  if (url.pathname === "/admin-frame/session-token") {
    const shop = url.searchParams.get("shop") ?? "";
    if (!options.shopName(shop)) return json({ error: `Unknown shop ${shop}` }, 404);
    const token = options.sessionToken(shop);
    const claims: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    const exp = typeof claims === "object" && claims !== null && "exp" in claims ? claims.exp : null;
    return json({ token, exp });
  }
  const match = /^\/store\/([a-z0-9][a-z0-9-]*)\/apps\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!match || match[2] !== options.appHandle) return null;
  const shop = `${match[1]}.myshopify.com`;
  const shopName = options.shopName(shop);
  if (!shopName) return new Response(`No store ${shop} in the simulator`, { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(renderAdminFrame(shop, shopName, match[3] ?? "", url.searchParams, options), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function renderAdminFrame(shop: string, shopName: string, subpath: string, query: URLSearchParams, options: AdminFrameOptions): string {
  const appOrigin = new URL(options.appUrl).origin;
  // What Shopify admin appends to the app URL; the id_token is fresh, so the first document
  // request authenticates (and exchanges it for an access token) without a bounce.
  const src = new URL(`/app${subpath === "/" ? "" : subpath}`, appOrigin);
  for (const [key, value] of query) src.searchParams.set(key, value);
  src.searchParams.set("embedded", "1");
  src.searchParams.set("host", hostParam(shop));
  src.searchParams.set("id_token", options.sessionToken(shop));
  src.searchParams.set("locale", "en");
  src.searchParams.set("session", randomBytes(16).toString("hex"));
  src.searchParams.set("shop", shop);
  src.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
  const base = adminAppPath(shop, options.appHandle);
  const config = JSON.stringify({ appOrigin, base }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.appName)} · ${escapeHtml(shopName)} · Shopify admin (simulated)</title>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font: 14px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; color: #303030; }
  body { display: grid; grid-template-rows: 56px 1fr; grid-template-columns: 240px 1fr; background: #ebebeb; }
  header { grid-column: 1 / -1; display: flex; align-items: center; gap: 12px; padding: 0 16px; background: #1a1a1a; color: #fff; }
  header strong { font-size: 15px; }
  header .badge { font-size: 12px; padding: 2px 8px; border-radius: 8px; background: #ffd6a4; color: #5e4200; }
  header .shop { margin-left: auto; font-size: 13px; color: #e3e3e3; }
  nav { padding: 12px 8px; background: #ebebeb; border-right: 1px solid #d4d4d4; }
  nav h2 { margin: 8px 8px 4px; font-size: 12px; font-weight: 600; color: #616161; text-transform: uppercase; letter-spacing: .04em; }
  nav a { display: block; padding: 6px 12px; border-radius: 8px; color: #303030; text-decoration: none; }
  nav a:hover, nav a:focus-visible { background: #f7f7f7; }
  nav a[aria-current="page"] { background: #fafafa; font-weight: 600; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  nav ul ul a { padding-left: 28px; }
  main { display: flex; flex-direction: column; min-width: 0; }
  main h1 { margin: 0; padding: 12px 20px; font-size: 16px; font-weight: 600; background: #f1f1f1; border-bottom: 1px solid #e3e3e3; }
  iframe { flex: 1; width: 100%; border: 0; background: #f1f1f1; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: grid; gap: 8px; }
  #toasts div { padding: 10px 16px; border-radius: 10px; background: #1a1a1a; color: #fff; box-shadow: 0 4px 12px rgba(0,0,0,.2); }
  #toasts div.error { background: #8e1f0b; }
</style>
</head>
<body>
<header>
  <strong>Shopify admin</strong><span class="badge">Simulated · local demo</span>
  <span class="shop">${escapeHtml(shopName)} · ${escapeHtml(shop)}</span>
</header>
<nav aria-label="Admin">
  <h2>Apps</h2>
  <ul>
    <li><a href="${escapeHtml(base)}" aria-current="page">${escapeHtml(options.appName)}</a>
      <ul id="app-nav"></ul>
    </li>
  </ul>
  <h2>Online Store</h2>
  <ul><li><a href="/pages/returns?shop=${encodeURIComponent(shop)}" target="_blank" rel="noopener">Returns page</a></li></ul>
</nav>
<main>
  <h1 id="app-title">${escapeHtml(options.appName)}</h1>
  <iframe id="app-iframe" name="app-iframe" title="${escapeHtml(options.appName)}" src="${escapeHtml(src.toString())}"></iframe>
</main>
<div id="toasts" role="status" aria-live="polite"></div>
<script>
(function () {
  var config = ${config};
  var frame = document.getElementById("app-iframe");
  var nav = document.getElementById("app-nav");
  var title = document.getElementById("app-title");
  var toasts = document.getElementById("toasts");
  window.addEventListener("message", function (event) {
    if (event.origin !== config.appOrigin || !event.data || event.data.source !== "aftercare-standin") return;
    var data = event.data;
    if (data.type === "chrome") {
      // As in Shopify admin: the app's title bar title, or the app's name without one.
      title.textContent = data.title || ${JSON.stringify(options.appName).replace(/</g, "\\u003c")};
      nav.textContent = "";
      (data.nav || []).filter(function (item) { return !item.home; }).forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.textContent = item.label;
        a.href = config.base + (item.href.replace(/^\\/app/, "") || "");
        a.addEventListener("click", function (click) {
          click.preventDefault();
          frame.contentWindow.postMessage({ source: "aftercare-admin", type: "navigate", href: item.href }, config.appOrigin);
        });
        li.appendChild(a);
        nav.appendChild(li);
      });
    } else if (data.type === "toast") {
      var toast = document.createElement("div");
      toast.textContent = data.message;
      toast.id = data.id;
      if (data.isError) toast.className = "error";
      toasts.appendChild(toast);
      setTimeout(function () { toast.remove(); }, 5000);
    } else if (data.type === "toast-hide") {
      var existing = document.getElementById(data.id);
      if (existing) existing.remove();
    }
  });
})();
</script>
</body>
</html>`;
}
