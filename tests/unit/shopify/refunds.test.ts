import { parse, Kind, type OperationDefinitionNode, type FieldNode } from "graphql";
import { describe, expect, it } from "vitest";
import { assertNoUserErrors, ShopifyMissingDataError, ShopifyUserError } from "~/shopify/errors";
import { createRefund, type CreateRefundInput } from "~/shopify/refunds.server";
import { clientFor } from "./fake-graphql";

const INPUT: CreateRefundInput = {
  orderId: "gid://shopify/Order/1001",
  idempotencyKey: "mm_01HZXREFUND",
  notify: false,
  lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, restockType: "NO_RESTOCK" }],
  transactions: [{ parentTransactionId: "gid://shopify/OrderTransaction/9", gateway: "shopify_payments", amount: { amountMinor: 1250, currencyCode: "USD" } }],
};

function firstTransaction(): CreateRefundInput["transactions"][number] {
  const [first] = INPUT.transactions;
  if (!first) throw new Error("INPUT has a transaction");
  return first;
}

const REFUNDED = {
  body: {
    data: {
      refundCreate: {
        refund: {
          id: "gid://shopify/Refund/77",
          createdAt: "2026-11-02T10:00:00Z",
          totalRefundedSet: { shopMoney: { amount: "12.5", currencyCode: "USD" }, presentmentMoney: { amount: "12.5", currencyCode: "USD" } },
        },
        userErrors: [],
      },
    },
  },
};

describe("createRefund", () => {
  it("sends the ledger's idempotency key through the @idempotent directive", async () => {
    // GIVEN Shopify accepts the refund
    const { client, sent } = clientFor([REFUNDED]);
    // WHEN a refund is created
    await createRefund(client, INPUT);
    // THEN the refundCreate field carries @idempotent(key: $idempotencyKey) and the key is the ledger's
    const [call] = sent;
    const operation = parse(call?.query ?? "").definitions[0] as OperationDefinitionNode;
    const field = operation.selectionSet.selections[0] as FieldNode;
    expect(field.name.value).toBe("refundCreate");
    expect(field.directives?.map((d) => [d.name.value, d.arguments?.map((a) => [a.name.value, a.value.kind === Kind.VARIABLE ? a.value.name.value : null])])).toEqual([
      ["idempotent", [["key", "idempotencyKey"]]],
    ]);
    expect(call?.variables?.idempotencyKey).toBe("mm_01HZXREFUND");
  });

  it("sends money as Shopify's decimal strings, converted from minor units", async () => {
    const { client, sent } = clientFor([REFUNDED]);
    await createRefund(client, { ...INPUT, shippingAmount: { amountMinor: 500, currencyCode: "USD" } });
    expect(sent[0]?.variables?.input).toEqual({
      orderId: "gid://shopify/Order/1001",
      currency: "USD",
      notify: false,
      refundLineItems: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, restockType: "NO_RESTOCK" }],
      transactions: [{ orderId: "gid://shopify/Order/1001", parentId: "gid://shopify/OrderTransaction/9", gateway: "shopify_payments", kind: "REFUND", amount: "12.50" }],
      shipping: { amount: "5.00" },
    });
  });

  it("returns the refund with its total in minor units", async () => {
    const { client } = clientFor([REFUNDED]);
    await expect(createRefund(client, INPUT)).resolves.toEqual({
      id: "gid://shopify/Refund/77",
      createdAt: "2026-11-02T10:00:00Z",
      total: { shop: { amountMinor: 1250, currencyCode: "USD" }, presentment: { amountMinor: 1250, currencyCode: "USD" } },
    });
  });

  it("turns userErrors into a ShopifyUserError carrying each field and message", async () => {
    // GIVEN Shopify refuses the amount
    const refused = {
      body: { data: { refundCreate: { refund: null, userErrors: [{ field: ["transactions", "0", "amount"], message: "Amount exceeds the refundable amount" }] } } },
    };
    const { client } = clientFor([refused]);
    // WHEN a refund is created
    const error = await createRefund(client, INPUT).catch((e: unknown) => e);
    // THEN the error names the operation and carries the field path
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).userErrors).toEqual([
      { field: ["transactions", "0", "amount"], message: "Amount exceeds the refundable amount", code: null },
    ]);
    expect((error as ShopifyUserError).message).toBe("Shopify refused RefundCreate: transactions.0.amount: Amount exceeds the refundable amount");
  });

  it("refunds in the currency the buyer paid, which Shopify requires when it is not the shop's", async () => {
    const { client, sent } = clientFor([REFUNDED]);
    await createRefund(client, { ...INPUT, transactions: [{ ...firstTransaction(), amount: { amountMinor: 300, currencyCode: "EUR" } }] });
    expect(sent[0]?.variables?.input).toMatchObject({ currency: "EUR", transactions: [{ amount: "3.00" }] });
  });

  it("refuses amounts in two currencies before calling Shopify", async () => {
    const { client, sent } = clientFor([]);
    const eur = { ...firstTransaction(), amount: { amountMinor: 300, currencyCode: "EUR" } };
    await expect(createRefund(client, { ...INPUT, transactions: [firstTransaction(), eur] })).rejects.toThrow("A refund's amounts must share one currency, got USD, EUR.");
    expect(sent).toEqual([]);
  });

  it("refuses a blank idempotency key before calling Shopify", async () => {
    const { client, sent } = clientFor([]);
    await expect(createRefund(client, { ...INPUT, idempotencyKey: "  " })).rejects.toThrow("refundCreate needs a non-blank idempotency key.");
    expect(sent).toEqual([]);
  });
});

describe("assertNoUserErrors", () => {
  it("keeps typed user error codes", () => {
    expect(() =>
      assertNoUserErrors({ userErrors: [{ field: ["returnId"], message: "Return is closed", code: "INVALID_STATE" }] }, "ReturnApproveRequest"),
    ).toThrow("Shopify refused ReturnApproveRequest: returnId: Return is closed (INVALID_STATE)");
  });

  it("returns a clean payload and rejects a missing one", () => {
    expect(assertNoUserErrors({ userErrors: [], ok: true }, "X")).toEqual({ userErrors: [], ok: true });
    expect(() => assertNoUserErrors(null, "ReturnClose")).toThrow(new ShopifyMissingDataError("ReturnClose", "mutation payload"));
  });
});
