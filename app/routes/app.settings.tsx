import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineError,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { useShopTime } from "~/components/ShopTime";
import { GuestLookupCard } from "~/components/settings/GuestLookupCard";
import { EmailSettingsCard } from "~/components/settings/EmailSettingsCard";
import { fromForm, previewPolicy, toForm, type PolicyForm } from "~/components/settings/policy-form";
import { failure, parseAction, requireAdmin, success, type ActionAnswer } from "~/dashboard/admin.server";
import { loadPolicySettings } from "~/dashboard/settings.server";
import { loadEmailSettings, saveEmailSettings } from "~/email/settings.server";
import { savePolicyVersion } from "~/policy/policy.server";
import { isGuestLookupOn, setGuestLookup } from "~/shops/guest-lookup.server";
import { policyParagraphs } from "~/policy/text";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [settings, guestLookup, email] = await Promise.all([loadPolicySettings(shop), isGuestLookupOn(shop), loadEmailSettings(shop)]);
  return { ...settings, guestLookup, email };
};

const settingsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save_policy"), policy: z.record(z.string(), z.unknown(), { error: "The policy is missing." }) }),
  z.object({ intent: z.literal("save_guest_lookup"), guestLookup: z.enum(["on", "off"], { error: "Choose on or off." }) }),
  z.object({ intent: z.literal("save_email"), senderName: z.unknown(), locale: z.unknown() }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor, client } = await requireAdmin(request);
  const parsed = await parseAction(request, settingsActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    if (parsed.data.intent === "save_guest_lookup") {
      const on = parsed.data.guestLookup === "on";
      await setGuestLookup(shop, client, on, actor);
      return success(on ? "Guests can look up their orders again." : "Guest lookup is off: shoppers sign in to start a return.");
    }
    if (parsed.data.intent === "save_email") {
      await saveEmailSettings(shop, { senderName: parsed.data.senderName, locale: parsed.data.locale }, actor);
      return success("Email settings saved.");
    }
    const saved = await savePolicyVersion(shop, parsed.data.policy, actor);
    return success(`Policy version ${saved.version} saved.`);
  } catch (error) {
    return failure(error);
  }
};

const SAVE_BAR_ID = "policy-save-bar";

