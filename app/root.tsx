import type { MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { APP_BRIDGE_URL } from "~/lib/app-bridge";
import type { loader as adminLoader } from "./routes/app";

export const meta: MetaFunction = () => [{ title: "Aftercare" }];

export default function App() {
  // The embedded admin (routes/app) runs inside Shopify admin with App Bridge. Shopify asks for its
  // api-key meta and script in <head>, before any other script, synchronous: it sets up
  // window.shopify and the session token before the page's own code runs. shopify-app-remix's
  // AppProvider would render the script in <body> instead, so routes/app turns that off.
  const admin = useRouteLoaderData<typeof adminLoader>("routes/app");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        {admin ? <meta name="shopify-api-key" content={admin.apiKey} /> : null}
        {admin ? <script src={APP_BRIDGE_URL} /> : null}
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="stylesheet" href="https://cdn.shopify.com/static/fonts/inter/v4/styles.css" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
