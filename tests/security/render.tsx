/**
 * Renders an admin page to HTML on the server as Remix does on a document request: the
 * route's own component under Polaris and the shop's clock, its loader's data served by a
 * react-router data router (Remix's useLoaderData and useFetcher are react-router's).
 */
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { ShopTimeProvider } from "~/components/ShopTime";
import type { Route } from "./support";

/** What a loader returned, unwrapped from `data(...)`, as the page component receives it. */
export async function loaderData(route: Route, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  const result = await route({ request, params, context: {} });
  if (result instanceof Response) throw new Error(`the loader answered ${result.status}`);
  if (typeof result === "object" && result !== null && "type" in result && result.type === "DataWithResponseInit" && "data" in result) return result.data;
  return result;
}

export async function renderPage(Component: ComponentType, data: unknown): Promise<string> {
  const { query, dataRoutes } = createStaticHandler([{ id: "page", path: "/page", loader: async () => data, Component }]);
  const context = await query(new Request("https://my-test-app.myshopify.io/page"));
  if (context instanceof Response) throw new Error(`the page answered ${context.status}`);
  const router = createStaticRouter(dataRoutes, context);
  return renderToString(
    <AppProvider i18n={en}>
      <ShopTimeProvider timeZone="UTC">
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </ShopTimeProvider>
    </AppProvider>,
  );
}
