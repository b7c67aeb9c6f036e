import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  ChoiceList,
  EmptySearchResult,
  IndexFilters,
  IndexTable,
  InlineStack,
  Link,
  Modal,
  Page,
  Text,
  TextField,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { ReturnStatusBadge } from "~/components/Badges";
import { humanize, money, RESOLUTION_LABEL, RETURN_STATUS_LABEL } from "~/components/format";
import { useShopTime } from "~/components/ShopTime";
import { useListParams } from "~/components/useListParams";
import { failure, parseAction, requireAdmin, searchObject } from "~/dashboard/admin.server";
import { bulkReturnActionSchema } from "~/returns/actions.schemas";
import { bulkApprove, bulkDecline, type BulkOutcome } from "~/returns/actions.server";
import { loadReturnsQueue, returnFiltersSchema } from "~/returns/queries.server";
import type { ReturnStatus } from "~/returns/status";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = returnFiltersSchema.safeParse(searchObject(request.url));
  const filters = parsed.success ? parsed.data : returnFiltersSchema.parse({});
  try {
    const queue = await loadReturnsQueue(shop, filters);
    return data({ ...queue, filterError: parsed.success ? null : (parsed.error.issues[0]?.message ?? "The filters are not valid.") }, { status: parsed.success ? 200 : 422 });
  } catch (error) {
    // A stale page link: answer the first page with the reason, not an error page.
    const answer = failure(error);
    const queue = await loadReturnsQueue(shop, { ...filters, cursor: undefined });
    return data({ ...queue, filterError: answer.data.message }, { status: answer.init?.status ?? 422 });
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, client, actor } = await requireAdmin(request);
  const parsed = await parseAction(request, bulkReturnActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    const outcomes =
      parsed.data.intent === "bulk_approve"
        ? await bulkApprove(shop, parsed.data.ids, actor, { client })
        : await bulkDecline(shop, parsed.data.ids, parsed.data.reason, actor, { client });
    return data({ ok: true as const, message: summarize(parsed.data.intent, outcomes), outcomes });
  } catch (error) {
    return failure(error);
  }
};

function summarize(intent: "bulk_approve" | "bulk_decline", outcomes: BulkOutcome[]): string {
  const done = outcomes.filter((o) => o.ok).length;
  const verb = intent === "bulk_approve" ? "Approved" : "Declined";
  const failed = outcomes.length - done;
  return `${verb} ${done} ${done === 1 ? "return" : "returns"}${failed ? `; ${failed} could not be changed` : ""}.`;
}

type Answer = { ok: boolean; message: string; errors?: Record<string, string[]>; outcomes?: BulkOutcome[] };

const TABS: (ReturnStatus | "all")[] = ["all", "needs_review", "requested", "approved", "received", "resolved", "declined", "canceled", "closed"];
const SORTS: IndexFiltersProps["sortOptions"] = [
  { label: "Created", value: "created asc", directionLabel: "Oldest first" },
  { label: "Created", value: "created desc", directionLabel: "Newest first" },
  { label: "Last updated", value: "updated asc", directionLabel: "Oldest first" },
  { label: "Last updated", value: "updated desc", directionLabel: "Newest first" },
];

