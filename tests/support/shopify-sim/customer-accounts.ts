/**
 * Customer accounts, simulated: a signed-in customer's order pages with Aftercare's customer account
 * UI extension (extensions/customer-account-returns) in them, as Shopify would place it.
 *
 *   GET /customer-accounts/orders                          order index: each order's "Start a return"
 *   GET /customer-accounts/orders/<id>                     order status: the action menu item, its modal, the block
 *   GET /customer-accounts/orders/<id>/pages/<handle>      a full-page extension tied to the order
 *   GET /customer-accounts/frame?target=…&order=…          one target's sandbox (an iframe per target)
 *   GET /customer-accounts/extension/<Module>.js           the target's module, built as the CLI would
 *   GET /customer-accounts/standin.js                      `shopify` + the Polaris web components
 *   GET /customer-accounts/session-token                   a fresh customer session token
 *
 * `?locale=fr|de|es` shows a page in another language. Sign in first (`/account/login?customer_id=…
 * &return_to=/customer-accounts/orders/<id>`); a customer only sees their own orders.
 *
 * Session tokens are what Shopify issues to customer account extensions: HS256 with the app's API
 * secret, `iss` and `dest` the shop, `aud` the API key, `sub` the customer's GID, 5 minutes.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildCustomerAccountExtension, caTargets } from "../../../scripts/build-extension.mjs";
import { display } from "./money";
import { signSessionToken } from "./oauth";
import { escapeHtml } from "./storefront";
import { legacyId, type CustomerRecord, type OrderRecord, type Store } from "./store";

export const CUSTOMER_ACCOUNTS_PATH = "/customer-accounts";
const LOCALES = ["en", "fr", "de", "es"] as const;
const EXTENSION = "customer-account-returns";
const TOKEN_TTL_SECONDS = 300;

export interface CustomerAccountsOptions {
  store: Store;
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  extensionsDir: string;
  now: () => number;
  shopFrom: (request: Request, url: URL) => string;
  signedInCustomer: (request: Request, shop: string) => CustomerRecord | null;
}

/** A customer account extension session token, as Shopify signs it. */
export function customerSessionToken(shop: string, customerId: string, creds: { apiKey: string; apiSecret: string }, nowMs: number): { token: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_TTL_SECONDS;
  const token = signSessionToken(
    { iss: `https://${shop}`, dest: `https://${shop}`, aud: creds.apiKey, sub: customerId, exp, nbf: iat, iat, jti: randomBytes(16).toString("hex"), sid: randomBytes(16).toString("hex") },
    creds.apiSecret,
  );
  return { token, exp };
}

let standin: string | null = null;
const bundles = new Map<string, Promise<Record<string, string>>>();

