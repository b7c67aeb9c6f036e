import { describe, expect, it, vi } from "vitest";
import { formatMoney as serverFormatMoney } from "~/lib/money";
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES as CONTRACT_PHOTO_MAX, PORTAL_TOKEN_HEADER } from "~/returns/portal-contract";
import { ApiError, buildRequest, createSubmitter, legacyId, send, sessionStore, TOKEN_HEADER } from "../../../extensions/returns-portal/src/api";
import { initialState, transition, type FlowState } from "../../../extensions/returns-portal/src/flow";
import { translate } from "../../../extensions/returns-portal/src/i18n";
import { formatMoney, formatPercent, minorDigits } from "../../../extensions/returns-portal/src/money";
import { checkPhoto, PHOTO_MAX_BYTES, PHOTO_TYPES } from "../../../extensions/returns-portal/src/photo";
import type { CreateReturnRequest, CreateReturnResponse, QuoteRequest } from "../../../extensions/returns-portal/src/types";

describe("money in the shopper's language", () => {
  it("puts the point where the currency's minor units say: JPY 0, KWD 3, else 2", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(minorDigits("USD")).toBe(2);
    expect(formatMoney({ amountMinor: 2500, currencyCode: "USD" }, "en")).toBe("$25.00");
    expect(formatMoney({ amountMinor: 2500, currencyCode: "JPY" }, "en")).toBe("¥2,500");
    expect(formatMoney({ amountMinor: 12345, currencyCode: "KWD" }, "en")).toBe("KWD\u00a012.345");
    expect(formatMoney({ amountMinor: 5, currencyCode: "EUR" }, "en")).toBe("€0.05");
  });

  it("formats for the locale, negatives included", () => {
    expect(formatMoney({ amountMinor: 123456, currencyCode: "EUR" }, "fr")).toBe("1\u202f234,56\u00a0€");
    expect(formatMoney({ amountMinor: 123456, currencyCode: "EUR" }, "de")).toBe("1.234,56\u00a0€");
    expect(formatMoney({ amountMinor: -250, currencyCode: "USD" }, "en")).toBe("-$2.50");
  });

  it("agrees with the app's own formatter for every kind of currency", () => {
    for (const currencyCode of ["USD", "EUR", "JPY", "KWD", "ISK", "BHD", "CLP", "GBP"]) {
      for (const amountMinor of [0, 1, 99, 2500, 123456789]) {
        for (const locale of ["en", "fr", "de", "es"]) {
          expect(formatMoney({ amountMinor, currencyCode }, locale)).toBe(serverFormatMoney({ amountMinor, currencyCode }, locale));
        }
      }
    }
  });

  it("shows a bonus in basis points as a percentage", () => {
    expect(formatPercent(1000, "en")).toBe("10%");
    expect(formatPercent(1250, "fr")).toBe("12,5\u00a0%");
  });
});

describe("photo checks before upload", () => {
  it("accepts JPEG, PNG, WebP and HEIC up to 5 MB", () => {
    for (const type of PHOTO_TYPES) expect(checkPhoto({ type, size: 5 * 1024 * 1024 })).toBeNull();
  });

  it("refuses other types and anything over 5 MB", () => {
    expect(checkPhoto({ type: "image/gif", size: 10 })).toBe("photo_type");
    expect(checkPhoto({ type: "application/pdf", size: 10 })).toBe("photo_type");
    expect(checkPhoto({ type: "image/png", size: 5 * 1024 * 1024 + 1 })).toBe("photo_size");
  });

  it("recognises a HEIC file the browser left without a type by its name", () => {
    expect(checkPhoto({ type: "", size: 1000, name: "IMG_0001.HEIC" })).toBeNull();
    expect(checkPhoto({ type: "", size: 1000, name: "notes.txt" })).toBe("photo_type");
  });

  it("uses the contract's limits", () => {
    expect(PHOTO_TYPES).toEqual([...PHOTO_CONTENT_TYPES]);
    expect(PHOTO_MAX_BYTES).toBe(CONTRACT_PHOTO_MAX);
    expect(TOKEN_HEADER).toBe(PORTAL_TOKEN_HEADER);
  });
});

