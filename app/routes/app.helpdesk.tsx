import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Checkbox, IndexTable, InlineError, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { humanize, TICKET_CATEGORY_LABEL } from "~/components/format";
import { failure, parseAction, requireAdmin, success, type ActionAnswer } from "~/dashboard/admin.server";
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from "~/tickets/schemas";
import { WEEKDAYS, type Weekday } from "~/tickets/sla";
import { getSlaSettings, saveSlaSettings } from "~/tickets/sla.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return getSlaSettings(shop);
};

const helpdeskActionSchema = z.object({ intent: z.literal("save_sla"), settings: z.record(z.string(), z.unknown(), { error: "The settings are missing." }) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = await parseAction(request, helpdeskActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    await saveSlaSettings(shop, parsed.data.settings, actor);
    return success("SLA settings saved. New tickets use them.");
  } catch (error) {
    return failure(error);
  }
};

type DayForm = { open: boolean; from: string; to: string };
type TargetForm = { category: string; priority: string; first: string; resolution: string };
const DAY_LABEL: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const ORDER: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const minutesOf = (value: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};
const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

export default function HelpdeskSettings() {
  const settings = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const initialDays = () =>
    Object.fromEntries(WEEKDAYS.map((d) => { const first = settings.hours[d][0]; return [d, { open: !!first, from: clock(first?.[0] ?? 540), to: clock(first?.[1] ?? 1020) }]; })) as Record<Weekday, DayForm>;
  const initialTargets = () => settings.targets.map((t) => ({ category: t.category, priority: t.priority, first: hours(t.firstResponseMinutes), resolution: hours(t.resolutionMinutes) }));
  const [days, setDays] = useState<Record<Weekday, DayForm>>(initialDays);
  const [targets, setTargets] = useState<TargetForm[]>(initialTargets);
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : undefined;

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    shopify.toast.show(answer.ok ? answer.message : "Not saved: fix the marked fields.", { isError: !answer.ok });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const setDay = (d: Weekday, change: Partial<DayForm>) => setDays((all) => ({ ...all, [d]: { ...all[d], ...change } }));
  const setTarget = (i: number, change: Partial<TargetForm>) => setTargets((all) => all.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const save = () => {
    const payload = {
      hours: Object.fromEntries(WEEKDAYS.map((d) => [d, days[d].open ? [[minutesOf(days[d].from), minutesOf(days[d].to)]] : []])),
      targets: targets.map((t) => ({ category: t.category, priority: t.priority, firstResponseMinutes: Math.round(Number(t.first) * 60), resolutionMinutes: Math.round(Number(t.resolution) * 60) })),
    };
    fetcher.submit({ intent: "save_sla", settings: payload }, { method: "post", encType: "application/json" });
  };
  const formErrors = [...(errors?.hours ?? []), ...(errors?.targets ?? []), ...(errors?.form ?? [])];

  return (
    <Page title="SLA & business hours" backAction={{ content: "Tickets", url: "/app/tickets" }} primaryAction={{ content: "Save", onAction: save, loading: fetcher.state !== "idle" }}>
      <TitleBar title="SLA & business hours" />
      <Layout>
        <Layout.AnnotatedSection title="Business hours" description="SLA clocks run only in these hours, in your store's time zone, and stop while a ticket is pending (waiting on the customer).">
          <TitledCard title="Opening hours">
            {ORDER.map((d) => (
              <InlineStack key={d} gap="300" blockAlign="center" wrap={false}>
                <div style={{ width: "8rem" }}>
                  <Checkbox label={DAY_LABEL[d]} checked={days[d].open} onChange={(open) => setDay(d, { open })} />
                </div>
                <TextField label={`${DAY_LABEL[d]} opens`} labelHidden value={days[d].from} onChange={(from) => setDay(d, { from })} disabled={!days[d].open} autoComplete="off" placeholder="09:00" />
                <Text as="span">to</Text>
                <TextField label={`${DAY_LABEL[d]} closes`} labelHidden value={days[d].to} onChange={(to) => setDay(d, { to })} disabled={!days[d].open} autoComplete="off" placeholder="17:00" />
              </InlineStack>
            ))}
          </TitledCard>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Targets" description="Business hours until the first reply and until the ticket is solved. A category's own row wins over “All categories”.">
          <TitledCard title="SLA targets">
            <IndexTable
              resourceName={{ singular: "target", plural: "targets" }}
              itemCount={targets.length}
              selectable={false}
              headings={[{ title: "Category" }, { title: "Priority" }, { title: "First reply (h)" }, { title: "Resolution (h)" }, { title: "" }]}
            >
              {targets.map((t, i) => (
                <IndexTable.Row id={`${t.category}-${t.priority}-${i}`} key={`${t.category}-${t.priority}-${i}`} position={i}>
                  <IndexTable.Cell>
                    <Select label="Category" labelHidden options={[{ label: "All categories", value: "any" }, ...TICKET_CATEGORIES.map((c) => ({ label: TICKET_CATEGORY_LABEL[c] ?? c, value: c }))]} value={t.category} onChange={(category) => setTarget(i, { category })} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Select label="Priority" labelHidden options={TICKET_PRIORITIES.map((p) => ({ label: humanize(p), value: p }))} value={t.priority} onChange={(priority) => setTarget(i, { priority })} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <TextField label="First reply hours" labelHidden type="number" value={t.first} onChange={(first) => setTarget(i, { first })} autoComplete="off" />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <TextField label="Resolution hours" labelHidden type="number" value={t.resolution} onChange={(resolution) => setTarget(i, { resolution })} autoComplete="off" />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button variant="plain" tone="critical" onClick={() => setTargets((all) => all.filter((_, j) => j !== i))} accessibilityLabel={`Remove the ${t.category} ${t.priority} target`}>
                      Remove
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
            <BlockStack gap="200">
              {formErrors.map((e) => (
                <InlineError key={e} message={e} fieldID="sla-targets" />
              ))}
              <InlineStack>
                <Button onClick={() => setTargets((all) => [...all, { category: "damaged", priority: "normal", first: "2", resolution: "16" }])}>Add a category target</Button>
              </InlineStack>
            </BlockStack>
          </TitledCard>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
