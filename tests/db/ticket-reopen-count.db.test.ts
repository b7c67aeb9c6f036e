import { afterAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { addMessage, transitionTicket } from "~/tickets/tickets.server";
import { createTestTicket, uniqueShop } from "../support/factories";

// The reopen rate and first-contact resolution read Ticket.reopenCount: it must count every
// return from solved to open, and nothing else.
afterAll(async () => {
  await prisma.$disconnect();
});

const reopenCount = async (id: string) => (await prisma.ticket.findUniqueOrThrow({ where: { id } })).reopenCount;

describe(`ticket reopen count (${process.env.AFTERCARE_TEST_DB})`, () => {
  it("counts a customer writing back to a solved ticket, and staff reopening it, but not a reply to a pending one", async () => {
    // GIVEN a solved ticket
    const shop = uniqueShop("reopens");
    const ticket = await createTestTicket(shop);
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    // WHEN the customer writes back
    await addMessage(shop, ticket.id, { authorType: "customer", visibility: "public", body: "Still broken." });
    // THEN it was reopened once
    expect(await reopenCount(ticket.id)).toBe(1);
    // WHEN it is solved and staff reopen it
    await transitionTicket(shop, ticket.id, "solved", "staff:1");
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    expect(await reopenCount(ticket.id)).toBe(2);
    // WHEN it goes pending and the customer answers, or staff move it back to open: not a reopen
    await transitionTicket(shop, ticket.id, "pending", "staff:1");
    await addMessage(shop, ticket.id, { authorType: "customer", visibility: "public", body: "Here is the photo." });
    await transitionTicket(shop, ticket.id, "pending", "staff:1");
    await transitionTicket(shop, ticket.id, "open", "staff:1");
    expect(await reopenCount(ticket.id)).toBe(2);
  });
});
