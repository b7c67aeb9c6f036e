/**
 * fast-check against every proxy endpoint and every admin action: bodies, ids and query
 * strings shaped like the real ones but filled with anything. The app never answers 5xx, and a
 * request it refuses leaves the database exactly as it was.
 *
 * Strings are any Unicode text (whole code points: lone surrogates have their own test in
 * payloads.test.ts until the fix that answers them 400 lands).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { RETURN_ACTION_INTENTS } from "~/returns/actions.schemas";
import { adminRequest, newShop } from "../routes/app.support";
import { createReturnCase, createTestTicket } from "../support/factories";
import { DEMO_SHOP, EU_SHOP, FIXTURES } from "../support/shopify-sim";
import { INBOUND_DOMAIN, INBOUND_SECRET, inboundRequest } from "../support/inbound-email";
import { admin, inboundEmail, proxy } from "./routes";
import { changes, checkThisFile, numeric, portalToken, send, signedProxy, snapshot, storeForThisFile, type Route } from "./support";

storeForThisFile();

const RUNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 12);
const order1001 = FIXTURES.order1001;
const SHOPS = [DEMO_SHOP, EU_SHOP];

// ── arbitraries ───────────────────────────────────────────────────────────────────────

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 20 }),
  fc.constantFrom("", " ", "#1001", "1001", order1001.email, "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "0", "-1", "1e309", "NaN", "null", "__proto__", "constructor"),
);
const gidLike = fc.oneof(
  fc.constantFrom(order1001.id, order1001.tee.lineItemId, order1001.mug.lineItemId, FIXTURES.order1003.id, "gid://shopify/Order/1", "gid://shopify/LineItem/0"),
  fc.nat({ max: 99_999_999 }).map((n) => `gid://shopify/${["Order", "LineItem", "ProductVariant", "Customer"][n % 4]}/${n}`),
  text,
);
/** Any JSON value, with the strings above. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(text, tie("value"), { maxKeys: 3 }),
  ),
})).value;
/** An object with some of `keys` (each either a plausible value or anything), plus stray keys. */
function shaped(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, plausible] of Object.entries(keys)) fields[key] = fc.oneof(plausible, anyValue);
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(text, anyValue, { maxKeys: 2 })).map(([known, stray]) => ({ ...stray, ...known }));
}
const lineArb = shaped({
  lineItemId: gidLike,
  quantity: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant(1)),
  reasonCode: fc.constantFrom("size_too_small", "damaged", "changed_mind", "other", "nope"),
  note: text,
  photoIds: fc.array(text, { maxLength: 6 }),
  exchangeVariantId: gidLike,
});
const linesArb = fc.oneof(fc.array(lineArb, { maxLength: 3 }), anyValue);
const resolutionArb = fc.constantFrom("refund", "store_credit", "exchange", "keep", "");
const clientKeyArb = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), text);

/** A body for the route, or anything at all (one time in four). */
const body = (shape: fc.Arbitrary<Record<string, unknown>>) => fc.oneof({ weight: 3, arbitrary: shape }, { weight: 1, arbitrary: anyValue });

// ── the property ──────────────────────────────────────────────────────────────────────

/** Sends `request`: never a 5xx, and a refusal leaves `shops` as they were. */
async function neverBreaks(label: string, shops: string[], route: Route, request: Request, params: Record<string, string> = {}): Promise<void> {
  const before = await snapshot(shops);
  const response = await send(label, "any", route, request, params);
  expect(response.status, `${label}: ${await response.clone().text()}`).toBeLessThan(500);
  if (response.status >= 400) expect(changes(before, await snapshot(shops)), `${label} was refused (${response.status}) but changed the database`).toEqual([]);
}

const check = (property: fc.IAsyncPropertyWithHooks<unknown[]>) => fc.assert(property, { numRuns: RUNS });

