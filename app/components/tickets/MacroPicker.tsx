/**
 * "Apply macro" on the ticket page: a searchable combobox (arrow keys, Enter, Escape), then a
 * preview of the reply as the customer will read it, editable, with what else the macro does.
 */
import { Banner, BlockStack, Button, Combobox, InlineStack, Listbox, Select, Text, TextField } from "@shopify/polaris";
import { useMemo, useState } from "react";

export type MacroOption = { id: string; name: string };
export type MacroPreviewView = { body: string; missing: string[]; setStatus: string | null; addTags: string[] };

const LANGUAGES = [
  { label: "English", value: "en" },
  { label: "Français", value: "fr" },
  { label: "Deutsch", value: "de" },
  { label: "Español", value: "es" },
];

export function MacroPicker(props: {
  macros: MacroOption[];
  preview: MacroPreviewView | null;
  loadingPreview: boolean;
  sending: boolean;
  error?: string;
  onPreview: (macroId: string, locale: string) => void;
  onSend: (macroId: string, body: string) => void;
}) {
  const { macros, preview } = props;
  const [query, setQuery] = useState("");
  const [macroId, setMacroId] = useState<string | null>(null);
  const [locale, setLocale] = useState("en");
  const [body, setBody] = useState<string | null>(null);
  const matches = useMemo(() => macros.filter((m) => m.name.toLowerCase().includes(query.trim().toLowerCase())), [macros, query]);
  const chosen = macros.find((m) => m.id === macroId) ?? null;
  const text = body ?? preview?.body ?? "";

  const choose = (id: string, lang = locale) => {
    setMacroId(id);
    setQuery(macros.find((m) => m.id === id)?.name ?? "");
    setBody(null);
    props.onPreview(id, lang);
  };

  if (macros.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No macros yet. Save replies you send often on the Macros page.
      </Text>
    );
  }
  return (
    <BlockStack gap="300">
      <InlineStack gap="300" blockAlign="end" wrap={false}>
        <div style={{ flexGrow: 1 }}>
          <Combobox activator={<Combobox.TextField label="Apply macro" value={query} onChange={setQuery} placeholder="Search macros" autoComplete="off" />}>
            {matches.length ? (
              <Listbox onSelect={(id) => choose(id)} accessibilityLabel="Macros">
                {matches.map((m) => (
                  <Listbox.Option key={m.id} value={m.id} selected={m.id === macroId} accessibilityLabel={m.name}>
                    {m.name}
                  </Listbox.Option>
                ))}
              </Listbox>
            ) : null}
          </Combobox>
        </div>
        <Select
          label="Customer's language"
          options={LANGUAGES}
          value={locale}
          onChange={(value) => {
            setLocale(value);
            if (macroId) choose(macroId, value);
          }}
        />
      </InlineStack>
      {chosen && (props.loadingPreview || preview) ? (
        <BlockStack gap="200">
          {preview?.missing.length ? (
            <Banner tone="warning" title="Some variables have no value on this ticket">
              <p>{`Replace ${preview.missing.map((v) => `{{${v}}}`).join(", ")} before sending.`}</p>
            </Banner>
          ) : null}
          <TextField label={`Preview: ${chosen.name}`} value={text} onChange={setBody} multiline={5} autoComplete="off" disabled={props.loadingPreview} error={props.error} />
          {preview && (preview.setStatus || preview.addTags.length) ? (
            <Text as="p" tone="subdued" variant="bodySm">
              {[preview.setStatus ? `Sets the status to ${preview.setStatus}` : null, preview.addTags.length ? `adds tags ${preview.addTags.join(", ")}` : null].filter(Boolean).join("; ")}
            </Text>
          ) : null}
          <InlineStack align="end" gap="200">
            <Button
              onClick={() => {
                setMacroId(null);
                setQuery("");
                setBody(null);
              }}
            >
              Cancel
            </Button>
            <Button variant="primary" loading={props.sending} disabled={props.loadingPreview || !text.trim()} onClick={() => macroId && props.onSend(macroId, text)}>
              Send reply
            </Button>
          </InlineStack>
        </BlockStack>
      ) : null}
    </BlockStack>
  );
}
