import { Badge, BlockStack, Box, Card, Divider, InlineGrid, InlineStack, Link, List, Text, Thumbnail } from "@shopify/polaris";
import { TitledCard } from "~/components/TitledCard";
import { MovementStatusBadge, ReturnStatusBadge, TicketStatusBadge } from "~/components/Badges";
import {
  actionLabel,
  actorLabel,
  humanize,
  money,
  MOVEMENT_KIND_LABEL,
  RESOLUTION_LABEL,
} from "~/components/format";
import { useShopTime } from "~/components/ShopTime";
import { customerTimelineUrl } from "~/timeline/links";
import type { Money } from "~/lib/money";
import type { CustomerContext, ReturnDetail } from "~/returns/queries.server";

const PLACEHOLDER_IMAGE =
  "data:image/svg+xml," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="6" fill="#f1f1f1"/><path d="M11 27l6-7 5 5 3-3 4 5z" fill="#b5b5b5"/><circle cx="26" cy="14" r="3" fill="#b5b5b5"/></svg>');

/** The returned lines: what, how many (asked / received / restocked / refunded), why, with the shopper's note and photos. */
export function LinesCard({ detail, reasonLabels }: { detail: ReturnDetail; reasonLabels: Record<string, string> }) {
  return (
    <TitledCard title="Items" gap="400">
      {detail.lines.map((line, i) => (
        <BlockStack key={line.id} gap="300">
          {i > 0 ? <Divider /> : null}
          <InlineStack gap="400" blockAlign="start" wrap={false}>
            <Thumbnail source={line.imageUrl ?? PLACEHOLDER_IMAGE} alt={line.imageUrl ? line.title : ""} size="small" />
            {/* Takes the free width, so the amounts sit at the card's right edge. */}
            <div style={{ flex: 1, minWidth: 0 }}>
            <BlockStack gap="100">
              <Text as="p" fontWeight="semibold">
                {line.title}
              </Text>
              {line.variantTitle || line.sku ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {[line.variantTitle, line.sku ? `SKU ${line.sku}` : null].filter(Boolean).join(" · ")}
                </Text>
              ) : null}
              <InlineStack gap="200">
                <Badge>{reasonLabels[line.reasonCode] ?? humanize(line.reasonCode)}</Badge>
                {line.exchangeVariantTitle ? <Badge tone="info">{`Exchange for ${line.exchangeVariantTitle}`}</Badge> : null}
              </InlineStack>
              {line.note ? (
                <Text as="p" variant="bodyMd">
                  “{line.note}”
                </Text>
              ) : null}
              {line.photos.length ? (
                <InlineStack gap="200">
                  {line.photos.map((p, n) => (
                    <a key={p.url} href={p.url} target="_blank" rel="noreferrer">
                      <Thumbnail source={p.url} alt={`Photo ${n + 1} of ${line.title}`} size="small" />
                    </a>
                  ))}
                </InlineStack>
              ) : null}
            </BlockStack>
            </div>
            <Box minWidth="180px">
              <BlockStack gap="100" inlineAlign="end">
                <Text as="p" numeric>
                  {money(line.unitPrice)} × {line.quantityRequested}
                </Text>
                <Text as="p" tone="subdued" variant="bodySm" numeric>
                  received {line.quantityReceived} · restocked {line.quantityRestocked} · refunded {line.quantityRefunded}
                </Text>
              </BlockStack>
            </Box>
          </InlineStack>
        </BlockStack>
      ))}
      {detail.note ? (
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              Shopper’s note:{" "}
            </Text>
            {detail.note}
          </Text>
        </Box>
      ) : null}
    </TitledCard>
  );
}

