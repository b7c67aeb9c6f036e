/**
 * What every admin door does first, in one place: authenticate the App Bridge request,
 * name the staff member for the audit trail, build the Admin API client; and how a domain
 * error becomes an answer the page can show (422 with field errors, 404, 409 …).
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { readFormBody, readJsonBody } from "~/lib/body.server";
import { DomainError, httpStatusFor } from "~/lib/errors";
import { authenticate } from "~/shopify.server";
import { createShopifyClient, type ShopifyAdminClient } from "~/shopify/client.server";
import { ShopifyUnavailableError } from "~/shopify/errors";
import { staffDisplayName, unnamedStaff } from "~/staff/names";

export type AdminContext = {
  shop: string;
  client: ShopifyAdminClient;
  /** The staff member for the audit trail: "staff:<user id>". */
  actor: string;
  /** Their name as the online session gives it ("Sam Novak"), or "Staff <user id>". */
  actorName: string;
  scope: string | null;
};

/**
 * Authenticates an admin request. The actor is the staff member from the session token
 * ("staff:<user id>"); their name comes from the online session's associated user.
 */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const associated = session.onlineAccessInfo?.associated_user;
  const user = sessionToken?.sub || (associated ? String(associated.id) : "") || "unknown";
  return {
    shop: session.shop,
    client: createShopifyClient(admin.graphql),
    actor: `staff:${user}`,
    actorName: associated && String(associated.id) === user ? staffDisplayName(associated) : unnamedStaff(user),
    scope: session.scope ?? null,
  };
}

/** The largest body an admin page posts (a policy or a bulk selection is a few KB). */
const ADMIN_BODY_MAX_BYTES = 256 * 1024;

/**
 * The posted body as a plain object: JSON as sent; a form's repeated keys as arrays, and
 * `arrayKeys` always as arrays (none sent: []). Read with a byte cap while it streams in:
 * too large → DomainError `payload_too_large` (413), unreadable or a lone UTF-16 surrogate →
 * `bad_request` (400); `failure` answers both.
 */
async function readBody(request: Request, arrayKeys: readonly string[] = ["ids"]): Promise<Record<string, unknown>> {
  const limit = { maxBytes: ADMIN_BODY_MAX_BYTES, tooLargeMessage: "That is more than Aftercare accepts in one save (256 KB). Shorten the text or select fewer items." };
  if (request.headers.get("Content-Type")?.includes("application/json")) {
    const body = await readJsonBody(request, limit);
    return body !== null && typeof body === "object" && !Array.isArray(body) ? Object.fromEntries(Object.entries(body)) : {};
  }
  const form = await readFormBody(request, { ...limit, maxPartBytes: ADMIN_BODY_MAX_BYTES });
  const out: Record<string, unknown> = Object.fromEntries(arrayKeys.map((key) => [key, []]));
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).map(String);
    out[key] = arrayKeys.includes(key) || values.length > 1 ? values : values[0];
  }
  return out;
}

/** URL search params as an object, empty values dropped (an empty filter is no filter). */
export function searchObject(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) if (value !== "") out[key] = value;
  return out;
}

export type FieldErrors = Record<string, string[]>;
export type ActionAnswer = { ok: true; message: string } | { ok: false; message: string; errors?: FieldErrors };

/** A 422 with the zod issues keyed by field path ("reason", "lines.0.quantity"; "form" for the whole). */
export function invalid(error: z.ZodError, message = "Fix the marked fields.") {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return data<ActionAnswer>({ ok: false, message, errors }, { status: 422 });
}

/**
 * A domain error as the page's answer: its words, its HTTP status, its field errors if any.
 * Shopify out of reach (throttled, down) is 503 with Retry-After and a sentence the agent
 * can act on, not a server error. Anything else is rethrown.
 */
export function failure(error: unknown) {
  if (error instanceof ShopifyUnavailableError) return shopifyUnavailable(error);
  if (!(error instanceof DomainError)) throw error;
  const details = error.details as { fieldErrors?: Record<string, string[] | undefined> } | undefined;
  const errors: FieldErrors = {};
  for (const [key, messages] of Object.entries(details?.fieldErrors ?? {})) if (messages?.length) errors[key] = messages;
  return data<ActionAnswer>(
    { ok: false, message: error.message, ...(Object.keys(errors).length ? { errors } : {}) },
    { status: httpStatusFor(error.code) },
  );
}

/**
 * An action's body read (capped) and parsed: the data, or the answer to send instead — 413 or
 * 400 from the reader, 422 with field errors from the schema.
 */
export async function parseAction<S extends z.ZodType>(
  request: Request,
  schema: S,
  arrayKeys?: readonly string[],
): Promise<{ ok: true; data: z.output<S> } | { ok: false; answer: ReturnType<typeof invalid> }> {
  let body: Record<string, unknown>;
  try {
    body = await readBody(request, arrayKeys);
  } catch (error) {
    return { ok: false, answer: failure(error) };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, answer: invalid(parsed.error) };
}

function shopifyUnavailable(error: ShopifyUnavailableError) {
  // A throttle says how long to wait; an outage does not, so the agent waits a little longer.
  const seconds = error.reason === "throttled" || error.retryAfterMs !== null ? error.retryAfterSeconds : 5;
  const wait = `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const message =
    error.reason === "throttled"
      ? `Shopify is limiting requests for this store right now (API rate limit), so this action did not finish. ${wait}`
      : `Shopify did not answer, so this action did not finish. ${wait}`;
  return data<ActionAnswer>({ ok: false, message }, { status: 503, headers: { "Retry-After": String(seconds) } });
}

/** A success the page shows as a toast. */
export function success(message: string) {
  return data<ActionAnswer>({ ok: true, message }, { status: 200 });
}

/** For loaders: a domain "not found" becomes a 404 Response (the route's error boundary shows it); others rethrow. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof DomainError && (error.code === "not_found" || error.code === "invalid")) {
    throw new Response(error.message, { status: httpStatusFor(error.code), statusText: error.code === "not_found" ? "Not Found" : "Unprocessable Entity" });
  }
  throw error;
}
