/**
 * A staff member's name, from Shopify's online access info — pure, safe for the client.
 */

/** What an online session says of its user (`onlineAccessInfo.associated_user`); only the fields we read. */
export type AssociatedUser = {
  id: number | string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
};

/** What the back office calls an unnamed staff member: "Staff 42". */
export function unnamedStaff(userId: string): string {
  return `Staff ${userId}`;
}

// PrismaSessionStorage loads a stored session with `String(row.firstName)`, so a name part
// Shopify did not give comes back as the text "null": read that as missing, as Shopify meant it.
function part(value: string | null | undefined): string {
  const text = value?.trim() ?? "";
  return text === "null" || text === "undefined" ? "" : text;
}

/** "First Last" from the associated user; "Staff <id>" when Shopify gave neither name. */
export function staffDisplayName(user: AssociatedUser): string {
  const name = [part(user.first_name), part(user.last_name)].filter(Boolean).join(" ");
  return name || unnamedStaff(String(user.id));
}

/** The user's email, or null (with the same reading of the stored "null" as above). */
export function staffEmail(user: AssociatedUser): string | null {
  return part(user.email) || null;
}

/** The Shopify user id in a staff actor ("staff:42" → "42"); null for the other actors (system, portal, webhook). */
export function staffUserId(actor: string): string | null {
  return actor.startsWith("staff:") && actor.length > "staff:".length ? actor.slice("staff:".length) : null;
}

/** A directory listing ({ actor: "staff:42", name }) as `actorLabel` reads names: user id → name. */
export function namesByUserId(staff: readonly { actor: string; name: string }[]): Record<string, string> {
  return Object.fromEntries(
    staff.flatMap((s) => {
      const userId = staffUserId(s.actor);
      return userId ? [[userId, s.name]] : [];
    }),
  );
}
