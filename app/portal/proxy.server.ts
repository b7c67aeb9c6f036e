/**
 * The app proxy door's shared steps, so each proxy route stays a few lines:
 * authenticate the signature → who is asking (signed-in customer, portal token) → parse →
 * one domain call → JSON with `Cache-Control: no-store`, errors as `{error:{code,message}}`.
 */
import type { z } from "zod";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { JSON_BODY_MAX_BYTES, readJsonBody } from "~/lib/body.server";
import { DomainError, errorBody, httpStatusFor } from "~/lib/errors";
import { localizedMessage, localizeFieldMessage, normalizeLocale, portalError, type PortalLocale } from "~/portal/messages";
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

/** A domain refusal as the contract's error body, in the shopper's language (Retry-After when it says when). */
export function errorResponse(error: DomainError, locale: PortalLocale): Response {
  const retry = error.details?.retryAfterSeconds;
  const fields = error.details?.fields;
  const body = { error: { ...errorBody(error).error, message: localizedMessage(error, locale) } };
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
  // The block sends the storefront's language as `locale` (covered by the proxy signature).
  const locale = normalizeLocale(new URL(request.url).searchParams.get("locale"));
  let context: Awaited<ReturnType<typeof authenticate.public.appProxy>>;
  try {
    context = await authenticate.public.appProxy(request);
  } catch (thrown) {
    // A bad or missing signature (the library answers 400): nothing is done.
    if (thrown instanceof Response) {
      return errorResponse(portalError("unauthorized", "error_unverified"), locale);
    }
    throw thrown;
  }
  const admin = context.admin;
  return runPortal(
    locale,
    async () => {
      if (!admin) throw portalError("upstream", "error_unavailable");
      const url = new URL(request.url);
      const shop = url.searchParams.get("shop") ?? "";
      const loggedIn = url.searchParams.get("logged_in_customer_id")?.trim();
      const customerId = loggedIn && /^\d+$/.test(loggedIn) ? `gid://shopify/Customer/${loggedIn}` : null;
      const { SHOPIFY_API_SECRET: secret, TRUSTED_PROXY_HOPS: trustedHops } = env();
      const rawToken = request.headers.get(PORTAL_TOKEN_HEADER) ?? url.searchParams.get(PORTAL_TOKEN_PARAM);
      const now = new Date();
      // Lookup starts a new session: a stale token must not stand in its way.
      const token = rawToken && !options.ignoreToken ? verifyPortalToken(rawToken, { secret, shop, now }) : null;
      return {
        shop,
        client: createShopifyClient(admin.graphql),
        secret,
        now,
        locale,
        customerId,
        token,
        clientKey: lookupClientKey(shop, { customerId, headers: request.headers }, secret, trustedHops),
      };
    },
    handler,
    options,
  );
}

/**
 * The portal's core, shared by its doors (app proxy, customer accounts) once the door has
 * verified the request: build the context, call `handler`, answer JSON, and map a domain
 * refusal or an unreachable Shopify to the contract's `{error:{code,message}}` in the
 * shopper's language. Both doors therefore give one answer to one question.
 */
export async function runPortal(
  locale: PortalLocale,
  buildContext: () => Promise<PortalContext>,
  handler: (ctx: PortalContext) => Promise<unknown>,
  options: { status?: number } = {},
): Promise<Response> {
  try {
    const ctx = await buildContext();
    return portalJson(await handler(ctx), options.status ?? 200);
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error, locale);
    if (error instanceof ShopifyUnavailableError || error instanceof ShopifyGraphqlError || error instanceof ShopifyUserError) {
      return errorResponse(portalError("upstream", "error_store_busy"), locale);
    }
    throw error;
  }
}

/**
 * Reads a JSON body (at most JSON_BODY_MAX_BYTES, counted while it streams in) and parses it;
 * too large → 413, unreadable or a lone UTF-16 surrogate in a text → 400, invalid → 422 with
 * the first problem in the shopper's words and language, and the first problem of each field
 * under `fields` (keyed by the request's top-level field name) so the block can show it there.
 */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S, locale: PortalLocale = "en"): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await readJsonBody(request, { maxBytes: JSON_BODY_MAX_BYTES });
  } catch (error) {
    throw inShoppersWords(error);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((typeof field === "string" || typeof field === "number") && !(String(field) in fields)) fields[String(field)] = localizeFieldMessage(issue.message, locale);
    }
    const first = parsed.error.issues[0]?.message;
    const details = Object.keys(fields).length ? { fields } : undefined;
    if (first === undefined) throw portalError("invalid", "error_check_answers", {}, details);
    throw new DomainError("invalid", localizeFieldMessage(first, locale), details);
  }
  return parsed.data;
}

/** A body reader's refusal (app/lib/body.server.ts) as a catalog sentence; anything else as is. */
function inShoppersWords(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === "payload_too_large") return portalError("payload_too_large", "error_too_large");
  if (error.code === "unsupported_media_type") return portalError("unsupported_media_type", "error_unreadable");
  if (error.code !== "bad_request") return error;
  // The reader names the field of a text with a lone surrogate; any other 400 is an unreadable body.
  return typeof error.details?.field === "string" ? portalError("bad_request", "error_text_invalid") : portalError("bad_request", "error_unreadable");
}

/** Only these methods reach the handler; others answer 405. */
export function methodNotAllowed(): Response {
  return portalJson({ error: { code: "bad_request", message: "Method not allowed." } }, 405, { Allow: "GET, POST" });
}
