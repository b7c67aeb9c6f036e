/**
 * The staff directory: who "staff:<id>" is, by name, in each shop. Written when Shopify
 * hands the app a new online session (the afterAuth hook), read by the pages that show
 * actors — long after that session expired, and after an uninstall (docs/decisions/012).
 */
import prisma, { isUniqueViolation } from "~/db.server";
import { staffDisplayName, staffEmail, staffUserId, type AssociatedUser } from "./names";

export type StaffMember = { userId: string; name: string; email: string | null; updatedAt: Date };

const FIELDS = { userId: true, name: true, email: true, updatedAt: true } as const;

/** Records the online session's user in the shop's directory, or refreshes their name and email: one row per shop and user. */
export async function recordStaffMember(shop: string, user: AssociatedUser): Promise<StaffMember> {
  const userId = String(user.id);
  const data = { name: staffDisplayName(user), email: staffEmail(user) };
  try {
    return await prisma.staffMember.upsert({ where: { shop_userId: { shop, userId } }, create: { shop, userId, ...data }, update: data, select: FIELDS });
  } catch (error) {
    // The same user's first two requests can race to create the row: the loser updates.
    if (!isUniqueViolation(error)) throw error;
    await prisma.staffMember.updateMany({ where: { shop, userId }, data });
    return prisma.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop, userId } }, select: FIELDS });
  }
}

/**
 * The names of the staff members among `actors`, by user id ("staff:42" → `{ "42": "Sam Novak" }`),
 * in one query on this shop's directory. Other actors, and staff the directory does not know, are left out.
 */
export async function staffNames(shop: string, actors: Iterable<string>): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const actor of actors) {
    const id = staffUserId(actor);
    if (id) ids.add(id);
  }
  if (ids.size === 0) return {};
  const rows = await prisma.staffMember.findMany({ where: { shop, userId: { in: [...ids] } }, select: { userId: true, name: true } });
  return Object.fromEntries(rows.map((row) => [row.userId, row.name]));
}

/** Everyone in the shop's directory (staff who have opened Aftercare), by name: who a ticket can be assigned to. */
export async function listStaff(shop: string): Promise<{ actor: string; name: string }[]> {
  const rows = await prisma.staffMember.findMany({ where: { shop }, select: { userId: true, name: true }, orderBy: [{ name: "asc" }, { userId: "asc" }] });
  return rows.map((row) => ({ actor: `staff:${row.userId}`, name: row.name }));
}

/** Whether the shop's directory knows this staff actor ("staff:42"). */
export async function isKnownStaff(shop: string, actor: string): Promise<boolean> {
  const userId = staffUserId(actor);
  if (!userId) return false;
  return (await prisma.staffMember.count({ where: { shop, userId } })) > 0;
}
