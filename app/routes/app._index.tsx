import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Button, ButtonGroup, Card, DataTable, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { MixBar } from "~/components/charts/MixBar";
import { ParetoChart } from "~/components/charts/ParetoChart";
import { SeriesChart } from "~/components/charts/SeriesChart";
import { date, duration, money, percent, RESOLUTION_LABEL, RETURN_STATUS_LABEL } from "~/components/format";
import { Definition, KpiCard } from "~/components/KpiCard";
import { ExportsCard } from "~/components/ExportsCard";
import { requireAdmin } from "~/dashboard/admin.server";
import { loadDashboard, type SupportData } from "~/dashboard/dashboard.server";
import type { CsatFigure } from "~/metrics/calculate";
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

        <SupportSection support={data.support} ticketsCsatAverage={tCur.csatAverage} />
        <ExportsCard timezone={data.shop.timezone} from={data.period.from} to={data.period.to} />
        <Box paddingBlockEnd="400" />
      </BlockStack>
    </Page>
  );
}

/** What the support lead reads: speed, quality, satisfaction and what is waiting, each against the previous period. */
function SupportSection({ support, ticketsCsatAverage }: { support: SupportData; ticketsCsatAverage: number | null }) {
  const { current: c, trend: t, backlog: b } = support;
  const csatNote = ticketsCsatAverage === null ? "" : `; average score ${ticketsCsatAverage.toFixed(1)} / 5`;
  return (
    <BlockStack gap="400">
      <Text as="h2" variant="headingLg">
        Support
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
        <KpiCard
          title="First response (median)"
          value={duration(c.firstResponse.medianHours)}
          delta={t.firstResponseMedian}
          deltaFormat="hours"
          higherIsBetter={false}
          help={`p90 ${duration(c.firstResponse.p90Hours)} · ${c.firstResponse.count} answered tickets`}
          definition="Time from a ticket being opened to the first public reply by an agent, over tickets opened in this period that have been answered. Wall-clock hours: nights and weekends count. The median is the middle ticket; p90 is the time within which 90 % were answered."
        />
        <KpiCard
          title="Resolution time (median)"
          value={duration(c.resolution.medianHours)}
          delta={t.resolutionMedian}
          deltaFormat="hours"
          higherIsBetter={false}
          help={`p90 ${duration(c.resolution.p90Hours)} · ${c.resolution.count} solved tickets`}
          definition="Time from a ticket being opened to being solved, over tickets solved in this period (a reopened ticket counts from its opening to its latest solve). Wall-clock hours, not business hours. p90: 90 % were solved within this time."
        />
        <KpiCard
          title="First-contact resolution"
          value={percent(c.rates.firstContactResolution, 0)}
          delta={t.firstContactResolution}
          deltaFormat="points"
          help={`${c.counts.solvedFirstContact} of ${c.counts.solved} solved tickets`}
          definition="Solved tickets that needed exactly one public agent reply and were never reopened, divided by all tickets solved in this period. Internal notes do not count as replies."
        />
        <KpiCard
          title="Customer satisfaction"
          value={percent(c.csat.score, 0)}
          delta={t.csat}
          deltaFormat="points"
          help={`${c.csat.ratings} ratings${csatNote}`}
          definition="Share of ratings that are 4 or 5 out of 5, over tickets solved in this period that the customer rated. A customer who rates again replaces their earlier rating."
        />
        <KpiCard
          title="First response (p90)"
          value={duration(c.firstResponse.p90Hours)}
          delta={t.firstResponseP90}
          deltaFormat="hours"
          higherIsBetter={false}
          definition="The time within which 90 % of the tickets opened in this period got their first public agent reply (nearest rank: of 10 tickets, the 9th fastest). Wall-clock hours."
        />
        <KpiCard
          title="Resolution time (p90)"
          value={duration(c.resolution.p90Hours)}
          delta={t.resolutionP90}
          deltaFormat="hours"
          higherIsBetter={false}
          definition="The time within which 90 % of the tickets solved in this period were solved, from opening. Wall-clock hours."
        />
        <KpiCard
          title="Resolution rate"
          value={percent(c.rates.resolutionRate, 0)}
          delta={t.resolutionRate}
          deltaFormat="points"
          help={`${c.counts.solved} solved · ${c.counts.opened} opened`}
          definition="Tickets solved in this period divided by tickets opened in it. Above 100 % means the team solved more than came in (the backlog shrank)."
        />
        <KpiCard
          title="Reopen rate"
          value={percent(c.rates.reopenRate, 0)}
          delta={t.reopenRate}
          deltaFormat="points"
          higherIsBetter={false}
          help={`${c.counts.solvedReopened} of ${c.counts.solved} solved tickets`}
          definition="Tickets solved in this period that had been reopened at least once (the customer wrote back after it was solved, or staff reopened it), divided by all tickets solved in this period."
        />
      </InlineGrid>
      <Layout>
        <Layout.Section>
          <TitledCard title="What customers write about">
            <ParetoChart bars={support.categories} title="Ticket categories (Pareto)" unit="tickets" />
            <Definition text="Tickets opened in this period by category, largest first, with the running share: billing (questions and failed payments), fulfillment (delivery questions and damaged items), order questions, returns (return exceptions and fraud reviews) and other." />
          </TitledCard>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <TitledCard title="Backlog now">
            <BlockStack gap="300">
              <InlineGrid columns={3} gap="200">
                <Figure label="Open" value={String(b.count)} />
                <Figure label="Median age" value={duration(b.medianAgeHours)} />
                <Figure label="Oldest" value={duration(b.oldestAgeHours)} />
              </InlineGrid>
              <MixBar parts={b.buckets.map((x) => ({ key: x.key, label: x.label, value: x.count }))} label="Open tickets by age" />
              <Definition text="Open and pending tickets right now, whatever the period: how many, how long the middle one has waited since it was opened, the oldest, and how many have waited under a day, 1–3 days, 3–7 days and over a week." />
            </BlockStack>
          </TitledCard>
        </Layout.Section>
      </Layout>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <TitledCard title="Satisfaction by agent">
          <CsatTable rows={support.csatByAgent} first="Agent" />
        </TitledCard>
        <TitledCard title="Satisfaction by category">
          <CsatTable rows={support.csatByCategory} first="Category" />
        </TitledCard>
      </InlineGrid>
    </BlockStack>
  );
}

function CsatTable({ rows, first }: { rows: CsatFigure[]; first: string }) {
  if (rows.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No ratings in this period.
      </Text>
    );
  }
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric"]}
      headings={[first, "Satisfied (4–5)", "Ratings"]}
      rows={rows.map((r) => [r.label, percent(r.score, 0), String(r.ratings)])}
    />
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
