import { describe, expect, it } from "vitest";
import { DEMO_SHOP, FIXTURES, type Simulator } from "../support/shopify-sim";
import { pick, pickString, simulator, NOW } from "./support";

const RUN = `mutation Run($query: String!, $group: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $group) {
    bulkOperation { id status objectCount url }
    userErrors { field message code }
  }
}`;
const POLL = `query Poll($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt } }`;

const ORDERS_WITH_RETURNS = `{
  orders(query: "name:#1004") {
    edges { node { id name customer { id } refunds { id } returns { edges { node { id status } } } } }
  }
}`;

async function run(sim: Simulator, query: string, group = true): Promise<unknown> {
  return (await sim.graphql(DEMO_SHOP, RUN, { query, group })).body;
}

async function poll(sim: Simulator, id: string): Promise<unknown> {
  return pick((await sim.graphql(DEMO_SHOP, POLL, { id })).body, "data", "bulkOperation");
}

async function download(sim: Simulator, url: string): Promise<{ status: number; lines: unknown[] }> {
  const response = await sim.handler(new Request(url));
  const text = await response.text();
  return { status: response.status, lines: response.ok ? text.trimEnd().split("\n").map((l) => JSON.parse(l) as unknown) : [] };
}

describe("bulk query operations", () => {
  it("goes CREATED, RUNNING with a running count, then COMPLETED with a JSONL url, one step per poll", async () => {
    // GIVEN the demo store and a bulk query over every order with its returns
    const sim = simulator();
    const started = await run(sim, `{ orders { edges { node { id returns { nodes { id } } } } } }`);
    expect(pick(started, "data", "bulkOperationRunQuery", "userErrors")).toEqual([]);
    expect(pick(started, "data", "bulkOperationRunQuery", "bulkOperation", "status")).toBe("CREATED");
    const id = pickString(started, "data", "bulkOperationRunQuery", "bulkOperation", "id");
    // WHEN the app polls it three times
    const first = await poll(sim, id);
    const second = await poll(sim, id);
    // THEN it was running half-way, then completed with every order and return counted
    const orders = sim.store.shopState(DEMO_SHOP).orders;
    const returns = orders.flatMap((o) => o.returnIds).length;
    expect(first).toMatchObject({ status: "RUNNING", url: null, completedAt: null });
    expect(Number(pick(first, "objectCount"))).toBeLessThan(orders.length + returns);
    expect(second).toMatchObject({
      status: "COMPLETED",
      errorCode: null,
      objectCount: String(orders.length + returns),
      rootObjectCount: String(orders.length),
      completedAt: new Date(NOW).toISOString(),
    });
    expect(await poll(sim, id)).toMatchObject({ status: "COMPLETED" });
    // AND the file holds one object per line, as many as counted, its size as reported
    const url = pickString(second, "url");
    const file = await sim.handler(new Request(url));
    const text = await file.text();
    expect(text.endsWith("\n")).toBe(true);
    expect(text.trimEnd().split("\n")).toHaveLength(orders.length + returns);
    expect(Buffer.byteLength(text)).toBe(Number(pick(second, "fileSize")));
  });

  it("writes nested connection nodes on their own lines with __parentId, and keeps plain objects and lists inline", async () => {
    // GIVEN order #1004, which has a past return and its refund
    const sim = simulator();
    const order = sim.store.shopState(DEMO_SHOP).orders.find((o) => o.name === "#1004");
    if (!order) throw new Error("seed has no #1004");
    const started = await run(sim, ORDERS_WITH_RETURNS);
    const id = pickString(started, "data", "bulkOperationRunQuery", "bulkOperation", "id");
    await poll(sim, id);
    // WHEN the completed file is read
    const { lines } = await download(sim, pickString(await poll(sim, id), "url"));
    // THEN the order comes first without its connection; its return follows, naming its parent last
    expect(lines).toEqual([
      { id: order.id, name: "#1004", customer: { id: order.customerId }, refunds: order.refundIds.map((r) => ({ id: r })) },
      ...order.returnIds.map((r) => ({ id: r, status: expect.any(String), __parentId: order.id })),
    ]);
    expect(Object.keys(lines[1] as object).at(-1)).toBe("__parentId");
  });

  it("without groupObjects lists every parent before the children", async () => {
    // GIVEN a bulk query of orders and their line items, not grouped
    const sim = simulator();
    const started = await run(sim, `{ orders(first: 2) { nodes { id lineItems { nodes { id } } } } }`, false);
    const id = pickString(started, "data", "bulkOperationRunQuery", "bulkOperation", "id");
    await poll(sim, id);
    // WHEN it is read
    const { lines } = await download(sim, pickString(await poll(sim, id), "url"));
    // THEN all orders (every one, whatever `first` said) come before any line item
    const orders = sim.store.shopState(DEMO_SHOP).orders.length;
    const kinds = lines.map((l) => (typeof pick(l, "__parentId") === "string" ? "child" : "order"));
    expect(kinds.slice(0, orders).every((k) => k === "order")).toBe(true);
    expect(kinds.slice(orders).every((k) => k === "child")).toBe(true);
    expect(kinds.length).toBeGreaterThan(orders);
  });

  it.each([
    ["no connection", `{ shop { name } }`, "Bulk queries must contain at least one connection."],
    ["a mutation", `mutation { returnClose(id: "gid://shopify/Return/1") { userErrors { message } } }`, "Bulk queries must be query operations; use bulkOperationRunMutation for mutations."],
    ["variables", `query Q($q: String) { orders(query: $q) { nodes { id } } }`, "Bulk queries cannot declare variables; write the values into the query."],
    ["a misspelt field", `{ orders { nodes { nmae } } }`, 'Invalid bulk query: Cannot query field "nmae" on type "Order". Did you mean "name" or "note"?'],
    ["three levels", `{ customers { nodes { id orders { nodes { id lineItems { nodes { id } } } } } } }`, "Bulk queries cannot contain connections with a nesting depth greater than 2 (lineItems)."],
    ["a parent without id", `{ orders { nodes { name returns { nodes { id } } } } }`, "The parent of the nested connection returns must select the id field."],
    ["a connection in a list", `{ orders { nodes { id fulfillments { fulfillmentLineItems { nodes { id } } } } } }`, "Queries that contain a connection field within a list field are not currently supported (fulfillmentLineItems)."],
    ["unparsable text", `{ orders {`, expect.stringMatching(/^Invalid bulk query: Syntax Error/)],
  ])("refuses a bulk query with %s through userErrors, and starts nothing", async (_what, query, message) => {
    // GIVEN the demo store
    const sim = simulator();
    // WHEN the query is submitted
    const body = await run(sim, query);
    // THEN the mutation answers INVALID on `query` and no operation exists
    expect(pick(body, "data", "bulkOperationRunQuery")).toEqual({ bulkOperation: null, userErrors: [{ field: ["query"], message, code: "INVALID" }] });
    expect(sim.store.shopState(DEMO_SHOP).bulkOperations).toEqual([]);
  });

  it("refuses more than five connections", async () => {
    const sim = simulator();
    const six = `{ orders { nodes { id a: returns { nodes { id } } b: returns { nodes { id } } c: returns { nodes { id } } d: lineItems { nodes { id } } e: lineItems { nodes { id } } } } }`;
    expect(pick(await run(sim, six), "data", "bulkOperationRunQuery", "userErrors")).toEqual([
      { field: ["query"], message: "Bulk queries cannot contain more than 5 connections.", code: "INVALID" },
    ]);
  });

  it("runs one bulk query per shop at a time: a second answers OPERATION_IN_PROGRESS until the first finished", async () => {
    // GIVEN a bulk query still running
    const sim = simulator();
    const query = `{ orders { nodes { id } } }`;
    const first = pickString(await run(sim, query), "data", "bulkOperationRunQuery", "bulkOperation", "id");
    // WHEN another is submitted
    const refused = await run(sim, query);
    // THEN it is refused naming the running one, which bulkOperations finds by status (looking moves it on)
    expect(pick(refused, "data", "bulkOperationRunQuery")).toEqual({
      bulkOperation: null,
      userErrors: [{ field: null, message: `A bulk query operation for this app and shop is already in progress: ${first}.`, code: "OPERATION_IN_PROGRESS" }],
    });
    const listed = await sim.graphql(DEMO_SHOP, `query L { bulkOperations(first: 5, query: "status:RUNNING operation_type:QUERY") { nodes { id status } } }`);
    expect(pick(listed.body, "data", "bulkOperations", "nodes")).toEqual([{ id: first, status: "RUNNING" }]);
    expect(pick(await run(sim, query), "data", "bulkOperationRunQuery", "userErrors", 0, "code")).toBe("OPERATION_IN_PROGRESS");
    // AND once it completed, a new one starts
    expect(await poll(sim, first)).toMatchObject({ status: "COMPLETED" });
    expect(pick(await run(sim, query), "data", "bulkOperationRunQuery", "userErrors")).toEqual([]);
  });

  it("ends FAILED with Shopify's error code and only the partial data, when the store is told to fail it", async () => {
    // GIVEN a store whose next bulk query fails
    const sim = simulator();
    sim.store.shopState(DEMO_SHOP).bulkFailNext = "INTERNAL_SERVER_ERROR";
    const id = pickString(await run(sim, `{ orders { nodes { id } } }`), "data", "bulkOperationRunQuery", "bulkOperation", "id");
    // WHEN it is polled to its end
    await poll(sim, id);
    const ended = await poll(sim, id);
    // THEN it failed, with no url and a partial file of what was read
    expect(ended).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null });
    const partial = await download(sim, pickString(ended, "partialDataUrl"));
    expect(partial.lines.length).toBe(Number(pick(ended, "objectCount")));
    expect(partial.lines.length).toBeLessThan(sim.store.shopState(DEMO_SHOP).orders.length);
  });

  it("cancels a running operation (CANCELING, then CANCELED) and answers the same through node(id:) and currentBulkOperation", async () => {
    const sim = simulator();
    const id = pickString(await run(sim, `{ orders { nodes { id } } }`), "data", "bulkOperationRunQuery", "bulkOperation", "id");
    const canceled = await sim.graphql(DEMO_SHOP, `mutation C($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`, { id });
    expect(pick(canceled.body, "data", "bulkOperationCancel")).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
    const viaNode = await sim.graphql(DEMO_SHOP, `query N($id: ID!) { node(id: $id) { ... on BulkOperation { status } } }`, { id });
    expect(pick(viaNode.body, "data", "node", "status")).toBe("CANCELED");
    const current = await sim.graphql(DEMO_SHOP, `query Cur { currentBulkOperation { id status } }`);
    expect(pick(current.body, "data", "currentBulkOperation")).toEqual({ id, status: "CANCELED" });
  });

  it("expires the url seven days after completion: the status is EXPIRED and the file is gone", async () => {
    // GIVEN a completed operation, read at a clock the test moves
    let now = NOW;
    const sim = simulator({ now: () => now });
    const id = pickString(await run(sim, `{ orders { nodes { id } } }`), "data", "bulkOperationRunQuery", "bulkOperation", "id");
    await poll(sim, id);
    const url = pickString(await poll(sim, id), "url");
    // WHEN eight days pass
    now += 8 * 24 * 3600 * 1000;
    // THEN the operation is EXPIRED without url, and the old url answers 403
    expect(await poll(sim, id)).toMatchObject({ status: "EXPIRED", url: null });
    expect((await download(sim, url)).status).toBe(403);
  });

  it("reads an order of another shop as nothing: a bulk query only sees its own shop", async () => {
    const sim = simulator();
    const id = pickString(await run(sim, `{ orders { nodes { id } } }`), "data", "bulkOperationRunQuery", "bulkOperation", "id");
    await poll(sim, id);
    const { lines } = await download(sim, pickString(await poll(sim, id), "url"));
    expect(lines).toContainEqual({ id: FIXTURES.order1001.id });
    expect(lines.every((l) => sim.store.shopState(DEMO_SHOP).nodes.has(pickString(l, "id")))).toBe(true);
  });
});
