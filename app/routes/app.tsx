import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { ShopTimeProvider } from "~/components/ShopTime";
import { shopTimeZone } from "~/shops/shops.server";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // Every page below shows dates on the shop's clock, from this one zone (never the browser's).
  return { apiKey: process.env.SHOPIFY_API_KEY || "", timeZone: await shopTimeZone(session.shop) };
};

export default function App() {
  const { apiKey, timeZone } = useLoaderData<typeof loader>();
  return (
    // isEmbeddedApp={false} only stops AppProvider from rendering App Bridge's script in <body>:
    // root.tsx puts it (and the api-key meta) first in <head>, where Shopify requires it.
    <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/returns">Returns</Link>
        <Link to="/app/tickets">Tickets</Link>
        <Link to="/app/settings">Return policy</Link>
        <Link to="/app/automation">Automation</Link>
        <Link to="/app/sync">Sync health</Link>
      </NavMenu>
      <ShopTimeProvider timeZone={timeZone}>
        <Outlet />
      </ShopTimeProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
