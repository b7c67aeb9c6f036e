/**
 * The app proxy door's shared steps, so each proxy route stays a few lines:
 * authenticate the signature → who is asking (signed-in customer, portal token) → parse →
 * one domain call → JSON with `Cache-Control: no-store`, errors as `{error:{code,message}}`.
 */
import type { z } from "zod";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { DomainError, errorBody, httpStatusFor } from "~/lib/errors";
import { lookupClientKey } from "~/portal/rate-limit.server";
import { verifyPortalToken } from "~/portal/token.server";
import { PORTAL_TOKEN_HEADER, PORTAL_TOKEN_PARAM } from "~/returns/portal-contract";
import type { PortalContext } from "~/returns/portal.server";
import { createShopifyClient } from "~/shopify/client.server";
import { ShopifyGraphqlError, ShopifyUnavailableError, ShopifyUserError } from "~/shopify/errors";

const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** A JSON answer nobody caches (it carries order data and tokens). */
export function portalJson(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { ...HEADERS, ...headers } });
}

function errorResponse(error: DomainError): Response {
  const retry = error.details?.retryAfterSeconds;
  const fields = error.details?.fields;
  const body = errorBody(error);
  return portalJson(
    fields && typeof fields === "object" ? { error: { ...body.error, fields } } : body,
    httpStatusFor(error.code),
    typeof retry === "number" ? { "Retry-After": String(retry) } : {},
  );
}

/** Runs one proxy request: verify, build the context, call `handler`, map errors. */
export async function handlePortal(
  request: Request,
  handler: (ctx: PortalContext) => Promise<unknown>,
  options: { status?: number; ignoreToken?: boolean } = {},
): Promise<Response> {
  let context: Awaited<ReturnType<typeof authenticate.public.appProxy>>;
  try {
    context = await authenticate.public.appProxy(request);
  } catch (thrown) {
    // A bad or missing signature (the library answers 400): nothing is done.
    if (thrown instanceof Response) {
      return errorResponse(new DomainError("unauthorized", "This request could not be verified. Please reload the page and try again."));
    }
    throw thrown;
  }
  try {
    if (!context.admin) throw new DomainError("upstream", "Returns are not available for this store right now. Please try again later.");
    const url = new URL(request.url);
    const shop = url.searchParams.get("shop") ?? "";
    const loggedIn = url.searchParams.get("logged_in_customer_id")?.trim();
    const customerId = loggedIn && /^\d+$/.test(loggedIn) ? `gid://shopify/Customer/${loggedIn}` : null;
    const secret = env().SHOPIFY_API_SECRET;
    const rawToken = request.headers.get(PORTAL_TOKEN_HEADER) ?? url.searchParams.get(PORTAL_TOKEN_PARAM);
    const now = new Date();
    // Lookup starts a new session: a stale token must not stand in its way.
    const token = rawToken && !options.ignoreToken ? verifyPortalToken(rawToken, { secret, shop, now }) : null;
    const ctx: PortalContext = {
      shop,
      client: createShopifyClient(context.admin.graphql),
      secret,
      now,
      customerId,
      token,
      clientKey: lookupClientKey(shop, { customerId, headers: request.headers }, secret),
    };
    return portalJson(await handler(ctx), options.status ?? 200);
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error);
    if (error instanceof ShopifyUnavailableError || error instanceof ShopifyGraphqlError || error instanceof ShopifyUserError) {
      return errorResponse(new DomainError("upstream", "The store is busy right now. Please try again in a moment."));
    }
    throw error;
  }
}

/**
 * Reads a JSON body and parses it; unreadable → 400, invalid → 422 with the first problem in
 * the shopper's words, and the first problem of each field under `fields` (keyed by the
 * request's top-level field name) so the block can show it on that field.
 */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new DomainError("bad_request", "We couldn't read that request. Please reload the page and try again.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((typeof field === "string" || typeof field === "number") && !(String(field) in fields)) fields[String(field)] = issue.message;
    }
    throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "Please check your answers and try again.", Object.keys(fields).length ? { fields } : undefined);
  }
  return parsed.data;
}

/** Only these methods reach the handler; others answer 405. */
export function methodNotAllowed(): Response {
  return portalJson({ error: { code: "bad_request", message: "Method not allowed." } }, 405, { Allow: "GET, POST" });
}
