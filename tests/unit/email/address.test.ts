import { describe, expect, it } from "vitest";
import { eventMessageId, parseReplyToken, replyLocalPart, replyToAddress, ticketMessageId, ticketReplyLocalPart } from "~/email/address";

const ENV = {
  SHOPIFY_API_SECRET: "app-secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  INBOUND_EMAIL_DOMAIN: "Reply.Example.com",
  INBOUND_EMAIL_SECRET: "inbound-secret-0123456789abcdefgh",
};

describe("reply addresses and message ids", () => {
  it("gives a ticket the Reply-To reply+{ticketId}.{20 hex signature}@inbound domain, and reads the ticket back from it", () => {
    // WHEN
    const address = replyToAddress("clx1ticket", ENV);
    // THEN
    expect(address).toMatch(/^reply\+clx1ticket\.[0-9a-f]{20}@reply\.example\.com$/);
    const localPart = address?.split("@")[0] ?? "";
    expect(parseReplyToken(localPart, ENV)).toBe("clx1ticket");
  });

  it("reads the token whatever case a mail system gave the local part", () => {
    const localPart = replyLocalPart("clx1ticket", ENV.INBOUND_EMAIL_SECRET);
    expect(parseReplyToken(localPart.toUpperCase(), ENV)).toBe("clx1ticket");
  });

  it("refuses a token whose ticket id or signature was changed, one signed with another secret, and other local parts", () => {
    const localPart = replyLocalPart("clx1ticket", ENV.INBOUND_EMAIL_SECRET);
    const [, sig] = localPart.split(".");
    expect(parseReplyToken(`reply+clx2ticket.${sig}`, ENV)).toBeNull();
    const flipped = `${localPart.slice(0, -1)}${localPart.endsWith("0") ? "1" : "0"}`;
    expect(parseReplyToken(flipped, ENV)).toBeNull();
    expect(parseReplyToken(replyLocalPart("clx1ticket", "another-secret-abcdefgh"), ENV)).toBeNull();
    expect(parseReplyToken("support", ENV)).toBeNull();
    expect(parseReplyToken(`${localPart}.extra`, ENV)).toBeNull();
    expect(parseReplyToken("", ENV)).toBeNull();
  });

  it("has no reply address and reads no token when inbound email is not set up", () => {
    const { INBOUND_EMAIL_SECRET: _secret, ...without } = ENV;
    expect(replyToAddress("clx1ticket", without)).toBeNull();
    expect(parseReplyToken(replyLocalPart("clx1ticket", ENV.INBOUND_EMAIL_SECRET), without)).toBeNull();
    expect(ticketReplyLocalPart("clx1ticket", without)).toBeNull();
  });

  it("gives the demo and tests the local part this deployment's secret signs, the one the Reply-To carries", () => {
    // GIVEN inbound email is set up  WHEN the local part is taken from the environment
    const localPart = ticketReplyLocalPart("clx1ticket", ENV);
    // THEN it is the Reply-To's, and it reads back as the ticket
    expect(`${localPart ?? ""}@reply.example.com`).toBe(replyToAddress("clx1ticket", ENV));
    expect(parseReplyToken(localPart ?? "", ENV)).toBe("clx1ticket");
  });

  it("names a ticket message's email <t.{ticketId}.{messageId}@domain> and an event's by entity, id and event", () => {
    expect(ticketMessageId("tk1", "msg1", "mail.example.com")).toBe("t.tk1.msg1@mail.example.com");
    expect(eventMessageId("r", "rc1", "return.received", "mail.example.com")).toBe("r.rc1.return-received@mail.example.com");
  });
});