describe("every proxy endpoint, fuzzed", () => {
  let token = "";
  let ticketId = "";
  let returnId = "";
  beforeAll(async () => {
    token = portalToken(DEMO_SHOP, order1001.id);
    ticketId = (await createTestTicket(DEMO_SHOP, { orderId: order1001.id, firstMessage: { authorType: "customer", visibility: "public", body: "Hi" } })).id;
    returnId = (await createReturnCase(DEMO_SHOP, { orderId: order1001.id })).id;
  });
  const post = async (path: string, json: unknown, extra: { customerId?: string; locale?: string } = {}) => signedProxy(path, { shop: DEMO_SHOP, token, body: json, ...extra });
  const get = async (path: string, extra: { customerId?: string; locale?: string } = {}) => signedProxy(path, { shop: DEMO_SHOP, token, ...extra });
  const extraArb = fc.record({ customerId: fc.oneof(fc.constant(""), fc.constant(numeric(FIXTURES.ava.id)), text), locale: fc.oneof(fc.constantFrom("fr", "de-DE", "xx"), text) }, { requiredKeys: [] });

  it("POST /lookup", () =>
    check(fc.asyncProperty(body(shaped({ orderNumber: text, email: text })), extraArb, async (json, extra) => neverBreaks("fuzz lookup", SHOPS, proxy.lookup, await post("/lookup", json, extra)))));

  it("POST /quote", () =>
    check(
      fc.asyncProperty(body(shaped({ orderId: gidLike, resolution: resolutionArb, lines: linesArb })), async (json) => neverBreaks("fuzz quote", SHOPS, proxy.quote, await post("/quote", json))),
    ));

  it("POST /returns", () =>
    check(
      fc.asyncProperty(body(shaped({ orderId: gidLike, resolution: resolutionArb, clientKey: clientKeyArb, lines: linesArb })), async (json) =>
        neverBreaks("fuzz returns", SHOPS, proxy.returns, await post("/returns", json)),
      ),
    ));

  it("POST /tickets", () =>
    check(
      fc.asyncProperty(
        body(shaped({ kind: fc.constantFrom("question", "exception", "other"), subject: text, message: text, orderId: gidLike, lineItemIds: fc.array(gidLike, { maxLength: 3 }) })),
        async (json) => neverBreaks("fuzz tickets", SHOPS, proxy.tickets, await post("/tickets", json)),
      ),
    ));

  it("POST /tickets/:id/messages and /rating", () =>
    check(
      fc.asyncProperty(
        fc.oneof(fc.constant("own"), text),
        body(shaped({ message: text, score: fc.integer({ min: -1, max: 7 }), comment: text })),
        fc.boolean(),
        async (id, json, rating) => {
          const params = { ticketId: id === "own" ? ticketId : id };
          if (rating) await neverBreaks("fuzz rating", SHOPS, proxy.rating, await post("/tickets/x/rating", json), params);
          else await neverBreaks("fuzz reply", SHOPS, proxy.reply, await post("/tickets/x/messages", json), params);
        },
      ),
    ));

  it("GET /orders, /orders/:id/eligibility, /orders/:id/tickets and /returns/:id", () =>
    check(
      fc.asyncProperty(fc.oneof(fc.constant(numeric(order1001.id)), fc.constant(returnId), text), extraArb, fc.nat({ max: 3 }), async (id, extra, which) => {
        if (which === 0) return neverBreaks("fuzz orders", SHOPS, proxy.orders, await get("/orders", extra));
        if (which === 1) return neverBreaks("fuzz eligibility", SHOPS, proxy.eligibility, await get("/orders/x/eligibility", extra), { orderId: id });
        if (which === 2) return neverBreaks("fuzz order tickets", SHOPS, proxy.orderTickets, await get("/orders/x/tickets", extra), { orderId: id });
        return neverBreaks("fuzz return status", SHOPS, proxy.status, await get("/returns/x", extra), { returnId: id });
      }),
    ));

  it("POST /photos", () =>
    check(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom("image/jpeg", "image/png", "image/webp", "image/heic", "text/html", "image/svg+xml", ""),
        fc.constantFrom("file", "photo", ""),
        async (bytes, type, field) => {
          const form = new FormData();
          form.set(field || "file", new File([bytes], "x", { type }));
          await neverBreaks("fuzz photos", SHOPS, proxy.photos, await signedProxy("/photos", { shop: DEMO_SHOP, token, rawBody: form, contentType: null }));
        },
      ),
    ));
});

