/**
 * Mirroring Shopify returns (docs/decisions/016). A return made or changed outside Aftercare
 * — in Shopify admin, a customer account, another app — reaches us as a returns/* webhook,
 * and the worker calls `mirrorShopifyReturn`. It reads the return as it stands in Shopify
 * *now*, never the payload's copy: deliveries come late, twice and out of order, so only the
 * current state is worth following. Then:
 *
 * - a return this shop already has (same `shopifyReturnId`): its status follows Shopify's
 *   through the status table (`followShopify`), audited as actor `webhook`. When the two
 *   already agree nothing is written — the echoes of Aftercare's own calls and repeated
 *   deliveries are no-ops;
 * - a return one of our own returns is still waiting to be linked to (same order, same order
 *   lines and quantities, same exchange items, no Shopify id yet — what a lost answer to our
 *   returnRequest/returnCreate leaves behind): it is linked, as the portal and the payout
 *   would on their next try, and then follows Shopify's status;
 * - any other: a new ReturnCase, channel `shopify`. No policy is run and no quote made, and
 *   nothing is paid: the money of a return handled in Shopify admin is the merchant's
 *   business there.
 *
 * Money rows (MoneyMovement) are neither read nor written here.
 */
import { recordAudit } from "~/audit/audit.server";
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { toBigInt } from "~/lib/money";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyGraphqlError } from "~/shopify/errors";
import { getShopifyReturn, type ShopifyReturn } from "~/shopify/returns.server";
import { REASON_HANDLES } from "./request.server";
import {
  followShopify,
  fromShopifyReturnStatus,
  parseReturnStatus,
  SHOPIFY_RETURN_STATUSES,
  type ReturnStatus,
  type ShopifyReturnStatus,
} from "./status";
import { transitionReturnInTx } from "./transition.server";

const ACTOR = "webhook";

export type MirrorOutcome =
  /** A return Aftercare did not know: now a ReturnCase with channel `shopify`. */
  | { kind: "created"; returnCaseId: string; status: ReturnStatus }
  /** One of our own returns that had lost its Shopify id: linked, then in step with Shopify. */
  | { kind: "linked"; returnCaseId: string; status: ReturnStatus }
  /** A known return that Shopify moved: our status followed. */
  | { kind: "moved"; returnCaseId: string; from: ReturnStatus; to: ReturnStatus }
  /** A known return already where Shopify stands: nothing written. */
  | { kind: "in_step"; returnCaseId: string; status: ReturnStatus }
  /** A known return Shopify moved where we must not follow (it would undo what Aftercare did): nothing written. */
  | { kind: "drift"; returnCaseId: string; status: ReturnStatus; shopifyStatus: ShopifyReturnStatus }
  /** Shopify has no such return for this shop (deleted with its order, or another shop's id). */
  | { kind: "not_found" }
  /** A return Aftercare cannot represent; the reason says why. */
  | { kind: "unsupported"; reason: string };

export type MirrorOptions = {
  client: ShopifyAdminClient;
  now?: Date;
  /**
   * The webhook being processed: when Shopify raised it and the status its topic announces
   * (returns/decline → DECLINED). Shopify keeps no decline or cancel time on a return, so
   * when the return still stands where the event put it, that is when it got there.
   */
  event?: { triggeredAt: Date | null; announces: ShopifyReturnStatus | null };
};

/** Brings the shop's copy of a Shopify return in line with Shopify's current state; see the file comment. */
export async function mirrorShopifyReturn(shop: string, shopifyReturnId: string, options: MirrorOptions): Promise<MirrorOutcome> {
  const ret = await readReturn(options.client, shopifyReturnId);
  if (!ret) return { kind: "not_found" };
  const theirs = asShopifyStatus(ret.status);
  if (!theirs) return { kind: "unsupported", reason: `Shopify reports status ${ret.status}, which Aftercare does not know.` };
  const clock = new Clock(ret, theirs, options);

  const known = await prisma.returnCase.findFirst({ where: { shop, shopifyReturnId: ret.id }, select: { id: true } });
  if (known) return prisma.$transaction((tx) => followInTx(tx, shop, known.id, ret, theirs, clock));

  try {
    return await prisma.$transaction((tx) => linkOrCreateInTx(tx, shop, ret, theirs, clock));
  } catch (error) {
    // Another worker mirrored the same return meanwhile (two topics of one return in one
    // batch, two instances): the unique (shop, shopifyReturnId) index let one win. Follow it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.returnCase.findFirst({ where: { shop, shopifyReturnId: ret.id }, select: { id: true } });
    if (!winner) throw error;
    return prisma.$transaction((tx) => followInTx(tx, shop, winner.id, ret, theirs, clock));
  }
}

