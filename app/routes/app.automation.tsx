import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Checkbox, FormLayout, InlineError, InlineStack, Layout, Page, Pagination, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { useShopTime } from "~/components/ShopTime";
import { fromRulesForm, toRulesForm, type RulesForm } from "~/components/automation/rules-form";
import { RULE_TITLES, type RuleKey } from "~/automation/rules/definitions";
import { loadAutomationPage } from "~/automation/rules/page.server";
import { previewRules, type RulesPreview } from "~/automation/rules/preview.server";
import { parseRuleSet, saveRuleSetVersion } from "~/automation/rules/ruleset.server";
import { failure, parseAction, requireAdmin, searchObject, success, type ActionAnswer } from "~/dashboard/admin.server";

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return loadAutomationPage(shop, pageSchema.parse(searchObject(request.url)).page);
};

const rulesField = z.record(z.string(), z.unknown(), { error: "The rules are missing." });
const automationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save_rules"), rules: rulesField }),
  z.object({ intent: z.literal("preview"), rules: rulesField }),
]);

export type PreviewAnswer = { ok: true; preview: RulesPreview };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = await parseAction(request, automationActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    if (parsed.data.intent === "preview") {
      return data<PreviewAnswer>({ ok: true, preview: await previewRules(shop, await parseRuleSet(shop, parsed.data.rules)) });
    }
    const saved = await saveRuleSetVersion(shop, parsed.data.rules, actor);
    return success(`Rules version ${saved.version} saved.`);
  } catch (error) {
    return failure(error);
  }
};

type Answer = ActionAnswer | PreviewAnswer;

