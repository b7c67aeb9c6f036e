import { GraphqlQueryError, HttpInternalError, HttpRequestError, HttpThrottlingError } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { backgroundWaitMs, operationName, throttleWaitMs } from "~/shopify/client.server";
import { ShopifyGraphqlError, ShopifyUnavailableError } from "~/shopify/errors";
import { clientFor } from "./fake-graphql";

const SHOP_QUERY = `#graphql
  query GetShopName { shop { name } }
`;
const OK = { body: { data: { shop: { name: "Demo" } }, extensions: { cost: { requestedQueryCost: 2, actualQueryCost: 2 } } } };

const throttleStatus = { maximumAvailable: 1000, currentlyAvailable: 50, restoreRate: 50 };

/** What admin.graphql throws on HTTP 200 with `errors` (shopify-api lib/clients/common.js). */
function libraryGraphqlError(errors: unknown[], cost?: unknown) {
  return new GraphqlQueryError({
    message: "GraphQL Client: An error occurred while fetching from the API. Review 'graphQLErrors' for details.",
    response: {},
    headers: {},
    body: { errors: { networkStatusCode: 200, graphQLErrors: errors }, ...(cost ? { extensions: { cost } } : {}) },
  });
}

function serverError(code: number) {
  return new HttpInternalError({ message: "Shopify internal error", code, statusText: "Service Unavailable", body: {}, headers: {} });
}

