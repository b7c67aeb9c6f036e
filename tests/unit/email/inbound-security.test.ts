import { describe, expect, it } from "vitest";
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
