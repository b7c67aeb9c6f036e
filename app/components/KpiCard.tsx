import { useId, useState } from "react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { Delta } from "~/metrics/calculate";

export type KpiProps = {
  title: string;
  value: string;
  /** change vs the previous period; null hides the badge */
  delta?: Delta | null;
  /** whether a rise is good news (returns: no; revenue kept: yes) */
  higherIsBetter?: boolean;
  /** how the change reads: "+12 %" (relative) or "+3.2 pts" (for rates) */
  deltaFormat?: "relative" | "points" | "hours";
  help?: string;
  /** how the figure is measured, shown behind a "How is this measured?" disclosure */
  definition?: string;
};

/** One figure with its change vs the previous period, green when the change is good news. */
export function KpiCard({ title, value, delta, higherIsBetter = true, deltaFormat = "relative", help, definition }: KpiProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="bodyMd" tone="subdued">
          {title}
        </Text>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Text as="p" variant="headingLg">
            {value}
          </Text>
          {delta ? <DeltaBadge delta={delta} higherIsBetter={higherIsBetter} format={deltaFormat} /> : null}
        </InlineStack>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
        {definition ? <Definition text={definition} /> : null}
      </BlockStack>
    </Card>
  );
}

/**
 * A figure's definition one click (or Enter/Space) away: a plain button that says whether it
 * is expanded and which region it controls, so a screen reader announces both.
 */
export function Definition({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <BlockStack gap="100">
      <InlineStack>
        <Button variant="plain" disclosure={open ? "up" : "down"} ariaExpanded={open} ariaControls={id} onClick={() => setOpen((v) => !v)}>
          How is this measured?
        </Button>
      </InlineStack>
      <div id={id} hidden={!open}>
        <Box paddingBlockStart="100">
          <Text as="p" variant="bodySm">
            {text}
          </Text>
        </Box>
      </div>
    </BlockStack>
  );
}

function DeltaBadge({ delta, higherIsBetter, format }: { delta: Delta; higherIsBetter: boolean; format: "relative" | "points" | "hours" }) {
  const text = deltaText(delta, format);
  if (text === null) return null;
  const up = delta.absolute > 0;
  const flat = delta.absolute === 0;
  const good = flat ? undefined : up === higherIsBetter;
  return (
    <Badge tone={good === undefined ? undefined : good ? "success" : "critical"}>
      {`${text} vs previous`}
    </Badge>
  );
}

/** "+12 %", "−3.5 pts", "+2.0 h"; null when there is nothing to compare with. */
export function deltaText(delta: Delta, format: "relative" | "points" | "hours"): string | null {
  const sign = (v: number) => (v > 0 ? "+" : v < 0 ? "−" : "±");
  if (format === "points") return `${sign(delta.absolute)}${Math.abs(delta.absolute * 100).toFixed(1)} pts`;
  if (format === "hours") return `${sign(delta.absolute)}${Math.abs(delta.absolute).toFixed(1)} h`;
  if (delta.relative === null) return delta.absolute === 0 ? "±0 %" : "new";
  return `${sign(delta.relative)}${Math.abs(Math.round(delta.relative * 100))} %`;
}