describe("the Admin GraphQL client", () => {
  it("returns the data of a successful call and sends the variables as given", async () => {
    // GIVEN Shopify answers
    const { client, sent } = clientFor([OK]);
    // WHEN asked
    const data = await client.request(SHOP_QUERY, {});
    // THEN the data comes back untouched
    expect(data).toEqual({ shop: { name: "Demo" } });
    expect(sent).toEqual([{ query: SHOP_QUERY, variables: {} }]);
  });

  it("waits until the cost bucket holds the query, then retries a THROTTLED call", async () => {
    // GIVEN a THROTTLED answer: 250 points requested, 50 available, 50 restored per second
    const throttled = libraryGraphqlError([{ message: "Throttled", extensions: { code: "THROTTLED" } }], {
      requestedQueryCost: 250,
      actualQueryCost: null,
      throttleStatus,
    });
    const { client, sent, sleeps } = clientFor([{ throws: throttled }, OK], { random: () => 0.5, jitterMs: 100 });
    // WHEN called
    const data = await client.request(SHOP_QUERY);
    // THEN it waited (250 − 50) / 50 = 4 s plus 50 ms of jitter, and the retry succeeded
    expect(sleeps).toEqual([4050]);
    expect(sent).toHaveLength(2);
    expect(data).toEqual({ shop: { name: "Demo" } });
  });

  it("reads THROTTLED from the response body too, as a plain fetch-based graphql function returns it", async () => {
    // GIVEN the errors in the body rather than thrown
    const throttledBody = {
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
        extensions: { cost: { requestedQueryCost: 120, actualQueryCost: null, throttleStatus: { ...throttleStatus, currentlyAvailable: 20, restoreRate: 100 } } },
      },
    };
    const { client, sleeps } = clientFor([throttledBody, OK]);
    // WHEN called
    await client.request(SHOP_QUERY);
    // THEN it waited (120 − 20) / 100 = 1 s
    expect(sleeps).toEqual([1000]);
  });

  it("caps a throttle wait at the configured maximum", async () => {
    const throttled = libraryGraphqlError([{ message: "Throttled", extensions: { code: "THROTTLED" } }], {
      requestedQueryCost: 1000,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 50 },
    });
    const { client, sleeps } = clientFor([{ throws: throttled }, OK], { maxDelayMs: 10_000 });
    await client.request(SHOP_QUERY);
    expect(sleeps).toEqual([10_000]);
  });

  it("gives up on a bucket that stays empty with an error carrying Shopify's wait, for a Retry-After", async () => {
    // GIVEN THROTTLED twice: 250 points requested, 50 available, 50 restored per second
    const throttled = libraryGraphqlError([{ message: "Throttled", extensions: { code: "THROTTLED" } }], {
      requestedQueryCost: 250,
      actualQueryCost: null,
      throttleStatus,
    });
    const { client } = clientFor([{ throws: throttled }, { throws: throttled }], { maxAttempts: 2 });
    // WHEN called
    const error = await client.request(SHOP_QUERY).catch((e: unknown) => e);
    // THEN the error says throttled and how long the bucket needs: (250 − 50) / 50 = 4 s
    expect(error).toBeInstanceOf(ShopifyUnavailableError);
    expect(error).toMatchObject({ reason: "throttled", retryAfterMs: 4000, retryAfterSeconds: 4 });
    // AND an outage without a stated wait carries none
    const { client: down } = clientFor([{ throws: serverError(503) }], { maxAttempts: 1 });
    expect(await down.request(SHOP_QUERY).catch((e: unknown) => e)).toMatchObject({ reason: "server_error", retryAfterMs: null });
  });

  it("retries a 5xx with doubling backoff, then gives up with an error naming the operation", async () => {
    // GIVEN Shopify answers 503 every time
    const { client, sent, sleeps } = clientFor(
      [{ throws: serverError(503) }, { throws: serverError(503) }, { throws: serverError(503) }],
      { maxAttempts: 3, baseDelayMs: 500 },
    );
    // WHEN called
    const call = client.request(SHOP_QUERY);
    // THEN it tried three times, waiting 500 ms then 1 s, and failed clearly
    await expect(call).rejects.toThrow(
      new ShopifyUnavailableError("GetShopName", "server_error", 3, "HTTP 503"),
    );
    await expect(call).rejects.toThrow("Shopify Admin API unavailable for GetShopName after 3 attempts (server_error): HTTP 503");
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("recovers from a 5xx followed by a success", async () => {
    const { client, sleeps } = clientFor([{ throws: serverError(502) }, OK]);
    await expect(client.request(SHOP_QUERY)).resolves.toEqual({ shop: { name: "Demo" } });
    expect(sleeps).toEqual([500]);
  });

  it("retries a network failure", async () => {
    const { client, sleeps } = clientFor([{ throws: new HttpRequestError("Http request error, no response available: fetch failed") }, OK]);
    await expect(client.request(SHOP_QUERY)).resolves.toEqual({ shop: { name: "Demo" } });
    expect(sleeps).toEqual([500]);
  });

  it("honours Retry-After on an HTTP 429", async () => {
    const tooMany = new HttpThrottlingError({ message: "Shopify is throttling requests", code: 429, statusText: "Too Many Requests", body: {}, headers: {}, retryAfter: 2 });
    const { client, sleeps } = clientFor([{ throws: tooMany }, OK]);
    await client.request(SHOP_QUERY);
    expect(sleeps).toEqual([2000]);
  });

  it("retries the 503 Response that authenticate.admin throws in place of the library's error", async () => {
    // GIVEN shopify-app-remix's handleClientError turned the 503 into a thrown Response
    const { client, sleeps } = clientFor([{ throws: new Response("{}", { status: 503 }) }, OK]);
    await expect(client.request(SHOP_QUERY)).resolves.toEqual({ shop: { name: "Demo" } });
    expect(sleeps).toEqual([500]);
  });

  it("rethrows a 401 Response untouched, so Remix can send the re-authentication answer", async () => {
    const reauth = new Response(null, { status: 401, headers: { "X-Shopify-Retry-Invalid-Session-Request": "1" } });
    const { client, sent } = clientFor([{ throws: reauth }]);
    await expect(client.request(SHOP_QUERY)).rejects.toBe(reauth);
    expect(sent).toHaveLength(1);
  });

  it("turns GraphQL errors into a ShopifyGraphqlError naming the operation, without retrying", async () => {
    // GIVEN an access-denied answer
    const denied = libraryGraphqlError([{ message: "Access denied for returns field.", extensions: { code: "ACCESS_DENIED" } }]);
    const { client, sent } = clientFor([{ throws: denied }]);
    // WHEN called
    const error = await client.request(SHOP_QUERY).catch((e: unknown) => e);
    // THEN the error is typed, named and carries the code
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect((error as ShopifyGraphqlError).message).toBe("Shopify rejected GetShopName: Access denied for returns field. (ACCESS_DENIED)");
    expect((error as ShopifyGraphqlError).codes).toEqual(["ACCESS_DENIED"]);
    expect(sent).toHaveLength(1);
  });

  it("does not resend a mutation without @idempotent after a 5xx: it may have run", async () => {
    // GIVEN a plain mutation and a 500
    const mutation = `#graphql
      mutation TagOrder($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { userErrors { field message } } }
    `;
    const { client, sent } = clientFor([{ throws: serverError(500) }, OK]);
    // WHEN called THEN it fails at once, saying why
    await expect(client.request(mutation, { id: "gid://shopify/Order/1" })).rejects.toThrow(
      "Shopify Admin API unavailable for TagOrder after 1 attempt (server_error): HTTP 500; not retried: mutation without @idempotent",
    );
    expect(sent).toHaveLength(1);
  });

  it("still retries a THROTTLED mutation: Shopify did not run it", async () => {
    const mutation = `#graphql
      mutation TagOrder($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { userErrors { field message } } }
    `;
    const throttled = libraryGraphqlError([{ message: "Throttled", extensions: { code: "THROTTLED" } }]);
    const { client, sent, sleeps } = clientFor([{ throws: throttled }, { body: { data: { tagsAdd: { userErrors: [] } } } }]);
    await client.request(mutation, { id: "gid://shopify/Order/1" });
    expect(sent).toHaveLength(2);
    // No throttleStatus: the plain backoff applies.
    expect(sleeps).toEqual([500]);
  });

  it("computes the throttle wait from the cost extension, and none without one", () => {
    expect(throttleWaitMs({ requestedQueryCost: 101, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } })).toBe(1010);
    expect(throttleWaitMs({ requestedQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 500, restoreRate: 100 } })).toBe(0);
    expect(throttleWaitMs(undefined)).toBeNull();
  });

  it("names operations from the document, skipping the #graphql marker", () => {
    expect(operationName(SHOP_QUERY)).toBe("GetShopName");
    expect(operationName("{ shop { name } }")).toBe("anonymous operation");
  });
});

