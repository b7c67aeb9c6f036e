import { describe, expect, it } from "vitest";
import { TICKET_STATUSES, createTicketInputSchema, listTicketsFilterSchema } from "~/tickets/schemas";
import { assertTicketTransition, canTransitionTicket } from "~/tickets/status";

describe("the ticket status table", () => {
  it("allows exactly the ticket transitions", () => {
    // GIVEN / WHEN
    const edges = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => canTransitionTicket(from, to)).map((to) => `${from}→${to}`));
    // THEN
    expect(edges).toEqual([
      "open→pending",
      "open→solved",
      "open→closed",
      "pending→open",
      "pending→solved",
      "pending→closed",
      "solved→open",
      "solved→closed",
    ]);
  });

  it("names the ticket number when a move is forbidden", () => {
    // GIVEN / WHEN / THEN
    expect(() => assertTicketTransition({ number: 12, status: "closed" }, "open")).toThrow(
      expect.objectContaining({ code: "conflict", message: "Ticket #12 is closed and cannot be reopened." }),
    );
    expect(() => assertTicketTransition({ number: 12, status: "solved" }, "pending")).toThrow("Ticket #12 is solved and cannot be set to pending.");
    expect(() => assertTicketTransition({ number: 3, status: "open" }, "open")).toThrow("Ticket #3 is already open.");
  });
});

describe("the ticket schemas", () => {
  it("defaults priority to normal and explains a missing subject", () => {
    // GIVEN / WHEN
    const ok = createTicketInputSchema.parse({ subject: "Help", category: "question_order", channel: "portal" });
    const bad = createTicketInputSchema.safeParse({ subject: "  ", category: "question_order", channel: "portal" });
    // THEN
    expect(ok.priority).toBe("normal");
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(["A ticket needs a subject."]);
  });

  it("refuses an unknown category and an invalid page cursor", () => {
    // GIVEN / WHEN / THEN
    const bad = createTicketInputSchema.safeParse({ subject: "Help", category: "complaint", channel: "portal" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(["Pick a ticket category."]);
    const cursor = listTicketsFilterSchema.safeParse({ cursor: "abc" });
    expect(cursor.success ? [] : cursor.error.issues.map((i) => i.message)).toEqual(["That page link is no longer valid."]);
  });
});
