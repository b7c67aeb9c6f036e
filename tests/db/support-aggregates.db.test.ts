import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { csatByCategoryGroup } from "~/metrics/calculate";
import { backlogNow, csatGroups, firstResponseSpread, resolutionSpread, supportCounts, supportPeriod, ticketsByCategory } from "~/metrics/support.server";
import type { TicketCategory } from "~/tickets/schemas";
import { createTestTicket, uniqueShop } from "../support/factories";

// The support figures' SQL on SQLite and again on PostgreSQL, over one hand-checked data set:
// every expected value below is worked out in the comments from the tickets listed.
afterAll(async () => {
  await prisma.$disconnect();
});

const H = 3_600_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * H);
const range = { from: at(0), to: at(240) };

type Seed = {
  opened: number;
  firstResponse?: number;
  solved?: number;
  status?: string;
  agentReplies?: number;
  internalNotes?: number;
  reopenCount?: number;
  csat?: number;
  assignee?: string;
  category?: TicketCategory;
};

async function ticket(shop: string, s: Seed) {
  const t = await createTestTicket(shop, { category: s.category ?? "question_billing" });
  await prisma.ticket.update({
    where: { id: t.id },
    data: {
      createdAt: at(s.opened),
      firstResponseAt: s.firstResponse === undefined ? null : at(s.firstResponse),
      resolvedAt: s.solved === undefined ? null : at(s.solved),
      status: s.status ?? (s.solved === undefined ? "open" : "solved"),
      reopenCount: s.reopenCount ?? 0,
      csatScore: s.csat ?? null,
      assignee: s.assignee ?? null,
    },
  });
  for (let i = 0; i < (s.agentReplies ?? 0); i++) await prisma.ticketMessage.create({ data: { shop, ticketId: t.id, authorType: "agent", visibility: "public", body: "Reply" } });
  for (let i = 0; i < (s.internalNotes ?? 0); i++) await prisma.ticketMessage.create({ data: { shop, ticketId: t.id, authorType: "agent", visibility: "internal", body: "Note" } });
  await prisma.ticketMessage.create({ data: { shop, ticketId: t.id, authorType: "customer", visibility: "public", body: "Thanks" } });
}

/**
 * T1 opened 0h, answered 1h, solved 10h, one reply, CSAT 5, Ana, billing
 * T2 opened 0h, answered 2h, solved 20h, two replies, CSAT 4, Ana, damaged
 * T3 opened 0h, answered 4h, solved 30h, one reply, reopened once, CSAT 2, Ben, order question
 * T4 opened 0h, answered 8h, solved 40h (closed since), one reply and an internal note, no rating, unassigned, return exception
 * T5 opened 0h, answered 16h, still open, billing
 * T6 opened −48h (previous period), answered −47h, solved 5h, no reply, CSAT 3, Ben, billing
 * plus another shop's solved, rated ticket, which must not count.
 */
async function dataSet(): Promise<string> {
  const shop = uniqueShop("support");
  await ticket(shop, { opened: 0, firstResponse: 1, solved: 10, agentReplies: 1, csat: 5, assignee: "Ana" });
  await ticket(shop, { opened: 0, firstResponse: 2, solved: 20, agentReplies: 2, csat: 4, assignee: "Ana", category: "damaged" });
  await ticket(shop, { opened: 0, firstResponse: 4, solved: 30, agentReplies: 1, reopenCount: 1, csat: 2, assignee: "Ben", category: "question_order" });
  await ticket(shop, { opened: 0, firstResponse: 8, solved: 40, status: "closed", agentReplies: 1, internalNotes: 1, category: "return_exception" });
  await ticket(shop, { opened: 0, firstResponse: 16, agentReplies: 1 });
  await ticket(shop, { opened: -48, firstResponse: -47, solved: 5, csat: 3, assignee: "Ben" });
  await ticket(uniqueShop("support-other"), { opened: 0, firstResponse: 1, solved: 3, agentReplies: 1, csat: 5, assignee: "Ana" });
  return shop;
}

