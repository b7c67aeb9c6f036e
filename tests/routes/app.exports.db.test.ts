import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { EXPORT_PAGE_SIZE } from "~/exports/exports.server";
import { loader as moneyLoader } from "~/routes/app.exports.money";
import { loader as returnsLoader } from "~/routes/app.exports.returns";
import { loader as ticketsLoader } from "~/routes/app.exports.tickets";
import { createMoneyMovement, createReturnCase, createTestTicket } from "../support/factories";
import { adminRequest, newShop, simulatorForThisFile } from "./app.support";

// The CSV exports through the real door: a session token, the shop from the simulator (its
// time zone draws the days), rows from a real database, the body read as a stream.
simulatorForThisFile();

type Loader = typeof ticketsLoader;
const get = (loader: Loader, shop: string, path: string) => loader({ request: adminRequest(shop, path), params: {}, context: {} });
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");

async function ticketAt(shop: string, iso: string, subject: string) {
  const t = await createTestTicket(shop, { subject });
  await prisma.ticket.update({ where: { id: t.id }, data: { createdAt: new Date(iso) } });
}

describe("the CSV exports (/app/exports/*)", () => {
  it("streams the tickets created on the shop's days, both included, in its time zone, with a filename", async () => {
    // GIVEN a Berlin shop (UTC+1 in March) and tickets either side of 2 March's local midnights
    const shop = newShop("export-tz", "USD", "Europe/Berlin");
    await ticketAt(shop, "2026-03-01T22:30:00Z", "Before (1 March 23:30 in Berlin)");
    await ticketAt(shop, "2026-03-01T23:30:00Z", "=HYPERLINK(\"http://evil\")");
    await ticketAt(shop, "2026-03-02T22:59:00Z", "Late on 2 March, Zoë");
    await ticketAt(shop, "2026-03-02T23:00:00Z", "After (3 March 00:00 in Berlin)");
    // AND another shop's ticket on the same day
    const other = newShop("export-other");
    await ticketAt(other, "2026-03-02T12:00:00Z", "Not yours");
    // WHEN the merchant exports 2 March
    const response = await get(ticketsLoader, shop, "/app/exports/tickets?from=2026-03-02&to=2026-03-02");
    // THEN a CSV attachment named for the shop, the kind and the days
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${shop.replace(".myshopify.com", "")}-tickets-2026-03-02-to-2026-03-02.csv"`);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const rows = lines(await response.text());
    // AND the header and exactly the two tickets of that local day, oldest first, the formula escaped
    expect(rows[0]).toMatch(/^number,created_at,subject,category/);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(rows[2]).toContain(",\"Late on 2 March, Zoë\",");
  });

  it("writes each ticket's assignee as the raw actor id and, beside it, the name the back office shows", async () => {
    // GIVEN Mia Ortiz (user 102) in the directory, and tickets assigned to her, to an unknown user 103, and to nobody
    const shop = newShop("export-assignee");
    await prisma.staffMember.create({ data: { shop, userId: "102", name: "Mia Ortiz", email: null } });
    for (const [iso, assignee] of [["2026-03-02T10:00:00Z", "staff:102"], ["2026-03-02T11:00:00Z", "staff:103"], ["2026-03-02T12:00:00Z", null]] as const) {
      const t = await createTestTicket(shop, { subject: "Where is it" });
      await prisma.ticket.update({ where: { id: t.id }, data: { createdAt: new Date(iso), assignee } });
    }
    // WHEN the merchant exports the day
    const rows = lines(await (await get(ticketsLoader, shop, "/app/exports/tickets?from=2026-03-02&to=2026-03-02")).text());
    // THEN the assignee column keeps the id and assignee_name names the agent ("Staff 103" when unknown, empty when unassigned)
    const header = rows[0]?.split(",") ?? [];
    const at = header.indexOf("assignee");
    expect(header[at + 1]).toBe("assignee_name");
    expect(rows.slice(1).map((r) => r.split(",").slice(at, at + 2))).toEqual([["staff:102", "Mia Ortiz"], ["staff:103", "Staff 103"], ["", ""]]);
  });

  it("refuses a missing, malformed or backwards range with 400 and a sentence saying what to send", async () => {
    const shop = newShop("export-bad");
    for (const [query, message] of [
      ["", "Give the range as from=YYYY-MM-DD and to=YYYY-MM-DD (real calendar days, both included)."],
      ["?from=2026-02-30&to=2026-03-01", "Give the range as from=YYYY-MM-DD and to=YYYY-MM-DD (real calendar days, both included)."],
      ["?from=2026-03-05&to=2026-03-01", "The range starts (2026-03-05) after it ends (2026-03-01); swap the dates."],
    ] as const) {
      const response = await get(returnsLoader, shop, `/app/exports/returns${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "bad_request", message } });
    }
  });

  it("writes returns with amounts in major units beside their currency code, and no other shop's", async () => {
    // GIVEN a USD refund of 19.99 and a JPY store credit of ¥1999
    const shop = newShop("export-returns");
    const usd = await createReturnCase(shop, { orderName: "#1001" });
    await prisma.returnCase.update({ where: { id: usd.id }, data: { createdAt: new Date("2026-03-02T10:00:00Z"), refundAmountMinor: 1999n } });
    const jpy = await createReturnCase(shop, { orderName: "#1002", currencyCode: "JPY", resolution: "store_credit" });
    await prisma.returnCase.update({ where: { id: jpy.id }, data: { createdAt: new Date("2026-03-02T11:00:00Z"), storeCreditAmountMinor: 1999n } });
    const theirs = await createReturnCase(newShop("export-returns-other"), { orderName: "#9999" });
    await prisma.returnCase.update({ where: { id: theirs.id }, data: { createdAt: new Date("2026-03-02T10:30:00Z") } });
    // WHEN
    const rows = lines(await (await get(returnsLoader, shop, "/app/exports/returns?from=2026-03-01&to=2026-03-03")).text());
    // THEN
    expect(rows[0]).toBe("id,created_at,order,status,resolution,channel,customer_email,currency_code,refund_amount,store_credit_amount,bonus_amount,fee_amount,exchange_difference,resolved_at,decline_reason");
    expect(rows.slice(1)).toEqual([
      `${usd.id},2026-03-02T10:00:00.000Z,#1001,requested,refund,portal,,USD,19.99,0.00,0.00,0.00,0.00,,`,
      `${jpy.id},2026-03-02T11:00:00.000Z,#1002,requested,store_credit,portal,,JPY,0,1999,0,0,0,,`,
    ]);
  });

  it("reads money movements one page per pull, every row once, a negative amount kept a number", async () => {
    // GIVEN one page and a bit of movements on one day, one of them negative
    const shop = newShop("export-money");
    const day = new Date("2026-03-02T12:00:00Z");
    await prisma.moneyMovement.createMany({
      data: Array.from({ length: EXPORT_PAGE_SIZE + 3 }, (_, i) => ({
        shop,
        orderId: "gid://shopify/Order/1",
        kind: i === 0 ? "fee" : "refund",
        amountMinor: i === 0 ? -250n : BigInt(100 + i),
        currencyCode: "EUR",
        idempotencyKey: `k-${i}`,
        status: "succeeded",
        actor: "system",
        // several rows share a timestamp: the keyset's id tiebreak must neither skip nor repeat them
        createdAt: new Date(day.getTime() + Math.floor(i / 7) * 1000),
      })),
    });
    await createMoneyMovement(newShop("export-money-other"), { amountMinor: 7777 });
    // WHEN the response is read chunk by chunk
    const response = await get(moneyLoader, shop, "/app/exports/money?from=2026-03-02&to=2026-03-02");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const chunks: string[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(decoder.decode(chunk.value, { stream: true }));
    // THEN the header came alone, before any row was read, then one chunk per page of at most EXPORT_PAGE_SIZE rows
    expect(chunks[0]).toMatch(/^\uFEFFid,created_at,kind,status,amount,currency_code,return_id,order_id,actor,completed_at,note\r\n$/);
    expect(chunks.slice(1).map((c) => lines(c).length)).toEqual([EXPORT_PAGE_SIZE, 3]);
    // AND every movement once, the fee's negative amount a number in major units
    const rows = lines(chunks.slice(1).join(""));
    expect(new Set(rows.map((r) => r.split(",")[0])).size).toBe(EXPORT_PAGE_SIZE + 3);
    expect(rows[0]?.split(",").slice(2, 6)).toEqual(["fee", "succeeded", "-2.50", "EUR"]);
    expect(rows.some((r) => r.includes("77.77"))).toBe(false);
  });
});
