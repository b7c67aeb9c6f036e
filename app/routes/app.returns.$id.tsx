import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ReturnStatusBadge } from "~/components/Badges";
import { CHANNEL_LABEL } from "~/components/format";
import { ActionModal, type ActionPayload } from "~/components/returns/ActionModal";
import { availableActions, INTENT_LABEL, type PageIntent } from "~/components/returns/available-actions";
import { CustomerCard, LinesCard, MoneyCard, PolicyCard, TicketsCard, TimelineCard } from "~/components/returns/ReturnSections";
import { useShopTime } from "~/components/ShopTime";
import { failure, parseAction, requireAdmin, rethrowAsResponse, success, type ActionAnswer } from "~/dashboard/admin.server";
import { shopifyNextStep } from "~/returns/action-table";
import { returnActionSchema } from "~/returns/actions.schemas";
import { performReturnAction } from "~/returns/actions.server";
import { getReturnPage } from "~/returns/queries.server";
import { openReturnTicketSchema } from "~/tickets/schemas";
import { openReturnTicket } from "~/tickets/tickets.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, client } = await requireAdmin(request);
  return getReturnPage(shop, client, params.id ?? "").catch(rethrowAsResponse);
};

const pageActionSchema = z.discriminatedUnion("intent", [...returnActionSchema.options, openReturnTicketSchema]);

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, client, actor, actorName } = await requireAdmin(request);
  const parsed = await parseAction(request, pageActionSchema);
  if (!parsed.ok) return parsed.answer;
  const returnId = params.id ?? "";
  try {
    if (parsed.data.intent === "open_ticket") {
      const ticket = await openReturnTicket(shop, returnId, parsed.data, actor, actorName);
      return success(`Ticket #${ticket.number} opened for this return.`);
    }
    const { message } = await performReturnAction(shop, returnId, parsed.data, actor, { client });
    return success(message);
  } catch (error) {
    return failure(error);
  }
};

export default function ReturnPage() {
  const { detail, customer, reasonLabels, staffNames } = useLoaderData<typeof loader>();
  const { dateTime } = useShopTime();
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const [open, setOpen] = useState<PageIntent | null>(null);
  const answer = fetcher.data;

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    if (answer.ok) {
      shopify.toast.show(answer.message);
      setOpen(null);
    } else if (!answer.errors) {
      shopify.toast.show(answer.message, { isError: true });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const actions = availableActions(detail.facts);
  const nextStep = shopifyNextStep(detail.facts);
  const [primary, ...secondary] = actions;
  // The payload is plain JSON (strings, booleans, arrays of line objects).
  const submit = (payload: ActionPayload) => fetcher.submit(payload as Parameters<typeof fetcher.submit>[0], { method: "post", encType: "application/json" });

  return (
    <Page
      backAction={{ content: "Returns", url: "/app/returns" }}
      title={`Return · ${detail.orderName}`}
      titleMetadata={<ReturnStatusBadge status={detail.status} />}
      subtitle={`Requested ${dateTime(detail.milestones.requestedAt ?? detail.createdAt)} via ${CHANNEL_LABEL[detail.channel] ?? detail.channel}${detail.shopifyReturnName ? ` · Shopify ${detail.shopifyReturnName}` : ""}`}
      primaryAction={primary && primary !== "open_ticket" ? { content: INTENT_LABEL[primary], onAction: () => setOpen(primary) } : undefined}
      secondaryActions={(primary === "open_ticket" ? actions : secondary).map((intent) => ({
        content: INTENT_LABEL[intent],
        destructive: intent === "cancel" || intent === "decline",
        onAction: () => setOpen(intent),
      }))}
    >
      <TitleBar title={`Return ${detail.orderName}`} />
      <BlockStack gap="400">
        {answer && !answer.ok && fetcher.state === "idle" && !open ? (
          <Banner tone="critical" title="That did not work">
            <p>{answer.message}</p>
          </Banner>
        ) : null}
        {nextStep ? (
          <Banner tone="warning" title="Not in Shopify yet">
            <p>{nextStep}</p>
          </Banner>
        ) : null}
        {detail.movements.some((m) => m.status === "failed") ? (
          <Banner tone="critical" title="A payment failed">
            <p>{detail.movements.find((m) => m.status === "failed")?.error ?? "Shopify refused a money movement."} No money moved on that attempt, and a retry can never pay twice.</p>
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <LinesCard detail={detail} reasonLabels={reasonLabels} />
              <MoneyCard detail={detail} staffNames={staffNames} />
              <TimelineCard detail={detail} staffNames={staffNames} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <CustomerCard detail={detail} customer={customer} />
              <PolicyCard detail={detail} />
              <TicketsCard detail={detail} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
      <ActionModal
        intent={open}
        detail={detail}
        submitting={fetcher.state !== "idle"}
        errors={answer && !answer.ok ? answer.errors : undefined}
        onClose={() => setOpen(null)}
        onSubmit={submit}
      />
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page backAction={{ content: "Returns", url: "/app/returns" }} title={notFound ? "Return not found" : "Something went wrong"}>
      <Banner tone={notFound ? "warning" : "critical"}>
        <Text as="p">
          {notFound ? "This return does not exist in your store, or it was removed." : "The return could not be loaded. Reload the page to try again."}
        </Text>
      </Banner>
    </Page>
  );
}