describe(`support aggregates in SQL (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("takes the median and p90 first response over tickets opened in the period", async () => {
    // GIVEN first responses of 1, 2, 4, 8 and 16 hours on tickets opened in the period (T6 opened before it)
    const shop = await dataSet();
    // WHEN / THEN the median is the 3rd of 5 (4 h) and the p90 the ⌈4.5⌉ = 5th (16 h)
    expect(await firstResponseSpread(shop, range)).toEqual({ count: 5, medianHours: 4, p90Hours: 16 });
  });

  it("takes the median and p90 resolution time over tickets solved in the period, closed ones included", async () => {
    // GIVEN resolutions of 10, 20, 30, 40 and 53 hours (T6: −48 h → 5 h); T5 is not solved
    const shop = await dataSet();
    expect(await resolutionSpread(shop, range)).toEqual({ count: 5, medianHours: 30, p90Hours: 53 });
  });

  it("picks the mean of the middle two and the ⌈0.9·n⌉-th of an even count", async () => {
    // GIVEN resolutions of 1, 2, 3 and 100 hours: median (2 + 3) / 2, p90 the ⌈3.6⌉ = 4th
    const shop = uniqueShop("support-even");
    for (const hours of [100, 2, 3, 1]) await ticket(shop, { opened: 0, solved: hours });
    expect(await resolutionSpread(shop, range)).toEqual({ count: 4, medianHours: 2.5, p90Hours: 100 });
    // AND of ten (1 … 10 hours) the p90 is the 9th
    const ten = uniqueShop("support-ten");
    for (let hours = 1; hours <= 10; hours++) await ticket(ten, { opened: 0, solved: hours });
    expect(await resolutionSpread(ten, range)).toEqual({ count: 10, medianHours: 5.5, p90Hours: 9 });
    // AND nothing solved is null, not 0
    expect(await resolutionSpread(uniqueShop("support-none"), range)).toEqual({ count: 0, medianHours: null, p90Hours: null });
  });

  it("counts opened, solved, first-contact resolutions and reopened solves", async () => {
    // GIVEN the data set: opened T1–T5; solved T1, T2, T3, T4, T6
    const shop = await dataSet();
    // THEN first contact: T1 (one reply) and T4 (one public reply; the note is internal) — not T2 (two),
    // T3 (reopened) or T6 (no reply); reopened: T3
    expect(await supportCounts(shop, range)).toEqual({ opened: 5, solved: 5, solvedFirstContact: 2, solvedReopened: 1 });
    const period = await supportPeriod(shop, range);
    expect(period.rates).toEqual({ resolutionRate: 1, firstContactResolution: 0.4, reopenRate: 0.2 });
  });

  it("gives CSAT as the share of 4–5 ratings overall, per agent and per category, with the count of ratings", async () => {
    // GIVEN ratings 5 (Ana), 4 (Ana), 2 (Ben), 3 (Ben); T4 is unrated; the other shop's 5 is not ours
    const shop = await dataSet();
    expect(await csatGroups(shop, range, "all")).toEqual([{ key: "all", ratings: 4, satisfied: 2 }]);
    expect((await supportPeriod(shop, range)).csat).toMatchObject({ ratings: 4, satisfied: 2, score: 0.5 });
    const byAgent = await csatGroups(shop, range, "assignee");
    expect([...byAgent].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "Ana", ratings: 2, satisfied: 2 },
      { key: "Ben", ratings: 2, satisfied: 0 },
    ]);
    // AND per category: billing T1 (5) and T6 (3); fulfillment T2 (4, damaged); order questions T3 (2)
    expect(csatByCategoryGroup(await csatGroups(shop, range, "category"))).toEqual([
      { key: "billing", label: "Billing", ratings: 2, satisfied: 1, score: 0.5 },
      { key: "fulfillment", label: "Fulfillment", ratings: 1, satisfied: 1, score: 1 },
      { key: "order_questions", label: "Order questions", ratings: 1, satisfied: 0, score: 0 },
    ]);
  });

  it("counts tickets opened in the period per stored category", async () => {
    const shop = await dataSet();
    expect(await ticketsByCategory(shop, range)).toEqual({ question_billing: 2, damaged: 1, question_order: 1, return_exception: 1 });
  });

  it("measures the backlog now: count, median and oldest age, and the age buckets", async () => {
    // GIVEN open or pending tickets aged 2, 24 (exactly a day), 30 (pending), 50, 100 and 200 hours, an old solved one and another shop's
    const shop = uniqueShop("backlog");
    for (const age of [2, 24, 50, 100, 200]) await ticket(shop, { opened: 240 - age });
    await ticket(shop, { opened: 240 - 30, status: "pending" });
    await ticket(shop, { opened: 0, solved: 1 });
    await ticket(uniqueShop("backlog-other"), { opened: 0 });
    // WHEN
    const open = await backlogNow(shop, at(240));
    // THEN the median of six is (30 + 50) / 2 and a ticket exactly one day old is in "1–3 days"
    expect(open).toEqual({
      count: 6,
      medianAgeHours: 40,
      oldestAgeHours: 200,
      buckets: [
        { key: "lt1d", label: "Under 1 day", count: 1 },
        { key: "1to3d", label: "1–3 days", count: 3 },
        { key: "3to7d", label: "3–7 days", count: 1 },
        { key: "gt7d", label: "Over 7 days", count: 1 },
      ],
    });
    expect(await backlogNow(uniqueShop("backlog-none"), at(240))).toMatchObject({ count: 0, medianAgeHours: null, oldestAgeHours: null });
  });
});
