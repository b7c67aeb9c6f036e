import { describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES } from "../support/shopify-sim";
import { pick, pickString, simulator } from "./support";

const REQUEST = `mutation Request($input: ReturnRequestInput!) {
  returnRequest(input: $input) { return { id name status totalQuantity } userErrors { field message code } }
}`;
const APPROVE = `mutation Approve($id: ID!) {
  returnApproveRequest(input: { id: $id }) { return { id status returnLineItems(first: 5) { nodes { id ... on ReturnLineItem { quantity processableQuantity } } } } userErrors { field message code } }
}`;
const PROCESS = `mutation Process($input: ReturnProcessInput!) {
  returnProcess(input: $input) { return { status returnLineItems(first: 5) { nodes { processedQuantity refundedQuantity } } } userErrors { field message code } }
}`;
const REFUND = (key: string) => `mutation Refund($input: RefundInput!) {
  refundCreate(input: $input) @idempotent(key: "${key}") { refund { id totalRefundedSet { shopMoney { amount } } } order { displayFinancialStatus totalRefundedSet { shopMoney { amount } } } userErrors { field message } }
}`;

const teeLine = (quantity: number) => ({ fulfillmentLineItemId: FIXTURES.order1001.tee.fulfillmentLineItemId, quantity });

describe("return mutations", () => {
  it("refuses to request more than the returnable quantity", async () => {
    // GIVEN order #1001 with one tee
    const sim = simulator();
    // WHEN two tees are requested back
    const { body } = await sim.graphql(DEMO_SHOP, REQUEST, { input: { orderId: FIXTURES.order1001.id, returnLineItems: [teeLine(2)] } });
    // THEN a userError names the quantity and nothing is created
    expect(pick(body, "data", "returnRequest")).toEqual({
      return: null,
      userErrors: [{ field: ["input", "returnLineItems", "0", "quantity"], message: "Quantity 2 is greater than the returnable quantity 1.", code: "INVALID" }],
    });
    expect(sim.store.events.filter((e) => e.type.startsWith("return."))).toEqual([]);
  });

  it("opens a requested return on approval and refuses to approve it twice", async () => {
    // GIVEN a requested return for the tee
    const sim = simulator();
    const requested = await sim.graphql(DEMO_SHOP, REQUEST, { input: { orderId: FIXTURES.order1001.id, returnLineItems: [teeLine(1)] } });
    const returnId = pickString(requested.body, "data", "returnRequest", "return", "id");
    expect(pick(requested.body, "data", "returnRequest", "return")).toEqual({ id: returnId, name: "#1001-R1", status: "REQUESTED", totalQuantity: 1 });
    // WHEN it is approved, then approved again
    const first = await sim.graphql(DEMO_SHOP, APPROVE, { id: returnId });
    const second = await sim.graphql(DEMO_SHOP, APPROVE, { id: returnId });
    // THEN the first opens it and the second is an INVALID_STATE userError
    expect(pick(first.body, "data", "returnApproveRequest", "return", "status")).toBe("OPEN");
    expect(pick(first.body, "data", "returnApproveRequest", "return", "returnLineItems", "nodes", 0, "processableQuantity")).toBe(1);
    expect(pick(second.body, "data", "returnApproveRequest")).toEqual({
      return: null,
      userErrors: [{ field: ["input", "id"], message: "Return is open and cannot be approved.", code: "INVALID_STATE" }],
    });
  });

  it("will not process a return that is still only requested", async () => {
    // GIVEN a requested (not approved) return
    const sim = simulator();
    const requested = await sim.graphql(DEMO_SHOP, REQUEST, { input: { orderId: FIXTURES.order1001.id, returnLineItems: [teeLine(1)] } });
    const returnId = pickString(requested.body, "data", "returnRequest", "return", "id");
    // WHEN it is processed
    const { body } = await sim.graphql(DEMO_SHOP, PROCESS, { input: { returnId, returnLineItems: [] } });
    // THEN Shopify's state rule refuses it
    expect(pick(body, "data", "returnProcess", "userErrors")).toEqual([
      { field: ["input", "returnId"], message: "Return is requested and cannot be processed.", code: "INVALID_STATE" },
    ]);
  });

  it("processes an open return with a card refund and store credit, and refuses paying more than was paid", async () => {
    // GIVEN an approved return of the tee ($25 + $2 tax)
    const sim = simulator();
    const requested = await sim.graphql(DEMO_SHOP, REQUEST, { input: { orderId: FIXTURES.order1001.id, returnLineItems: [teeLine(1)] } });
    const returnId = pickString(requested.body, "data", "returnRequest", "return", "id");
    const approved = await sim.graphql(DEMO_SHOP, APPROVE, { id: returnId });
    const lineId = pickString(approved.body, "data", "returnApproveRequest", "return", "returnLineItems", "nodes", 0, "id");
    const transfer = (card: string, credit: string) => ({
      issueRefund: {
        orderTransactions: [{ parentId: FIXTURES.order1001.saleTransactionId, transactionAmount: { amount: card, currencyCode: "USD" } }],
        refundMethods: [{ storeCreditRefund: { amount: { amount: credit, currencyCode: "USD" } } }],
      },
    });
    // WHEN it is processed asking $40 + $10 (more than the $46.44 paid), then $17 + $10
    const tooMuch = await sim.graphql(DEMO_SHOP, PROCESS, { input: { returnId, returnLineItems: [{ id: lineId, quantity: 1 }], financialTransfer: transfer("40.00", "10.00") } });
    const ok = await sim.graphql(DEMO_SHOP, PROCESS, { input: { returnId, returnLineItems: [{ id: lineId, quantity: 1 }], financialTransfer: transfer("17.00", "10.00") } });
    // THEN the first is refused, the second refunds $27 and credits Ava's account
    expect(pick(tooMuch.body, "data", "returnProcess", "userErrors")).toEqual([
      { field: ["input", "financialTransfer", "issueRefund"], message: "Refund amount $50.00 is greater than net payment received $46.44", code: "INVALID" },
    ]);
    expect(pick(ok.body, "data", "returnProcess")).toEqual({
      return: { status: "OPEN", returnLineItems: { nodes: [{ processedQuantity: 1, refundedQuantity: 1 }] } },
      userErrors: [],
    });
    const order = await sim.graphql(DEMO_SHOP, `query($id: ID!) { order(id: $id) { displayFinancialStatus totalRefundedSet { shopMoney { amount } } customer { storeCreditAccounts(first: 1) { nodes { balance { amount } } } } } }`, { id: FIXTURES.order1001.id });
    expect(pick(order.body, "data", "order")).toEqual({
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "27.0" } },
      customer: { storeCreditAccounts: { nodes: [{ balance: { amount: "25.0" } }] } },
    });
  });
});