function page(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

/** Answers the customer-accounts routes; null for any other path. */
export async function handleCustomerAccounts(request: Request, url: URL, o: CustomerAccountsOptions): Promise<Response | null> {
  const path = url.pathname;
  if (path !== CUSTOMER_ACCOUNTS_PATH && !path.startsWith(`${CUSTOMER_ACCOUNTS_PATH}/`)) return null;
  if (request.method !== "GET") return new Response(null, { status: 405 });
  const sub = path.slice(CUSTOMER_ACCOUNTS_PATH.length);

  if (sub === "/standin.js") {
    standin ??= readFileSync(new URL("./customer-account-standin.browser.js", import.meta.url), "utf8");
    return new Response(standin, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" } });
  }
  const moduleMatch = /^\/extension\/([A-Za-z]+\.js)$/.exec(sub);
  if (moduleMatch) {
    // Built once per app URL, as `shopify app dev` would, with the app's address compiled in.
    let built = bundles.get(o.appUrl);
    if (!built) {
      built = buildCustomerAccountExtension({ appUrl: o.appUrl });
      bundles.set(o.appUrl, built);
    }
    const text = (await built)[moduleMatch[1]!];
    return text === undefined ? new Response("Not Found", { status: 404 }) : new Response(text, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" } });
  }

  const shop = o.shopFrom(request, url);
  const customer = o.signedInCustomer(request, shop);
  if (sub === "/session-token") {
    if (!customer) return json({ error: "Not signed in" }, 401);
    return json(customerSessionToken(shop, customer.id, o, o.now()));
  }
  if (!customer) {
    const back = `${path}${url.search}`;
    return new Response(null, { status: 302, headers: { Location: `/account/login?shop=${encodeURIComponent(shop)}&return_to=${encodeURIComponent(back)}` } });
  }
  const locale = LOCALES.find((l) => l === url.searchParams.get("locale")) ?? "en";
  const state = o.store.shopState(shop);
  const orders = state.orders.filter((order) => order.customerId === customer.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const findOrder = (id: string | null | undefined) => orders.find((order) => String(legacyId(order.id)) === id) ?? null;
  const ctx: PageContext = { shopName: state.shop.name, customer, locale, extensionName: extensionName(o.extensionsDir) };

  if (sub === "/frame") {
    const target = url.searchParams.get("target") ?? "";
    const module = targetModules(o.extensionsDir).get(target);
    const order = findOrder(url.searchParams.get("order"));
    if (!module || !order) return new Response("Not Found", { status: 404 });
    return page(frameDocument(o.extensionsDir, { target, module, order, locale, frameId: url.searchParams.get("frame") ?? "frame", title: ctx.extensionName }));
  }
  if (sub === "" || sub === "/" || sub === "/orders") return page(orderIndex(ctx, orders));
  const orderMatch = /^\/orders\/(\d+)(?:\/pages\/([a-z0-9-]+))?$/.exec(sub);
  const order = orderMatch ? findOrder(orderMatch[1]) : null;
  if (!orderMatch || !order) return page(shell(ctx, "Not found", `<h1>Order not found</h1><p><a href="${CUSTOMER_ACCOUNTS_PATH}/orders?locale=${locale}">Your orders</a></p>`), 404);
  const handle = orderMatch[2];
  if (handle) {
    const target = [...(caTargets()[handle] ?? [])].find((t) => t.target === "customer-account.order.page.render");
    if (!target) return page(shell(ctx, "Not found", "<h1>Page not found</h1>"), 404);
    return page(fullPage(ctx, order, handle));
  }
  return page(orderStatus(ctx, order));
}

interface PageContext {
  shopName: string;
  customer: CustomerRecord;
  locale: string;
  extensionName: string;
}

function extensionName(extensionsDir: string): string {
  const toml = join(extensionsDir, EXTENSION, "shopify.extension.toml");
  return existsSync(toml) ? (/^name = "([^"]+)"/m.exec(readFileSync(toml, "utf8"))?.[1] ?? "Returns") : "Returns";
}

/** target → module file the simulator serves (`Page.js`). */
function targetModules(_extensionsDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const targets of Object.values(caTargets())) for (const t of targets) out.set(t.target, t.module.replace(/^.*\//, "").replace(/\.tsx?$/, ".js"));
  return out;
}

function strings(extensionsDir: string, locale: string): Record<string, string> {
  const dir = join(extensionsDir, EXTENSION, "locales");
  const read = (file: string) => (existsSync(join(dir, file)) ? (JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, string>) : {});
  return { ...read("en.default.json"), ...(locale === "en" ? {} : read(`${locale}.json`)) };
}

const script = (data: unknown) => JSON.stringify(data).replace(/</g, "\\u003c");

function frameDocument(extensionsDir: string, f: { target: string; module: string; order: OrderRecord; locale: string; frameId: string; title: string }): string {
  const handle = Object.entries(caTargets()).find(([, targets]) => targets.some((t) => t.target === f.target))?.[0] ?? EXTENSION;
  const config = { target: f.target, handle, frameId: f.frameId, locale: f.locale, order: { id: f.order.id, name: f.order.name }, strings: strings(extensionsDir, f.locale) };
  return `<!doctype html>
<html lang="${escapeHtml(f.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(f.title)}</title>
<style>html,body{margin:0;background:transparent}body{padding:2px}</style>
<script type="application/json" id="shopify-config">${script(config)}</script>
<script src="${CUSTOMER_ACCOUNTS_PATH}/standin.js"></script>
<script type="module">
  const extension = await import(${script(`${CUSTOMER_ACCOUNTS_PATH}/extension/${f.module}`)});
  await extension.default();
</script>
</head>
<body></body>
</html>`;
}

const frameSrc = (target: string, order: OrderRecord, locale: string, frame: string) =>
  `${CUSTOMER_ACCOUNTS_PATH}/frame?target=${encodeURIComponent(target)}&order=${legacyId(order.id)}&locale=${locale}&frame=${frame}`;

function frame(id: string, title: string, target: string, order: OrderRecord, locale: string, height: number): string {
  return `<iframe id="${id}" name="${id}" class="ext" title="${escapeHtml(title)}" data-order="${legacyId(order.id)}" style="height:${height}px" src="${escapeHtml(frameSrc(target, order, locale, id))}"></iframe>`;
}

function shell(ctx: PageContext, title: string, main: string): string {
  const orders = `${CUSTOMER_ACCOUNTS_PATH}/orders?locale=${ctx.locale}`;
  return `<!doctype html>
<html lang="${escapeHtml(ctx.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(ctx.shopName)}</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f4f4f4; }
  header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 12px 16px; background: #fff; border-bottom: 1px solid #d4d4d4; }
  header strong { font-size: 17px; }
  header .badge { font-size: 12px; padding: 2px 8px; border-radius: 8px; background: #ffd6a4; color: #5e4200; }
  header nav { margin-left: auto; display: flex; gap: 12px; align-items: center; }
  a { color: #005bd3; }
  main { max-width: 960px; margin: 0 auto; padding: 16px; display: grid; gap: 16px; }
  h1 { font-size: 24px; margin: 0; }
  .card { background: #fff; border: 1px solid #d4d4d4; border-radius: 12px; padding: 16px; }
  .card h2 { font-size: 17px; margin: 0 0 12px; }
  .ext { display: block; width: 100%; border: 0; min-height: 48px; }
  ul.lines { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
  ul.lines li { display: flex; justify-content: space-between; gap: 12px; }
  .muted { color: #5c5c5c; }
  dialog { width: min(560px, calc(100vw - 24px)); border: 0; border-radius: 16px; padding: 0; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
  dialog::backdrop { background: rgba(0,0,0,.45); }
  dialog .bar { display: flex; justify-content: flex-end; padding: 8px 8px 0; }
  dialog .bar button { font: inherit; min-height: 44px; min-width: 44px; border: 1px solid #8a8a8a; border-radius: 10px; background: #fff; cursor: pointer; }
  #action-body { padding: 0 16px 16px; }
</style>
</head>
<body>
<header>
  <strong>${escapeHtml(ctx.shopName)}</strong><span class="badge">Customer account · simulated</span>
  <nav aria-label="Account"><a href="${orders}">Orders</a><span class="muted">${escapeHtml(`${ctx.customer.firstName} ${ctx.customer.lastName}`)}</span><a href="/account/logout">Sign out</a></nav>
</header>
<main>
${main}
</main>
${HOST_SCRIPT(ctx.locale)}
</body>
</html>`;
}

function orderLines(order: OrderRecord): string {
  return order.lineItems
    .map((l) => `<li><span>${escapeHtml(l.variantTitle ? `${l.title} — ${l.variantTitle}` : l.title)} × ${l.quantity}</span><span>${escapeHtml(display((l.unitPriceMinor - l.unitDiscountMinor) * l.quantity, order.currencyCode))}</span></li>`)
    .join("");
}

function orderIndex(ctx: PageContext, orders: OrderRecord[]): string {
  const cards = orders
    .slice(0, 10)
    .map(
      (order) => `<section class="card" aria-labelledby="o${legacyId(order.id)}">
  <h2 id="o${legacyId(order.id)}"><a href="${CUSTOMER_ACCOUNTS_PATH}/orders/${legacyId(order.id)}?locale=${ctx.locale}">Order ${escapeHtml(order.name)}</a></h2>
  <p class="muted">${escapeHtml(new Date(order.createdAt).toDateString())}</p>
  ${frame(`menu-${legacyId(order.id)}`, `${ctx.extensionName}: order ${order.name} actions`, "customer-account.order.action.menu-item.render", order, ctx.locale, 52)}
</section>`,
    )
    .join("\n");
  return shell(ctx, "Orders", `<h1>Orders</h1>\n${cards || "<p>No orders yet.</p>"}\n${dialog(ctx)}`);
}

function orderStatus(ctx: PageContext, order: OrderRecord): string {
  const delivered = order.fulfillments.some((f) => f.deliveredAt);
  return shell(
    ctx,
    `Order ${order.name}`,
    `<h1>Order ${escapeHtml(order.name)}</h1>
<section class="card" aria-label="Order actions">
  ${frame("menu", `${ctx.extensionName}: order actions`, "customer-account.order.action.menu-item.render", order, ctx.locale, 52)}
</section>
<section class="card" aria-labelledby="summary">
  <h2 id="summary">Order summary</h2>
  <p class="muted">${delivered ? "Delivered" : order.fulfillments.length ? "Shipped" : "Confirmed"}</p>
  <ul class="lines">${orderLines(order)}</ul>
</section>
${frame("block", `${ctx.extensionName}: returns and questions`, "customer-account.order-status.block.render", order, ctx.locale, 200)}
${dialog(ctx)}`,
  );
}

function fullPage(ctx: PageContext, order: OrderRecord, handle: string): string {
  const name = caTargets()[handle] ? handle : EXTENSION;
  return shell(
    ctx,
    `Order ${order.name}`,
    `<p><a href="${CUSTOMER_ACCOUNTS_PATH}/orders/${legacyId(order.id)}?locale=${ctx.locale}">Order ${escapeHtml(order.name)}</a></p>
${frame("page", `${ctx.extensionName}: ${name}`, "customer-account.order.page.render", order, ctx.locale, 400)}`,
  );
}

function dialog(ctx: PageContext): string {
  return `<dialog id="action" aria-label="${escapeHtml(ctx.extensionName)}"><div class="bar"><button type="button" id="action-close" aria-label="Close">✕</button></div><div id="action-body"></div></dialog>`;
}

/** The page around the frames: sizes them, opens the action modal, and follows Shopify's link protocols. */
const HOST_SCRIPT = (locale: string) => `<script>
(function () {
  var base = ${script(CUSTOMER_ACCOUNTS_PATH)};
  var locale = ${script(locale)};
  var dialog = document.getElementById("action");
  var opener = null;
  function orderOf(frameId) {
    var el = document.getElementById(frameId) || (dialog && dialog.querySelector("iframe"));
    return el ? el.getAttribute("data-order") : "";
  }
  function close() {
    if (!dialog || !dialog.open) return;
    dialog.close();
  }
  if (dialog) {
    document.getElementById("action-close").addEventListener("click", close);
    dialog.addEventListener("close", function () {
      document.getElementById("action-body").textContent = "";
      if (opener) opener.focus();
    });
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || !event.data || event.data.source !== "aftercare-customer-accounts") return;
    var data = event.data;
    var el = document.getElementById(data.frame);
    if (data.type === "resize" && el) el.style.height = Math.max(40, Math.ceil(data.height)) + "px";
    else if (data.type === "open-action" && el && dialog) {
      opener = el;
      var order = el.getAttribute("data-order");
      var frame = document.createElement("iframe");
      frame.id = "action-frame";
      frame.name = "action-frame";
      frame.className = "ext";
      frame.title = ${script("Start a return")};
      frame.setAttribute("data-order", order);
      frame.src = base + "/frame?target=customer-account.order.action.render&order=" + order + "&locale=" + locale + "&frame=action-frame";
      document.getElementById("action-body").appendChild(frame);
      dialog.showModal();
      frame.addEventListener("load", function () { frame.focus(); });
    } else if (data.type === "close") close();
    else if (data.type === "navigate") {
      var url = String(data.url);
      var order = orderOf(data.frame);
      var ext = /^extension:(?:\\/\\/)?([a-z0-9-]+)/.exec(url);
      var host = /^shopify:customer-account\\/orders(?:\\/(\\d+))?/.exec(url);
      if (ext) location.href = base + "/orders/" + order + "/pages/" + ext[1] + "?locale=" + locale;
      else if (host) location.href = base + "/orders" + (host[1] ? "/" + host[1] : "") + "?locale=" + locale;
    }
  });
})();
</script>`;
