import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Button, ButtonGroup, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { MixBar } from "~/components/charts/MixBar";
import { ParetoChart } from "~/components/charts/ParetoChart";
import { SeriesChart } from "~/components/charts/SeriesChart";
import { date, duration, money, percent, RESOLUTION_LABEL, RETURN_STATUS_LABEL } from "~/components/format";
import { KpiCard } from "~/components/KpiCard";
import { requireAdmin } from "~/dashboard/admin.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { delta } from "~/metrics/calculate";
import { PERIOD_DAYS, periodSchema } from "~/metrics/period";
import { soldUnitsFromShopify } from "~/dashboard/sold-units.server";
import { RETURN_STATUSES } from "~/returns/status";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, client, scope } = await requireAdmin(request);
  const parsed = z.object({ period: periodSchema }).safeParse({ period: new URL(request.url).searchParams.get("period") ?? undefined });
  const days = parsed.success ? parsed.data.period : 30;
  return loadDashboard(shop, client, days, { scopes: scope, soldUnits: soldUnitsFromShopify(shop, client) });
};

// Illustrative, inline (the CDN illustrations are not reachable offline): a parcel coming back.
const EMPTY_IMAGE =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 226 180"><rect x="48" y="52" width="130" height="96" rx="8" fill="#e8eefc" stroke="#4b7be5" stroke-width="3"/><path d="M48 80h130M113 52v28" stroke="#4b7be5" stroke-width="3"/><path d="M150 24a30 30 0 1 0 20 30" fill="none" stroke="#2f9e6e" stroke-width="4" stroke-linecap="round"/><path d="M170 40l0 16-16 0" fill="none" stroke="#2f9e6e" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  );

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const current = data.returns;
  const previous = data.previous;
  const tCur = data.tickets;
  const kept = data.retention.current;
  const currency = data.shop.currencyCode;
  const m = (amountMinor: number) => money({ amountMinor, currencyCode: currency });

  if (data.isEmpty) {
    return (
      <Page title="Dashboard">
        <TitleBar title="Dashboard" />
        <Card>
          <EmptyState
            heading="Your returns will show up here"
            action={{ content: "Set your return policy", url: "/app/settings" }}
            secondaryAction={{ content: "Open the tickets inbox", url: "/app/tickets" }}
            image={EMPTY_IMAGE}
          >
            <p>
              When shoppers start returns through the portal, or returns are made in Shopify admin, you will see the return rate, the reasons
              behind returns and how much revenue you kept.
            </p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  const statusParts = RETURN_STATUSES.map((s) => ({ key: s, label: RETURN_STATUS_LABEL[s], value: current.byStatus[s] ?? 0 })).filter((p) => p.value > 0);
  const resolutionParts = Object.entries(current.byResolution).map(([key, value]) => ({ key, label: RESOLUTION_LABEL[key] ?? key, value }));
  const mix = current.money;
  const moneyParts = [
    { key: "refunds", label: "Refunded", value: mix.refunds, display: m(mix.refunds) },
    { key: "credit", label: "Store credit", value: mix.storeCredit, display: m(mix.storeCredit) },
    { key: "exchanges", label: "Exchanged", value: mix.exchanges, display: m(mix.exchanges) },
  ];
  const other = Object.entries(mix.otherCurrencies);

  return (
    <Page
      title="Dashboard"
      subtitle={`${date(data.period.from, data.shop.timezone)} – ${date(data.period.to, data.shop.timezone)}, compared with the ${data.period.days} days before`}
      primaryAction={
        <ButtonGroup variant="segmented">
          {PERIOD_DAYS.map((d) => (
            <Button key={d} url={`/app?period=${d}`} pressed={data.period.days === d}>
              {`${d} days`}
            </Button>
          ))}
        </ButtonGroup>
      }
    >
      <TitleBar title="Dashboard" />
      <BlockStack gap="400">
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <KpiCard
            title="Return rate"
            value={percent(current.returnRate)}
            delta={delta(current.returnRate, previous.returnRate)}
            deltaFormat="points"
            higherIsBetter={false}
            help={current.soldUnits === null ? `${current.returnedUnits} units returned; sold units not available from Shopify yet` : `${current.returnedUnits} of ${current.soldUnits} units sold`}
          />
          <KpiCard title="Returns" value={String(current.returns)} delta={delta(current.returns, previous.returns)} higherIsBetter={false} help={`${current.returnedUnits} units`} />
          <KpiCard
            title="Revenue kept"
            value={m(mix.revenueKept)}
            delta={delta(mix.revenueKept, previous.revenueKept)}
            help={other.length ? `Store credit + exchanges; also ${other.map(([c, v]) => money({ amountMinor: v, currencyCode: c })).join(", ")}` : "Store credit + exchanges"}
          />
          <KpiCard title="Refunded" value={m(mix.refunds)} delta={delta(mix.refunds, previous.refunds)} higherIsBetter={false} help="To the original payment" />
          <KpiCard
            title="Automation rate"
            value={percent(current.automationRate)}
            delta={delta(current.automationRate, previous.automationRate)}
            deltaFormat="points"
            help={`${current.decisions} decisions; automatic = by Aftercare or the portal`}
          />
          <KpiCard
            title="Median time to resolution"
            value={duration(current.medianResolutionHours)}
            delta={delta(current.medianResolutionHours, previous.medianResolutionHours)}
            deltaFormat="hours"
            higherIsBetter={false}
            help={`${current.resolvedCount} returns resolved`}
          />
          <KpiCard
            title="Ordered again after a return"
            value={percent(kept.rate)}
            delta={delta(kept.rate, data.retention.previous.rate)}
            deltaFormat="points"
            help={`${kept.retained} of ${kept.customers} customers who returned in this period ordered again within ${kept.windowDays} days (counted up to today)`}
          />
          <KpiCard title="Open tickets" value={String(tCur.openNow)} help={`${tCur.opened} opened in this period`} />
          <KpiCard
            title="First response (median)"
            value={duration(tCur.medianFirstResponseHours)}
            delta={delta(tCur.medianFirstResponseHours, previous.medianFirstResponseHours)}
            deltaFormat="hours"
            higherIsBetter={false}
          />
        </InlineGrid>

        <Layout>
          <Layout.Section>
            <TitledCard title="Why customers return">
              <ParetoChart bars={data.pareto} />
            </TitledCard>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <TitledCard title="Resolution mix">
                <MixBar parts={resolutionParts} label="Returns by resolution" />
              </TitledCard>
              <TitledCard title="Money">
                <MixBar parts={moneyParts} label={`Refunds, store credit and exchanges in ${currency}`} />
                {mix.bonus > 0 || mix.fees > 0 ? (
                  <Text as="p" variant="bodySm" tone="subdued">
                    Bonus credit given {m(mix.bonus)} · fees kept {m(mix.fees)}
                  </Text>
                ) : null}
              </TitledCard>
            </BlockStack>
          </Layout.Section>
          <Layout.Section>
            <TitledCard title="Returns over time">
              <SeriesChart buckets={data.series} bucketDays={data.period.bucketDays} title="Returns over time" />
            </TitledCard>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <TitledCard title="Returns by status">
              <MixBar parts={statusParts} label="Returns by status" />
            </TitledCard>
          </Layout.Section>
        </Layout>

        <TitledCard title="Support">
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <Figure label="Ticket resolution time (median)" value={duration(tCur.medianResolutionHours)} />
            <Figure label="First-contact resolution" value={percent(tCur.firstContactResolution, 0)} />
            <Figure label="Customer satisfaction" value={tCur.csatAverage === null ? "—" : `${tCur.csatAverage.toFixed(1)} / 5`} note={`${tCur.csatResponses} ratings`} />
            <Figure label="Tickets solved" value={String(tCur.solved)} />
          </InlineGrid>
        </TitledCard>
        <Box paddingBlockEnd="400" />
      </BlockStack>
    </Page>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <InlineStack gap="100" blockAlign="baseline">
        <Text as="p" variant="headingMd">
          {value}
        </Text>
        {note ? (
          <Text as="span" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
      </InlineStack>
    </BlockStack>
  );
}
