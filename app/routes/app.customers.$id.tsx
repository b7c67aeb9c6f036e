import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useNavigate, useRouteError, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, EmptyState, InlineStack, Link, Page, Pagination, ResourceItem, ResourceList, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useShopTime } from "~/components/ShopTime";
import { requireAdmin, rethrowAsResponse } from "~/dashboard/admin.server";
import { formatMoney } from "~/lib/money";
import { customerTimeline, parseCustomerKey, type TimelineKind } from "~/timeline/timeline.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "0");
  try {
    return await customerTimeline(shop, parseCustomerKey(params.id ?? "", url.searchParams.get("email")), page);
  } catch (error) {
    return rethrowAsResponse(error);
  }
};

const KIND: Record<TimelineKind, { label: string; tone?: "info" | "success" | "attention" | "warning" }> = {
  order: { label: "Order" },
  return: { label: "Return", tone: "attention" },
  ticket: { label: "Ticket", tone: "info" },
  message: { label: "Message" },
  rating: { label: "Rating", tone: "success" },
  money: { label: "Money", tone: "warning" },
};

export default function CustomerTimelinePage() {
  const { customer, entries, page, hasNext } = useLoaderData<typeof loader>();
  const { dateTime } = useShopTime();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const title = customer.name ?? customer.email ?? "Customer";
  const goTo = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next === 0) copy.delete("page");
    else copy.set("page", String(next));
    setParams(copy);
  };

  return (
    <Page title={title} subtitle={customer.name && customer.email ? customer.email : undefined} backAction={{ content: "Tickets", onAction: () => navigate(-1) }}>
      <TitleBar title="Customer timeline" />
      <BlockStack gap="400">
        <Card padding="0">
          <ResourceList
            resourceName={{ singular: "event", plural: "events" }}
            items={entries}
            emptyState={
              <EmptyState heading="Nothing here yet" image="">
                <p>This customer has no orders, returns or tickets in your store that Aftercare knows of.</p>
              </EmptyState>
            }
            renderItem={(e) => (
              <ResourceItem id={`${e.kind}-${e.id}`} url={e.url ?? undefined} accessibilityLabel={e.title} onClick={() => undefined}>
                <InlineStack align="space-between" blockAlign="start" wrap={false} gap="300">
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Badge tone={KIND[e.kind].tone}>{KIND[e.kind].label}</Badge>
                      {e.url ? (
                        <Link url={e.url} removeUnderline>
                          {e.title}
                        </Link>
                      ) : (
                        <Text as="span" fontWeight="semibold">
                          {e.title}
                        </Text>
                      )}
                    </InlineStack>
                    {e.detail ? (
                      <Text as="p" tone="subdued" truncate>
                        {e.detail}
                      </Text>
                    ) : null}
                  </BlockStack>
                  <BlockStack gap="100" inlineAlign="end">
                    {e.amount ? <Text as="span">{formatMoney(e.amount, "en-US")}</Text> : null}
                    <Text as="span" tone="subdued" variant="bodySm">
                      {dateTime(e.at)}
                    </Text>
                  </BlockStack>
                </InlineStack>
              </ResourceItem>
            )}
          />
        </Card>
        {page > 0 || hasNext ? (
          <InlineStack align="center">
            <Pagination hasPrevious={page > 0} onPrevious={() => goTo(page - 1)} hasNext={hasNext} onNext={() => goTo(page + 1)} label={`Page ${page + 1}`} />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const known = isRouteErrorResponse(error) && (error.status === 404 || error.status === 422);
  return (
    <Page backAction={{ content: "Tickets", url: "/app/tickets" }} title={known ? "Customer not found" : "Something went wrong"}>
      <Banner tone={known ? "warning" : "critical"}>
        <Text as="p">{known ? "That customer link is not valid." : "The timeline could not be loaded. Reload the page to try again."}</Text>
      </Banner>
    </Page>
  );
}