describe("steps", () => {
  const order = "gid://shopify/Order/5001";
  const tee = { lineItemId: "gid://shopify/LineItem/1", quantity: 1, reasonCode: "size_too_small" };
  const atItems = transition(initialState, { type: "order", orderId: order });
  const atResolution = transition(atItems, { type: "items", lines: [tee, { ...tee, lineItemId: "gid://shopify/LineItem/2", quantity: 0 }] });

  it("walks find → items → resolution → review → done", () => {
    // GIVEN an order found
    expect(atItems).toMatchObject({ step: "items", orderId: order });
    // WHEN items are chosen, lines with no quantity are dropped
    expect(atResolution).toMatchObject({ step: "resolution", lines: [tee] });
    // THEN a resolution leads to the review, and the created return to the confirmation
    const review = transition(atResolution, { type: "resolution", resolution: "store_credit" });
    expect(review).toMatchObject({ step: "review", resolution: "store_credit" });
    expect(transition(review, { type: "created", returnId: "rc_1" })).toMatchObject({ step: "done", returnId: "rc_1" });
  });

  it("does not move on without an item to return", () => {
    expect(transition(atItems, { type: "items", lines: [{ ...tee, quantity: 0 }] })).toBe(atItems);
  });

  it("needs an exchange variant for every line before an exchange can be reviewed", () => {
    expect(transition(atResolution, { type: "resolution", resolution: "exchange", exchange: {} })).toBe(atResolution);
    const review = transition(atResolution, { type: "resolution", resolution: "exchange", exchange: { [tee.lineItemId]: "gid://shopify/ProductVariant/9003" } });
    expect(review.lines[0]?.exchangeVariantId).toBe("gid://shopify/ProductVariant/9003");
  });

  it("forgets an exchange variant when the shopper goes back and picks store credit", () => {
    const exchange = transition(atResolution, { type: "resolution", resolution: "exchange", exchange: { [tee.lineItemId]: "gid://shopify/ProductVariant/9003" } });
    const back = transition(exchange, { type: "back" });
    expect(back.step).toBe("resolution");
    expect(transition(back, { type: "resolution", resolution: "store_credit" }).lines[0]).not.toHaveProperty("exchangeVariantId");
  });

  it("goes back one step at a time and ignores events that do not fit", () => {
    expect(transition(atResolution, { type: "back" }).step).toBe("items");
    expect(transition(atItems, { type: "back" }).step).toBe("find");
    expect(transition(initialState, { type: "back" })).toBe(initialState);
    const done: FlowState = { ...atResolution, step: "done", returnId: "rc_1" };
    expect(transition(done, { type: "created", returnId: "rc_2" })).toBe(done);
    expect(transition(done, { type: "restart" })).toEqual(initialState);
  });

  it("opens a return's status from anywhere", () => {
    expect(transition(atResolution, { type: "status", returnId: "rc_9" })).toEqual({ ...initialState, step: "status", returnId: "rc_9" });
  });

  it("opens one of the order's conversations from its items, and goes back to them", () => {
    // GIVEN the items of an order, WHEN a conversation is opened
    const talking = transition(atItems, { type: "conversation", ticketId: "tk_1" });
    // THEN it is shown for that order, another one can follow, and back leads to the items
    expect(talking).toMatchObject({ step: "conversation", orderId: order, ticketId: "tk_1" });
    expect(transition(talking, { type: "conversation", ticketId: "tk_2" })).toMatchObject({ step: "conversation", ticketId: "tk_2" });
    expect(transition(talking, { type: "back" })).toMatchObject({ step: "items", orderId: order });
    // AND without an order in hand (or in the middle of a return) there is no conversation to open
    expect(transition(initialState, { type: "conversation", ticketId: "tk_1" })).toBe(initialState);
    expect(transition(atResolution, { type: "conversation", ticketId: "tk_1" })).toBe(atResolution);
  });
});