describe("every admin action and list, fuzzed", () => {
  let shop = "";
  let returnId = "";
  let lineId = "";
  let ticketId = "";
  beforeAll(async () => {
    shop = newShop("sec-fuzz");
    const rc = await createReturnCase(shop, { status: "requested" });
    returnId = rc.id;
    lineId = rc.lines[0]?.id ?? "";
    ticketId = (await createTestTicket(shop)).id;
    await send("warm-up: the staff member signs in", "accept", admin.queue, adminRequest(shop, "/app/returns"));
  });
  const amount = fc.oneof(fc.constantFrom("1.00", "0", "24.999", "-1", "1e3", "9999999999999999"), text);
  const note = fc.oneof(fc.constantFrom("Goodwill"), text);

  it("POST /app/returns/:id (every intent)", async () => {
    // The return never reached Shopify, so a first approval tries to send it there and keeps
    // that attempt's job row (app/returns/request.server.ts openInShopify), whatever the answer:
    // one approval before the fuzzing, so each run's snapshot starts with that row in place.
    await send("fuzz warm-up approval", "any", admin.returnAction, adminRequest(shop, `/app/returns/${returnId}`, { json: { intent: "approve" } }), { id: returnId });
    await check(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...RETURN_ACTION_INTENTS, "open_ticket"), text),
        shaped({
          reason: note,
          note,
          amount,
          fee: amount,
          subject: text,
          priority: fc.constantFrom("low", "urgent", "x"),
          lines: fc.array(shaped({ lineId: fc.oneof(fc.constant("own"), text), quantity: fc.oneof(fc.integer({ min: -1, max: 3 }), text), restock: fc.oneof(fc.boolean(), text) }), { maxLength: 2 }),
        }),
        fc.boolean(),
        async (intent, fields, asForm) => {
          const json = { ...fields, intent, ...(Array.isArray(fields.lines) ? { lines: fields.lines.map((l) => (typeof l === "object" && l !== null && "lineId" in l && l.lineId === "own" ? { ...l, lineId } : l)) } : {}) };
          const form: Record<string, string> = {};
          for (const [key, value] of Object.entries(json)) form[key] = typeof value === "string" ? value : JSON.stringify(value);
          const request = asForm ? adminRequest(shop, `/app/returns/${returnId}`, { form }) : adminRequest(shop, `/app/returns/${returnId}`, { json });
          await neverBreaks(`fuzz return action ${JSON.stringify(intent)}`, [shop], admin.returnAction, request, { id: returnId });
        },
      ),
    );
  });

  it("POST /app/tickets/:id (every intent)", () =>
    check(
      fc.asyncProperty(
        shaped({
          intent: fc.constantFrom("reply", "set_status", "update_fields", "delete"),
          body: text,
          visibility: fc.constantFrom("public", "internal", "secret"),
          status: fc.constantFrom("open", "pending", "solved", "closed", "gone"),
          priority: fc.constantFrom("low", "normal", "urgent", "x"),
          assignee: fc.oneof(fc.constantFrom("", "staff:42", "staff:x"), text),
        }),
        fc.oneof(fc.constant("own"), text),
        async (json, id) => {
          const params = { id: id === "own" ? ticketId : id };
          await neverBreaks("fuzz ticket action", [shop], admin.ticketAction, adminRequest(shop, `/app/tickets/${params.id}`, { json }), params);
        },
      ),
    ));

  it("POST /app/returns (bulk) and /app/settings", () =>
    check(
      fc.asyncProperty(
        shaped({ intent: fc.constantFrom("bulk_approve", "bulk_decline", "save_policy", "x"), ids: fc.array(fc.oneof(fc.constant(returnId), text), { maxLength: 3 }), reason: text, policy: anyValue }),
        async (json) => {
          const route = json.intent === "save_policy" ? admin.settingsAction : admin.queueAction;
          await neverBreaks(json.intent === "save_policy" ? "fuzz save_policy" : "fuzz bulk action", [shop], route, adminRequest(shop, json.intent === "save_policy" ? "/app/settings" : "/app/returns", { json }));
        },
      ),
    ));

  it("GET the lists and pages with any query string or id", () =>
    check(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("status", "reason", "resolution", "from", "to", "q", "sort", "cursor", "limit", "period", "needsAttention", "assignee", "priority", "category"), text, { maxKeys: 4 }),
        fc.oneof(fc.constant("own"), text),
        fc.nat({ max: 4 }),
        async (query, id, which) => {
          const search = `?${new URLSearchParams(query)}`;
          const returnParams = { id: id === "own" ? returnId : id };
          const ticketParams = { id: id === "own" ? ticketId : id };
          const pages: [string, Route, string, Record<string, string>][] = [
            ["queue", admin.queue, `/app/returns${search}`, {}],
            ["inbox", admin.inbox, `/app/tickets${search}`, {}],
            ["dashboard", admin.dashboard, `/app${search}`, {}],
            ["return page", admin.returnPage, `/app/returns/x${search}`, returnParams],
            ["ticket page", admin.ticketPage, `/app/tickets/x${search}`, ticketParams],
          ];
          const [name, route, path, params] = pages[which] ?? pages[0]!;
          await neverBreaks(`fuzz ${name}`, [shop], route, adminRequest(shop, path), params);
        },
      ),
    ));
});

describe("the inbound email door, fuzzed", () => {
  const demoAddress = `${DEMO_SHOP.replace(/\.myshopify\.com$/, "")}@${INBOUND_DOMAIN}`;
  const header = fc.oneof(text, fc.constantFrom(demoAddress, `reply+abc.0123456789abcdef@${INBOUND_DOMAIN}`, "ava@example.com", "<x@y>", "=?utf-8?B?w6k=?=", "a\r\nBcc: z@z.z"));

  it("answers any signed message, well-formed or not, without a 5xx, and a refusal stores nothing", async () => {
    vi.stubEnv("INBOUND_EMAIL_SECRET", INBOUND_SECRET);
    vi.stubEnv("INBOUND_EMAIL_DOMAIN", INBOUND_DOMAIN);
    const composed = fc
      .record({ from: header, to: fc.oneof(header, fc.constant(demoAddress)), subject: header, inReplyTo: header, references: header, contentType: fc.constantFrom("text/plain", "text/html", "multipart/mixed; boundary=x", "multipart/alternative", "application/pdf"), body: text })
      .map((m) => `From: ${m.from}\r\nTo: ${m.to}\r\nSubject: ${m.subject}\r\nIn-Reply-To: ${m.inReplyTo}\r\nReferences: ${m.references}\r\nContent-Type: ${m.contentType}\r\n\r\n${m.body}\r\n`);
    const raw = fc.oneof(composed.map((m) => Buffer.from(m)), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)));
    await check(fc.asyncProperty(raw, async (bytes) => neverBreaks("fuzz inbound email", [DEMO_SHOP], inboundEmail, inboundRequest(bytes))));
  });
});

checkThisFile(import.meta.url);