/** The frozen quote and every ledger row, with its status, who moved it (staff by `staffNames`, user id → name) and, when it failed, why. */
export function MoneyCard({ detail, staffNames }: { detail: ReturnDetail; staffNames?: Record<string, string> }) {
  const { dateTime } = useShopTime();
  const q = detail.quote;
  const quoteRows: [string, Money][] = [
    ["Refund to original payment", q.refund],
    ["Store credit", q.storeCredit],
    ["Store-credit bonus", q.bonus],
    ["Fees", { ...q.fee, amountMinor: -q.fee.amountMinor }],
    ["Exchange difference", q.exchangeDifference],
  ];
  const shown = quoteRows.filter(([, v]) => v.amountMinor !== 0);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Money
          </Text>
          <Text as="span" tone="subdued">
            {RESOLUTION_LABEL[detail.resolution] ?? detail.resolution}
          </Text>
        </InlineStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Quote shown to the shopper
          </Text>
          {shown.length === 0 ? (
            <Text as="p" tone="subdued">
              Nothing to pay back (an exchange of equal value, or no quote yet).
            </Text>
          ) : (
            shown.map(([label, value]) => (
              <InlineStack key={label} align="space-between">
                <Text as="span">{label}</Text>
                <Text as="span" numeric>
                  {money(value)}
                </Text>
              </InlineStack>
            ))
          )}
        </BlockStack>
        <Divider />
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Money movements
          </Text>
          {detail.movements.length === 0 ? (
            <Text as="p" tone="subdued">
              No money has moved for this return yet.
            </Text>
          ) : (
            detail.movements.map((m) => (
              <BlockStack key={m.id} gap="100">
                <InlineStack align="space-between" blockAlign="center">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="medium">
                      {MOVEMENT_KIND_LABEL[m.kind] ?? humanize(m.kind)}
                    </Text>
                    <MovementStatusBadge status={m.status} />
                  </InlineStack>
                  <Text as="span" numeric fontWeight="medium">
                    {money(m.amount)}
                  </Text>
                </InlineStack>
                <Text as="p" tone="subdued" variant="bodySm">
                  {dateTime(m.createdAt)} · {actorLabel(m.actor, staffNames)}
                  {m.attempts > 1 ? ` · ${m.attempts} attempts` : ""}
                  {m.shopifyId ? ` · ${m.shopifyId.replace(/^gid:\/\/shopify\//, "")}` : ""}
                </Text>
                {m.note ? (
                  <Text as="p" variant="bodySm">
                    Note: {m.note}
                  </Text>
                ) : null}
                {m.error ? (
                  <Text as="p" tone="critical" variant="bodySm">
                    {m.error}
                  </Text>
                ) : null}
              </BlockStack>
            ))
          )}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

/** Every audit event of the return and its money, oldest first, in words; staff named by `staffNames` (user id → name). */
export function TimelineCard({ detail, staffNames }: { detail: ReturnDetail; staffNames?: Record<string, string> }) {
  const { dateTime } = useShopTime();
  return (
    <TitledCard title="Timeline">
      {detail.timeline.length === 0 ? (
        <Text as="p" tone="subdued">
          Nothing has happened to this return yet.
        </Text>
      ) : (
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {detail.timeline.map((event) => (
            <li key={event.id} style={{ borderLeft: "2px solid var(--p-color-border)", padding: "0 0 12px 12px", position: "relative" }}>
              <span aria-hidden style={{ position: "absolute", left: -5, top: 6, width: 8, height: 8, borderRadius: 4, background: "var(--p-color-icon-secondary)" }} />
              <Text as="p" fontWeight="medium">
                {actionLabel(event.action)}
                {typeof event.data?.reason === "string" ? ` — ${event.data.reason}` : ""}
              </Text>
              <Text as="p" tone="subdued" variant="bodySm">
                {dateTime(event.at)} · {actorLabel(event.actor, staffNames)}
              </Text>
            </li>
          ))}
        </ol>
      )}
    </TitledCard>
  );
}

/** The policy version that judged the return and each rule's verdict. */
export function PolicyCard({ detail }: { detail: ReturnDetail }) {
  const { date } = useShopTime();
  const p = detail.policy;
  return (
    <TitledCard title="Policy decision" gap="200">
      {p ? (
        <Text as="p" tone="subdued">
          Judged by policy version {p.version} (saved {date(p.createdAt)}): {p.returnWindowDays}-day window from {p.windowStartsFrom}
          {p.restockingFeeBps ? `, ${p.restockingFeeBps / 100} % restocking fee` : ""}
          {p.autoApprove ? ", auto-approve on" : ", every request reviewed"}.
        </Text>
      ) : (
        <Text as="p" tone="subdued">
          No policy version recorded (made in Shopify admin or before Aftercare).
        </Text>
      )}
      {detail.decision.length ? (
        <List type="bullet">
          {detail.decision.map((d) => (
            <List.Item key={`${d.rule}-${d.message}`}>
              <Text as="span" fontWeight="medium">
                {humanize(d.outcome)}:
              </Text>{" "}
              {d.message}
            </List.Item>
          ))}
        </List>
      ) : null}
      {detail.declineReason ? (
        <Text as="p">
          <Text as="span" fontWeight="semibold">
            Declined because:{" "}
          </Text>
          {detail.declineReason}
        </Text>
      ) : null}
    </TitledCard>
  );
}

/** Who the customer is: Shopify's view (orders, spend, store credit) and their history of returns here. */
export function CustomerCard({ detail, customer }: { detail: ReturnDetail; customer: CustomerContext }) {
  const { date } = useShopTime();
  const s = customer.shopify;
  const timeline = customerTimelineUrl(detail.customerId, detail.customerEmail);
  return (
    <TitledCard title="Customer">
      <BlockStack gap="100">
        <Text as="p" fontWeight="semibold">
          {s?.displayName ?? detail.customerName ?? "Guest"}
        </Text>
        {(s?.email ?? detail.customerEmail) ? (
          <Text as="p" tone="subdued">
            {s?.email ?? detail.customerEmail}
          </Text>
        ) : null}
        {timeline ? <Link url={timeline}>Customer timeline</Link> : null}
      </BlockStack>
      {customer.shopifyUnavailable ? (
        <Text as="p" tone="caution">
          Shopify did not answer; orders and store credit are not shown. Reload to try again.
        </Text>
      ) : null}
      {s ? (
        <InlineGrid columns={3} gap="200">
          <Stat label="Orders" value={String(s.numberOfOrders)} />
          <Stat label="Lifetime spend" value={money(s.amountSpent)} />
          <Stat label="Store credit" value={s.storeCredit.length ? s.storeCredit.map((b) => money(b)).join(", ") : "None"} />
        </InlineGrid>
      ) : null}
      {s?.recentOrders.length ? (
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Recent orders
          </Text>
          {s.recentOrders.map((o) => (
            <InlineStack key={o.id} align="space-between">
              <Text as="span">
                {o.name}
                {o.id === detail.orderId ? " (this return)" : ""}
              </Text>
              <Text as="span" tone="subdued" numeric>
                {date(o.createdAt)} · {money(o.total)}
              </Text>
            </InlineStack>
          ))}
        </BlockStack>
      ) : null}
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {customer.pastReturnCount === 0 ? "No other returns" : `Other returns (${customer.pastReturnCount})`}
        </Text>
        {customer.pastReturns.map((r) => (
          <InlineStack key={r.id} align="space-between" blockAlign="center">
            <Link url={`/app/returns/${r.id}`} removeUnderline>
              {r.orderName}
            </Link>
            <InlineStack gap="100" blockAlign="center">
              <Text as="span" tone="subdued" variant="bodySm">
                {RESOLUTION_LABEL[r.resolution] ?? r.resolution} · {money(r.amount)}
              </Text>
              <ReturnStatusBadge status={r.status} />
            </InlineStack>
          </InlineStack>
        ))}
      </BlockStack>
    </TitledCard>
  );
}

/** The return's tickets, newest first. */
export function TicketsCard({ detail }: { detail: ReturnDetail }) {
  return (
    <TitledCard title="Tickets" gap="200">
      {detail.tickets.length === 0 ? (
        <Text as="p" tone="subdued">
          No tickets for this return.
        </Text>
      ) : (
        detail.tickets.map((t) => (
          <InlineStack key={t.id} align="space-between" blockAlign="center" wrap={false}>
            <Link url={`/app/tickets/${t.id}`} removeUnderline>
              {`#${t.number} ${t.subject}`}
            </Link>
            <TicketStatusBadge status={t.status} />
          </InlineStack>
        ))
      )}
    </TitledCard>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="p" tone="subdued" variant="bodySm">
        {label}
      </Text>
      <Text as="p" fontWeight="semibold">
        {value}
      </Text>
    </BlockStack>
  );
}
