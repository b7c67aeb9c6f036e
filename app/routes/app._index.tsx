import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, IndexTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { loadHome, type HomeOrder } from "~/dashboard/home.server";
import { authenticate } from "~/shopify.server";
import { createShopifyClient } from "~/shopify/client.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return loadHome(session.shop, createShopifyClient(admin.graphql), session.scope ?? null);
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default function Home() {
  const { shop, recentOrders } = useLoaderData<typeof loader>();
  return (
    <Page title="Home">
      <TitleBar title="Aftercare" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingLg">
                {shop.name}
              </Text>
              <Text as="p" tone="subdued">
                {shop.domain} · {shop.currencyCode} · {shop.timezone} · {shop.plan}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {recentOrders.length === 0 ? (
              <Box padding="400">
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    No orders yet
                  </Text>
                  <Text as="p" tone="subdued">
                    Orders appear here as soon as your store takes them; every return starts from an order.
                  </Text>
                </BlockStack>
              </Box>
            ) : (
              <RecentOrders orders={recentOrders} />
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function RecentOrders({ orders }: { orders: HomeOrder[] }) {
  return (
    <BlockStack>
      <div style={{ padding: "var(--p-space-400) var(--p-space-400) var(--p-space-200)" }}>
        <Text as="h2" variant="headingMd">
          Recent orders
        </Text>
      </div>
      <IndexTable
        resourceName={{ singular: "order", plural: "orders" }}
        itemCount={orders.length}
        selectable={false}
        headings={[
          { title: "Order" },
          { title: "Date" },
          { title: "Customer" },
          { title: "Total", alignment: "end" },
          { title: "Payment" },
          { title: "Fulfillment" },
        ]}
      >
        {orders.map((order, index) => (
          <IndexTable.Row id={order.id} key={order.id} position={index}>
            <IndexTable.Cell>
              <Text as="span" variant="bodyMd" fontWeight="semibold">
                {order.name}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{dateFormat.format(new Date(order.createdAt))}</IndexTable.Cell>
            <IndexTable.Cell>{order.customer ?? "No customer"}</IndexTable.Cell>
            <IndexTable.Cell>
              <InlineStack align="end">{order.total}</InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{order.financialStatus ? <Badge>{humanize(order.financialStatus)}</Badge> : "—"}</IndexTable.Cell>
            <IndexTable.Cell>
              <Badge tone={order.fulfillmentStatus === "FULFILLED" ? "success" : "attention"}>
                {humanize(order.fulfillmentStatus)}
              </Badge>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </BlockStack>
  );
}

/** "PARTIALLY_REFUNDED" → "Partially refunded": Shopify's enum values, as its admin shows them. */
function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
