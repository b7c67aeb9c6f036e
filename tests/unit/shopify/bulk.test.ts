import { describe, expect, it } from "vitest";
import { isOrdersBackfill, jsonlLines, ORDERS_BACKFILL_QUERY, ordersFromBackfillFile } from "~/shopify/bulk.server";

const order = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    createdAt: "2026-11-01T10:00:00Z",
    updatedAt: "2026-11-02T10:00:00Z",
    processedAt: "2026-11-01T10:00:00Z",
    displayFinancialStatus: "PARTIALLY_REFUNDED",
    displayFulfillmentStatus: "FULFILLED",
    customer: { id: "gid://shopify/Customer/7" },
    currentTotalPriceSet: { presentmentMoney: { amount: "45.00", currencyCode: "USD" } },
    refunds: [{ id: `gid://shopify/Refund/${n}1` }],
    ...extra,
  });
const child = (type: string, id: number, parent: number) => JSON.stringify({ id: `gid://shopify/${type}/${id}`, __parentId: `gid://shopify/Order/${parent}` });

/** A body that hands out the given chunks, then stays open until `close` is called. */
function openStream(chunks: string[]) {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
    },
  });
  return { body, close: () => controller?.close() };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("the bulk backfill file reader", () => {
  it("turns a grouped file into orders with their line count, returns and refunds, in the webhooks' shape", async () => {
    // GIVEN two orders, the first with two line items and a return
    const file = [order(1), child("LineItem", 11, 1), child("Return", 12, 1), child("LineItem", 13, 1), order(2, { customer: null, displayFinancialStatus: null, refunds: [] })].join("\n") + "\n";
    // WHEN it is read
    const orders = await all(ordersFromBackfillFile(openStreamClosed(file)));
    // THEN
    expect(orders).toEqual([
      {
        order: {
          orderId: "gid://shopify/Order/1",
          name: "#1",
          customerId: "gid://shopify/Customer/7",
          createdAt: new Date("2026-11-01T10:00:00Z"),
          updatedAt: new Date("2026-11-02T10:00:00Z"),
          processedAt: new Date("2026-11-01T10:00:00Z"),
          total: { amount: "45.00", currencyCode: "USD" },
          financialStatus: "partially_refunded",
          fulfillmentStatus: "fulfilled",
          lineCount: 2,
        },
        returnIds: ["gid://shopify/Return/12"],
        refundIds: ["gid://shopify/Refund/11"],
        truncated: false,
      },
      expect.objectContaining({ order: expect.objectContaining({ orderId: "gid://shopify/Order/2", customerId: null, financialStatus: null, lineCount: 0 }), returnIds: [], refundIds: [] }),
    ]);
  });

  it("hands out an order as soon as the next one starts, before the file has ended (it is streamed, not read whole)", async () => {
    // GIVEN a download that has sent order 1, order 2's line and half of the next line, and is still open
    const { body, close } = openStream([order(1) + "\n" + child("Return", 12, 1) + "\n", order(2) + "\n", child("LineItem", 21, 2).slice(0, 20)]);
    // WHEN the first order is asked for
    const reader = ordersFromBackfillFile(body);
    const first = await reader.next();
    // THEN it is there, with its return, while the body is still open
    expect(first.value).toMatchObject({ order: { orderId: "gid://shopify/Order/1" }, returnIds: ["gid://shopify/Return/12"] });
    close();
  });

  it("keeps a character split across two chunks whole", async () => {
    const text = JSON.stringify({ name: "Zoë" }) + "\n";
    const bytes = new TextEncoder().encode(text);
    const split = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, split));
        c.enqueue(bytes.slice(split));
        c.close();
      },
    });
    expect(await all(jsonlLines(body))).toEqual([text.trim()]);
  });

  it("refuses a child that does not follow its order (an ungrouped file), naming the line", async () => {
    const file = [order(1), order(2), child("Return", 12, 1)].join("\n");
    await expect(all(ordersFromBackfillFile(openStreamClosed(file)))).rejects.toThrow(
      "Line 3 of the bulk result (gid://shopify/Return/12) does not follow its order gid://shopify/Order/1.",
    );
  });

  it("refuses a line that is neither an order nor one of its children", async () => {
    await expect(all(ordersFromBackfillFile(openStreamClosed(`{"id":"gid://shopify/Customer/1"}\n`)))).rejects.toThrow(
      "Line 1 of the bulk result is neither an order nor one of its line items or returns.",
    );
  });

  it("knows its own query when Shopify echoes it back, whatever the whitespace, and not another", () => {
    const echoed = (text: string) => ({ id: "x", status: "RUNNING" as const, errorCode: null, objectCount: 0, rootObjectCount: 0, url: null, createdAt: new Date(), query: text });
    expect(isOrdersBackfill(echoed(ORDERS_BACKFILL_QUERY.replace("#graphql", "").replace(/\s+/g, " ")))).toBe(true);
    expect(isOrdersBackfill(echoed("{ customers { nodes { id } } }"))).toBe(false);
  });
});

function openStreamClosed(text: string): ReadableStream<Uint8Array> {
  const { body, close } = openStream([text]);
  close();
  return body;
}
