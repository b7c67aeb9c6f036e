import { z } from "zod";
import type { DbClient } from "~/automation/system-ticket.server";
import type { CustomerReference } from "~/automation/payloads";
import { PHOTO_ID } from "~/portal/photo-storage.server";

/**
 * One definition of "the records we hold about a customer", shared by the data request
 * (export them) and the redaction (erase them), so we never erase what we did not show.
 */
export type CustomerScope = {
  /** Customer ids as we store them (GIDs), plus the bare number in case one slipped in. */
  customerIds: string[];
  emails: string[];
  orderIds: string[];
  /** Finds the customer in free JSON (audit data, webhook payloads): email and GIDs. */
  mentions: RegExp;
};

/** The page size of findJsonRows: every `page` function passed to it takes this many rows. */
export const JSON_SCAN_BATCH = 500;

/** The scope of a compliance request: the customer's id and email, and the listed orders. */
export function customerScope(customer: CustomerReference, orderNumbers: string[]): CustomerScope {
  const customerGid = customer.id ? `gid://shopify/Customer/${customer.id}` : undefined;
  const orderGids = orderNumbers.map((number) => `gid://shopify/Order/${number}`);
  const email = customer.email?.trim();
  const patterns = [
    ...(email ? [escapeRegExp(email)] : []),
    ...[customerGid, ...orderGids].filter((gid) => gid !== undefined).map((gid) => `${escapeRegExp(gid)}(?![0-9])`),
  ];
  return {
    customerIds: customerGid && customer.id ? [customerGid, customer.id] : [],
    emails: email ? unique([email, email.toLowerCase()]) : [],
    orderIds: unique([...orderGids, ...orderNumbers]),
    // (?!) never matches: a scope with nothing to look for finds nothing.
    mentions: new RegExp(patterns.length > 0 ? patterns.join("|") : "(?!)", "i"),
  };
}

/** Rows linked to the customer in scope by customer id, email or order: returns and tickets. */
function byCustomer(scope: CustomerScope) {
  return [{ customerId: { in: scope.customerIds } }, { customerEmail: { in: scope.emails } }, { orderId: { in: scope.orderIds } }];
}

/** Loads everything the shop holds about the customer in scope. */
export async function findCustomerRecords(db: DbClient, shop: string, scope: CustomerScope) {
  const returnCases = await db.returnCase.findMany({
    where: { shop, OR: byCustomer(scope) },
    include: { lines: { orderBy: { createdAt: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  const returnCaseIds = returnCases.map((returnCase) => returnCase.id);
  const tickets = await db.ticket.findMany({
    // System tickets are our own bookkeeping (dead letters, earlier data-request exports),
    // not data collected about the customer: an export must not nest the previous export.
    where: { shop, category: { not: "system" }, OR: [...byCustomer(scope), { returnCaseId: { in: returnCaseIds } }] },
    include: { messages: { orderBy: { createdAt: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  const moneyMovements = await db.moneyMovement.findMany({
    where: {
      shop,
      OR: [{ customerId: { in: scope.customerIds } }, { orderId: { in: scope.orderIds } }, { returnCaseId: { in: returnCaseIds } }],
    },
    orderBy: { createdAt: "asc" },
  });
  // The order mirror (orders/* webhooks): order facts tied to the customer by id, no contact data.
  const mirroredOrders = await db.orderMirror.findMany({
    where: { shop, OR: [{ customerId: { in: scope.customerIds } }, { orderId: { in: scope.orderIds } }] },
    orderBy: { orderCreatedAt: "asc" },
  });
  const entityIds = new Set([
    ...returnCaseIds,
    ...returnCases.flatMap((returnCase) => returnCase.lines.map((line) => line.id)),
    ...tickets.map((ticket) => ticket.id),
    ...moneyMovements.map((movement) => movement.id),
    ...scope.customerIds,
    ...scope.orderIds,
  ]);
  const auditEvents = await findJsonRows(
    (cursor) =>
      db.auditEvent.findMany({
        where: { shop },
        orderBy: { id: "asc" },
        take: JSON_SCAN_BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      }),
    (event) => entityIds.has(event.entityId) || mentions(scope, event.data),
  );
  const { uploads: photoUploads } = await findCustomerPhotos(db, shop, scope, returnCases);
  return { returnCases, tickets, moneyMovements, mirroredOrders, auditEvents, photoUploads };
}

/** A photo to erase: its id, and the backend holding its bytes. */
export type PhotoRef = { id: string; storage: string };

/**
 * The customer's photos: uploads attached to their returns or made in a portal session of
 * their order or customer id (attached or not), and the ids their return lines list that no
 * upload row knows (stored before uploads had rows; those were always on the local disk).
 */
export async function findCustomerPhotos(db: DbClient, shop: string, scope: CustomerScope, returnCases?: { id: string; lines: { photos: unknown }[] }[]) {
  const cases =
    returnCases ??
    (await db.returnCase.findMany({ where: { shop, OR: byCustomer(scope) }, select: { id: true, lines: { select: { photos: true } } } }));
  const uploads = await db.photoUpload.findMany({
    where: {
      shop,
      OR: [{ customerId: { in: scope.customerIds } }, { orderId: { in: scope.orderIds } }, { returnCaseId: { in: cases.map((returnCase) => returnCase.id) } }],
    },
    orderBy: { createdAt: "asc" },
  });
  const recorded = new Set(uploads.map((upload) => upload.id));
  const listed = cases.flatMap((returnCase) => returnCase.lines.flatMap((line) => listedPhotoIds(line.photos)));
  const unrecorded = unique(listed.filter((id) => !recorded.has(id)));
  const photos: PhotoRef[] = [...uploads, ...unrecorded.map((id) => ({ id, storage: "local" }))];
  return { uploads, photos };
}

const listedPhoto = z.object({ id: z.string().regex(PHOTO_ID) });

/** The photo ids a ReturnLine.photos value lists; entries without one (an external URL) hold no file of ours. */
function listedPhotoIds(photos: unknown): string[] {
  if (!Array.isArray(photos)) return [];
  return photos.flatMap((photo) => {
    const parsed = listedPhoto.safeParse(photo);
    return parsed.success ? [parsed.data.id] : [];
  });
}

export type CustomerRecords = Awaited<ReturnType<typeof findCustomerRecords>>;

/** Whether a JSON value mentions the customer in scope. */
export function mentions(scope: CustomerScope, value: unknown): boolean {
  return value !== null && value !== undefined && scope.mentions.test(JSON.stringify(value));
}

/** Walks a shop's rows in id order, a batch at a time, keeping those that match. */
export async function findJsonRows<Row extends { id: string }>(
  page: (cursor: string | undefined) => Promise<Row[]>,
  keep: (row: Row) => boolean,
): Promise<Row[]> {
  const kept: Row[] = [];
  let cursor: string | undefined;
  for (;;) {
    const rows = await page(cursor);
    kept.push(...rows.filter(keep));
    if (rows.length < JSON_SCAN_BATCH) return kept;
    cursor = rows[rows.length - 1]?.id;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
