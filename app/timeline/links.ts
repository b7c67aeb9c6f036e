/** Links to a customer's timeline — pure, safe for the client (the ticket and return pages link to it). */

/** The admin link to a customer's timeline: by Shopify id when known, else by email, else none. */
export function customerTimelineUrl(customerId: string | null, email: string | null): string | null {
  const numeric = customerId ? /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(customerId)?.[1] : undefined;
  if (numeric) return `/app/customers/${numeric}`;
  return email ? `/app/customers/email?email=${encodeURIComponent(email)}` : null;
}
