/**
 * Demo data for `npm run demo`: a shop that has been using Aftercare for a while.
 *
 * The demo database starts empty on every start, so the dashboard, the returns queue and the
 * tickets inbox would be empty too. Once the app answers, this plays about two months of a
 * working shop **through the app's own domain code** — nothing is inserted by hand:
 *
 *   1. install: the simulated admin loads the app once (the real token exchange stores the
 *      offline session, as after a merchant installs the app; the storefront portal needs it);
 *   2. shoppers: `getPortalEligibility` + `createPortalReturn` (what POST /apps/aftercare/returns
 *      runs) for ~40 delivered orders, with a mix of reasons (photos for damaged/wrong items)
 *      and resolutions; the policy decides approve / review and opens review tickets;
 *   3. agents: `performReturnAction` (what the return page posts): approve, decline, mark
 *      received (restock), refund, store credit, exchange, close, cancel;
 *   4. tickets: shopper questions through `createPortalTicket`, answered with `addMessage` and
 *      moved on with `transitionTicket`.
 *
 * Each step runs at a story time in the past (the domain functions take `now` where they have a
 * clock). What the domain stamps with the wall clock (row createdAt, audit events, completion
 * times) is then shifted to that story time, on the rows of that step only — dates move, nothing
 * else does. Shopify's side (the simulator) keeps its own clock.
 *
 * Orders used: delivered orders of the demo shop other than #1001 (left returnable for people
 * and the browser tests) and #1002 (the "outside the window" example); see `SeedReport.orders`.
 * The app's modules are loaded from source with Vite (the demo serves the production build,
 * which exports routes only); they share the build's Prisma client (globalThis.aftercarePrisma).
 */
import { deflateSync } from "node:zlib";
import { createServer as createViteServer } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { DEMO_SHOP, simulatedUser, STANDARD_PLAN } from "../../tests/support/shopify-sim";
import { prng } from "../../tests/support/shopify-sim/seed";
import type { OrderRecord } from "../../tests/support/shopify-sim/store";
import type { RunningDemo } from "./start";

import type * as DbModule from "~/db.server";
import type * as Actions from "~/returns/actions.server";
import type { ReturnAction } from "~/returns/actions.schemas";
import type * as Errors from "~/lib/errors";
import type * as PolicyModule from "~/policy/policy.server";
import type * as Photos from "~/portal/photos.server";
import type * as Portal from "~/returns/portal.server";
import type { PortalContext } from "~/returns/portal.server";
import type * as ReturnRequest from "~/returns/request.server";
import type * as Client from "~/shopify/client.server";
import type * as Staff from "~/staff/directory.server";
import type { TicketPriority } from "~/tickets/schemas";
import type * as Tickets from "~/tickets/tickets.server";
import type * as Macros from "~/tickets/macros.server";

// Type-only imports (erased at run time): the modules themselves are loaded by Vite below.
type Db = (typeof DbModule)["default"];

interface Domain {
  prisma: Db;
  client: typeof Client;
  portal: typeof Portal;
  request: typeof ReturnRequest;
  actions: typeof Actions;
  tickets: typeof Tickets;
  staff: typeof Staff;
  policy: typeof PolicyModule;
  photos: typeof Photos;
  errors: typeof Errors;
  macros: typeof Macros;
}

