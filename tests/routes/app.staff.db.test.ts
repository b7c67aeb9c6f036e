import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { loader as inboxLoader } from "~/routes/app.tickets._index";
import { getShop } from "~/shops/shops.server";
import { unauthenticated } from "~/shopify.server";
import type { Simulator } from "../support/shopify-sim";
import { adminRequest, load, newShop, ok, useSimulator } from "./app.support";

// Online tokens through the real door (docs/decisions/012): a staff member's first request
// exchanges their session token for an offline AND an online token; the online session names
// them, the afterAuth hook records them in the shop's staff directory, and everything that
// runs without a person (webhooks, jobs, the app proxy) keeps using the offline session.
let sim: () => Simulator;
let stop: () => void;
beforeAll(() => {
  ({ sim, stop } = useSimulator());
});
afterAll(async () => {
  stop();
  await prisma.$disconnect();
});

const openInbox = async (shop: string, userId: number) => ok(await load(inboxLoader, adminRequest(shop, "/app/tickets", { userId }))).status;
const tokensIssued = (shop: string) => [...sim().oauth.tokens.values()].filter((token) => token.shop === shop).map((token) => (token.online ? "online" : "offline"));

describe("a staff member's first request (online token exchange)", () => {
  it("stores their online session beside the shop's offline one, and records the shop and the staff member", async () => {
    // GIVEN a shop that has never opened the app
    const shop = newShop("online");
    // WHEN user 42 opens a page
    expect(await openInbox(shop, 42)).toBe(200);
    // THEN there are two sessions: the shop's offline one and user 42's online one, which names them
    const sessions = await prisma.session.findMany({ where: { shop }, orderBy: { isOnline: "asc" } });
    expect(sessions.map((s) => ({ id: s.id, isOnline: s.isOnline, token: s.accessToken.slice(0, 6), userId: s.userId, firstName: s.firstName, lastName: s.lastName }))).toEqual([
      { id: `offline_${shop}`, isOnline: false, token: "shpat_", userId: null, firstName: null, lastName: null },
      { id: `${shop}_42`, isOnline: true, token: "shpua_", userId: 42n, firstName: "Sam", lastName: "Novak" },
    ]);
    // ... the afterAuth hook recorded the shop, and user 42 in the shop's staff directory
    expect(await getShop(shop)).toMatchObject({ name: "Test shop online", currencyCode: "USD" });
    expect(await prisma.staffMember.findMany({ where: { shop }, select: { userId: true, name: true, email: true } })).toEqual([
      { userId: "42", name: "Sam Novak", email: "staff42@example.com" },
    ]);
    // ... and what runs without a person (webhooks, jobs, the app proxy) gets the offline session, which works
    const { session, admin } = await unauthenticated.admin(shop);
    expect(session).toMatchObject({ id: `offline_${shop}`, isOnline: false });
    const answer = await admin.graphql("{ shop { name } }");
    expect(await answer.json()).toMatchObject({ data: { shop: { name: "Test shop online" } } });
  });

  it("records the staff member when a new online session starts, not on every request", async () => {
    // GIVEN user 42 signed in once, and their directory row renamed since
    const shop = newShop("once");
    await openInbox(shop, 42);
    await prisma.staffMember.updateMany({ where: { shop, userId: "42" }, data: { name: "Renamed meanwhile" } });
    // WHEN they open another page with the same online session
    await openInbox(shop, 42);
    // THEN nothing was exchanged again and the directory was not rewritten
    expect(tokensIssued(shop)).toEqual(["offline", "online"]);
    expect(await prisma.staffMember.findMany({ where: { shop }, select: { name: true } })).toEqual([{ name: "Renamed meanwhile" }]);
    // WHEN their online session has expired (Shopify's last a day)
    await prisma.session.update({ where: { id: `${shop}_42` }, data: { expires: new Date(Date.now() - 60_000) } });
    await openInbox(shop, 42);
    // THEN the next request exchanged both tokens again and refreshed the same row
    expect(tokensIssued(shop)).toEqual(["offline", "online", "offline", "online"]);
    expect(await prisma.staffMember.findMany({ where: { shop }, select: { userId: true, name: true } })).toEqual([{ userId: "42", name: "Sam Novak" }]);
  });

  it("gives each staff member of the shop a session and a directory entry of their own", async () => {
    // GIVEN
    const shop = newShop("two");
    // WHEN users 42 and 43 open the app
    await openInbox(shop, 42);
    await openInbox(shop, 43);
    // THEN
    const online = await prisma.session.findMany({ where: { shop, isOnline: true }, orderBy: { id: "asc" } });
    expect(online.map((s) => s.id)).toEqual([`${shop}_42`, `${shop}_43`]);
    expect(await prisma.session.count({ where: { shop, isOnline: false } })).toBe(1);
    const staff = await prisma.staffMember.findMany({ where: { shop }, orderBy: { userId: "asc" }, select: { userId: true, name: true } });
    expect(staff).toEqual([
      { userId: "42", name: "Sam Novak" },
      { userId: "43", name: "Priya Novak" },
    ]);
  });
});
