/**
 * The Shop row: one per *.myshopify.com domain, created on install and kept after
 * uninstall (its data is erased by the shop/redact webhook, 48 h later), plus the
 * per-shop ticket counter.
 */
import prisma, { isUniqueViolation, type Tx } from "~/db.server";
import { safeTimeZone } from "~/lib/time-zone";


export type ShopDetails = {
  name?: string | null;
  email?: string | null;
  currencyCode?: string;
  ianaTimezone?: string;
  scopes?: string | null;
};

export type Shop = {
  shop: string;
  name: string | null;
  email: string | null;
  currencyCode: string;
  ianaTimezone: string;
  scopes: string | null;
  installedAt: Date;
  uninstalledAt: Date | null;
};

const SHOP_FIELDS = {
  shop: true,
  name: true,
  email: true,
  currencyCode: true,
  ianaTimezone: true,
  scopes: true,
  installedAt: true,
  uninstalledAt: true,
} as const;

/** Creates the shop on first install, or refreshes its details and clears `uninstalledAt` on reinstall. */
export async function upsertShopOnInstall(shop: string, details: ShopDetails = {}, at: Date = new Date()): Promise<Shop> {
  const data = {
    ...definedOnly(details),
    installedAt: at,
    uninstalledAt: null,
  };
  try {
    return await prisma.shop.upsert({ where: { shop }, create: { shop, ...data }, update: data, select: SHOP_FIELDS });
  } catch (error) {
    // Two first requests of a new install can race to create the row: the loser updates.
    if (!isUniqueViolation(error)) throw error;
    await prisma.shop.updateMany({ where: { shop }, data });
    return prisma.shop.findUniqueOrThrow({ where: { shop }, select: SHOP_FIELDS });
  }
}

/** The shop, or null when it never installed. */
export async function getShop(shop: string): Promise<Shop | null> {
  return prisma.shop.findUnique({ where: { shop }, select: SHOP_FIELDS });
}

/** The shop's IANA time zone as recorded at install; UTC while the shop is not recorded yet or when this runtime lacks the zone. */
export async function shopTimeZone(shop: string): Promise<string> {
  const row = await prisma.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  return safeTimeZone(row?.ianaTimezone);
}

/**
 * Records the uninstall. Webhook requests can trigger multiple times and after the app
 * was already uninstalled, so only the first one sets the time; returns whether it did.
 */
export async function markUninstalled(shop: string, at: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.shop.updateMany({ where: { shop, uninstalledAt: null }, data: { uninstalledAt: at } });
  return count === 1;
}

/**
 * Takes the next ticket number of the shop inside the caller's transaction. One atomic
 * `UPDATE … SET nextTicketNumber = nextTicketNumber + 1` (an upsert for a shop with no
 * row yet): read-then-write would hand the same number to two parallel tickets on
 * PostgreSQL; the row lock taken here is held until the ticket is committed.
 */
export async function nextTicketNumber(tx: Tx, shop: string): Promise<number> {
  const counter = await tx.shop.upsert({
    where: { shop },
    create: { shop, nextTicketNumber: 2 },
    update: { nextTicketNumber: { increment: 1 } },
    select: { nextTicketNumber: true },
  });
  return counter.nextTicketNumber - 1;
}

function definedOnly(details: ShopDetails): ShopDetails {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as ShopDetails;
}

