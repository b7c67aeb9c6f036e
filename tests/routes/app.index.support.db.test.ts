import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import Dashboard, { loader } from "~/routes/app._index";
import { loaderData, renderPage } from "../security/render";
import { createReturnCase, createTestTicket } from "../support/factories";
import { adminRequest, newShop, simulatorForThisFile } from "./app.support";

// The dashboard's support section through the real door, then rendered as the merchant's
// browser receives it: figures, trends and a definition behind every support figure.
simulatorForThisFile();

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

describe("the dashboard's support section", () => {
  it("shows each support figure with its definition one keyboard press away, the backlog and the exports", async () => {
    // GIVEN a shop with a return (so the dashboard is not empty), a ticket solved at first contact
    // and rated 5 this week, one solved the week before in 10 hours, and one open for two days
    const shop = newShop("support-page");
    await createReturnCase(shop);
    const quick = await createTestTicket(shop, { category: "question_fulfillment" });
    await prisma.ticket.update({ where: { id: quick.id }, data: { createdAt: ago(30), firstResponseAt: ago(29), resolvedAt: ago(26), status: "solved", csatScore: 5, assignee: "Ana" } });
    await prisma.ticketMessage.create({ data: { shop, ticketId: quick.id, authorType: "agent", visibility: "public", body: "Done" } });
    const before = await createTestTicket(shop);
    await prisma.ticket.update({ where: { id: before.id }, data: { createdAt: ago(24 * 9), firstResponseAt: ago(24 * 9 - 4), resolvedAt: ago(24 * 9 - 10), status: "solved" } });
    const waiting = await createTestTicket(shop, { category: "question_order" });
    await prisma.ticket.update({ where: { id: waiting.id }, data: { createdAt: ago(48) } });
    // WHEN the merchant opens the 7-day dashboard
    const data = await loaderData(loader, adminRequest(shop, "/app?period=7"));
    const html = await renderPage(Dashboard, data);
    // THEN the loader's support figures are the hand-counted ones
    expect(data).toMatchObject({
      support: {
        current: { resolution: { count: 1, medianHours: 4, p90Hours: 4 }, rates: { firstContactResolution: 1, reopenRate: 0 }, csat: { ratings: 1, score: 1 } },
        previous: { resolution: { count: 1, medianHours: 10 } },
        trend: { resolutionMedian: { absolute: -6 } },
        backlog: { count: 1, buckets: [{ count: 0 }, { count: 1 }, { count: 0 }, { count: 0 }] },
      },
    });
    // AND the page shows them, the trend against the previous period, and the exports
    for (const text of ["First-contact resolution", "Reopen rate", "Customer satisfaction", "Backlog now", "Satisfaction by agent", "What customers write about", "Export tickets", "Export money movements"]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain("−6.0 h vs previous");
    // AND the categories' Pareto counts tickets, not returned units
    expect(html).toMatch(/Fulfillment, Order questions account for 100 % of tickets\./);
    // AND every "How is this measured?" is a collapsed button controlling a hidden definition
    const buttons = [...html.matchAll(/<button[^>]*aria-controls="([^"]+)"[^>]*aria-expanded="false"[^>]*>(?:(?!<\/button>).)*How is this measured\?/g)];
    expect(buttons.length).toBeGreaterThanOrEqual(10);
    for (const [, id] of buttons) expect(html).toMatch(new RegExp(`<div id="${id}" hidden="">`));
    expect(html).toContain("Wall-clock hours");
  });

  it("names each agent in the satisfaction table from the staff directory, and labels staff it does not know as \"Staff <id>\"", async () => {
    // GIVEN a shop whose directory knows Mia Ortiz as user 102, and rated tickets assigned to her and to an unknown user 103
    const shop = newShop("support-agents");
    await createReturnCase(shop);
    await prisma.staffMember.create({ data: { shop, userId: "102", name: "Mia Ortiz", email: null } });
    for (const [assignee, csatScore] of [["staff:102", 5], ["staff:102", 4], ["staff:103", 2]] as const) {
      const ticket = await createTestTicket(shop);
      await prisma.ticket.update({ where: { id: ticket.id }, data: { createdAt: ago(30), firstResponseAt: ago(29), resolvedAt: ago(26), status: "solved", csatScore, assignee } });
    }
    // WHEN the merchant opens the 7-day dashboard
    const data = await loaderData(loader, adminRequest(shop, "/app?period=7"));
    const html = await renderPage(Dashboard, data);
    // THEN the per-agent rows carry names, not actor ids
    expect(data).toMatchObject({ support: { csatByAgent: [{ label: "Mia Ortiz", ratings: 2 }, { label: "Staff 103", ratings: 1 }] } });
    expect(html).toContain("Mia Ortiz");
    expect(html).toContain("Staff 103");
    expect(html).not.toContain("staff:102");
  });
});
