import { BlockStack, Card, Text, type BlockStackProps } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A Polaris card with its heading (an h2, as every admin card here has one) above its content. */
export function TitledCard({ title, gap = "300", children }: { title: ReactNode; gap?: BlockStackProps["gap"]; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap={gap}>
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}
