import { describe, expect, it } from "vitest";
import { loader as layoutLoader } from "~/routes/app";
import { adminRequest, load, newShop, ok, simulatorForThisFile } from "./app.support";

// The /app layout hands every admin page the shop's zone; pages format dates with it.
simulatorForThisFile();

describe("the admin layout (/app)", () => {
  it("gives the pages the shop's time zone, as Shopify reported it at install", async () => {
    // GIVEN a Los Angeles shop opening the app for the first time
    const shop = newShop("layout-la", "USD", "America/Los_Angeles");
    // WHEN
    const { data } = ok(await load(layoutLoader, adminRequest(shop, "/app")));
    // THEN
    expect(data.timeZone).toBe("America/Los_Angeles");
  });

  it("gives UTC when the shop's zone is one this runtime does not know", async () => {
    const shop = newShop("layout-mars", "USD", "Mars/Olympus");
    const { data } = ok(await load(layoutLoader, adminRequest(shop, "/app")));
    expect(data.timeZone).toBe("UTC");
  });
});
