/**
 * The doors' limits: bodies too large (declared or streamed without a length), bodies that are
 * not the JSON the route reads, a lookup guesser rotating X-Forwarded-For, and webhooks for a
 * shop the app has never known. Each is refused with a 4xx and leaves nothing behind.
 */
import { describe, expect, it } from "vitest";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { PHOTO_MAX_BYTES } from "~/returns/portal-contract";
import { adminRequest, newShop } from "../routes/app.support";
import { createReturnCase, createTestTicket, uniqueShop } from "../support/factories";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { admin, proxy, WEBHOOK_ROUTES } from "./routes";
import {
  API_SECRET_KEY,
  changes,
  checkThisFile,
  portalToken,
  proxyRequest,
  refusedWithoutTrace,
  send,
  signedProxy,
  snapshot,
  storeForThisFile,
  webhookRequestWith,
  type Route,
} from "./support";


storeForThisFile();

const order1001 = FIXTURES.order1001;
const SHOPS = [DEMO_SHOP, EU_SHOP];
const MB = 1024 * 1024;

/** A body streamed in 64 KB chunks with no Content-Length; `pulled()` says how much the server read. */
function streamedBody(totalBytes: number, fill: (offset: number) => Uint8Array = () => new Uint8Array(64 * 1024).fill(0x20)) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = fill(sent);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

/** The signed proxy request with its body replaced by a stream (Shopify forwards chunked bodies as they come). */
async function streamedProxy(path: string, stream: ReadableStream<Uint8Array>, contentType: string): Promise<Request> {
  const signed = await signedProxy(path, { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), contentType, rawBody: "" });
  const init: RequestInit & { duplex: "half" } = { method: "POST", headers: signed.headers, body: stream, duplex: "half" };
  return new Request(signed.url, init);
}

const JSON_ROUTES: { name: string; route: Route; path: string; params?: Record<string, string> }[] = [
  { name: "POST /lookup", route: proxy.lookup, path: "/lookup" },
  { name: "POST /quote", route: proxy.quote, path: "/quote" },
  { name: "POST /returns", route: proxy.returns, path: "/returns" },
  { name: "POST /tickets", route: proxy.tickets, path: "/tickets" },
  { name: "POST /tickets/:id/messages", route: proxy.reply, path: "/tickets/x/messages", params: { ticketId: "x" } },
  { name: "POST /tickets/:id/rating", route: proxy.rating, path: "/tickets/x/rating", params: { ticketId: "x" } },
];

describe("bodies too large", () => {
  // Being fixed: today the proxy reads the whole body, then answers 400 or 422.
  it("are refused with 413 on every JSON route, declared or streamed, without reading them to the end", async () => {
    const ticket = await createTestTicket(DEMO_SHOP, { orderId: order1001.id });
    for (const { name, route, path, params } of JSON_ROUTES) {
      const ids: Record<string, string> = params ? { ticketId: ticket.id } : {};
      // a 3 MB JSON body with its length declared
      const declared = await signedProxy(path, { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), body: { kind: "question", subject: "Big", message: "x".repeat(3 * MB), orderId: order1001.id } });
      const big = await refusedWithoutTrace(`${name} with a declared 3 MB body`, SHOPS, route, declared, ids);
      expect(big.status, name).toBe(413);
      // an 8 MB body streamed without a length
      const body = streamedBody(8 * MB);
      const chunked = await refusedWithoutTrace(`${name} with a streamed 8 MB body`, SHOPS, route, await streamedProxy(path, body.stream, "application/json"), ids);
      expect(chunked.status, name).toBe(413);
      expect(body.pulled(), `${name} read the streamed body`).toBeLessThanOrEqual(4 * MB);
    }
  });

  // Being fixed: a photo streamed without a length is read to the end before its size is checked.
  it("stops reading a photo streamed without a length once it is over the photo limit", async () => {
    const boundary = "----sec";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const body = streamedBody(PHOTO_MAX_BYTES * 3, (offset) => (offset === 0 ? head : new Uint8Array(64 * 1024).fill(0xff)));
    const response = await refusedWithoutTrace("POST /photos streamed 15 MB", SHOPS, proxy.photos, await streamedProxy("/photos", body.stream, `multipart/form-data; boundary=${boundary}`));
    expect([400, 413, 422]).toContain(response.status);
    expect(body.pulled(), "bytes read").toBeLessThanOrEqual(PHOTO_MAX_BYTES + MB);
  });
});