describe("requests through the app proxy", () => {
  it("builds a GET with the guest token in the contract's header", () => {
    const { url, init } = buildRequest("/apps/aftercare/", "/orders/5001/eligibility", "tok_1");
    expect(url).toBe("/apps/aftercare/orders/5001/eligibility");
    expect(init).toMatchObject({ method: "GET", credentials: "same-origin", headers: { Accept: "application/json", "X-Aftercare-Token": "tok_1" } });
    expect(init.body).toBeUndefined();
  });

  it("sends the storefront's language as the signed `locale` query parameter", () => {
    expect(buildRequest("/apps/aftercare", "/orders/5001/eligibility", null, undefined, "fr-CA").url).toBe("/apps/aftercare/orders/5001/eligibility?locale=fr-CA");
    expect(buildRequest("/apps/aftercare", "/returns?x=1", null, undefined, "de").url).toBe("/apps/aftercare/returns?x=1&locale=de");
    expect(buildRequest("/apps/aftercare", "/lookup", null, {}).url).toBe("/apps/aftercare/lookup");
  });

  it("builds a JSON POST, without a token for a signed-in customer", () => {
    const { init } = buildRequest("/apps/aftercare", "/lookup", null, { orderNumber: "#1001", email: "ava.lee@example.com" });
    expect(init.method).toBe("POST");
    expect(init.headers).toEqual({ Accept: "application/json", "Content-Type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ orderNumber: "#1001", email: "ava.lee@example.com" });
  });

  it("lets the browser set the multipart boundary for a photo upload", () => {
    const body = new FormData();
    body.append("file", new Blob(["x"], { type: "image/png" }), "a.png");
    const { init } = buildRequest("/apps/aftercare", "/photos", "tok_1", body);
    expect(init.body).toBe(body);
    expect(init.headers).not.toHaveProperty("Content-Type");
  });

  it("turns an error answer into an ApiError carrying the app's message", async () => {
    const fetcher = vi.fn(async () => Response.json({ error: { code: "invalid", message: "This item was a final sale." } }, { status: 422 }));
    await expect(send(buildRequest("/apps/aftercare", "/quote", "t", {}), fetcher)).rejects.toMatchObject({ status: 422, code: "invalid", message: "This item was a final sale." });
  });

  it("reports a network failure as status 0", async () => {
    const fetcher = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const error: unknown = await send(buildRequest("/apps/aftercare", "/orders", null), fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: "network" });
  });

  it("takes the numeric tail of a GID for the eligibility path", () => {
    expect(legacyId("gid://shopify/Order/5001")).toBe("5001");
  });
});

describe("creating a return exactly once", () => {
  const draft: QuoteRequest = { orderId: "gid://shopify/Order/5001", resolution: "store_credit", lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reasonCode: "size_too_small" }] };
  const created = { returnId: "rc_1" } as CreateReturnResponse;

  it("reuses the idempotency key when the same draft is retried after a failure", async () => {
    // GIVEN the first attempt fails on the network
    const keys: string[] = [];
    let calls = 0;
    const post = vi.fn(async (body: CreateReturnRequest) => {
      keys.push(body.clientKey);
      if (++calls === 1) throw new ApiError(0, "network", "");
      return created;
    });
    const submit = createSubmitter(post, (() => {
      let n = 0;
      return () => `key-${++n}-abcdef`;
    })());
    await expect(submit(draft)).rejects.toBeInstanceOf(ApiError);
    // WHEN the shopper presses submit again
    await expect(submit(draft)).resolves.toBe(created);
    // THEN both attempts carried the same key, so the app makes one return
    expect(keys).toEqual(["key-1-abcdef", "key-1-abcdef"]);
  });

  it("sends once when the button is pressed twice quickly", async () => {
    let resolve!: (r: CreateReturnResponse) => void;
    const post = vi.fn(() => new Promise<CreateReturnResponse>((r) => (resolve = r)));
    const submit = createSubmitter(post);
    const first = submit(draft);
    const second = submit(draft);
    resolve(created);
    expect(await first).toBe(created);
    expect(await second).toBe(created);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("uses a new key once the draft changes", async () => {
    const keys: string[] = [];
    const submit = createSubmitter(async (body) => {
      keys.push(body.clientKey);
      return created;
    });
    await submit(draft);
    await submit({ ...draft, resolution: "refund" });
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe("the guest session", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
  };

  it("keeps the token until it expires", () => {
    let now = Date.parse("2026-05-01T10:00:00Z");
    const store = sessionStore(memory(), () => now);
    store.set({ token: "tok", expiresAt: "2026-05-01T10:30:00Z", orderId: "gid://shopify/Order/1" });
    expect(store.get()?.token).toBe("tok");
    now = Date.parse("2026-05-01T10:30:01Z");
    expect(store.get()).toBeNull();
  });

  it("survives storage that refuses to write or holds garbage", () => {
    const broken = { getItem: () => "{not json", setItem: () => { throw new Error("QuotaExceeded"); }, removeItem: () => {} };
    const store = sessionStore(broken);
    expect(() => store.set({ token: "t", expiresAt: "2999-01-01T00:00:00Z", orderId: "o" })).not.toThrow();
    expect(store.get()).toBeNull();
  });
});

describe("strings", () => {
  it("fills {placeholders} and leaves unknown ones", () => {
    expect(translate({ progress: "Step {step} of {total}" }, "progress", { step: 2, total: 4 })).toBe("Step 2 of 4");
    expect(translate({ a: "Hi {name}" }, "a", {})).toBe("Hi {name}");
    expect(translate({}, "missing_key")).toBe("missing_key");
  });
});