export default function ReturnsQueue() {
  const { page, counts, reasons, filterError } = useLoaderData<typeof loader>();
  const { date } = useShopTime();
  const { params, update, query, setQuery } = useListParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<Answer>();
  const shopify = useAppBridge();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [confirm, setConfirm] = useState<null | "approve" | "decline">(null);
  const [declineReason, setDeclineReason] = useState("");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(page.rows);



  const answer = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    if (answer.ok) {
      shopify.toast.show(answer.message);
      setConfirm(null);
      setDeclineReason("");
      clearSelection();
    } else if (!answer.errors) {
      shopify.toast.show(answer.message, { isError: true });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const status = params.get("status") ?? "all";
  const selectedTab = Math.max(0, TABS.indexOf(status as ReturnStatus));
  const tabs = TABS.map((s) => ({
    id: `tab-${s}`,
    content: s === "all" ? "All" : RETURN_STATUS_LABEL[s],
    // No accessibilityLabel: the name must contain the visible "Approved 12" (axe label-content-name-mismatch).
    badge: String(counts[s]),
  }));
  const sort = params.get("sort") ?? "created_desc";
  const reason = params.get("reason");
  const resolution = params.get("resolution");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const needsAttention = params.get("needsAttention") === "1";

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "reason",
      label: "Reason",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Reason"
          titleHidden
          choices={reasons.map((r) => ({ label: r.label, value: r.code }))}
          selected={reason ? [reason] : []}
          onChange={([value]) => update({ reason: value ?? null })}
        />
      ),
    },
    {
      key: "resolution",
      label: "Resolution",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Resolution"
          titleHidden
          choices={Object.entries(RESOLUTION_LABEL).map(([value, label]) => ({ label, value }))}
          selected={resolution ? [resolution] : []}
          onChange={([value]) => update({ resolution: value ?? null })}
        />
      ),
    },
    {
      key: "date",
      label: "Date requested",
      filter: (
        <BlockStack gap="200">
          <TextField label="From" type="date" value={from} onChange={(value) => update({ from: value })} autoComplete="off" />
          <TextField label="To" type="date" value={to} onChange={(value) => update({ to: value })} autoComplete="off" />
        </BlockStack>
      ),
    },
    {
      key: "needsAttention",
      label: "Needs attention",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Needs attention"
          titleHidden
          choices={[{ label: "In review or a payment failed", value: "1" }]}
          selected={needsAttention ? ["1"] : []}
          onChange={([value]) => update({ needsAttention: value ?? null })}
        />
      ),
    },
  ];
  const applied: IndexFiltersProps["appliedFilters"] = [
    ...(reason ? [{ key: "reason", label: `Reason: ${reasons.find((r) => r.code === reason)?.label ?? humanize(reason)}`, onRemove: () => update({ reason: null }) }] : []),
    ...(resolution ? [{ key: "resolution", label: `Resolution: ${RESOLUTION_LABEL[resolution] ?? resolution}`, onRemove: () => update({ resolution: null }) }] : []),
    ...(from || to ? [{ key: "date", label: `Requested ${from || "…"} – ${to || "…"}`, onRemove: () => update({ from: null, to: null }) }] : []),
    ...(needsAttention ? [{ key: "needsAttention", label: "Needs attention", onRemove: () => update({ needsAttention: null }) }] : []),
  ];

  const selectedIds = allResourcesSelected ? page.rows.map((r) => r.id) : selectedResources;
  const submitBulk = () => {
    const form = new FormData();
    form.set("intent", confirm === "approve" ? "bulk_approve" : "bulk_decline");
    for (const id of selectedIds) form.append("ids", id);
    if (confirm === "decline") form.set("reason", declineReason);
    fetcher.submit(form, { method: "post" });
  };
  const failures = answer?.outcomes?.filter((o) => !o.ok) ?? [];
  const busy = navigation.state === "loading" && navigation.location.pathname === "/app/returns";

  return (
    <Page title="Returns" fullWidth>
      <TitleBar title="Returns" />
      <BlockStack gap="400">
        {filterError ? (
          <Banner tone="warning" title="Showing the first page without that filter">
            <p>{filterError}</p>
          </Banner>
        ) : null}
        {failures.length ? (
          <Banner tone="critical" title={`${failures.length} ${failures.length === 1 ? "return was" : "returns were"} not changed`}>
            <ul>
              {failures.map((f) => (
                <li key={f.id}>{f.message}</li>
              ))}
            </ul>
          </Banner>
        ) : null}
        <Card padding="0">
          <IndexFilters
            tabs={tabs}
            selected={selectedTab}
            onSelect={(index) => update({ status: TABS[index] === "all" ? null : (TABS[index] ?? null) })}
            queryValue={query}
            queryPlaceholder="Search by order, customer email or name"
            onQueryChange={setQuery}
            onQueryClear={() => {
              setQuery("");
              update({ q: null });
            }}
            sortOptions={SORTS}
            sortSelected={[sort.replace("_", " ")]}
            onSort={([value]) => update({ sort: value ? value.replace(" ", "_") : null })}
            filters={filters}
            appliedFilters={applied}
            onClearAll={() => update({ reason: null, resolution: null, from: null, to: null, needsAttention: null })}
            mode={mode}
            setMode={setMode}
            loading={busy}
            canCreateNewView={false}
          />
          <IndexTable
            resourceName={{ singular: "return", plural: "returns" }}
            itemCount={page.rows.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              { content: "Approve", onAction: () => setConfirm("approve") },
              { content: "Decline", onAction: () => setConfirm("decline") },
            ]}
            loading={busy}
            emptyState={<EmptySearchResult title="No returns found" description="Try another tab, filter or search." withIllustration={false} />}
            headings={[
              { title: "Order" },
              { title: "Requested" },
              { title: "Customer" },
              { title: "Status" },
              { title: "Resolution" },
              { title: "Reason" },
              { title: "Items", alignment: "end" },
              { title: "Amount", alignment: "end" },
            ]}
            pagination={{
              hasNext: page.nextCursor !== null,
              hasPrevious: page.previousCursor !== null,
              onNext: () => update({ cursor: page.nextCursor }),
              onPrevious: () => update({ cursor: page.previousCursor }),
            }}
          >
            {page.rows.map((row, index) => (
              <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)}>
                <IndexTable.Cell>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Link dataPrimaryLink url={`/app/returns/${row.id}`} removeUnderline monochrome>
                      <Text as="span" fontWeight="semibold">
                        {row.orderName}
                      </Text>
                    </Link>
                    {row.needsAttention ? <Badge tone="critical">Attention</Badge> : null}
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{date(row.createdAt)}</IndexTable.Cell>
                <IndexTable.Cell>{row.customerName ?? row.customerEmail ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <ReturnStatusBadge status={row.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>{RESOLUTION_LABEL[row.resolution] ?? row.resolution}</IndexTable.Cell>
                <IndexTable.Cell>{row.firstReason ? (reasons.find((r) => r.code === row.firstReason)?.label ?? humanize(row.firstReason)) : "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {row.itemCount}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {money(row.amount)}
                  </Text>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>

      <Modal
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === "approve" ? `Approve ${selectedIds.length} ${selectedIds.length === 1 ? "return" : "returns"}?` : `Decline ${selectedIds.length} ${selectedIds.length === 1 ? "return" : "returns"}?`}
        primaryAction={{
          content: confirm === "approve" ? "Approve" : "Decline",
          destructive: confirm === "decline",
          loading: fetcher.state !== "idle",
          onAction: submitBulk,
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirm(null) }]}
      >
        <Modal.Section>
          {confirm === "approve" ? (
            <Text as="p">Shoppers are told their return is approved and how to send the items back. Returns that can no longer be approved are left as they are.</Text>
          ) : (
            <TextField
              label="Reason the shoppers will read"
              value={declineReason}
              onChange={setDeclineReason}
              multiline={3}
              autoComplete="off"
              error={answer && !answer.ok ? answer.errors?.reason?.[0] : undefined}
              helpText="Sent to every selected shopper with the decision."
            />
          )}
        </Modal.Section>
      </Modal>
    </Page>
  );
}
