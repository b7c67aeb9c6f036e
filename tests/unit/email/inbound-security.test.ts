import { describe, expect, it, vi } from "vitest";
import { parseReplyToken, replyLocalPart } from "~/email/inbound-address";
import { verifyInboundSignature } from "~/email/inbound-signature";
import { signInboundEmail } from "../../support/inbound-email";

const SECRET = "unit-inbound-secret-0123456789abcdef";

describe("the inbound signature", () => {
  const body = Buffer.from("From: a@example.com\r\nTo: b@example.com\r\n\r\nHi\r\n");

  it("accepts the HMAC-SHA256 of exactly these bytes", () => {
    // GIVEN a body signed with the secret  WHEN it is verified  THEN it passes
    expect(verifyInboundSignature(body, signInboundEmail(body, SECRET), SECRET)).toBe(true);
  });

  it("refuses a missing, malformed, other-secret or other-body signature", () => {
    // GIVEN signatures that are not this body's with this secret
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] = "X".charCodeAt(0);
    const attempts = [null, "", "sha256=", "sha256=zz", signInboundEmail(body, "another-secret"), signInboundEmail(tampered, SECRET), signInboundEmail(body, SECRET).slice(0, -2)];
    // WHEN each is verified  THEN each fails
    for (const header of attempts) expect(verifyInboundSignature(body, header, SECRET), String(header)).toBe(false);
  });
});

describe("reply tokens", () => {
  it("gives back the ticket id of an address it issued, in any letter case", () => {
    // GIVEN the secret is set and a reply address for ticket t1
    vi.stubEnv("INBOUND_EMAIL_SECRET", SECRET);
    const local = replyLocalPart("cm0ticket1abc");
    // WHEN it is parsed (as written, upper-cased by a client, or as the bare token)  THEN it names the ticket
    expect(local).toMatch(/^reply\+cm0ticket1abc\.[0-9a-f]{16}$/);
    expect(parseReplyToken(local ?? "")).toBe("cm0ticket1abc");
    expect(parseReplyToken((local ?? "").toUpperCase())).toBe("cm0ticket1abc");
    expect(parseReplyToken((local ?? "").slice("reply+".length))).toBe("cm0ticket1abc");
  });

  it("refuses a token whose mac is not ours: another ticket's, another secret's, or guessed", () => {
    // GIVEN a real token for one ticket
    vi.stubEnv("INBOUND_EMAIL_SECRET", SECRET);
    const mac = (replyLocalPart("cm0ticket1abc") ?? "").split(".")[1];
    // WHEN its mac is put on another ticket id, or a made-up one is used  THEN nothing is named
    expect(parseReplyToken(`reply+cm0ticket2abc.${mac}`)).toBeNull();
    expect(parseReplyToken("reply+cm0ticket1abc.0000000000000000")).toBeNull();
    expect(parseReplyToken("reply+cm0ticket1abc")).toBeNull();
    vi.stubEnv("INBOUND_EMAIL_SECRET", "another-secret-entirely-0123456789");
    expect(parseReplyToken(`reply+cm0ticket1abc.${mac}`)).toBeNull();
  });

  it("issues and accepts nothing while INBOUND_EMAIL_SECRET is unset", () => {
    vi.stubEnv("INBOUND_EMAIL_SECRET", "");
    expect(replyLocalPart("cm0ticket1abc")).toBeNull();
    expect(parseReplyToken("reply+cm0ticket1abc.0123456789abcdef")).toBeNull();
  });
});
