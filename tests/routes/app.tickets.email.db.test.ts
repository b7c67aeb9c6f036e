import { beforeEach, describe, expect, it, vi } from "vitest";
import { processDueEmails, type EmailTransport } from "~/email/send.server";
import { action as ticketAction, loader as ticketLoader } from "~/routes/app.tickets.$id";
import { createTestTicket } from "../support/factories";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

beforeEach(() => {
  vi.stubEnv("SMTP_HOST", "127.0.0.1");
  vi.stubEnv("EMAIL_FROM_ADDRESS", "support@mail.example.com");
});

describe("support email from the ticket page (/app/tickets/:id)", () => {
  it("mails an agent's public reply, not an internal note, and shows what was sent on the ticket", async () => {
    // GIVEN
    const shop = newShop("ticket-email");
    const t = await createTestTicket(shop, { customerEmail: "zoe@example.com" });
    const post = (json: unknown) => act(ticketAction, adminRequest(shop, `/app/tickets/${t.id}`, { json }), { id: t.id });
    // WHEN the agent replies, adds a note and solves the ticket, and the worker runs
    ok(await post({ intent: "reply", visibility: "public", body: "Refund sent today." }));
    ok(await post({ intent: "reply", visibility: "internal", body: "Checked with the warehouse." }));
    ok(await post({ intent: "set_status", status: "solved" }));
    const sent: { subject?: unknown }[] = [];
    const transport: EmailTransport = { sendMail: (mail) => (sent.push(mail), Promise.resolve({})) };
    await processDueEmails({ shop, transport });
    // THEN two emails went out: the reply and the solved one
    expect(sent.map((m) => m.subject).sort()).toEqual(["Re: Where is my refund? [request #1]", "Your request #1 is solved"]);
    // AND the ticket page lists them
    const { data } = ok(await load(ticketLoader, adminRequest(shop, `/app/tickets/${t.id}`), { id: t.id }));
    expect(data.emails.map((e: { event: string; status: string }) => [e.event, e.status]).sort()).toEqual([
      ["ticket.reply", "sent"],
      ["ticket.solved", "sent"],
    ]);
  });
});