describe("bodies that are not what the route reads", () => {
  const question = JSON.stringify({ kind: "question", subject: "Hi", message: "Hello", orderId: order1001.id });

  // Not being fixed yet (reported): the proxy parses any body as JSON whatever its type, so a
  // cross-site form (text/plain, no preflight) can post JSON to the storefront's proxy path.
  it("are refused on the proxy with 415 unless they say application/json", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const request = await signedProxy("/tickets", { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), rawBody: question, contentType });
      const response = await refusedWithoutTrace(`POST /tickets as ${contentType ?? "no content type"}`, SHOPS, proxy.tickets, request);
      expect(response.status, String(contentType)).toBe(415);
    }
  });

  it("are refused on the proxy with 400 when the JSON does not parse, and nothing is stored", async () => {
    for (const raw of ["{", "[]", "null", '"text"', "{\"kind\": \"question\",}", "\u0000", "{\"__proto__\": {\"isAdmin\": true}}"]) {
      const request = await signedProxy("/tickets", { shop: DEMO_SHOP, token: portalToken(DEMO_SHOP, order1001.id), rawBody: raw, contentType: "application/json" });
      const response = await refusedWithoutTrace(`POST /tickets with body ${JSON.stringify(raw)}`, SHOPS, proxy.tickets, request);
      expect([400, 422], raw).toContain(response.status);
    }
  });

  // Not being fixed yet (reported): the admin's readBody calls request.formData() on anything
  // that is not JSON, which throws on text/plain or a broken multipart body: a 500.
  it("are refused on the admin's actions with a 4xx, never a 500, and nothing is stored", async () => {
    const shop = newShop("sec-ctype");
    const rc = await createReturnCase(shop);
    const cases: [string, BodyInit][] = [
      ["text/plain", "intent=approve"],
      ["multipart/form-data; boundary=x", "not multipart"],
      ["application/xml", "<intent>approve</intent>"],
      ["application/json", "{not json"],
    ];
    // The first admin request of a session records the shop's details and the staff member
    // before any action is judged: done once here, before the snapshots.
    await send("admin warm-up (return page)", "accept", admin.returnPage, adminRequest(shop, `/app/returns/${rc.id}`), { id: rc.id });
    // Every admin action reads its body through the same capped reader: each door is tried.
    const doors: [string, Route, string, Record<string, string>][] = [
      ["return", admin.returnAction, `/app/returns/${rc.id}`, { id: rc.id }],
      ["queue", admin.queueAction, "/app/returns", {}],
      ["settings", admin.settingsAction, "/app/settings", {}],
      ["automation", admin.automationAction, "/app/automation", {}],
      ["sync health", admin.syncAction, "/app/sync", {}],
      ["inbox", admin.inboxAction, "/app/tickets", {}],
      ["macros", admin.macrosAction, "/app/macros", {}],
      ["help desk", admin.helpdeskAction, "/app/helpdesk", {}],
    ];
    for (const [door, route, path, params] of doors) {
      for (const [contentType, body] of [...cases, ["application/json", JSON.stringify({ intent: "save", note: "x".repeat(300 * 1024) })] as [string, BodyInit]]) {
        const base = adminRequest(shop, path);
        const headers = new Headers(base.headers);
        headers.set("Content-Type", contentType);
        const response = await refusedWithoutTrace(`admin ${door} as ${contentType}`, [shop], route, new Request(base.url, { method: "POST", headers, body }), params);
        expect(response.status, `${door} ${contentType}`).toBeLessThan(500);
      }
    }
  });
});

describe("a lookup guesser rotating X-Forwarded-For", () => {
  // Being fixed: the rate limit keys on the left-most X-Forwarded-For entry, which the client
  // writes itself; Shopify's proxy appends the address it really saw.
  it("is answered 429 after five misses, whatever address it claims", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const before = await snapshot(SHOPS);
      const request = await signedProxy("/lookup", { shop: DEMO_SHOP, forwardedFor: `10.${i}.${i}.${i}, 198.51.100.77`, body: { orderNumber: "#1001", email: `guess${i}@example.com` } });
      const response = await send(`lookup miss ${i + 1} from a rotated address`, i < 5 ? "any" : "reject", proxy.lookup, request);
      statuses.push(response.status);
      expect(changes(before, await snapshot(SHOPS))).toEqual([]);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  });
});

describe("a webhook signed with the app's secret for a shop the app has never known", () => {
  // Being fixed: today any X-Shopify-Shop-Domain is stored as it comes, well-formed or not.
  it("is not stored, whatever the shop domain", async () => {
    for (const shop of [uniqueShop("never-installed"), "evil.example.com", "<script>.myshopify.com", "../../etc.myshopify.com"]) {
      for (const { topic, route, payload } of WEBHOOK_ROUTES) {
        const body = JSON.stringify(payload(shop));
        const response = await send(`/webhooks/${topic} for unknown shop ${shop}`, "any", route, webhookRequestWith(topic, shop, body, getHmac(body, API_SECRET_KEY)));
        expect(response.status).toBeLessThan(500);
      }
      expect(await prisma.webhookEvent.count({ where: { shop } }), shop).toBe(0);
    }
  });
});

// Sanity: an unsigned request body is never even read (the recorder counts it as refused).
describe("the limits' own requests", () => {
  it("are real requests: an unsigned proxy request is refused before its body is read", async () => {
    const body = streamedBody(MB);
    const unsigned = proxyRequest("/tickets", { shop: DEMO_SHOP, contentType: "application/json" });
    const init: RequestInit & { duplex: "half" } = { method: "POST", headers: unsigned.headers, body: body.stream, duplex: "half" };
    const response = await refusedWithoutTrace("unsigned streamed body", SHOPS, proxy.tickets, new Request(unsigned.url, init));
    expect(response.status).toBe(401);
    expect(body.pulled()).toBeLessThan(MB);
  });
});

checkThisFile(import.meta.url);