describe("refundCreate", () => {
  it("refuses to refund more than was paid", async () => {
    // GIVEN order #1001, paid $46.44
    const sim = simulator();
    // WHEN $50 is refunded to the card
    const { body } = await sim.graphql(DEMO_SHOP, REFUND("over-1"), {
      input: { orderId: FIXTURES.order1001.id, transactions: [{ orderId: FIXTURES.order1001.id, parentId: FIXTURES.order1001.saleTransactionId, kind: "REFUND", gateway: "shopify_payments", amount: "50.00" }] },
    });
    // THEN a userError, no refund
    expect(pick(body, "data", "refundCreate")).toEqual({
      refund: null,
      order: { displayFinancialStatus: "PAID", totalRefundedSet: { shopMoney: { amount: "0.0" } } },
      userErrors: [{ field: ["transactions", "0", "amount"], message: "Refund amount $50.00 is greater than the $46.44 available to refund on this transaction" }],
    });
  });

  it("on an order paid in EUR on a USD shop, refuses a refund without the presentment currency or with the shop's, and takes it in EUR", async () => {
    // GIVEN #1001 paid in euros on the dollar shop (1 EUR = 1.08 USD)
    const sim = simulator();
    const order = sim.store.shopState(DEMO_SHOP).orders.find((o) => o.id === FIXTURES.order1001.id);
    if (!order) throw new Error("#1001 is missing from the seed");
    order.currencyCode = "EUR";
    order.shopCurrency = { code: "USD", rate: 1.08 };
    const input = { orderId: FIXTURES.order1001.id, transactions: [{ orderId: FIXTURES.order1001.id, parentId: FIXTURES.order1001.saleTransactionId, kind: "REFUND", gateway: "shopify_payments", amount: "5.00" }] };
    // WHEN it is refunded without a currency, then in USD, then in EUR
    const none = await sim.graphql(DEMO_SHOP, REFUND("eur-1"), { input });
    const shops = await sim.graphql(DEMO_SHOP, REFUND("eur-2"), { input: { ...input, currency: "USD" } });
    const eur = await sim.graphql(DEMO_SHOP, REFUND("eur-3"), { input: { ...input, currency: "EUR" } });
    // THEN the first two are refused and nothing is refunded by them; the third refunds €5.00, $5.40 in shop money
    expect(pick(none.body, "data", "refundCreate", "userErrors")).toEqual([{ field: ["currency"], message: "Currency is required: the order was paid in EUR, not the shop currency USD" }]);
    expect(pick(shops.body, "data", "refundCreate", "userErrors")).toEqual([{ field: ["currency"], message: "Currency must be the order's presentment currency (EUR)" }]);
    expect(pick(eur.body, "data", "refundCreate", "userErrors")).toEqual([]);
    expect(pick(eur.body, "data", "refundCreate", "refund", "totalRefundedSet")).toEqual({ shopMoney: { amount: "5.4" } });
    expect(sim.store.events.filter((e) => e.type === "refund.created")).toHaveLength(1);
  });

  it("returns the same refund for the same idempotency key instead of paying twice", async () => {
    // GIVEN a $5 refund request with key fee-1
    const sim = simulator();
    const input = { orderId: FIXTURES.order1001.id, transactions: [{ orderId: FIXTURES.order1001.id, parentId: FIXTURES.order1001.saleTransactionId, kind: "REFUND", gateway: "shopify_payments", amount: "5.00" }] };
    // WHEN it is sent twice with the same key
    const first = await sim.graphql(DEMO_SHOP, REFUND("fee-1"), { input });
    const second = await sim.graphql(DEMO_SHOP, REFUND("fee-1"), { input });
    // THEN both answers name one refund and only $5 left the shop
    expect(pickString(second.body, "data", "refundCreate", "refund", "id")).toBe(pickString(first.body, "data", "refundCreate", "refund", "id"));
    expect(pick(second.body, "data", "refundCreate", "order", "totalRefundedSet")).toEqual({ shopMoney: { amount: "5.0" } });
    expect(sim.store.events.filter((e) => e.type === "refund.created")).toHaveLength(1);
  });

  it("is refused at run time without the @idempotent directive", async () => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN refundCreate is sent without a key
    const { body } = await sim.graphql(DEMO_SHOP, `mutation { refundCreate(input: { orderId: "${FIXTURES.order1001.id}" }) { refund { id } userErrors { message } } }`);
    // THEN the mutation errors
    expect(pick(body, "errors", 0, "message")).toBe("The @idempotent directive is required for this mutation.");
  });
});

