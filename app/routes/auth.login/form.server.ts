/**
 * Whether /auth/login (and the landing page) offer the shop-domain form. Shopify's app template
 * marks that form as a development convenience: in production a merchant installs and opens the
 * app from Shopify admin or the App Store (managed installation), and app review expects no page
 * that asks a merchant to type a shop domain. `npm run dev` and `npm run demo` run with
 * NODE_ENV=development and keep it; `npm start` (remix-serve) runs with NODE_ENV=production.
 * NODE_ENV is read per request rather than from the cached env(), so tests can vary it.
 */
export function offersLoginForm(source: { NODE_ENV?: string } = process.env): boolean {
  return source.NODE_ENV !== "production";
}