export default function Automation() {
  const page = useLoaderData<typeof loader>();
  const { dateTime } = useShopTime();
  const [, setSearchParams] = useSearchParams();
  const initial = useMemo(() => toRulesForm(page.rules, page.currencyCode), [page.rules, page.currencyCode]);
  const [form, setForm] = useState<RulesForm>(initial);
  const saver = useFetcher<Answer>();
  const previewer = useFetcher<Answer>();
  const shopify = useAppBridge();
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const saveAnswer = saver.data;
  const previewAnswer = previewer.data;
  const errors = (saveAnswer && !saveAnswer.ok ? saveAnswer.errors : undefined) ?? (previewAnswer && !previewAnswer.ok ? previewAnswer.errors : undefined);
  const err = (key: string) => errors?.[key]?.[0];
  const preview = previewAnswer && previewAnswer.ok && "preview" in previewAnswer ? previewAnswer.preview : null;

  useEffect(() => setForm(initial), [initial]);
  useEffect(() => {
    if (saver.state !== "idle" || !saveAnswer) return;
    if (saveAnswer.ok && "message" in saveAnswer) shopify.toast.show(saveAnswer.message);
    else if (!saveAnswer.ok) shopify.toast.show(saveAnswer.message, { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [saveAnswer, saver.state]);

  const set = <K extends keyof RulesForm>(key: K) => (value: RulesForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));
  const post = (fetcher: typeof saver, intent: "save_rules" | "preview") =>
    fetcher.submit({ intent, rules: fromRulesForm(form, page.currencyCode) } as Parameters<typeof fetcher.submit>[0], { method: "post", encType: "application/json" });
  const money = { prefix: page.currencyCode, autoComplete: "off" } as const;

  return (
    <Page
      title="Automation rules"
      subtitle={`Version ${page.version}, saved ${dateTime(page.savedAt)}${page.savedBy === "system" ? " (from your return policy)" : ""}`}
      primaryAction={{ content: "Save", onAction: () => post(saver, "save_rules"), disabled: !dirty, loading: saver.state !== "idle" }}
      secondaryActions={[
        { content: "Preview last 30 days", onAction: () => post(previewer, "preview"), loading: previewer.state !== "idle" },
        { content: "Discard changes", onAction: () => setForm(initial), disabled: !dirty },
      ]}
    >
      <TitleBar title="Automation rules" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <RuleCard rule="auto_approve" enabled={form.autoApprove} onToggle={set("autoApprove")} />
            <RuleCard rule="refund_on_receipt" enabled={form.refundOnReceipt} onToggle={set("refundOnReceipt")}>
              <TextField label="Pay out automatically up to" {...money} value={form.refundCap} onChange={set("refundCap")} error={err("refund_on_receipt.maxValueMinor")} helpText="Empty: no cap." />
            </RuleCard>
            <RuleCard rule="green_return" enabled={form.greenReturn} onToggle={set("greenReturn")}>
              <TextField label="Keep items worth up to" {...money} value={form.greenMax} onChange={set("greenMax")} error={err("green_return.maxValueMinor")} />
            </RuleCard>
            <RuleCard rule="review_signal" enabled={form.reviewSignal} onToggle={set("reviewSignal")}>
              <FormLayout.Group>
                <TextField label="Returns by the same customer" type="number" autoComplete="off" value={form.serialCount} onChange={set("serialCount")} error={err("review_signal.serialCount")} helpText="Empty: never." />
                <TextField label="…within days" type="number" autoComplete="off" value={form.serialDays} onChange={set("serialDays")} error={err("review_signal.serialDays")} />
                <TextField label="Or worth more than" {...money} value={form.reviewThreshold} onChange={set("reviewThreshold")} error={err("review_signal.valueThresholdMinor")} helpText="Empty: no limit." />
              </FormLayout.Group>
            </RuleCard>
            <RuleCard rule="sla_escalation" enabled={form.slaEscalation} onToggle={set("slaEscalation")}>
              <Select
                label="Reassign to"
                options={[{ label: "Nobody: back to the queue", value: "" }, ...page.staff.map((s) => ({ label: s.name, value: s.actor }))]}
                value={form.fallbackAssignee}
                onChange={set("fallbackAssignee")}
                error={err("sla_escalation.fallbackAssignee")}
              />
            </RuleCard>
            <RuleCard rule="notify_shopper" enabled={form.notifyShopper} onToggle={set("notifyShopper")} />
            {err("form") ? <InlineError message={err("form") ?? ""} fieldID="rules" /> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <TitledCard title="Last 30 days with these rules">
            {previewer.state !== "idle" ? (
              <Text as="p" tone="subdued">
                Judging the last 30 days…
              </Text>
            ) : preview ? (
              <PreviewList preview={preview} dateTime={dateTime} />
            ) : (
              <Text as="p" tone="subdued">
                Preview shows what the rules on this page would have done to the returns and tickets of the last 30 days. Nothing is changed.
              </Text>
            )}
            <Button onClick={() => post(previewer, "preview")} loading={previewer.state !== "idle"}>
              Preview
            </Button>
          </TitledCard>
        </Layout.Section>
        <Layout.Section>
          <TitledCard title="Recent runs">
            {page.runs.length === 0 ? (
              <Text as="p" tone="subdued">
                No rule has run yet.
              </Text>
            ) : (
              page.runs.map((run) => (
                <BlockStack key={run.id} gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">
                      {run.title}
                    </Text>
                    <Badge tone={run.outcome === "failed" ? "critical" : run.decision === "skip" ? undefined : "success"}>{`${run.decision}: ${run.outcome}`}</Badge>
                    <Text as="span" tone="subdued">{`${run.entityType} ${run.entityId}, ${run.trigger}, rules v${run.ruleSetVersion}, ${dateTime(run.createdAt)}`}</Text>
                  </InlineStack>
                  <Text as="p">{run.reasons.join("; ")}</Text>
                  {run.error ? <Text as="p" tone="critical">{run.error}</Text> : null}
                  <Text as="p" tone="subdued" variant="bodySm">{`Facts: ${JSON.stringify(run.facts)}`}</Text>
                </BlockStack>
              ))
            )}
            <Pagination
              hasPrevious={page.page > 1}
              onPrevious={() => setSearchParams({ page: String(page.page - 1) })}
              hasNext={page.hasMore}
              onNext={() => setSearchParams({ page: String(page.page + 1) })}
            />
          </TitledCard>
        </Layout.Section>
      </Layout>
      <Box paddingBlockEnd="800" />
    </Page>
  );
}

function RuleCard({ rule, enabled, onToggle, children }: { rule: RuleKey; enabled: boolean; onToggle: (value: boolean) => void; children?: ReactNode }) {
  const { title, description } = RULE_TITLES[rule];
  return (
    <TitledCard title={title}>
      <Checkbox label="On" helpText={description} checked={enabled} onChange={onToggle} />
      {children ? <FormLayout>{children}</FormLayout> : null}
    </TitledCard>
  );
}

function PreviewList({ preview, dateTime }: { preview: RulesPreview; dateTime: (iso: string) => string }) {
  return (
    <BlockStack gap="300">
      {preview.rules.map((r) => (
        <BlockStack key={r.ruleKey} gap="100">
          <Text as="h3" variant="headingSm">{`${RULE_TITLES[r.ruleKey].title}${r.enabled ? "" : " (off)"}: ${r.acted} of ${r.judged}`}</Text>
          {r.samples.map((s) => (
            <Text as="p" key={s.entityId} variant="bodySm">{`${s.label}, ${dateTime(s.at)}: ${s.reasons.join("; ")}`}</Text>
          ))}
        </BlockStack>
      ))}
    </BlockStack>
  );
}