describe("storeCreditAccountCredit", () => {
  it("credits a customer's account by owner id, and opens one for a customer without", async () => {
    // GIVEN Ava ($15 of credit) and Noah (no account)
    const sim = simulator();
    const credit = `mutation Credit($id: ID!, $amount: Decimal!) {
      storeCreditAccountCredit(id: $id, creditInput: { creditAmount: { amount: $amount, currencyCode: USD } }) {
        storeCreditAccountTransaction { amount { amount currencyCode } balanceAfterTransaction { amount } account { balance { amount } } }
        userErrors { field message code }
      }
    }`;
    // WHEN both get $5, and Noah gets -1
    const ava = await sim.graphql(DEMO_SHOP, credit, { id: FIXTURES.ava.id, amount: "5.00" });
    const noah = await sim.graphql(DEMO_SHOP, credit, { id: FIXTURES.noah.id, amount: "5" });
    const negative = await sim.graphql(DEMO_SHOP, credit, { id: FIXTURES.noah.id, amount: "-1" });
    // THEN balances are $20 and $5, and the negative amount is refused
    expect(pick(ava.body, "data", "storeCreditAccountCredit")).toEqual({
      storeCreditAccountTransaction: { amount: { amount: "5.0", currencyCode: "USD" }, balanceAfterTransaction: { amount: "20.0" }, account: { balance: { amount: "20.0" } } },
      userErrors: [],
    });
    expect(pick(noah.body, "data", "storeCreditAccountCredit", "storeCreditAccountTransaction", "account", "balance")).toEqual({ amount: "5.0" });
    expect(pick(negative.body, "data", "storeCreditAccountCredit", "userErrors")).toEqual([
      { field: ["creditInput", "creditAmount", "amount"], message: "A positive amount must be used to credit a store credit account.", code: "NEGATIVE_OR_ZERO_AMOUNT" },
    ]);
  });
});
