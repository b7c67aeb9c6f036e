import { useState } from "react";
import { Banner, BlockStack, Button, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { TitledCard } from "~/components/TitledCard";
import { localDate } from "~/lib/time-zone";

const KINDS = [
  { kind: "tickets", label: "Tickets" },
  { kind: "returns", label: "Returns" },
  { kind: "money", label: "Money movements" },
] as const;

/**
 * CSV exports for a range of the shop's days (both included). The download goes through
 * fetch, which App Bridge signs with the session token, and is saved under the filename
 * the server's Content-Disposition gives.
 */
export function ExportsCard({ timezone, from, to }: { timezone: string; from: string; to: string }) {
  const [fromDay, setFromDay] = useState(localDate(new Date(from), timezone));
  const [toDay, setToDay] = useState(localDate(new Date(to), timezone));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(kind: string) {
    setBusy(kind);
    setError(null);
    try {
      const response = await fetch(`/app/exports/${kind}?${new URLSearchParams({ from: fromDay, to: toDay })}`);
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        const message = typeof body === "object" && body && "error" in body && typeof body.error === "object" && body.error && "message" in body.error ? String(body.error.message) : `The export failed (${response.status}).`;
        setError(message);
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `${kind}.csv`;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      setBusy(null);
    }
  }

  return (
    <TitledCard title="Exports">
      <BlockStack gap="300">
        <Text as="p" tone="subdued">
          CSV files of everything created between these days ({timezone}), both included. Amounts are in major units with a currency code column.
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
          <TextField label="From" type="date" value={fromDay} onChange={setFromDay} autoComplete="off" />
          <TextField label="To" type="date" value={toDay} onChange={setToDay} autoComplete="off" />
        </InlineGrid>
        {error ? (
          <Banner tone="critical" onDismiss={() => setError(null)}>
            {error}
          </Banner>
        ) : null}
        <InlineStack gap="200">
          {KINDS.map((k) => (
            <Button key={k.kind} onClick={() => void download(k.kind)} loading={busy === k.kind} disabled={busy !== null && busy !== k.kind}>
              {`Export ${k.label.toLowerCase()}`}
            </Button>
          ))}
        </InlineStack>
      </BlockStack>
    </TitledCard>
  );
}
