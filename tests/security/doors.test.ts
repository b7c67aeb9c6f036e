/**
 * Every door refuses what Shopify did not send: app proxy requests with bad, stale or tampered
 * signatures; portal tokens forged, expired, of another shop or with swapped claims; customer
 * account session tokens forged, stale, for another app or another shop; admin session tokens
 * forged or stale; webhooks with any signature but the right one; photo links
 * not signed for the shop; inbound email not signed with our secret, or addressed with a reply
 * token made for another ticket. Each refusal is a 4xx (or the admin's bounce) and leaves the
 * database exactly as it was.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { upsertShopOnInstall } from "~/shops/shops.server";
import { DEFAULT_POLICY } from "~/policy/schemas";
import { savePhoto, signedPhotoUrl } from "~/portal/photos.server";
import { createReturnCase, createTestTicket, uniqueShop } from "../support/factories";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { customerAccountRequest, customerAccountToken, type CustomerAccountRequestOptions } from "../support/customer-account";
import { ticketReplyLocalPart } from "~/email/address";
import { composeEmail, INBOUND_DOMAIN, INBOUND_SECRET, inboundRequest, shopAddress } from "../support/inbound-email";
import { admin, customerAccount, inboundEmail, photo, proxy, WEBHOOK_ROUTES } from "./routes";
import {
  API_SECRET_KEY,
  APP_URL,
  bearerRequest,
  checkThisFile,
  craftedProxy,
  forgedSessionTokens,
  numeric,
  portalToken,
  record,
  refusedWithoutTrace,
  send,
  signedProxy,
  storeForThisFile,
  webhookRequestWith,
  WEBHOOK_VARIANTS,
  type ProxyOptions,
  type Route,
} from "./support";

storeForThisFile();

const order1001 = FIXTURES.order1001;
const ORDER = numeric(order1001.id);
const SHOPS = [DEMO_SHOP, EU_SHOP];

type ProxyCase = { name: string; route: Route; path: string; options: () => ProxyOptions; params?: () => Record<string, string> };

let token = "";
let returnId = "";
let ticketId = "";

beforeAll(async () => {
  token = portalToken(DEMO_SHOP, order1001.id);
  returnId = (await createReturnCase(DEMO_SHOP, { orderId: order1001.id, status: "requested" })).id;
  const ticket = await createTestTicket(DEMO_SHOP, { orderId: order1001.id, firstMessage: { authorType: "customer", visibility: "public", body: "Hello" } });
  ticketId = ticket.id;
});

const photoForm = () => {
  const form = new FormData();
  form.set("file", new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], "a.jpg", { type: "image/jpeg" }));
  return form;
};

/** Every proxy route with a request that would succeed if its signature and token were good. */
const PROXY_CASES: ProxyCase[] = [
  { name: "POST /lookup", route: proxy.lookup, path: "/lookup", options: () => ({ shop: DEMO_SHOP, body: { orderNumber: "#1001", email: order1001.email } }) },
  { name: "GET /orders", route: proxy.orders, path: "/orders", options: () => ({ shop: DEMO_SHOP, customerId: numeric(FIXTURES.ava.id) }) },
  { name: "GET /orders/:id/eligibility", route: proxy.eligibility, path: `/orders/${ORDER}/eligibility`, options: () => ({ shop: DEMO_SHOP, token }), params: () => ({ orderId: ORDER }) },
  { name: "GET /orders/:id/tickets", route: proxy.orderTickets, path: `/orders/${ORDER}/tickets`, options: () => ({ shop: DEMO_SHOP, token }), params: () => ({ orderId: ORDER }) },
  { name: "GET /orders/:id/returns", route: proxy.orderReturns, path: `/orders/${ORDER}/returns`, options: () => ({ shop: DEMO_SHOP, token }), params: () => ({ orderId: ORDER }) },
  {
    name: "POST /quote",
    route: proxy.quote,
    path: "/quote",
    options: () => ({ shop: DEMO_SHOP, token, body: { orderId: order1001.id, resolution: "refund", lines: [{ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind" }] } }),
  },
  {
    name: "POST /returns",
    route: proxy.returns,
    path: "/returns",
    options: () => ({
      shop: DEMO_SHOP,
      token,
      body: { orderId: order1001.id, resolution: "refund", clientKey: `ck_doors_${Math.random().toString(36).slice(2, 10)}`, lines: [{ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind" }] },
    }),
  },
  { name: "GET /returns/:id", route: proxy.status, path: "/returns/x", options: () => ({ shop: DEMO_SHOP, token }), params: () => ({ returnId }) },
  { name: "POST /photos", route: proxy.photos, path: "/photos", options: () => ({ shop: DEMO_SHOP, token, rawBody: photoForm(), contentType: null }) },
  { name: "POST /tickets", route: proxy.tickets, path: "/tickets", options: () => ({ shop: DEMO_SHOP, token, body: { kind: "question", subject: "Hi", message: "Where is it?", orderId: order1001.id } }) },
  { name: "POST /tickets/:id/messages", route: proxy.reply, path: "/tickets/x/messages", options: () => ({ shop: DEMO_SHOP, token, body: { message: "Anyone?" } }), params: () => ({ ticketId }) },
  { name: "POST /tickets/:id/rating", route: proxy.rating, path: "/tickets/x/rating", options: () => ({ shop: DEMO_SHOP, token, body: { score: 5 } }), params: () => ({ ticketId }) },
];

const now = () => Math.trunc(Date.now() / 1000);

/** What an attacker without the app's secret can send in place of Shopify's signature. */
const SIGNATURE_ATTACKS: { name: string; craft: () => Parameters<typeof craftedProxy>[2] }[] = [
  { name: "no signature at all", craft: () => ({ unsigned: true }) },
  { name: "signed with another secret", craft: () => ({ secret: "not-the-app-secret" }) },
  { name: "a signature replayed 10 minutes later", craft: () => ({ timestamp: now() - 600 }) },
  { name: "a timestamp 10 minutes ahead", craft: () => ({ timestamp: now() + 600 }) },
  { name: "signed-in customer changed after signing", craft: () => ({ tamper: (url) => url.searchParams.set("logged_in_customer_id", numeric(FIXTURES.noah.id)) }) },
  { name: "shop changed after signing", craft: () => ({ tamper: (url) => url.searchParams.set("shop", EU_SHOP) }) },
  { name: "signature truncated", craft: () => ({ tamper: (url) => url.searchParams.set("signature", (url.searchParams.get("signature") ?? "").slice(0, 32)) }) },
  {
    name: "signature in base64 instead of hex",
    craft: () => ({ tamper: (url) => url.searchParams.set("signature", Buffer.from(url.searchParams.get("signature") ?? "", "hex").toString("base64")) }),
  },
  { name: "timestamp removed after signing", craft: () => ({ tamper: (url) => url.searchParams.delete("timestamp") }) },
];

describe("the app proxy door", () => {
  it.each(PROXY_CASES)("refuses $name with 401 for every signature Shopify did not make, and writes nothing", async ({ name, route, path, options, params }) => {
    for (const attack of SIGNATURE_ATTACKS) {
      const response = await refusedWithoutTrace(`${name} / ${attack.name}`, SHOPS, route, craftedProxy(path, options(), attack.craft()), params?.() ?? {});
      expect(response.status, attack.name).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("signs exactly as Shopify does: the same request with a good signature is answered", async () => {
    // (Otherwise every refusal above would prove nothing.)
    const good = PROXY_CASES.find((c) => c.name === "GET /orders/:id/eligibility");
    if (!good) throw new Error("eligibility case missing");
    const response = await send("a correctly signed proxy request", "accept", good.route, craftedProxy(good.path, good.options()), good.params?.() ?? {});
    expect(response.status).toBe(200);
    const shopifys = await signedProxy(good.path, good.options());
    const ours = craftedProxy(good.path, good.options(), { timestamp: Number(new URL(shopifys.url).searchParams.get("timestamp")) });
    expect(new URL(ours.url).searchParams.get("signature")).toBe(new URL(shopifys.url).searchParams.get("signature"));
  });
});

/** Portal tokens a guest could make or keep: every one is as good as none. */
const TOKEN_ATTACKS: { name: string; token: () => string }[] = [
  { name: "signed with another secret", token: () => portalToken(DEMO_SHOP, order1001.id, { secret: "not-the-app-secret" }) },
  { name: "expired (issued 31 minutes ago)", token: () => portalToken(DEMO_SHOP, order1001.id, { now: new Date(Date.now() - 31 * 60_000) }) },
  { name: "another shop's token for the same order id", token: () => portalToken(EU_SHOP, order1001.id) },
  {
    name: "claims swapped under a real signature",
    token: () => {
      const [version, , signature] = portalToken(DEMO_SHOP, FIXTURES.order1003.id).split(".");
      const claims = Buffer.from(JSON.stringify({ shop: DEMO_SHOP, orderId: order1001.id, customerId: null, iat: now(), exp: now() + 1800 })).toString("base64url");
      return `${version}.${claims}.${signature}`;
    },
  },
  { name: "not a token", token: () => "v1.e30.AAAA" },
];

describe("the portal token", () => {
  const tokenRoutes = PROXY_CASES.filter((c) => c.options().token !== undefined);

  it.each(tokenRoutes)("refuses $name for every token the app did not issue for this order and shop, and writes nothing", async ({ name, route, path, options, params }) => {
    for (const attack of TOKEN_ATTACKS) {
      const request = craftedProxy(path, { ...options(), token: attack.token() });
      const response = await refusedWithoutTrace(`${name} / token ${attack.name}`, SHOPS, route, request, params?.() ?? {});
      expect(response.status, attack.name).toBe(401);
    }
  });
});

// ── customer accounts ─────────────────────────────────────────────────────────────────

type CustomerAccountCase = { name: string; route: Route; path: string; init?: () => CustomerAccountRequestOptions; params?: () => Record<string, string> };

/** Every customer-accounts route with a request that would succeed for Ava with a good token. */
const CUSTOMER_ACCOUNT_CASES: CustomerAccountCase[] = [
  { name: "GET /orders", route: customerAccount.orders, path: "/orders" },
  { name: "GET /orders/:id/eligibility", route: customerAccount.eligibility, path: `/orders/${ORDER}/eligibility`, params: () => ({ orderId: ORDER }) },
  { name: "GET /orders/:id/tickets", route: customerAccount.orderTickets, path: `/orders/${ORDER}/tickets`, params: () => ({ orderId: ORDER }) },
  { name: "GET /orders/:id/returns", route: customerAccount.orderReturns, path: `/orders/${ORDER}/returns`, params: () => ({ orderId: ORDER }) },
  {
    name: "POST /quote",
    route: customerAccount.quote,
    path: "/quote",
    init: () => ({ body: { orderId: order1001.id, resolution: "refund", lines: [{ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind" }] } }),
  },
  {
    name: "POST /returns",
    route: customerAccount.returns,
    path: "/returns",
    init: () => ({
      body: { orderId: order1001.id, resolution: "refund", clientKey: `ck_ca_${Math.random().toString(36).slice(2, 10)}`, lines: [{ lineItemId: order1001.mug.lineItemId, quantity: 1, reasonCode: "changed_mind" }] },
    }),
  },
  { name: "GET /returns/:id", route: customerAccount.status, path: "/returns/x", params: () => ({ returnId }) },
  { name: "POST /photos", route: customerAccount.photos, path: "/photos", init: () => ({ rawBody: photoForm(), contentType: null }) },
  { name: "POST /tickets", route: customerAccount.tickets, path: "/tickets", init: () => ({ body: { kind: "question", subject: "Hi", message: "Where is it?", orderId: order1001.id } }) },
  { name: "POST /tickets/:id/messages", route: customerAccount.reply, path: "/tickets/x/messages", init: () => ({ body: { message: "Anyone?" } }), params: () => ({ ticketId }) },
  { name: "POST /tickets/:id/rating", route: customerAccount.rating, path: "/tickets/x/rating", init: () => ({ body: { score: 5 } }), params: () => ({ ticketId }) },
];

/** Session tokens the extension of another app, another shop or an attacker could send. */
async function forgedCustomerTokens(): Promise<{ name: string; token: string | null }[]> {
  const ava = { shop: DEMO_SHOP, customerId: FIXTURES.ava.id };
  const real = await customerAccountToken(ava);
  const [head, , signature] = real.split(".");
  const swapped = Buffer.from(JSON.stringify({ iss: DEMO_SHOP, dest: DEMO_SHOP, aud: "testApiKey", sub: FIXTURES.noah.id, exp: now() + 300, nbf: now(), iat: now() })).toString("base64url");
  return [
    { name: "no Authorization header", token: null },
    { name: "signed with another secret", token: await customerAccountToken({ ...ava, secret: "not-the-app-secret" }) },
    { name: "expired a minute ago", token: await customerAccountToken({ ...ava, expiresIn: -60 }) },
    { name: "not valid before next hour", token: await customerAccountToken({ ...ava, notBefore: 3600, expiresIn: 7200 }) },
    { name: "for another app (aud)", token: await customerAccountToken({ ...ava, apiKey: "someOtherApiKey" }) },
    { name: "of a shop without the app", token: await customerAccountToken({ ...ava, shop: uniqueShop("sec-ca") }) },
    { name: "without a customer", token: await customerAccountToken({ ...ava, customerId: null }) },
    { name: "customer swapped under a real signature", token: `${head}.${swapped}.${signature}` },
    { name: 'alg "none", no signature', token: `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${swapped}.` },
    { name: "not a JWT", token: "definitely-not-a-jwt" },
  ];
}

describe("the customer-accounts door", () => {
  it.each(CUSTOMER_ACCOUNT_CASES)("refuses $name with 401 for every session token Shopify did not sign for this app and customer, and writes nothing", async ({ name, route, path, init, params }) => {
    for (const { name: tokenName, token: forged } of await forgedCustomerTokens()) {
      const request = customerAccountRequest(path, { ...init?.(), token: forged });
      const response = await refusedWithoutTrace(`customer-account ${name} / ${tokenName}`, SHOPS, route, request, params?.() ?? {});
      expect(response.status, tokenName).toBe(401);
      expect(response.headers.get("Access-Control-Allow-Origin"), tokenName).toBe("*");
    }
  });

  it("answers the same request with Shopify's token for Ava (the refusals above are about the token alone)", async () => {
    const good = CUSTOMER_ACCOUNT_CASES.find((c) => c.name === "GET /orders/:id/eligibility");
    if (!good) throw new Error("eligibility case missing");
    const request = customerAccountRequest(good.path, { token: await customerAccountToken({ shop: DEMO_SHOP, customerId: FIXTURES.ava.id }) });
    const response = await send("customer-account with a good token", "accept", good.route, request, good.params?.() ?? {});
    expect(response.status).toBe(200);
  });
});

// ── the admin ─────────────────────────────────────────────────────────────────────────

const adminShop = uniqueShop("sec-admin");
type AdminCase = { name: string; route: Route; path: string; init?: Parameters<typeof bearerRequest>[2]; params?: () => Record<string, string> };
let adminReturnId = "";
let adminTicketId = "";

const ADMIN_CASES: AdminCase[] = [
  { name: "GET /app (layout)", route: admin.layout, path: "/app" },
  { name: "GET /app (dashboard)", route: admin.dashboard, path: "/app" },
  { name: "GET /app/returns", route: admin.queue, path: "/app/returns" },
  { name: "POST /app/returns (bulk approve)", route: admin.queueAction, path: "/app/returns", init: { form: { intent: "bulk_approve", ids: "x" } } },
  { name: "GET /app/returns/:id", route: admin.returnPage, path: "/app/returns/x", params: () => ({ id: adminReturnId }) },
  { name: "POST /app/returns/:id (approve)", route: admin.returnAction, path: "/app/returns/x", init: { json: { intent: "approve" } }, params: () => ({ id: adminReturnId }) },
  { name: "POST /app/returns/:id (refund)", route: admin.returnAction, path: "/app/returns/x", init: { json: { intent: "refund" } }, params: () => ({ id: adminReturnId }) },
  { name: "GET /app/tickets", route: admin.inbox, path: "/app/tickets" },
  { name: "GET /app/tickets/:id", route: admin.ticketPage, path: "/app/tickets/x", params: () => ({ id: adminTicketId }) },
  { name: "POST /app/tickets/:id (reply)", route: admin.ticketAction, path: "/app/tickets/x", init: { json: { intent: "reply", body: "Hi", visibility: "public" } }, params: () => ({ id: adminTicketId }) },
  { name: "POST /app/tickets (availability)", route: admin.inboxAction, path: "/app/tickets", init: { form: { intent: "set_availability", available: "true" } } },
  { name: "POST /app/tickets/:id (apply macro)", route: admin.ticketAction, path: "/app/tickets/x", init: { json: { intent: "apply_macro", macroId: "x", body: "Hi" } }, params: () => ({ id: adminTicketId }) },
  { name: "POST /app/tickets/:id (merge)", route: admin.ticketAction, path: "/app/tickets/x", init: { json: { intent: "merge", targetId: "x" } }, params: () => ({ id: adminTicketId }) },
  { name: "GET /app/macros", route: admin.macros, path: "/app/macros" },
  { name: "POST /app/macros (create)", route: admin.macrosAction, path: "/app/macros", init: { json: { intent: "create", name: "X", body: "Hi" } } },
  { name: "GET /app/helpdesk", route: admin.helpdesk, path: "/app/helpdesk" },
  { name: "POST /app/helpdesk (save SLA)", route: admin.helpdeskAction, path: "/app/helpdesk", init: { json: { intent: "save_sla", settings: {} } } },
  { name: "GET /app/customers/:id", route: admin.customer, path: "/app/customers/7", params: () => ({ id: "7" }) },
  { name: "GET /app/settings", route: admin.settings, path: "/app/settings" },
  { name: "GET /app/exports/tickets", route: admin.exportTickets, path: "/app/exports/tickets?from=2026-01-01&to=2026-12-31" },
  { name: "GET /app/exports/returns", route: admin.exportReturns, path: "/app/exports/returns?from=2026-01-01&to=2026-12-31" },
  { name: "GET /app/exports/money", route: admin.exportMoney, path: "/app/exports/money?from=2026-01-01&to=2026-12-31" },
  { name: "POST /app/settings (save policy)", route: admin.settingsAction, path: "/app/settings", init: { json: { intent: "save_policy", policy: DEFAULT_POLICY } } },
];

describe("the admin door", () => {
  let tokens: { name: string; token: string | null }[] = [];
  beforeAll(async () => {
    tokens = await forgedSessionTokens(adminShop);
    adminReturnId = (await createReturnCase(adminShop, { status: "requested" })).id;
    adminTicketId = (await createTestTicket(adminShop)).id;
  });

  it.each(ADMIN_CASES)("refuses $name for every forged or stale session token, and writes nothing", async ({ name, route, path, init, params }) => {
    for (const { name: tokenName, token: forged } of tokens) {
      const request = bearerRequest(path, forged, init);
      const response = await refusedWithoutTrace(`${name} / ${tokenName}`, [adminShop], route, request, params?.() ?? {}, { redirectIsRefusal: true });
      if (response.status >= 300 && response.status < 400) expect(response.headers.get("Location") ?? "", tokenName).not.toMatch(/^\/app/);
    }
  });
});

// ── webhooks ──────────────────────────────────────────────────────────────────────────

describe("the webhook door", () => {
  it.each(WEBHOOK_ROUTES)("refuses /webhooks/$topic with any signature but Shopify's over these bytes, and stores nothing", async ({ topic, route, payload }) => {
    const shop = uniqueShop("sec-wh");
    const body = JSON.stringify(payload(shop));
    for (const variant of WEBHOOK_VARIANTS) {
      const signed = variant.build(body);
      const response = await refusedWithoutTrace(`/webhooks/${topic} / ${variant.name}`, [shop], route, webhookRequestWith(topic, shop, signed.body, signed.hmac));
      expect([400, 401], variant.name).toContain(response.status);
    }
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("takes the same webhook signed by Shopify (the refusals above are about the signature alone)", async () => {
    // GIVEN a shop the app knows (the door drops webhooks for shops it has never installed on)
    const shop = uniqueShop("sec-wh-ok");
    await upsertShopOnInstall(shop);
    const body = JSON.stringify({ id: 954889 });
    const response = await send("a correctly signed webhook", "accept", appUninstalledRoute(), webhookRequestWith("app/uninstalled", shop, body, getHmac(body, API_SECRET_KEY)));
    expect(response.status).toBe(200);
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(1);
  });
});

// ── inbound email ─────────────────────────────────────────────────────────────────────

describe("the inbound email door", () => {
  it("refuses email with any signature but ours over these bytes, or to a reply token made for another ticket, and stores nothing", async () => {
    // GIVEN two shops, a ticket in the first, and the inbound secret and domain set
    vi.stubEnv("INBOUND_EMAIL_SECRET", INBOUND_SECRET);
    vi.stubEnv("INBOUND_EMAIL_DOMAIN", INBOUND_DOMAIN);
    const shop = uniqueShop("sec-mail");
    const other = uniqueShop("sec-mail-other");
    await upsertShopOnInstall(shop);
    await upsertShopOnInstall(other);
    const ticket = await createTestTicket(shop);
    const otherTicket = await createTestTicket(other);
    const otherMac = (ticketReplyLocalPart(otherTicket.id) ?? "").split(".")[1] ?? "";
    const raw = await composeEmail({ from: "ava@example.com", to: shopAddress(shop), messageId: "<sec-mail@example.com>", text: "Refund me twice" });
    const tampered = Buffer.from(raw.toString("utf8").replace("Refund me twice", "Refund me thrice"));
    const variants: { name: string; request: Request }[] = [
      { name: "no signature", request: inboundRequest(raw, { signature: null }) },
      { name: "signed with another secret", request: inboundRequest(raw, { secret: API_SECRET_KEY }) },
      { name: "body changed after signing", request: new Request(inboundRequest(raw).url, { method: "POST", headers: inboundRequest(raw).headers, body: tampered }) },
      { name: "signature in base64 instead of hex", request: inboundRequest(raw, { signature: `sha256=${Buffer.alloc(32).toString("base64")}` }) },
      {
        name: "our signature, another ticket's mac on this ticket's id",
        request: inboundRequest(await composeEmail({ from: "m@example.com", to: `reply+${ticket.id}.${otherMac}@${INBOUND_DOMAIN}`, messageId: "<sec-mail-2@example.com>" })),
      },
    ];
    // WHEN each is posted  THEN each is a 4xx and neither shop's rows changed
    for (const variant of variants) await refusedWithoutTrace(`POST /inbound/email / ${variant.name}`, [shop, other], inboundEmail, variant.request);
    // AND the same email signed with our secret is taken (the refusals were about the signature alone)
    const taken = await send("POST /inbound/email / signed", "accept", inboundEmail, inboundRequest(raw));
    expect(taken.status).toBe(201);
  });
});

// ── photo links ───────────────────────────────────────────────────────────────────────

describe("photo links", () => {
  it("shows a photo only through an unexpired link signed for its own shop", async () => {
    // GIVEN a photo of the demo shop and its signed link
    const { photoId } = await savePhoto(DEMO_SHOP, { type: "image/jpeg", size: 6, arrayBuffer: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).buffer }, { orderId: null, customerId: null });
    const good = new URL(signedPhotoUrl(DEMO_SHOP, photoId, new Date()), APP_URL);
    const attempts: { name: string; url: URL; status: number[] }[] = [
      { name: "signature changed", url: withParam(good, "signature", "A".repeat(43)), status: [403] },
      { name: "expiry pushed back after signing", url: withParam(good, "expires", String(Date.now() + 10 * 86_400_000)), status: [403] },
      { name: "expired an hour ago", url: new URL(signedPhotoUrl(DEMO_SHOP, photoId, new Date(Date.now() - 2 * 3_600_000)), APP_URL), status: [403] },
      { name: "another shop's valid link for this photo id", url: new URL(signedPhotoUrl(EU_SHOP, photoId, new Date()), APP_URL), status: [404] },
      { name: "link signed with another secret", url: new URL(signedPhotoUrl(DEMO_SHOP, photoId, new Date(), "not-the-app-secret"), APP_URL), status: [403] },
      { name: "path traversal in the id", url: new URL(signedPhotoUrl(DEMO_SHOP, "../../etc/passwd", new Date()), APP_URL), status: [404] },
    ];
    for (const attempt of attempts) {
      const id = decodeURIComponent(attempt.url.pathname.split("/").pop() ?? "");
      const response = await photo({ request: new Request(attempt.url), params: { photoId: id }, context: {} });
      if (!(response instanceof Response)) throw new Error("the photo route answers a Response");
      record(`GET /photos/:id / ${attempt.name}`, "reject", response.status);
      expect(attempt.status, attempt.name).toContain(response.status);
    }
    // AND the good link shows it
    const shown = await photo({ request: new Request(good), params: { photoId }, context: {} });
    if (!(shown instanceof Response)) throw new Error("the photo route answers a Response");
    record("GET /photos/:id / good link", "accept", shown.status);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

function appUninstalledRoute(): Route {
  const found = WEBHOOK_ROUTES.find((w) => w.topic === "app/uninstalled");
  if (!found) throw new Error("app/uninstalled route missing");
  return found.route;
}

function withParam(url: URL, key: string, value: string): URL {
  const copy = new URL(url);
  copy.searchParams.set(key, value);
  return copy;
}

checkThisFile(import.meta.url);