describe("background calls leave the shop's rate limit to people", () => {
  const reading = { available: 700, maximum: 2000, restoreRate: 100, atMs: 10_000 };

  it("waits until the bucket, refilled since Shopify last reported it, holds three quarters plus the call's own cost", () => {
    // GIVEN 700 of 2,000 points a second ago, 100 restored per second, a 300-point call
    // WHEN a background call asks how long to wait
    // THEN it waits for 1,500 + 300 points: (1,800 − 800) / 100 = 10 s
    expect(backgroundWaitMs(reading, 300, 11_000)).toBe(10_000);
    // AND a call as costly as the reserve leaves waits for a full bucket only, never longer
    expect(backgroundWaitMs(reading, 900, 10_000)).toBe(13_000);
    // AND once the bucket has refilled, or with no reading yet, it goes at once
    expect(backgroundWaitMs(reading, 300, 30_000)).toBe(0);
    expect(backgroundWaitMs(undefined, 300, 30_000)).toBe(0);
  });

  it("paces a background client by the bucket its previous answer reported, and an agent's client not at all", async () => {
    // GIVEN answers that report a bucket down to 1,000 of 2,000 points for a 100-point query
    const cost = { requestedQueryCost: 100, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1000, restoreRate: 100 } };
    const answer = { body: { data: { shop: { name: "Demo" } }, extensions: { cost } } };
    const now = () => 50_000;
    const background = clientFor([answer, answer], { background: { shop: "paced.myshopify.com" }, now });
    const agent = clientFor([answer, answer], { now });
    // WHEN each sends the query twice
    for (const { client } of [background, agent]) {
      await client.request(SHOP_QUERY);
      await client.request(SHOP_QUERY);
    }
    // THEN the background client waited for 1,500 + 100 points before its second call: 6 s
    expect(background.sleeps).toEqual([6000]);
    // AND the agent's client did not wait
    expect(agent.sleeps).toEqual([]);
  });
});
