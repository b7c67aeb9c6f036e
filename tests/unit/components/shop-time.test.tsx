import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ShopTimeProvider, useShopTime } from "~/components/ShopTime";

function Stamp({ at }: { at: string }) {
  const { timeZone, date, dateTime } = useShopTime();
  return <p>{`${timeZone} | ${date(at)} | ${dateTime(at)}`}</p>;
}

const plain = (html: string) => html.replace(/\s/g, " ");

describe("the shop's clock for admin pages", () => {
  it("formats with the zone the layout provides", () => {
    // GIVEN a page under the layout of a Los Angeles shop
    const html = renderToString(
      <ShopTimeProvider timeZone="America/Los_Angeles">
        <Stamp at="2026-11-26T03:00:00.000Z" />
      </ShopTimeProvider>,
    );
    // THEN it shows the Los Angeles evening of the 25th
    expect(plain(html)).toBe("<p>America/Los_Angeles | Nov 25, 2026 | Nov 25, 2026, 7:00 PM PST</p>");
  });

  it("refuses to guess a zone outside the provider", () => {
    expect(() => renderToString(<Stamp at="2026-11-26T03:00:00.000Z" />)).toThrow(/ShopTimeProvider/);
  });
});
