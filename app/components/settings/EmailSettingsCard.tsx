import { Banner, Button, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { TitledCard } from "~/components/TitledCard";
import type { ActionAnswer } from "~/dashboard/admin.server";
import type { EmailSettings } from "~/email/settings.server";

const LANGUAGES = [
  { label: "English", value: "en" },
  { label: "French", value: "fr" },
  { label: "German", value: "de" },
  { label: "Spanish", value: "es" },
];

/** The support-email card of the Settings page: sender name and default language, saved on their own. */
export function EmailSettingsCard({ settings }: { settings: EmailSettings }) {
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const [senderName, setSenderName] = useState(settings.senderName);
  const [locale, setLocale] = useState<string>(settings.locale);
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const dirty = senderName !== settings.senderName || locale !== settings.locale;

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    shopify.toast.show(answer.message, answer.ok ? undefined : { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const save = () => fetcher.submit({ intent: "save_email", senderName, locale }, { method: "post", encType: "application/json" });
  const from = `${senderName.trim() || settings.defaultSenderName} <${settings.fromAddress ?? "…"}>`;

  return (
    <TitledCard title="Support email">
      {settings.fromAddress ? null : (
        <Banner tone="info">This installation sends no email yet: its SMTP settings are not configured (see the README).</Banner>
      )}
      <FormLayout>
        <TextField
          label="Sender name"
          value={senderName}
          onChange={setSenderName}
          placeholder={settings.defaultSenderName}
          helpText={`Shoppers see: ${from}`}
          error={errors?.senderName?.[0]}
          autoComplete="off"
          maxLength={80}
        />
        <Select
          label="Language when the shopper's is unknown"
          options={LANGUAGES}
          value={locale}
          onChange={setLocale}
          error={errors?.locale?.[0]}
          helpText="Shoppers who wrote through the returns page get email in the language they used there."
        />
      </FormLayout>
      <InlineStack align="end">
        <Button onClick={save} disabled={!dirty} loading={fetcher.state !== "idle"}>
          Save email settings
        </Button>
      </InlineStack>
    </TitledCard>
  );
}
