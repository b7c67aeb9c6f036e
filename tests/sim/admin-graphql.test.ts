import { describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { simulator } from "./support";

describe("Admin GraphQL endpoint", () => {
  it("rejects a misspelt field with Shopify's undefinedField error and no data", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN a query asks for Shop.nme
    const { status, body } = await sim.graphql(DEMO_SHOP, "query { shop { nme } }");
    // THEN it answers 200 with graphql-ruby's error shape
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'nme' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 16 }],
          path: ["query", "shop", "nme"],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nme" },
        },
      ],
    });
  });

  it("answers 401 with Shopify's message when the access token is unknown", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN a request carries a made-up token
    const response = await sim.handler(
      new Request(`https://${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_forged" },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      }),
    );
    // THEN it is refused
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("matches name AND a quoted email together, as the portal's lookup searches, and refuses OR instead of guessing", async () => {
    // GIVEN the demo store and the lookup's one-search query
    const sim = simulator();
    const search = (q: string) => sim.graphql(DEMO_SHOP, "query L($q: String!) { orders(first: 5, query: $q) { nodes { name } } }", { q });
    // WHEN number and email are searched together
    const right = await search('name:#1001 AND email:"ava.lee@example.com"');
    const wrong = await search('name:#1001 AND email:"someone@example.com"');
    const escaped = await search('name:#1001 AND email:"ava.lee@example.com\\" OR name:#1002"');
    // THEN only the order with both matches; an escaped quote stays inside the value
    expect(right.body).toMatchObject({ data: { orders: { nodes: [{ name: "#1001" }] } } });
    expect(wrong.body).toMatchObject({ data: { orders: { nodes: [] } } });
    expect(escaped.body).toMatchObject({ data: { orders: { nodes: [] } } });
    // AND a connective the simulator does not model fails loudly
    const or = await search("name:#1001 OR name:#1002");
    expect(JSON.stringify(or.body)).toContain('does not support \\"OR\\"');
  });

  it("filters orders by a quoted updated_at date after the operator, as Shopify's search syntax allows", async () => {
    // GIVEN the demo store, with #1001 changed a minute after everything else
    const sim = simulator();
    const order = sim.store.shopState(DEMO_SHOP).nodes.get(FIXTURES.order1001.id);
    if (order?.__typename !== "Order") throw new Error("no #1001");
    const latest = Math.max(...sim.store.shopState(DEMO_SHOP).orders.map((o) => Date.parse(o.updatedAt)));
    order.updatedAt = new Date(latest + 60_000).toISOString();
    // WHEN orders updated after the others are asked for, with the date quoted
    const { body } = await sim.graphql(DEMO_SHOP, `query Q($q: String!) { orders(first: 10, query: $q) { nodes { name } } }`, {
      q: `updated_at:>'${new Date(latest).toISOString()}'`,
    });
    // THEN only #1001 comes back
    expect(body).toMatchObject({ data: { orders: { nodes: [{ name: "#1001" }] } } });
  });

  it("finds order #1001 by name with money as Shopify's decimal strings", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN the order is looked up by name
    const { body } = await sim.graphql(
      DEMO_SHOP,
      `query Lookup($q: String!) {
        orders(first: 1, query: $q) {
          nodes {
            id name email displayFulfillmentStatus
            customer { displayName }
            totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
            lineItems(first: 5) { nodes { title variantTitle quantity originalUnitPriceSet { shopMoney { amount } } } }
          }
        }
      }`,
      { q: "name:#1001" },
    );
    // THEN exactly the fixture comes back
    expect(body).toMatchObject({
      data: {
        orders: {
          nodes: [
            {
              id: FIXTURES.order1001.id,
              name: "#1001",
              email: "ava.lee@example.com",
              displayFulfillmentStatus: "FULFILLED",
              customer: { displayName: "Ava Lee" },
              totalPriceSet: { shopMoney: { amount: "46.44", currencyCode: "USD" }, presentmentMoney: { amount: "46.44", currencyCode: "USD" } },
              lineItems: {
                nodes: [
                  { title: "Classic Tee", variantTitle: "M", quantity: 1, originalUnitPriceSet: { shopMoney: { amount: "25.0" } } },
                  { title: "Ceramic Mug", variantTitle: null, quantity: 1, originalUnitPriceSet: { shopMoney: { amount: "18.0" } } },
                ],
              },
            },
          ],
        },
      },
    });
  });

  it("resolves node(id:) by the GID's type", async () => {
    // GIVEN the tee variant's id
    const sim = simulator();
    // WHEN it is fetched through the Node interface
    const { body } = await sim.graphql(DEMO_SHOP, `query($id: ID!) { node(id: $id) { __typename ... on ProductVariant { title inventoryQuantity } } }`, {
      id: FIXTURES.products.tee.variants.S,
    });
    // THEN the concrete type answers
    expect(body).toMatchObject({ data: { node: { __typename: "ProductVariant", title: "S", inventoryQuantity: 12 } } });
  });

  it("fails loudly on a non-null field the simulator does not model", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN a query asks for Shop.billingAddress (not modelled)
    const { body } = await sim.graphql(DEMO_SHOP, "{ shop { name billingAddress { city } } }");
    // THEN an error names the gap
    expect(body).toMatchObject({
      errors: [{ message: "The Shopify simulator does not model Shop.billingAddress.", extensions: { code: "SIMULATOR_NOT_MODELLED" } }],
    });
  });
});