async function readReturn(client: ShopifyAdminClient, shopifyReturnId: string): Promise<ShopifyReturn | null> {
  try {
    return await getShopifyReturn(client, shopifyReturnId);
  } catch (error) {
    // Shopify answers null for a return it does not have; a NOT_FOUND error means the same.
    if (error instanceof ShopifyGraphqlError && error.codes.includes("NOT_FOUND")) return null;
    throw error;
  }
}

function asShopifyStatus(value: string): ShopifyReturnStatus | null {
  return SHOPIFY_RETURN_STATUSES.find((s) => s === value) ?? null;
}

// ── following a known return ──────────────────────────────────────────────────────────

async function followInTx(
  tx: Tx,
  shop: string,
  returnCaseId: string,
  ret: ShopifyReturn,
  theirs: ShopifyReturnStatus,
  clock: Clock,
): Promise<Extract<MirrorOutcome, { kind: "moved" | "in_step" | "drift" }>> {
  const row = await tx.returnCase.findFirst({
    where: { id: returnCaseId, shop },
    select: { id: true, status: true, approvedAt: true, receivedAt: true, resolvedAt: true },
  });
  if (!row) throw new DomainError("not_found", `Return ${returnCaseId} was not found.`);
  const ours = parseReturnStatus(row.status);
  const step = followShopify(ours, theirs, { received: row.receivedAt !== null, resolved: row.resolvedAt !== null });
  if (step.kind === "in_step") return { kind: "in_step", returnCaseId, status: ours };
  if (step.kind === "drift") return { kind: "drift", returnCaseId, status: ours, shopifyStatus: theirs };

  const data = { shopifyReturnId: ret.id, shopifyStatus: theirs };
  // A reopened return goes back to a milestone it had already reached: keep that date.
  const reached: Partial<Record<ReturnStatus, Date | null>> = { approved: row.approvedAt, received: row.receivedAt, resolved: row.resolvedAt };
  for (const to of step.path) {
    const kept = ours === "closed" ? (reached[to] ?? null) : null;
    await transitionReturnInTx(tx, shop, returnCaseId, to, ACTOR, {
      at: kept ?? clock.milestone(to),
      data: ours === "closed" ? { ...data, reopened: true } : data,
      ...(to === "declined" ? { declineReason: declineReasonOf(ret) } : {}),
    });
  }
  // Open again: the closing date belongs to a close that Shopify undid.
  if (ours === "closed") await tx.returnCase.updateMany({ where: { id: returnCaseId, shop }, data: { closedAt: null } });
  return { kind: "moved", returnCaseId, from: ours, to: step.path[step.path.length - 1] ?? ours };
}

// ── a return we do not know ───────────────────────────────────────────────────────────