export default function Settings() {
  const settings = useLoaderData<typeof loader>();
  const { dateTime } = useShopTime();
  const { currencyCode } = settings;
  const initial = useMemo(() => toForm(settings.policy, currencyCode), [settings.policy, currencyCode]);
  const [form, setForm] = useState<PolicyForm>(initial);
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const saving = fetcher.state !== "idle";

  // A saved version reloads the page data: the form starts again from what was saved.
  useEffect(() => setForm(initial), [initial]);
  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    if (answer.ok) shopify.toast.show(answer.message);
    else shopify.toast.show(answer.errors ? "The policy was not saved: fix the marked fields." : answer.message, { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const set = <K extends keyof PolicyForm>(key: K) => (value: PolicyForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));
  const err = (key: string) => errors?.[key]?.[0];
  const save = () => fetcher.submit({ intent: "save_policy", policy: fromForm(form, currencyCode) } as Parameters<typeof fetcher.submit>[0], { method: "post", encType: "application/json" });
  const discard = () => setForm(initial);
  const preview = policyParagraphs(previewPolicy(form, currencyCode, settings.policy), { currencyCode });

  return (
    <Page
      title="Return policy & automation"
      subtitle={`Version ${settings.version}, saved ${dateTime(settings.savedAt)}${settings.savedBy === "system" ? " (starter policy)" : ""}`}
      primaryAction={{ content: "Save", onAction: save, disabled: !dirty, loading: saving }}
      secondaryActions={[{ content: "Discard changes", onAction: discard, disabled: !dirty }]}
    >
      <TitleBar title="Return policy" />
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's <ui-save-bar> reads `variant` from its buttons */}
        <button variant="primary" onClick={save} {...(saving ? { loading: "" } : {})}>
          Save
        </button>
        <button onClick={discard}>Discard</button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {err("form") ? <InlineError message={err("form") ?? ""} fieldID="policy" /> : null}
            <TitledCard title="Return window">
              <FormLayout>
                <FormLayout.Group>
                  <TextField label="Days to start a return" type="number" min={0} max={365} value={form.returnWindowDays} onChange={set("returnWindowDays")} error={err("returnWindowDays")} autoComplete="off" />
                  <Select
                    label="Counted from"
                    options={[
                      { label: "Delivery (else fulfillment)", value: "delivery" },
                      { label: "Fulfillment", value: "fulfillment" },
                    ]}
                    value={form.windowStartsFrom}
                    onChange={(value) => set("windowStartsFrom")(value === "fulfillment" ? "fulfillment" : "delivery")}
                    error={err("windowStartsFrom")}
                  />
                </FormLayout.Group>
              </FormLayout>
            </TitledCard>
            <TitledCard title="Resolutions and fees">
              <BlockStack gap="100">
                <Checkbox label="Refund to the original payment" checked={form.allowRefund} onChange={set("allowRefund")} />
                <Checkbox label="Store credit" checked={form.allowStoreCredit} onChange={set("allowStoreCredit")} />
                <Checkbox label="Exchange for another variant" checked={form.allowExchange} onChange={set("allowExchange")} />
                {err("allowRefund") ? <InlineError message={err("allowRefund") ?? ""} fieldID="allowRefund" /> : null}
              </BlockStack>
              <FormLayout>
                <FormLayout.Group>
                  <TextField label="Store-credit bonus" suffix="%" value={form.storeCreditBonusPercent} onChange={set("storeCreditBonusPercent")} error={err("storeCreditBonusBps")} autoComplete="off" helpText="Added on top of store credit." />
                  <TextField label="Restocking fee" suffix="%" value={form.restockingFeePercent} onChange={set("restockingFeePercent")} error={err("restockingFeeBps")} autoComplete="off" helpText="Of the item price; not for exchanges." />
                  <TextField label="Return shipping fee" prefix={currencyCode} value={form.returnShippingFee} onChange={set("returnShippingFee")} error={err("returnShippingFeeMinor")} autoComplete="off" />
                </FormLayout.Group>
              </FormLayout>
            </TitledCard>
            <TitledCard title="What cannot be returned">
              <FormLayout>
                <TextField label="Final-sale tag" value={form.finalSaleTag} onChange={set("finalSaleTag")} error={err("finalSaleTag")} autoComplete="off" />
                <TextField label="Excluded product tags" value={form.excludedTags} onChange={set("excludedTags")} error={err("excludedTags")} autoComplete="off" helpText="Separate with commas." />
                <TextField label="Excluded product types" value={form.excludedProductTypes} onChange={set("excludedProductTypes")} error={err("excludedProductTypes")} autoComplete="off" helpText="Separate with commas." />
              </FormLayout>
            </TitledCard>
            <ReasonsCard reasons={form.reasons} onChange={set("reasons")} error={err("reasons")} />
            <TitledCard title="Review">
              <Text as="p" tone="subdued">
                Requests that break a rule below are held for review with a ticket. Auto-approval, keep-the-item refunds and the other rules that act on their own are on the{" "}
                <Link url="/app/automation">Automation</Link> page.
              </Text>
              <FormLayout>
                <FormLayout.Group>
                  <TextField label="Review requests worth more than" prefix={currencyCode} value={form.manualReviewThreshold} onChange={set("manualReviewThreshold")} error={err("manualReviewThresholdMinor")} autoComplete="off" helpText="Empty: no limit." />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label="Review customers with at least this many returns" type="number" value={form.serialReturnerCount} onChange={set("serialReturnerCount")} error={err("serialReturnerCount")} autoComplete="off" helpText="Empty: never." />
                  <TextField label="…within days" type="number" value={form.serialReturnerDays} onChange={set("serialReturnerDays")} error={err("serialReturnerDays")} autoComplete="off" />
                </FormLayout.Group>
              </FormLayout>
            </TitledCard>
            <Card>
              <TextField
                label="Your own policy text"
                helpText="Shown after the generated policy. Separate paragraphs with an empty line."
                value={form.policyText}
                onChange={set("policyText")}
                multiline={5}
                error={err("policyText")}
                autoComplete="off"
              />
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Box paddingBlockEnd="400">
            <EmailSettingsCard settings={settings.email} />
          </Box>
          <div style={{ position: "sticky", top: 16 }}>
            <TitledCard title="What shoppers will read">
              {preview.map((paragraph, i) => (
                <Text as="p" key={`${i}-${paragraph.slice(0, 24)}`}>
                  {paragraph}
                </Text>
              ))}
              {dirty ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  Preview of unsaved changes.
                </Text>
              ) : null}
            </TitledCard>
            <Box paddingBlockStart="400">
              <GuestLookupCard on={settings.guestLookup} />
            </Box>
          </div>
        </Layout.Section>
      </Layout>
      <Box paddingBlockEnd="800" />
    </Page>
  );
}

function ReasonsCard({ reasons, onChange, error }: { reasons: PolicyForm["reasons"]; onChange: (value: PolicyForm["reasons"]) => void; error?: string }) {
  const update = (index: number, patch: Partial<PolicyForm["reasons"][number]>) => onChange(reasons.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Return reasons
          </Text>
          <Button onClick={() => onChange([...reasons, { code: `reason_${reasons.length + 1}`, label: "", requiresPhoto: false }])}>Add reason</Button>
        </InlineStack>
        {reasons.map((reason, index) => (
          <InlineGrid key={index} columns={["twoThirds", "oneThird"]} gap="300" alignItems="end">
            <InlineGrid columns={2} gap="200">
              <TextField label="Label shoppers see" value={reason.label} onChange={(label) => update(index, { label })} autoComplete="off" />
              <TextField label="Code" value={reason.code} onChange={(code) => update(index, { code })} autoComplete="off" monospaced />
            </InlineGrid>
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <Checkbox label="Needs a photo" checked={reason.requiresPhoto} onChange={(requiresPhoto) => update(index, { requiresPhoto })} />
              <Button variant="plain" tone="critical" onClick={() => onChange(reasons.filter((_, i) => i !== index))} accessibilityLabel={`Remove ${reason.label || reason.code}`}>
                Remove
              </Button>
            </InlineStack>
          </InlineGrid>
        ))}
        {error ? <InlineError message={error} fieldID="reasons" /> : null}
      </BlockStack>
    </Card>
  );
}
