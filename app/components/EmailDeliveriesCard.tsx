import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import { TitledCard } from "~/components/TitledCard";
import { useShopTime } from "~/components/ShopTime";

const EVENT_LABEL: Record<string, string> = {
  "ticket.reply": "Reply",
  "ticket.solved": "Solved, with rating links",
  "ticket.waiting": "Reminder: waiting on the customer",
  "return.approved": "Return approved",
  "return.received": "Return received",
};

/** What support email went to the customer about this ticket, and any that could not be sent. */
export function EmailDeliveriesCard({ emails }: { emails: { id: string; event: string; status: string; attempts: number; at: string | Date }[] }) {
  const { dateTime } = useShopTime();
  if (emails.length === 0) return null;
  return (
    <TitledCard title="Email to the customer" gap="200">
      <BlockStack gap="100">
        {emails.map((e) => (
          <InlineStack key={e.id} align="space-between" wrap={false} gap="200">
            <Text as="span">{EVENT_LABEL[e.event] ?? e.event}</Text>
            <InlineStack gap="100" wrap={false}>
              <Text as="span" tone="subdued" variant="bodySm">
                {dateTime(new Date(e.at).toISOString())}
              </Text>
              {e.status === "sent" ? <Badge tone="success">sent</Badge> : <Badge tone="critical">{`failed after ${e.attempts}`}</Badge>}
            </InlineStack>
          </InlineStack>
        ))}
      </BlockStack>
    </TitledCard>
  );
}
