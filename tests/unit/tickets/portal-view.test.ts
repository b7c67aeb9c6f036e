import { describe, expect, it } from "vitest";
import { ticketRatingRequestSchema, ticketReplyRequestSchema } from "~/returns/portal-contract";
import { isVisibleToShopper, toPortalTicket, toPortalTickets, type TicketRowForPortal } from "~/tickets/portal-view";
import { csatInputSchema } from "~/tickets/schemas";
import { assertTicketRatable, canRateTicket } from "~/tickets/status";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));

function ticket(overrides: Partial<TicketRowForPortal> = {}): TicketRowForPortal {
  return {
    id: "t1",
    number: 7,
    subject: "Gift receipt",
    category: "question_order",
    status: "open",
    createdAt: at(0),
    resolvedAt: null,
    csatScore: null,
    csatComment: null,
    messages: [{ id: "m1", authorType: "customer", authorName: "Ava Lee", visibility: "public", body: "Can I have a gift receipt?", createdAt: at(0) }],
    ...overrides,
  };
}

describe("a ticket as the shopper reads it", () => {
  it("shows public messages only, oldest first, as You / the agent's name / nobody", () => {
    // GIVEN messages out of order, an internal note, a nameless agent and a system notice
    const row = ticket({
      messages: [
        { id: "m4", authorType: "agent", authorName: "  ", visibility: "public", body: "Anything else?", createdAt: at(4) },
        { id: "m2", authorType: "agent", authorName: "Sam Rivera", visibility: "internal", body: "Check the gift flag", createdAt: at(2) },
        { id: "m1", authorType: "customer", authorName: "Ava Lee", visibility: "public", body: "Can I have a gift receipt?", createdAt: at(0) },
        { id: "m3", authorType: "agent", authorName: "Sam Rivera", visibility: "public", body: "Attached.", createdAt: at(3) },
        { id: "m5", authorType: "system", authorName: "Aftercare", visibility: "public", body: "Your return was approved.", createdAt: at(5) },
      ],
    });
    // WHEN
    const view = toPortalTicket(row);
    // THEN
    expect(view.messages.map((m) => [m.id, m.author, m.authorName, m.body])).toEqual([
      ["m1", "customer", null, "Can I have a gift receipt?"],
      ["m3", "agent", "Sam Rivera", "Attached."],
      ["m4", "agent", null, "Anything else?"],
      ["m5", "system", null, "Your return was approved."],
    ]);
    expect(view.lastActivityAt).toBe(at(5).toISOString());
  });

  it("says what the shopper may do in each status, and shows their rating", () => {
    expect(toPortalTicket(ticket({ status: "open" }))).toMatchObject({ canReply: true, canRate: false, rating: null });
    expect(toPortalTicket(ticket({ status: "pending" }))).toMatchObject({ canReply: true, canRate: false });
    expect(toPortalTicket(ticket({ status: "solved", resolvedAt: at(9), csatScore: 4, csatComment: "Quick" }))).toMatchObject({
      canReply: true,
      canRate: true,
      rating: { score: 4, comment: "Quick" },
    });
    expect(toPortalTicket(ticket({ status: "closed", resolvedAt: at(9) }))).toMatchObject({ canReply: false, canRate: true });
    expect(toPortalTicket(ticket({ status: "closed", resolvedAt: null }))).toMatchObject({ canReply: false, canRate: false });
  });

  it("lists only tickets with something to read, most recent activity first, and never system tickets", () => {
    // GIVEN
    const older = ticket({ id: "older", number: 1 });
    const newer = ticket({ id: "newer", number: 2, messages: [{ id: "n1", authorType: "agent", authorName: null, visibility: "public", body: "We received your parcel.", createdAt: at(30) }] });
    const internalOnly = ticket({ id: "internal", number: 3, messages: [{ id: "i1", authorType: "system", authorName: null, visibility: "internal", body: "Needs review", createdAt: at(40) }] });
    const empty = ticket({ id: "empty", number: 4, messages: [] });
    const system = ticket({ id: "system", number: 5, category: "system", messages: [{ id: "s1", authorType: "agent", authorName: null, visibility: "public", body: "Webhook died", createdAt: at(50) }] });
    // WHEN / THEN
    expect([older, newer, internalOnly, empty, system].map(isVisibleToShopper)).toEqual([true, true, false, false, false]);
    expect(toPortalTickets([older, internalOnly, newer, empty, system]).map((t) => t.id)).toEqual(["newer", "older"]);
  });
});

describe("customer satisfaction (CSAT) rules", () => {
  it("lets a solved ticket be rated, and a closed one only if it was solved first", () => {
    expect(canRateTicket({ status: "solved", resolvedAt: at(1) })).toBe(true);
    expect(canRateTicket({ status: "closed", resolvedAt: at(1) })).toBe(true);
    expect(canRateTicket({ status: "closed", resolvedAt: null })).toBe(false);
    expect(canRateTicket({ status: "open", resolvedAt: null })).toBe(false);
    expect(canRateTicket({ status: "pending", resolvedAt: null })).toBe(false);
  });

  it("names the ticket when it cannot be rated", () => {
    expect(() => assertTicketRatable({ number: 12, status: "open", resolvedAt: null })).toThrow(
      expect.objectContaining({ code: "conflict", message: "Ticket #12 is open; it can be rated once it is solved." }),
    );
    expect(() => assertTicketRatable({ number: 12, status: "closed", resolvedAt: null })).toThrow("Ticket #12 was closed without being solved and cannot be rated.");
    expect(() => assertTicketRatable({ number: 12, status: "solved", resolvedAt: at(1) })).not.toThrow();
  });

  it("takes whole scores from 1 to 5 and an optional comment, blank meaning none", () => {
    expect(csatInputSchema.parse({ score: 1 })).toEqual({ score: 1, comment: null });
    expect(csatInputSchema.parse({ score: 5, comment: "  " })).toEqual({ score: 5, comment: null });
    expect(ticketRatingRequestSchema.parse({ score: 3, comment: " Fine " })).toEqual({ score: 3, comment: "Fine" });
    for (const score of [0, 6, 2.5]) {
      expect(csatInputSchema.safeParse({ score }).success, String(score)).toBe(false);
      const portal = ticketRatingRequestSchema.safeParse({ score });
      expect(portal.success ? [] : portal.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["score", "Choose a rating from 1 to 5."]]);
    }
    const long = ticketRatingRequestSchema.safeParse({ score: 5, comment: "x".repeat(1001) });
    expect(long.success ? [] : long.error.issues.map((i) => i.message)).toEqual(["Keep the comment under 1000 characters."]);
  });

  it("takes a shopper's reply of 1 to 5000 characters, trimmed", () => {
    expect(ticketReplyRequestSchema.parse({ message: "  Thanks!  " })).toEqual({ message: "Thanks!" });
    expect(ticketReplyRequestSchema.safeParse({ message: "x".repeat(5000) }).success).toBe(true);
    const long = ticketReplyRequestSchema.safeParse({ message: "x".repeat(5001) });
    expect(long.success ? [] : long.error.issues.map((i) => i.message)).toEqual(["Keep the message under 5000 characters."]);
    const blank = ticketReplyRequestSchema.safeParse({ message: "   " });
    expect(blank.success ? [] : blank.error.issues.map((i) => i.message)).toEqual(["Write a message before sending."]);
  });
});
