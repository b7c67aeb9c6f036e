import { CHART_COLORS } from "~/components/charts/parts";
import { BlockStack, InlineStack, Text } from "@shopify/polaris";

const COLORS = CHART_COLORS.series;

export type MixPart = { key: string; label: string; value: number; display?: string };

/** A stacked bar with a legend: how a whole splits (resolution mix, money mix). Static SVG-free markup, fixed height. */
export function MixBar({ parts, label }: { parts: MixPart[]; label: string }) {
  const total = parts.reduce((n, p) => n + Math.max(0, p.value), 0);
  return (
    <BlockStack gap="200">
      <div role="img" aria-label={`${label}: ${parts.map((p) => `${p.label} ${p.display ?? p.value}`).join(", ")}`} style={{ display: "flex", height: 12, borderRadius: 6, overflow: "hidden", background: CHART_COLORS.track }}>
        {total > 0
          ? parts.map((p, i) => (p.value > 0 ? <div key={p.key} style={{ width: `${(p.value / total) * 100}%`, background: COLORS[i % COLORS.length] }} /> : null))
          : null}
      </div>
      <BlockStack gap="100">
        {parts.map((p, i) => (
          <InlineStack key={p.key} align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: COLORS[i % COLORS.length], display: "inline-block" }} />
              <Text as="span" variant="bodyMd">
                {p.label}
              </Text>
            </InlineStack>
            <Text as="span" variant="bodyMd" fontWeight="medium">
              {p.display ?? p.value}
              {total > 0 ? ` · ${Math.round((Math.max(0, p.value) / total) * 100)} %` : ""}
            </Text>
          </InlineStack>
        ))}
      </BlockStack>
    </BlockStack>
  );
}
