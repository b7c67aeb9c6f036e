import { beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { EMAIL_RETRY } from "~/email/jobs";
import { processDueEmails, type EmailTransport } from "~/email/send.server";
import { action, loader } from "~/routes/app.sync";
import { addMessage } from "~/tickets/tickets.server";
import { createTestTicket } from "../support/factories";
import { act, adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

simulatorForThisFile();

beforeEach(() => {
  vi.stubEnv("SMTP_HOST", "127.0.0.1");
  vi.stubEnv("EMAIL_FROM_ADDRESS", "support@mail.example.com");
});

const retryEmail = (shop: string, id: string) => act(action, adminRequest(shop, "/app/sync", { json: { intent: "retry_email", id } }));

describe("email dead letters on the Sync health page (/app/sync)", () => {
  it("lists an email that failed its last attempt without the shopper's address, and a retry sends it once the server accepts", async () => {
    // GIVEN a reply whose only attempt was refused, naming the recipient
    const shop = newShop("sync-email");
    await load(loader, adminRequest(shop, "/app/sync"));
    const ticket = await createTestTicket(shop, { customerEmail: "zoe@example.com" });
    await addMessage(shop, ticket.id, { authorType: "agent", visibility: "public", body: "Hello" });
    const refusing: EmailTransport = { sendMail: () => Promise.reject(new Error("550 5.1.1 <zoe@example.com>: Recipient address rejected")) };
    await processDueEmails({ shop, transport: refusing, retry: { ...EMAIL_RETRY, maxAttempts: 1 }, log: () => undefined });
    // WHEN the merchant opens Sync health
    const { data } = ok(await load(loader, adminRequest(shop, "/app/sync")));
    // THEN the dead email is listed, its error kept without the address
    expect(data).toMatchObject({ emailDeadLetters: { total: 1, rows: [{ event: "ticket.reply", attempts: 1, lastError: "550 5.1.1 <[address]>: Recipient address rejected" }] } });
    expect(JSON.stringify(data)).not.toContain("zoe@example.com");
    const id = (await prisma.job.findFirstOrThrow({ where: { shop, kind: "email.send" } })).id;
    // WHEN retried
    expect(ok(await retryEmail(shop, id))).toEqual({ status: 200, data: { ok: true, message: "The ticket.reply email is queued again." } });
    // THEN the next run sends it and records it sent
    const sent: unknown[] = [];
    const accepting: EmailTransport = { sendMail: (mail) => (sent.push(mail), Promise.resolve({ accepted: ["zoe@example.com"] })) };
    expect(await processDueEmails({ shop, transport: accepting })).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
    expect(await prisma.emailDelivery.findMany({ where: { shop }, select: { status: true } })).toEqual([{ status: "sent" }]);
    // AND a second click finds nothing dead to retry, and another shop cannot retry it
    expect(ok(await retryEmail(shop, id))).toMatchObject({ status: 409 });
    expect(ok(await retryEmail(newShop("sync-email-other"), id))).toMatchObject({ status: 404 });
  });
});
