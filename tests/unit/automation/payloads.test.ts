import { describe, expect, it } from "vitest";
import { parsePayload, parseWebhookPayload } from "~/automation/payloads";

describe("webhook payload schemas", () => {
  it("reads a customers/data_request with numeric ids as strings and keeps only what handlers use", () => {
    // GIVEN Shopify's documented payload
    const payload = {
      shop_id: 954889,
      shop_domain: "snowdevil.myshopify.com",
      orders_requested: [299938, 280263],
      customer: { id: 191167, email: "john@example.com", phone: "555-625-1199" },
      data_request: { id: 9999 },
      unexpected: "ignored",
    };
    // WHEN
    const result = parsePayload("CUSTOMERS_DATA_REQUEST", payload);
    // THEN
    expect(result).toEqual({
      ok: true,
      topic: "CUSTOMERS_DATA_REQUEST",
      payload: {
        shop_id: "954889",
        shop_domain: "snowdevil.myshopify.com",
        orders_requested: ["299938", "280263"],
        customer: { id: "191167", email: "john@example.com", phone: "555-625-1199" },
        data_request: { id: "9999" },
      },
    });
  });

  it("accepts a customer known only by email, as Shopify documents can happen", () => {
    // GIVEN
    const payload = { shop_id: 1, shop_domain: "a.myshopify.com", customer: { email: "only@example.com" }, orders_to_redact: [] };
    // WHEN
    const result = parsePayload("CUSTOMERS_REDACT", payload);
    // THEN
    expect(result.ok).toBe(true);
  });

  it("names the bad field without echoing the personal data it holds", () => {
    // GIVEN a customer with neither id nor email, and an email where a number belongs
    const payload = { shop_id: 1, shop_domain: "a.myshopify.com", customer: { phone: "555-625-1199" }, orders_to_redact: ["jane@example.com"] };
    // WHEN
    const result = parsePayload("CUSTOMERS_REDACT", payload);
    // THEN
    expect(result).toEqual({
      ok: false,
      error: "Invalid CUSTOMERS_REDACT payload — customer: needs an id or an email; orders_to_redact.0: must be a numeric id",
    });
  });

  it("refuses a shop/redact whose shop_domain is not a myshopify domain", () => {
    // WHEN
    const result = parsePayload("SHOP_REDACT", { shop_id: 1, shop_domain: "evil.example.com" });
    // THEN
    expect(result).toEqual({ ok: false, error: "Invalid SHOP_REDACT payload — shop_domain: must be a *.myshopify.com domain" });
  });

  it("reports a topic without a handler as a parse failure", () => {
    // WHEN
    const result = parseWebhookPayload("PRODUCTS_CREATE", {});
    // THEN
    expect(result).toEqual({ ok: false, error: "No handler for webhook topic PRODUCTS_CREATE" });
  });
});