async function linkOrCreateInTx(
  tx: Tx,
  shop: string,
  ret: ShopifyReturn,
  theirs: ShopifyReturnStatus,
  clock: Clock,
): Promise<MirrorOutcome> {
  const waiting = await tx.returnCase.findMany({
    where: { shop, orderId: ret.order.id, shopifyReturnId: null, status: { in: ["requested", "needs_review", "approved", "received"] } },
    select: {
      id: true,
      lines: { where: { shop }, select: { id: true, orderLineItemId: true, quantityRequested: true, exchangeVariantId: true, shopifyReturnLineItemId: true, fulfillmentLineItemId: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const ours = waiting.find((rc) => sameShape(rc.lines, ret));
  if (ours) {
    // Guarded on the missing id: the portal or the payout may be recording it right now.
    const { count } = await tx.returnCase.updateMany({
      where: { id: ours.id, shop, shopifyReturnId: null },
      data: { shopifyReturnId: ret.id, shopifyReturnName: ret.name },
    });
    if (count === 0) throw new DomainError("conflict", `Return ${ours.id} was linked to a Shopify return meanwhile; the next attempt follows it.`);
    for (const line of ours.lines) {
      const theirLines = ret.lines.filter((l) => l.orderLine?.id === line.orderLineItemId);
      const only = theirLines.length === 1 ? theirLines[0] : undefined;
      if (!only?.orderLine || line.shopifyReturnLineItemId) continue;
      await tx.returnLine.updateMany({
        where: { id: line.id, shop },
        data: { shopifyReturnLineItemId: only.id, fulfillmentLineItemId: line.fulfillmentLineItemId ?? only.orderLine.fulfillmentLineItemId },
      });
    }
    await recordAudit(tx, shop, {
      actor: ACTOR,
      action: "return.linked",
      entityType: "return",
      entityId: ours.id,
      data: { shopifyReturnId: ret.id, shopifyReturnName: ret.name, shopifyStatus: theirs },
    });
    const followed = await followInTx(tx, shop, ours.id, ret, theirs, clock);
    if (followed.kind === "drift") return followed;
    return { kind: "linked", returnCaseId: ours.id, status: followed.kind === "moved" ? followed.to : followed.status };
  }
  return createInTx(tx, shop, ret, theirs, clock);
}

async function createInTx(tx: Tx, shop: string, ret: ShopifyReturn, theirs: ShopifyReturnStatus, clock: Clock): Promise<MirrorOutcome> {
  // An unverified line (a POS return without a receipt) points at no order line; a return
  // line here always does, so such lines stay in Shopify only.
  const lines = ret.lines.flatMap((l) => (l.orderLine ? [{ ...l, orderLine: l.orderLine }] : []));
  if (lines.length === 0) return { kind: "unsupported", reason: `Shopify return ${ret.name} has no line that points at an order line (unverified items only).` };
  const status = fromShopifyReturnStatus(theirs);
  const createdAt = parseDate(ret.createdAt) ?? clock.now;
  // Shopify keeps the approval date; a return it closed or canceled after approving has one too.
  const approvedAt = parseDate(ret.requestApprovedAt) ?? (status === "approved" || status === "closed" ? clock.milestone("approved") : null);
  const customer = ret.order.customer;
  const created = await tx.returnCase.create({
    data: {
      shop,
      status,
      channel: "shopify",
      // Shopify decides refund or store credit when the merchant processes the return there;
      // only an exchange is known up front.
      resolution: ret.exchangeLines.length > 0 ? "exchange" : "refund",
      orderId: ret.order.id,
      orderName: ret.order.name,
      customerId: customer?.id ?? null,
      customerEmail: ret.order.email ?? customer?.email ?? null,
      customerName: customer?.displayName ?? null,
      currencyCode: lines[0]?.orderLine.unitPrice.currencyCode ?? ret.order.currencyCode,
      decision: [],
      shopifyReturnId: ret.id,
      shopifyReturnName: ret.name,
      createdAt,
      requestedAt: createdAt,
      approvedAt,
      declinedAt: status === "declined" ? clock.milestone("declined") : null,
      closedAt: status === "closed" ? clock.milestone("closed") : null,
      canceledAt: status === "canceled" ? clock.milestone("canceled") : null,
      declineReason: status === "declined" ? declineReasonOf(ret) : null,
      lines: {
        create: lines.map((l) => ({
          shop,
          orderLineItemId: l.orderLine.id,
          fulfillmentLineItemId: l.orderLine.fulfillmentLineItemId,
          shopifyReturnLineItemId: l.id,
          productId: l.orderLine.productId,
          variantId: l.orderLine.variantId,
          title: l.orderLine.title,
          variantTitle: l.orderLine.variantTitle,
          sku: l.orderLine.sku,
          imageUrl: l.orderLine.imageUrl,
          unitPriceMinor: toBigInt(l.orderLine.unitPrice.amountMinor),
          unitTaxMinor: toBigInt(l.orderLine.unitTax.amountMinor),
          quantityRequested: l.quantity,
          reasonCode: reasonCodeFor(l.reason?.handle ?? null),
          reasonDefinitionId: l.reason?.definitionId ?? null,
          note: l.note,
          photos: [],
          createdAt,
        })),
      },
    },
    select: { id: true },
  });
  await recordAudit(tx, shop, {
    actor: ACTOR,
    action: "return.mirrored",
    entityType: "return",
    entityId: created.id,
    data: {
      shopifyReturnId: ret.id,
      shopifyReturnName: ret.name,
      shopifyStatus: theirs,
      status,
      lines: lines.length,
      units: lines.reduce((sum, l) => sum + l.quantity, 0),
      ...(lines.length < ret.lines.length ? { unverifiedLinesLeftOut: ret.lines.length - lines.length } : {}),
      ...(ret.truncated ? { truncated: true } : {}),
    },
  });
  return { kind: "created", returnCaseId: created.id, status };
}

/** Same order lines and quantities, and the same exchange items, as our return: it is the Shopify side of ours. */
function sameShape(ours: { orderLineItemId: string; quantityRequested: number; exchangeVariantId: string | null }[], ret: ShopifyReturn): boolean {
  return (
    signature(ours.map((l) => [l.orderLineItemId, l.quantityRequested])) ===
      signature(ret.lines.map((l) => [l.orderLine?.id ?? `unverified:${l.id}`, l.quantity])) &&
    signature(ours.flatMap((l) => (l.exchangeVariantId ? [[l.exchangeVariantId, l.quantityRequested] as [string, number]] : []))) ===
      signature(ret.exchangeLines.map((e) => [e.variantId ?? `unknown:${e.id}`, e.quantity]))
  );
}

function signature(pairs: [string, number][]): string {
  const totals = new Map<string, number>();
  for (const [id, quantity] of pairs) totals.set(id, (totals.get(id) ?? 0) + quantity);
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, quantity]) => `${id}:${quantity}`)
    .join("|");
}

// ── reasons, decline words, dates ─────────────────────────────────────────────────────

const CODE_BY_HANDLE: ReadonlyMap<string, string> = new Map(
  Object.entries(REASON_HANDLES).flatMap(([code, handles]) => handles.map((handle) => [handle, code] as const)),
);

/**
 * Our reason code for a Shopify return reason (by its handle): ours where the portal maps
 * one ("defective" → damaged, "unwanted" → changed_mind), else the handle as a code the
 * back office shows in words ("arrived-too-late" → arrived_too_late), else "other".
 */
export function reasonCodeFor(handle: string | null): string {
  if (!handle) return "other";
  const known = CODE_BY_HANDLE.get(handle);
  if (known) return known;
  const code = handle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50);
  return /^[a-z][a-z0-9_]*$/.test(code) ? code : "other";
}

// What the shopper reads when Shopify declined without a note of the merchant's own.
const DECLINE_WORDS: Readonly<Record<string, string>> = {
  FINAL_SALE: "The item was a final sale.",
  RETURN_PERIOD_ENDED: "The return period had ended.",
};

function declineReasonOf(ret: ShopifyReturn): string {
  return ret.decline?.note ?? DECLINE_WORDS[ret.decline?.reason ?? ""] ?? "The store declined this return.";
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The dates a mirrored change is stamped with: Shopify's own where it keeps one, else when the event says it happened, else now. */
class Clock {
  readonly now: Date;
  private readonly observed: Date;

  constructor(
    private readonly ret: ShopifyReturn,
    theirs: ShopifyReturnStatus,
    options: MirrorOptions,
  ) {
    this.now = options.now ?? new Date();
    const event = options.event;
    this.observed = event?.triggeredAt && event.announces === theirs ? event.triggeredAt : this.now;
  }

  /** When the return reached `status` in Shopify, as well as we can tell. */
  milestone(status: ReturnStatus): Date {
    if (status === "approved") return parseDate(this.ret.requestApprovedAt) ?? this.observed;
    if (status === "closed") return parseDate(this.ret.closedAt) ?? this.observed;
    return this.observed;
  }
}
