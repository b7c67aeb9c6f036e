/**
 * The customer-accounts door (`/customer-account/*`): the customer account UI extension calls
 * the same JSON API as the storefront block, path for path and body for body
 * (app/returns/portal-contract.ts), with its session token instead of an app proxy signature.
 *
 * Shopify signs that token (HS256) with the app's secret: `dest` is the shop, `aud` the app's
 * API key, `sub` the signed-in customer's GID. The shop and the customer come from the token
 * only — never from the URL or the body — and the portal core (`runPortal`) then answers
 * exactly as it answers a signed-in customer on the app proxy.
 *
 * The extension runs in a web worker on Shopify's CDN, so every call is cross-origin: the
 * library answers the preflight, and every answer, refusals included, carries the CORS headers.
 */
import type { JwtPayload } from "@shopify/shopify-api";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { offlineAdminClient } from "~/automation/admin-client.server";
import { normalizeLocale, portalError, type PortalLocale } from "~/portal/messages";
import { errorResponse, portalJson, runPortal } from "~/portal/proxy.server";
import { lookupClientKey } from "~/portal/rate-limit.server";
import type { PortalContext } from "~/returns/portal.server";

/** Who a verified session token speaks for. */
interface CustomerAccountIdentity {
  shop: string;
  customerId: string;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d{1,20}$/;

/**
 * The shop and customer of a token the library has verified (signature, exp, nbf), or null.
 * The library does not check the audience for extension tokens: a token Shopify signed for
 * another app with the same secret cannot exist, but one whose `aud` is not ours is refused
 * all the same. A token without `sub` (nobody signed in, or no access to customer data) is
 * refused: every call of this door is about the customer's own orders.
 */
function identityFromToken(token: JwtPayload, apiKey: string): CustomerAccountIdentity | null {
  if (token.aud !== apiKey) return null;
  const shop = String(token.dest ?? "")
    .replace(/^https:\/\//, "")
    .toLowerCase();
  if (!SHOP_DOMAIN.test(shop)) return null;
  const customerId = typeof token.sub === "string" ? token.sub : "";
  if (!CUSTOMER_GID.test(customerId)) return null;
  return { shop, customerId };
}

/** The library's CORS headers (helpers/ensure-cors-headers), for answers given before it could add them. */
function withCors(request: Request, response: Response): Response {
  const origin = request.headers.get("Origin");
  if (origin && origin !== env().SHOPIFY_APP_URL) {
    response.headers.set("Access-Control-Allow-Origin", "*");
    response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
    response.headers.set("Access-Control-Expose-Headers", "X-Shopify-API-Request-Failure-Reauthorize-Url");
  }
  return response;
}

function unauthorized(request: Request, locale: PortalLocale): Response {
  return withCors(request, errorResponse(portalError("unauthorized", "error_unverified"), locale));
}

/**
 * Runs one customer-accounts request: answer a preflight, verify the session token, build the
 * portal context for the token's shop and customer, call `handler`, add the CORS headers.
 * No valid token, a token for another app, or a shop without the app installed → 401.
 */
export async function handleCustomerAccount(
  request: Request,
  handler: (ctx: PortalContext) => Promise<unknown>,
  options: { status?: number } = {},
): Promise<Response> {
  // The extension sends the customer's language as `locale`, as the block does.
  const locale = normalizeLocale(new URL(request.url).searchParams.get("locale"));
  let verified: Awaited<ReturnType<typeof authenticate.public.customerAccount>>;
  try {
    verified = await authenticate.public.customerAccount(request);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    // The preflight: the library's own 204 with its CORS headers.
    if (request.method === "OPTIONS") return thrown;
    return unauthorized(request, locale);
  }
  const config = env();
  const identity = identityFromToken(verified.sessionToken, config.SHOPIFY_API_KEY);
  if (!identity) return unauthorized(request, locale);
  const client = await offlineAdminClient(identity.shop);
  // A shop that never installed the app, or uninstalled it: nothing of it is ours to show.
  if (!client) return unauthorized(request, locale);
  const response = await runPortal(
    locale,
    async () => ({
      shop: identity.shop,
      client,
      secret: config.SHOPIFY_API_SECRET,
      now: new Date(),
      locale,
      customerId: identity.customerId,
      // The session token is the session: no portal token on this door.
      token: null,
      clientKey: lookupClientKey(identity.shop, { customerId: identity.customerId, headers: request.headers }, config.SHOPIFY_API_SECRET, config.TRUSTED_PROXY_HOPS),
    }),
    handler,
    options,
  );
  return verified.cors(response);
}

/**
 * The loader of a POST-only route: the preflight is answered (browsers send OPTIONS before a
 * cross-origin POST with a JSON body and an Authorization header), anything else is 405.
 */
export async function customerAccountPreflight(request: Request): Promise<Response> {
  if (request.method === "OPTIONS") return handleCustomerAccount(request, async () => null);
  return customerAccountMethodNotAllowed(request);
}

/** 405 with the CORS headers, so the extension can read why. */
export function customerAccountMethodNotAllowed(request: Request): Response {
  return withCors(request, portalJson({ error: { code: "bad_request", message: "Method not allowed." } }, 405, { Allow: "GET, POST, OPTIONS" }));
}