export interface SeedReport {
  returns: number;
  byStatus: Record<string, number>;
  tickets: number;
  /** Emails queued for the Outbox: the app's email worker sends them within seconds. */
  emails: number;
  /** Order names that got a return. */
  orders: string[];
  skipped: string[];
  seconds: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
/** Orders the seed never touches. */
const UNTOUCHED = new Set(["#1001", "#1002"]);
const TARGET_RETURNS = 40;
/** The two support agents: Shopify users 101 and 102, named as the simulator's online token exchange names them. */
const AGENT_USERS = [simulatedUser(101), simulatedUser(102)] as const;
const AGENTS = AGENT_USERS.map((user) => `staff:${user.id}`);
const AGENT_NAMES = AGENT_USERS.map((user) => `${user.first_name} ${user.last_name}`);

function weighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/**
 * Runs a step of the story's past with email off: the app would have mailed those events when
 * they happened, and an email cannot be delivered in the past. Queueing them now would flood
 * the Outbox with weeks-old news, and writing EmailDelivery rows for them would record mail
 * that never went out. So the history has no email, and the story's present (step 5) mails
 * as the app does. The switch is the one the app reads:
 * without a from address no email is queued (app/email/config.ts).
 */
async function withoutEmail<T>(run: () => Promise<T>): Promise<T> {
  const from = process.env.EMAIL_FROM_ADDRESS;
  delete process.env.EMAIL_FROM_ADDRESS;
  try {
    return await run();
  } finally {
    if (from !== undefined) process.env.EMAIL_FROM_ADDRESS = from;
  }
}

async function loadDomain(root: string): Promise<{ domain: Domain; close: () => Promise<void> }> {
  const vite = await createViteServer({
    root,
    configFile: false,
    logLevel: "warn",
    plugins: [tsconfigPaths()],
    appType: "custom",
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const load = <T>(path: string) => vite.ssrLoadModule(path) as Promise<T>;
  const domain: Domain = {
    prisma: (await load<typeof DbModule>("/app/db.server.ts")).default,
    client: await load("/app/shopify/client.server.ts"),
    portal: await load("/app/returns/portal.server.ts"),
    request: await load("/app/returns/request.server.ts"),
    actions: await load("/app/returns/actions.server.ts"),
    tickets: await load("/app/tickets/tickets.server.ts"),
    staff: await load("/app/staff/directory.server.ts"),
    policy: await load("/app/policy/policy.server.ts"),
    photos: await load("/app/portal/photos.server.ts"),
    errors: await load("/app/lib/errors.ts"),
    macros: await load("/app/tickets/macros.server.ts"),
  };
  return { domain, close: () => vite.close() };
}

// ── the clock: run a step, then move what it stamped with the wall clock to the story time ──

interface Touched {
  returnIds: Set<string>;
  ticketIds: Set<string>;
  policyIds: Set<string>;
}

async function shiftStep(db: Db, touched: Touched, from: Date, to: Date, storyAt: Date): Promise<void> {
  const shift = storyAt.getTime() - from.getTime();
  const inStep = (d: Date | null | undefined): d is Date => !!d && d.getTime() >= from.getTime() && d.getTime() <= to.getTime();
  const moved = (d: Date | null | undefined) => (inStep(d) ? new Date(d.getTime() + shift) : undefined);
  const window = { gte: from, lte: to };
  const returnIds = [...touched.returnIds];
  const ticketIds = [...touched.ticketIds];

  for (const r of await db.returnCase.findMany({ where: { shop: DEMO_SHOP, id: { in: returnIds } } })) {
    const data = {
      requestedAt: moved(r.requestedAt),
      approvedAt: moved(r.approvedAt),
      declinedAt: moved(r.declinedAt),
      receivedAt: moved(r.receivedAt),
      resolvedAt: moved(r.resolvedAt),
      closedAt: moved(r.closedAt),
      canceledAt: moved(r.canceledAt),
      createdAt: moved(r.createdAt),
      updatedAt: moved(r.updatedAt) ?? r.updatedAt,
    };
    if (Object.entries(data).some(([k, v]) => k !== "updatedAt" && v)) await db.returnCase.update({ where: { id: r.id }, data });
  }
  for (const l of await db.returnLine.findMany({ where: { shop: DEMO_SHOP, returnCaseId: { in: returnIds }, createdAt: window } })) {
    await db.returnLine.update({ where: { id: l.id }, data: { createdAt: new Date(l.createdAt.getTime() + shift) } });
  }
  const movements = await db.moneyMovement.findMany({ where: { shop: DEMO_SHOP, returnCaseId: { in: returnIds } } });
  for (const m of movements) {
    const data = { createdAt: moved(m.createdAt), completedAt: moved(m.completedAt), updatedAt: moved(m.updatedAt) ?? m.updatedAt };
    if (data.createdAt || data.completedAt) await db.moneyMovement.update({ where: { id: m.id }, data });
  }
  const tickets = await db.ticket.findMany({ where: { shop: DEMO_SHOP, OR: [{ id: { in: ticketIds } }, { returnCaseId: { in: returnIds } }] } });
  for (const t of tickets) {
    touched.ticketIds.add(t.id);
    const opened = inStep(t.createdAt);
    const data = {
      createdAt: moved(t.createdAt),
      // The SLA was computed from the wall clock when the ticket opened in this step.
      slaDueAt: opened && t.slaDueAt ? new Date(t.slaDueAt.getTime() + shift) : undefined,
      firstResponseAt: moved(t.firstResponseAt),
      resolvedAt: moved(t.resolvedAt),
      closedAt: moved(t.closedAt),
      updatedAt: moved(t.updatedAt) ?? t.updatedAt,
    };
    if (Object.entries(data).some(([k, v]) => k !== "updatedAt" && v)) await db.ticket.update({ where: { id: t.id }, data });
  }
  const allTickets = [...touched.ticketIds];
  for (const m of await db.ticketMessage.findMany({ where: { shop: DEMO_SHOP, ticketId: { in: allTickets }, createdAt: window } })) {
    await db.ticketMessage.update({ where: { id: m.id }, data: { createdAt: new Date(m.createdAt.getTime() + shift) } });
  }
  for (const p of await db.policy.findMany({ where: { shop: DEMO_SHOP, id: { in: [...touched.policyIds] }, createdAt: window } })) {
    await db.policy.update({ where: { id: p.id }, data: { createdAt: new Date(p.createdAt.getTime() + shift) } });
  }
  const entityIds = [...returnIds, ...allTickets, ...movements.map((m) => m.id), ...touched.policyIds];
  for (const e of await db.auditEvent.findMany({ where: { shop: DEMO_SHOP, entityId: { in: entityIds }, createdAt: window } })) {
    await db.auditEvent.update({ where: { id: e.id }, data: { createdAt: new Date(e.createdAt.getTime() + shift) } });
  }
}

// ── a photo for "damaged" lines: a small PNG of a parcel with a crack ─────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function parcelPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const box = x > 14 && x < size - 14 && y > 22 && y < size - 14;
      const crack = box && Math.abs(x - (y * 0.8 + 10) - Math.sin(y / 4) * 4) < 1.6;
      const [r, g, b] = crack ? [60, 40, 30] : box ? [196, 154, 108] : [232, 232, 228];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

// ── the story ────────────────────────────────────────────────────────────────────────────

const NOTES: Record<string, string[]> = {
  size_too_small: ["Runs small, I need the next size up.", "Too tight across the shoulders."],
  size_too_large: ["Way too big, the medium fits like a large.", ""],
  not_as_described: ["The colour is much darker than in the photos.", "Material feels thinner than described."],
  damaged: ["Arrived with a crack, the box was crushed.", "Chipped on arrival."],
  wrong_item: ["I received a different item than the one I ordered."],
  changed_mind: ["", "Found something I like more, sorry!"],
  other: ["Gift, the recipient already had one."],
};
const DECLINE_REASONS = ["The photo shows the item was used; we can only take back unused items.", "This item shows wear beyond what we can accept back."];
const QUESTIONS = [
  { subject: "Where is my refund?", message: "I sent my return back last week, when will I see the refund on my card?" },
  { subject: "Can I exchange for another colour?", message: "The portal only offers other sizes. Could I get the same item in another colour?" },
  { subject: "Return label", message: "Do I need to print a label, or can I use any carrier?" },
  { subject: "Gift return", message: "This was a gift. Can the recipient get store credit instead of refunding me?" },
  { subject: "Package lost?", message: "Tracking has not moved in 5 days, is my order lost?" },
  { subject: "Missing item", message: "One item of my order was not in the parcel." },
];
/** What the shoppers whose questions were solved thought of the answer (by question; gaps: no rating). */
// A spread like a real team's: mostly happy, one unhappy after a reopened ticket, some unrated.
const RATINGS: ({ score: number; comment?: string } | undefined)[] = [{ score: 5, comment: "Quick and clear, thank you!" }, undefined, { score: 2, comment: "Took two messages to get an answer." }, { score: 4 }];
/** The question whose shopper writes back after it was solved (the dashboard's reopen rate and first-contact resolution). */
const REOPENED_QUESTION = 2;

const REPLIES = [
  "Thanks for reaching out! Refunds reach your card 3–5 business days after we receive the parcel; yours is on its way.",
  "Good question — exchanges in the portal are for sizes; reply with the colour you want and we'll set it up for you.",
  "No label needed: any tracked carrier works. Keep the receipt until the refund arrives.",
  "Of course. We'll issue store credit to the recipient once the item is back with us.",
];

interface Candidate {
  order: OrderRecord;
  deliveredAt: number;
}

/**
 * Gets the seed ready without writing the story: Shopify admin opens the app once (the install,
 * which also warms the app's admin page) and the domain modules are loaded through Vite. Both
 * block the event loop for a while, so `npm run demo` does this before it prints its URLs; the
 * returned function plays the story in steps that let page views go first.
 */
export async function prepareSeedDemo(demo: RunningDemo, options: { root?: string; now?: Date } = {}): Promise<() => Promise<SeedReport>> {
  const now = options.now ?? new Date();
  const root = options.root ?? process.cwd();
  // Deterministic: the same story on every start.
  const rand = prng(20261126);

  // 1. install: Shopify admin opens the app once; the app exchanges the session token for its offline token.
  const adminPage = await (await fetch(demo.adminUrl)).text();
  const src = /<iframe id="app-iframe"[^>]*src="([^"]+)"/.exec(adminPage)?.[1]?.replaceAll("&amp;", "&");
  if (!src) throw new Error("The simulated admin page has no app iframe.");
  const install = await fetch(src, { headers: { "User-Agent": BROWSER_UA } });
  await install.arrayBuffer();
  if (!install.ok) throw new Error(`The app did not open in the admin (HTTP ${install.status}).`);

  const { domain, close } = await loadDomain(root);
  const { prisma: db, errors } = domain;
  const session = await db.session.findFirst({ where: { shop: DEMO_SHOP, isOnline: false } });
  if (!session) throw new Error("The app stored no offline session for the demo shop.");
  const client = domain.client.createShopifyClient(async (query, opts) =>
    demo.simulator.handler(
      new Request(`https://${DEMO_SHOP}/admin/api/${demo.simulator.apiVersion}/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": session.accessToken },
        body: JSON.stringify({ query, variables: (opts as { variables?: unknown } | undefined)?.variables }),
      }),
    ),
  );

  return async () => {
    const startedAt = performance.now();
    // A Standard plan's bucket would make a 40-return story take a minute; the seed is not a shopper.
    demo.simulator.setRateLimit(DEMO_SHOP, { maximumAvailable: 1_000_000, restoreRate: 1_000_000 });

    const touched: Touched = { returnIds: new Set(), ticketIds: new Set(), policyIds: new Set() };
    const step = async <T>(at: Date, run: () => Promise<T>): Promise<T> => {
      // The seed shares the app's event loop and SQLite calls are synchronous: without a pause
      // between steps, a page requested during seeding would wait for the whole seed.
      await demo.visitorsFirst();
      const from = new Date();
      try {
        return at.getTime() < now.getTime() - HOUR ? await withoutEmail(run) : await run();
      } finally {
        const to = new Date();
        await shiftStep(db, touched, from, to, at);
      }
    };
    const report: SeedReport = { returns: 0, byStatus: {}, tickets: 0, emails: 0, orders: [], skipped: [], seconds: 0 };
    const known = (error: unknown) => error instanceof errors.DomainError || (error instanceof Error && /^Shopify/.test(error.name));

    try {
      // The shop's first policy, from the starter defaults, about three months ago.
      await step(new Date(now.getTime() - 92 * DAY), async () => {
        const policy = await domain.policy.getCurrentPolicy(DEMO_SHOP);
        if (policy.id) touched.policyIds.add(policy.id);
      });
      // The agents opened the app before: their first online sessions put them in the staff directory.
      for (const user of AGENT_USERS) await domain.staff.recordStaffMember(DEMO_SHOP, user);

      // 2. which orders: delivered, in the shop's currency, not the fixtures people rely on.
      const shopState = demo.simulator.store.shops.get(DEMO_SHOP);
      if (!shopState) throw new Error("The simulator has no demo shop.");
      const candidates: Candidate[] = shopState.orders
        .filter((o) => !UNTOUCHED.has(o.name))
        .flatMap((o) => {
          const delivered = o.fulfillments.map((f) => (f.deliveredAt ? Date.parse(f.deliveredAt) : NaN)).filter((t) => !Number.isNaN(t));
          return delivered.length ? [{ order: o, deliveredAt: Math.max(...delivered) }] : [];
        })
        .filter((c) => now.getTime() - c.deliveredAt > 1.5 * DAY);
      // Older deliveries first in the pick so the story spans as far back as the store goes.
      candidates.sort((a, b) => a.deliveredAt - b.deliveredAt || a.order.number - b.order.number);
      const picked = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / (TARGET_RETURNS + 8))) === 0).slice(0, TARGET_RETURNS + 8);

      // Each return's request time: 1–25 days after delivery (inside the 30-day window), before now.
      const stories = picked
        .map((c) => {
          const age = (now.getTime() - c.deliveredAt) / DAY;
          const after = 0.6 + rand() * Math.min(25, age - 1);
          return { ...c, requestedAt: new Date(c.deliveredAt + after * DAY + Math.floor(rand() * 8) * HOUR) };
        })
        .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());

      const created: { id: string; at: Date; resolution: string; reason: string; review: boolean }[] = [];
      for (const story of stories) {
        if (created.length >= TARGET_RETURNS) break;
        const customerId = story.order.customerId;
        const ctx: PortalContext = { shop: DEMO_SHOP, client, secret: process.env.SHOPIFY_API_SECRET ?? "", now: story.requestedAt, locale: "en", customerId, token: null, clientKey: `seed-${story.order.number}` };
        try {
          const eligibility = await domain.portal.getPortalEligibility(ctx, story.order.id);
          const lines = eligibility.lines.filter((l) => l.eligible && l.returnableQuantity > 0);
          if (!lines.length) {
            report.skipped.push(`${story.order.name}: nothing returnable on ${story.requestedAt.toISOString().slice(0, 10)}`);
            continue;
          }
          const chosen = lines.slice(0, rand() < 0.2 && lines.length > 1 ? 2 : 1);
          const sized = chosen.every((l) => /^(XS|S|M|L|XL)\b/.test(l.variantTitle ?? ""));
          let resolution = weighted(rand, [["refund", 45], ["store_credit", 30], ["exchange", 25]] as const);
          if (resolution === "exchange" && !chosen.every((l) => l.exchangeOptions.length)) resolution = "refund";
          const reason = weighted(rand, [
            ["size_too_small", sized ? 22 : 0],
            ["size_too_large", sized ? 14 : 0],
            ["not_as_described", 14],
            ["changed_mind", 18],
            ["damaged", 10],
            ["wrong_item", 4],
            ["other", 4],
          ] as const);
          const needsPhoto = reason === "damaged" || reason === "wrong_item";
          const notes = NOTES[reason] ?? [""];
          const note = notes[Math.floor(rand() * notes.length)] ?? "";
          const result = await step(story.requestedAt, async () => {
            // One upload per return, made in this shopper's session: a return takes its own photos.
            const photo = needsPhoto
              ? await domain.photos.savePhoto(
                  DEMO_SHOP,
                  { type: "image/png", size: parcelPng().length, arrayBuffer: async () => new Uint8Array(parcelPng()).buffer },
                  { orderId: story.order.id, customerId },
                  story.requestedAt,
                )
              : null;
            const answer = await domain.request.createPortalReturn(ctx, {
              orderId: story.order.id,
              resolution,
              clientKey: `seed-${story.order.number}-${Math.floor(rand() * 1e9)}`,
              lines: chosen.map((l) => ({
                lineItemId: l.id,
                quantity: 1,
                reasonCode: reason,
                ...(note ? { note } : {}),
                ...(photo ? { photoIds: [photo.photoId] } : {}),
                ...(resolution === "exchange" ? { exchangeVariantId: l.exchangeOptions[0]!.variantId } : {}),
              })),
            });
            // Known inside the step, so what the request stamped moves with it.
            touched.returnIds.add(answer.returnId);
            return answer;
          });
          created.push({ id: result.returnId, at: story.requestedAt, resolution, reason, review: result.decision === "needs_review" });
          report.orders.push(story.order.name);
        } catch (error) {
          if (!known(error)) throw error;
          report.skipped.push(`${story.order.name}: ${(error as Error).message}`);
        }
      }

      // 3. the agents work the queue, each step a little after the one before; what would lie in the future waits.
      const act = async (id: string, at: Date, action: ReturnAction): Promise<boolean> => {
        if (at.getTime() > now.getTime() - 20 * 60_000) return false;
        try {
          await step(at, () => domain.actions.performReturnAction(DEMO_SHOP, id, action, AGENTS[Math.floor(rand() * AGENTS.length)]!, { client, now: at }));
          return true;
        } catch (error) {
          if (!known(error)) throw error;
          report.skipped.push(`${action.intent} ${id}: ${(error as Error).message}`);
          return false;
        }
      };
      const later = (from: Date, minHours: number, maxHours: number) => new Date(from.getTime() + (minHours + rand() * (maxHours - minHours)) * HOUR);
      const lastReviews = new Set(created.filter((c) => c.review).slice(-2).map((c) => c.id));
      let declined = 0;
      let canceled = 0;
      for (const [i, r] of created.entries()) {
        let at = r.at;
        if (r.review) {
          if (lastReviews.has(r.id)) continue; // waiting in the queue for someone to look
          at = later(at, 2, 20);
          if (declined < 2 && r.reason !== "size_too_small" && rand() < 0.35) {
            declined += await act(r.id, at, { intent: "decline", reason: DECLINE_REASONS[declined % DECLINE_REASONS.length]! }).then(Number);
            continue;
          }
          if (!(await act(r.id, at, { intent: "approve" }))) continue;
        }
        if (canceled < 1 && i % 13 === 7) {
          canceled += await act(r.id, later(at, 20, 40), { intent: "cancel", reason: "The customer decided to keep the item." }).then(Number);
          continue;
        }
        // The parcel comes back in 3–7 days; damaged items are not restocked.
        at = later(at, 72, 168);
        const detail = await db.returnLine.findMany({ where: { shop: DEMO_SHOP, returnCaseId: r.id }, select: { id: true, quantityRequested: true } });
        const restock = r.reason !== "damaged";
        if (!(await act(r.id, at, { intent: "receive", lines: detail.map((l) => ({ lineId: l.id, quantity: l.quantityRequested, restock })) }))) continue;
        at = later(at, 1, 20);
        const intent = r.resolution === "store_credit" ? "store_credit" : r.resolution === "exchange" ? "exchange" : "refund";
        if (!(await act(r.id, at, { intent }))) continue;
        if (rand() < 0.2) await act(r.id, later(at, 24, 72), { intent: "close" });
      }

      // Review tickets: agents answer most of them and solve what was decided.
      const reviewTickets = await db.ticket.findMany({ where: { shop: DEMO_SHOP, returnCaseId: { in: [...touched.returnIds] } }, orderBy: { createdAt: "asc" } });
      for (const [i, t] of reviewTickets.entries()) {
        touched.ticketIds.add(t.id);
        if (i >= reviewTickets.length - 2) continue;
        const at = later(t.createdAt, 1, 18);
        if (at.getTime() > now.getTime() - HOUR) continue;
        await step(at, () => domain.tickets.updateTicketFields(DEMO_SHOP, t.id, { priority: t.priority as TicketPriority, assignee: AGENTS[0]! }, AGENTS[0]!));
        await step(at, () => domain.tickets.addMessage(DEMO_SHOP, t.id, { authorType: "agent", authorName: AGENT_NAMES[0], visibility: "public", body: "Thanks for the photo — we've reviewed your return and you'll get an email with the next steps." }, AGENTS[0]));
        const rc = t.returnCaseId ? await db.returnCase.findFirst({ where: { id: t.returnCaseId }, select: { status: true } }) : null;
        if (rc && rc.status !== "needs_review" && rc.status !== "requested") await step(later(at, 0.2, 2), () => domain.tickets.transitionTicket(DEMO_SHOP, t.id, "solved", AGENTS[0]!));
      }

      // 4. shoppers' questions, some answered, the newest still open.
      const askers = candidates.filter((c) => !report.orders.includes(c.order.name) && c.order.customerId).slice(0, QUESTIONS.length);
      for (const [i, c] of askers.entries()) {
        const q = QUESTIONS[i]!;
        const askedAt = new Date(now.getTime() - (QUESTIONS.length - i) * 3.5 * DAY - Math.floor(rand() * 10) * HOUR);
        const ctx: PortalContext = { shop: DEMO_SHOP, client, secret: process.env.SHOPIFY_API_SECRET ?? "", now: askedAt, locale: "en", customerId: c.order.customerId, token: null, clientKey: `seed-q-${i}` };
        try {
          const { ticketNumber } = await step(askedAt, async () => {
            const answer = await domain.portal.createPortalTicket(ctx, { kind: "question", subject: q.subject, message: q.message, orderId: c.order.id });
            const row = await db.ticket.findFirst({ where: { shop: DEMO_SHOP, number: answer.ticketNumber }, select: { id: true } });
            if (row) touched.ticketIds.add(row.id);
            return answer;
          });
          const reply = REPLIES[i];
          const ticket = await db.ticket.findFirst({ where: { shop: DEMO_SHOP, number: ticketNumber }, select: { id: true, priority: true } });
          if (!reply || !ticket) continue;
          const repliedAt = later(askedAt, 2, 26);
          if (repliedAt.getTime() > now.getTime() - HOUR) continue;
          if (i === 1) await step(later(askedAt, 1, 2), () => domain.tickets.addMessage(DEMO_SHOP, ticket.id, { authorType: "agent", authorName: AGENT_NAMES[0], visibility: "internal", body: "Check stock of the other colours before promising anything." }, AGENTS[0]));
          // Two agents share the inbox, so CSAT per agent has more than one row.
          const agent = i % 2 === 0 ? 1 : 0;
          await step(repliedAt, () => domain.tickets.updateTicketFields(DEMO_SHOP, ticket.id, { priority: ticket.priority as TicketPriority, assignee: AGENTS[agent]! }, AGENTS[agent]!));
          await step(repliedAt, () => domain.tickets.addMessage(DEMO_SHOP, ticket.id, { authorType: "agent", authorName: AGENT_NAMES[agent], visibility: "public", body: reply }, AGENTS[agent]));
          let solvedAt = later(repliedAt, 0.1, 1);
          await step(solvedAt, () => domain.tickets.transitionTicket(DEMO_SHOP, ticket.id, i === 1 ? "pending" : "solved", AGENTS[agent]!));
          if (i === REOPENED_QUESTION) {
            // The shopper writes back (the ticket reopens), a second reply settles it.
            const wroteBackAt = later(solvedAt, 4, 20);
            const answeredAt = later(wroteBackAt, 1, 6);
            solvedAt = later(answeredAt, 0.1, 1);
            if (solvedAt.getTime() < now.getTime() - HOUR) {
              await step(wroteBackAt, () => domain.tickets.addMessage(DEMO_SHOP, ticket.id, { authorType: "customer", visibility: "public", body: "I still don't see a label in my email." }));
              await step(answeredAt, () => domain.tickets.addMessage(DEMO_SHOP, ticket.id, { authorType: "agent", authorName: AGENT_NAMES[agent], visibility: "public", body: "Sorry about that — no label is needed; any tracked carrier works." }, AGENTS[agent]));
              await step(solvedAt, () => domain.tickets.transitionTicket(DEMO_SHOP, ticket.id, "solved", AGENTS[agent]!));
            }
          }
          // Shoppers rate some solved conversations from the portal (the dashboard's CSAT).
          const rating = RATINGS[i];
          const ratedAt = later(solvedAt, 2, 20);
          if (i !== 1 && rating && ratedAt.getTime() < now.getTime() - HOUR) await step(ratedAt, () => domain.tickets.rateTicket(DEMO_SHOP, ticket.id, rating, "portal"));
        } catch (error) {
          if (!known(error)) throw error;
          report.skipped.push(`question on ${c.order.name}: ${(error as Error).message}`);
        }
      }

      // 5. today, with email on: a macro the agents use, and an answer to the newest open
      // question. The app queues the reply's email (job `email.send`) and its worker sends it
      // to the Outbox within seconds, to read and answer as the shopper.
      await domain.macros.createMacro(DEMO_SHOP, { name: "Refund timing", body: "Hi {{customer.first_name}}, refunds reach your card 3–5 business days after we receive the parcel. Anything else, just reply to this email.\n\n{{agent.name}}" }, AGENTS[0]!);
      const newest = await db.ticket.findFirst({
        where: { shop: DEMO_SHOP, id: { in: [...touched.ticketIds] }, status: "open", returnCaseId: null, customerEmail: { not: null } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      if (newest) {
        await step(now, () => domain.tickets.addMessage(DEMO_SHOP, newest.id, { authorType: "agent", authorName: AGENT_NAMES[0], visibility: "public", body: "Thanks for asking! We're checking with the warehouse and will write back today." }, AGENTS[0]));
      }
      report.emails = await db.job.count({ where: { shop: DEMO_SHOP, kind: "email.send" } });

      const groups = await db.returnCase.groupBy({ by: ["status"], where: { shop: DEMO_SHOP, id: { in: [...touched.returnIds] } }, _count: { _all: true } });
      report.byStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
      report.returns = touched.returnIds.size;
      report.tickets = touched.ticketIds.size;
    } finally {
      demo.simulator.setRateLimit(DEMO_SHOP, { ...STANDARD_PLAN });
      await close();
    }
    report.seconds = (performance.now() - startedAt) / 1000;
    return report;
  };
}

/** Plays the demo shop's story through the domain code. Resolves with what it made. */
export async function seedDemo(demo: RunningDemo, options: { root?: string; now?: Date } = {}): Promise<SeedReport> {
  return (await prepareSeedDemo(demo, options))();
}
