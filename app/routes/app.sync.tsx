import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Button, DataTable, InlineStack, Layout, Page, Pagination, ProgressBar, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect } from "react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { useShopTime } from "~/components/ShopTime";
import { loadSyncHealth, retryDeadLetter } from "~/automation/reconcile/health.server";
import { reconcileShop } from "~/automation/reconcile/run.server";
import { listEmailDeadLetters, retryEmailDeadLetter } from "~/email/dead-letters.server";
import { DomainError } from "~/lib/errors";
import { failure, parseAction, requireAdmin, success, type ActionAnswer } from "~/dashboard/admin.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const [health, emailDeadLetters] = await Promise.all([loadSyncHealth(shop, new Date(), Number.isInteger(page) ? page : 1), listEmailDeadLetters(shop)]);
  return { ...health, emailDeadLetters };
};

const syncActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: z.string().min(1, { error: "Which event to retry is missing." }) }),
  z.object({ intent: z.literal("reconcile") }),
  z.object({ intent: z.literal("retry_email"), id: z.string().min(1, { error: "Which email to retry is missing." }) }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor, client } = await requireAdmin(request);
  const parsed = await parseAction(request, syncActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    if (parsed.data.intent === "retry") {
      const event = await retryDeadLetter(shop, parsed.data.id, actor, new Date());
      return success(`The ${event.topic} event is queued again.`);
    }
    if (parsed.data.intent === "retry_email") {
      const email = await retryEmailDeadLetter(shop, parsed.data.id, actor, new Date());
      return success(`The ${email.event} email is queued again.`);
    }
    const run = await reconcileShop(shop, { client, trigger: "manual" });
    const repaired = run.ordersRepaired + run.returnsRepaired + run.refundsRepaired;
    return run.status === "succeeded"
      ? success(`Reconciliation finished: ${repaired} repaired.`)
      : failure(new DomainError("upstream", `Reconciliation failed; the watermark stays where it was. ${run.errors[0] ?? ""}`.trim()));
  } catch (error) {
    return failure(error);
  }
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default function SyncHealth() {
  const health = useLoaderData<typeof loader>();
  const { dateTime } = useShopTime();
  const at = (when: Date | string) => dateTime(new Date(when).toISOString());
  const fetcher = useFetcher<ActionAnswer>();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  const shopify = useAppBridge();
  const busy = fetcher.state !== "idle";
  const intent = fetcher.formData?.get("intent");
  const retrying = fetcher.formData?.get("id");

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    shopify.toast.show(fetcher.data.message, { isError: !fetcher.data.ok });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [fetcher.data, fetcher.state]);

  const run = health.lastReconciliation;
  const dead = health.deadLetters;
  const goTo = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    setParams(next);
  };

  return (
    <Page>
      <TitleBar title="Sync health" />
      <Layout>
        <Layout.Section>
          <TitledCard title="Reconciliation">
            {run ? (
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Badge tone={run.status === "succeeded" ? "success" : run.status === "failed" ? "critical" : "info"}>{run.status}</Badge>
                  <Text as="p">
                    {run.mode === "backfill" ? "Backfill" : "Orders changed since " + at(run.watermarkFrom ?? run.watermarkTo)}, started {at(run.startedAt)} ({run.trigger})
                  </Text>
                </InlineStack>
                {run.bulk ? (
                  <BlockStack gap="100">
                    <Text as="p">
                      Backfill: {run.bulk.objects} objects from Shopify&apos;s bulk query ({run.bulk.status.toLowerCase()}
                      {run.bulk.percent !== null && run.bulk.percent < 100 ? `, ${run.bulk.ordersApplied} of ${run.bulk.orders} orders applied` : ""})
                    </Text>
                    {run.status === "running" && (
                      // No total is known while Shopify writes the file: the bar waits at the start until it is complete.
                      <ProgressBar progress={run.bulk.percent ?? 0} size="small" animated={run.bulk.percent === null} />
                    )}
                    {run.bulk.fallback && (
                      <Text as="p" tone="caution">
                        {run.bulk.fallback}
                      </Text>
                    )}
                  </BlockStack>
                ) : null}
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric"]}
                  headings={["", "Checked", "Repaired"]}
                  rows={run.counts.map((c) => [c.kind, c.checked, c.repaired])}
                />
                {run.errors.map((e) => (
                  <Text as="p" tone="critical" key={e}>
                    {e}
                  </Text>
                ))}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                No reconciliation has run yet. It runs on a schedule; the first one reads every order Shopify shows the app.
              </Text>
            )}
            <InlineStack>
              <fetcher.Form method="post">
                <input type="hidden" name="intent" value="reconcile" />
                <Button submit loading={busy && intent === "reconcile"} disabled={busy}>
                  Run reconciliation now
                </Button>
              </fetcher.Form>
            </InlineStack>
          </TitledCard>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <TitledCard title="Last event per topic">
            {health.topics.length ? (
              <DataTable
                columnContentTypes={["text", "text", "numeric"]}
                headings={["Topic", "Last received", "Events"]}
                rows={health.topics.map((t) => [t.topic, at(t.lastReceivedAt), t.events])}
              />
            ) : (
              <Text as="p" tone="subdued">
                No webhook has arrived yet.
              </Text>
            )}
          </TitledCard>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <TitledCard title="Delivery, last 24 hours">
            <Text as="p">
              {health.lag
                ? `Lag p50 ${seconds(health.lag.p50)}, p95 ${seconds(health.lag.p95)} over ${health.lag.events} events.`
                : "No event with a trigger time in the last 24 hours."}
            </Text>
            <Text as="p">
              {health.retries.retried} needed more than one attempt; {health.retries.failing} waiting for a retry now.
            </Text>
          </TitledCard>
        </Layout.Section>
        <Layout.Section>
          <TitledCard title={`Dead letters (${dead.total})`}>
            {dead.total === 0 ? (
              <Text as="p" tone="subdued">
                No dead letters: every webhook was processed or is still being retried.
              </Text>
            ) : (
              <BlockStack gap="200">
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={["Topic", "Received", "Attempts", "Last error", ""]}
                  rows={dead.rows.map((d) => [
                    d.topic,
                    at(d.receivedAt),
                    d.attempts,
                    d.lastError ?? "",
                    <fetcher.Form method="post" key={d.id}>
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={d.id} />
                      <Button submit size="slim" loading={busy && retrying === d.id} disabled={busy}>
                        Retry
                      </Button>
                    </fetcher.Form>,
                  ])}
                />
                <Pagination
                  hasPrevious={dead.page > 1 && navigation.state === "idle"}
                  hasNext={dead.page < dead.pages && navigation.state === "idle"}
                  onPrevious={() => goTo(dead.page - 1)}
                  onNext={() => goTo(dead.page + 1)}
                  label={`Page ${dead.page} of ${dead.pages}`}
                />
              </BlockStack>
            )}
          </TitledCard>
        </Layout.Section>
        <Layout.Section>
          <TitledCard title={`Email dead letters (${health.emailDeadLetters.total})`}>
            {health.emailDeadLetters.total === 0 ? (
              <Text as="p" tone="subdued">
                No dead letters: every support email was sent or is still being retried.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text"]}
                headings={["Email", "Gave up", "Attempts", "Last error", ""]}
                rows={health.emailDeadLetters.rows.map((d) => [
                  d.event,
                  at(d.failedAt),
                  d.attempts,
                  d.lastError ?? "",
                  <fetcher.Form method="post" key={d.id}>
                    <input type="hidden" name="intent" value="retry_email" />
                    <input type="hidden" name="id" value={d.id} />
                    <Button submit size="slim" loading={busy && retrying === d.id} disabled={busy}>
                      Retry
                    </Button>
                  </fetcher.Form>,
                ])}
              />
            )}
          </TitledCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
