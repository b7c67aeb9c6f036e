import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { signCsatToken } from "~/email/csat-token";
import { action, loader } from "~/routes/csat.$token";
import { transitionTicket } from "~/tickets/tickets.server";
import { createTestTicket, uniqueShop } from "../support/factories";

afterAll(async () => {
  await prisma.$disconnect();
});

const SECRET = "testApiSecretKey"; // SHOPIFY_API_SECRET in tests/support/setup.ts
const DAY = 24 * 60 * 60 * 1000;

beforeEach(() => {
  vi.stubEnv("SMTP_HOST", "127.0.0.1");
  vi.stubEnv("EMAIL_FROM_ADDRESS", "support@mail.example.com");
});

async function solvedTicket(label: string, locale: "en" | "fr" = "fr") {
  const shop = uniqueShop(label);
  await prisma.shop.create({ data: { shop, name: "Maison <Bleue>" } });
  const ticket = await createTestTicket(shop, { customerEmail: "zoe@example.com", locale });
  await transitionTicket(shop, ticket.id, "solved", "staff:1");
  return { shop, ticket };
}

function click(token: string, score: string) {
  const request = new Request(`https://my-test-app.myshopify.io/csat/${token}?score=${score}`, { headers: { "User-Agent": "Mozilla/5.0" } });
  return loader({ request, params: { token }, context: {} });
}

describe(`CSAT rating links (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("records the score of the first click and thanks the shopper in their language, escaping the shop name", async () => {
    // GIVEN a solved ticket and its signed link
    const { shop, ticket } = await solvedTicket("csat-ok");
    const token = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, SECRET);
    // WHEN the shopper clicks 4
    const response = await click(token, "4");
    // THEN
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("Merci !");
    expect(html).toContain("Vous avez noté la demande n° 1 4 sur 5. Votre avis aide Maison &lt;Bleue&gt; à s&#39;améliorer.");
    const row = await prisma.ticket.findFirstOrThrow({ where: { shop, id: ticket.id } });
    expect(row.csatScore).toBe(4);
    expect(await prisma.auditEvent.count({ where: { shop, entityId: ticket.id, action: "ticket.rated", actor: "portal" } })).toBe(1);
  });

  it("records a rating once: a second click, even on another score, keeps the first and says so", async () => {
    const { shop, ticket } = await solvedTicket("csat-once", "en");
    const token = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, SECRET);
    await click(token, "5");
    const again = await click(token, "1");
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Request #1 was already rated 5 out of 5.");
    expect((await prisma.ticket.findFirstOrThrow({ where: { shop, id: ticket.id } })).csatScore).toBe(5);
    expect(await prisma.auditEvent.count({ where: { shop, entityId: ticket.id, action: "ticket.rated" } })).toBe(1);
  });

  it("rejects a tampered token (400) and an expired one (410) and records nothing", async () => {
    const { shop, ticket } = await solvedTicket("csat-bad", "en");
    const token = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, SECRET);
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const expired = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() - 1000) }, SECRET);
    const forged = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, "not-the-app-secret");
    expect((await click(tampered, "5")).status).toBe(400);
    expect((await click(forged, "5")).status).toBe(400);
    const late = await click(expired, "5");
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("The rating link has expired.");
    expect((await prisma.ticket.findFirstOrThrow({ where: { shop, id: ticket.id } })).csatScore).toBeNull();
  });

  it("refuses a score outside 1–5 and a ticket reopened since the email, and accepts the score as a POSTed form field", async () => {
    const { shop, ticket } = await solvedTicket("csat-score", "en");
    const token = signCsatToken({ shop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, SECRET);
    expect((await click(token, "6")).status).toBe(400);
    expect((await click(token, "x")).status).toBe(400);
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    expect((await click(token, "3")).status).toBe(409);
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    const request = new Request(`https://my-test-app.myshopify.io/csat/${token}`, { method: "POST", body: new URLSearchParams({ score: "3" }) });
    expect((await action({ request, params: { token }, context: {} })).status).toBe(200);
    expect((await prisma.ticket.findFirstOrThrow({ where: { shop, id: ticket.id } })).csatScore).toBe(3);
  });
});

describe(`CSAT rating links against forged input (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("answers a token signed for one shop but naming another shop's ticket 400 and rates nothing", async () => {
    const { shop: victimShop, ticket } = await solvedTicket("csat-victim", "en");
    const attackerShop = uniqueShop("csat-attacker");
    const token = signCsatToken({ shop: attackerShop, ticketId: ticket.id, expiresAt: new Date(Date.now() + DAY) }, SECRET);
    expect((await click(token, "1")).status).toBe(400);
    expect((await prisma.ticket.findFirstOrThrow({ where: { shop: victimShop, id: ticket.id } })).csatScore).toBeNull();
  });

  it("answers any made-up token 400 with the page, never a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 700 }), fc.string({ maxLength: 4 }), async (token, score) => {
        const response = await loader({ request: new Request(`https://my-test-app.myshopify.io/csat/x?score=${encodeURIComponent(score)}`), params: { token }, context: {} });
        expect(response.status).toBe(400);
        expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      }),
      { numRuns: 200 },
    );
  });
});
