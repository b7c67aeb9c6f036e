import { describe, expect, it } from "vitest";
import { actionLabel, actorLabel, CHANNEL_LABEL, date, dateTime } from "~/components/format";

// ICU may put a narrow no-break space before "PM"; the words are what is asserted.
const plain = (text: string) => text.replace(/\s/g, " ");

describe("dates on the shop's clock", () => {
  it("shows an evening in Los Angeles on the Los Angeles day, not UTC's next day", () => {
    // GIVEN 03:00 UTC on the 26th, which is 19:00 on the 25th in Los Angeles
    const at = "2026-11-26T03:00:00.000Z";
    // WHEN / THEN
    expect(date(at, "America/Los_Angeles")).toBe("Nov 25, 2026");
    expect(plain(dateTime(at, "America/Los_Angeles"))).toBe("Nov 25, 2026, 7:00 PM PST");
    expect(date(at, "UTC")).toBe("Nov 26, 2026");
    expect(plain(dateTime(at, "UTC"))).toBe("Nov 26, 2026, 3:00 AM UTC");
  });

  it("names the zone as it is on that day, daylight saving time included", () => {
    expect(plain(dateTime("2026-07-01T03:00:00.000Z", "America/Los_Angeles"))).toBe("Jun 30, 2026, 8:00 PM PDT");
    expect(plain(dateTime("2026-01-15T17:30:00.000Z", "America/New_York"))).toBe("Jan 15, 2026, 12:30 PM EST");
    expect(plain(dateTime("2026-11-25T20:00:00.000Z", "Asia/Kolkata"))).toBe("Nov 26, 2026, 1:30 AM GMT+5:30");
  });

  it("reads a zone it does not know as UTC rather than failing the page", () => {
    const at = "2026-11-26T03:00:00.000Z";
    expect(date(at, "Mars/Olympus")).toBe("Nov 26, 2026");
    expect(plain(dateTime(at, "Mars/Olympus"))).toBe("Nov 26, 2026, 3:00 AM UTC");
    expect(plain(dateTime(at, ""))).toBe("Nov 26, 2026, 3:00 AM UTC");
  });

  it("keeps each zone's format apart when several zones are used in turn", () => {
    const at = "2026-11-26T03:00:00.000Z";
    expect([date(at, "Pacific/Auckland"), date(at, "America/Los_Angeles"), date(at, "Pacific/Auckland")]).toEqual(["Nov 26, 2026", "Nov 25, 2026", "Nov 26, 2026"]);
  });
});

describe("a return mirrored from Shopify, in words", () => {
  it("names Shopify as its channel and as the actor of its timeline", () => {
    // GIVEN / WHEN / THEN
    expect(CHANNEL_LABEL.shopify).toBe("Shopify");
    expect(actorLabel("webhook")).toBe("Shopify");
    expect(actionLabel("return.mirrored")).toBe("Mirrored from Shopify");
    expect(actionLabel("return.linked")).toBe("Linked to its Shopify return");
  });
});
