import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
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
  Page,
  Text,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { PriorityBadge, SlaBadge, TicketStatusBadge } from "~/components/Badges";
import { actorLabel, humanize, TICKET_CATEGORY_LABEL } from "~/components/format";
import { useShopTime } from "~/components/ShopTime";
import { useListParams } from "~/components/useListParams";
import { failure, parseAction, requireAdmin, searchObject, success, type ActionAnswer } from "~/dashboard/admin.server";
import { isAvailable, setAvailability } from "~/tickets/assignment.server";
import { shopTags } from "~/tickets/tags.server";
import { listStaff } from "~/staff/directory.server";
import { namesByUserId } from "~/staff/names";
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from "~/tickets/schemas";
import { inboxFiltersSchema, listInbox } from "~/tickets/queries.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = inboxFiltersSchema.safeParse(searchObject(request.url));
  const [inbox, staff, tags, available] = await Promise.all([
    listInbox(shop, parsed.success ? parsed.data : inboxFiltersSchema.parse({}), new Date(), actor),
    listStaff(shop),
    shopTags(shop),
    isAvailable(shop, actor),
  ]);
  return data(
    { ...inbox, staff, tags, available, me: actor, filterError: parsed.success ? null : (parsed.error.issues[0]?.message ?? "The filters are not valid.") },
    { status: parsed.success ? 200 : 422 },
  );
};

const inboxActionSchema = z.object({ intent: z.literal("set_availability"), available: z.enum(["true", "false"], { error: "Available is true or false." }) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = await parseAction(request, inboxActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    const available = parsed.data.available === "true";
    await setAvailability(shop, actor, available);
    return success(available ? "You are taking new tickets." : "You are no longer taking new tickets.");
  } catch (error) {
    return failure(error);
  }
};

/** Who a ticket is assigned to, in words: the directory's name, "Unassigned", or an older free-text label as it was typed. */
function assigneeLabel(assignee: string | null, names: Readonly<Record<string, string>>): string {
  return assignee === null ? "Unassigned" : actorLabel(assignee, names);
}

const TABS = ["open", "pending", "solved", "closed", "all"] as const;

export default function TicketsInbox() {
  const { rows, counts, nextCursor, filterError, staff, tags, available, me } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) shopify.toast.show(fetcher.data.message, { isError: !fetcher.data.ok });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [fetcher.data, fetcher.state]);
  const names = namesByUserId(staff);
  const { dateTime } = useShopTime();
  const { params, update, query, setQuery } = useListParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { mode, setMode } = useSetIndexFiltersMode();


  const status = params.get("status") ?? "open";
  const category = params.get("category");
  const priority = params.get("priority");
  const assignee = params.get("assignee");
  const tag = params.get("tag");
  const sla = params.get("sla");
  const assigneeChoices = [
    { label: "Assigned to me", value: "me" },
    { label: "Unassigned", value: "none" },
    ...staff.filter((s) => s.actor !== me).map((s) => ({ label: s.name, value: s.actor })),
  ];
  const filters: IndexFiltersProps["filters"] = [
    {
      key: "category",
      label: "Category",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Category"
          titleHidden
          choices={TICKET_CATEGORIES.map((c) => ({ label: TICKET_CATEGORY_LABEL[c] ?? c, value: c }))}
          selected={category ? [category] : []}
          onChange={([value]) => update({ category: value ?? null })}
        />
      ),
    },
    {
      key: "priority",
      label: "Priority",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Priority"
          titleHidden
          choices={TICKET_PRIORITIES.map((p) => ({ label: humanize(p), value: p }))}
          selected={priority ? [priority] : []}
          onChange={([value]) => update({ priority: value ?? null })}
        />
      ),
    },
    {
      key: "assignee",
      label: "Assignee",
      shortcut: true,
      filter: (
        <ChoiceList title="Assignee" titleHidden choices={assigneeChoices} selected={assignee ? [assignee] : []} onChange={([value]) => update({ assignee: value ?? null })} />
      ),
    },
    {
      key: "sla",
      label: "SLA",
      shortcut: true,
      filter: (
        <ChoiceList
          title="SLA"
          titleHidden
          choices={[
            { label: "Breaching soon (within the hour)", value: "soon" },
            { label: "Breached", value: "breached" },
          ]}
          selected={sla ? [sla] : []}
          onChange={([value]) => update({ sla: value ?? null })}
        />
      ),
    },
    {
      key: "tag",
      label: "Tag",
      filter: tags.length ? (
        <ChoiceList title="Tag" titleHidden choices={tags.map((t) => ({ label: t, value: t }))} selected={tag ? [tag] : []} onChange={([value]) => update({ tag: value ?? null })} />
      ) : (
        <Text as="p" tone="subdued">
          No ticket has a tag yet.
        </Text>
      ),
    },
  ];
  const applied: IndexFiltersProps["appliedFilters"] = [
    ...(sla ? [{ key: "sla", label: sla === "soon" ? "Breaching soon" : "SLA breached", onRemove: () => update({ sla: null }) }] : []),
    ...(tag ? [{ key: "tag", label: `Tag: ${tag}`, onRemove: () => update({ tag: null }) }] : []),
    ...(category ? [{ key: "category", label: `Category: ${TICKET_CATEGORY_LABEL[category] ?? category}`, onRemove: () => update({ category: null }) }] : []),
    ...(priority ? [{ key: "priority", label: `Priority: ${humanize(priority)}`, onRemove: () => update({ priority: null }) }] : []),
    ...(assignee
      ? [{ key: "assignee", label: `Assignee: ${assigneeChoices.find((c) => c.value === assignee)?.label ?? assigneeLabel(assignee, names)}`, onRemove: () => update({ assignee: null }) }]
      : []),
  ];
  const busy = navigation.state === "loading" && navigation.location.pathname === "/app/tickets";

  return (
    <Page
      title="Tickets"
      fullWidth
      primaryAction={{
        content: available ? "Stop taking tickets" : "Take new tickets",
        loading: fetcher.state !== "idle",
        onAction: () => fetcher.submit({ intent: "set_availability", available: String(!available) }, { method: "post" }),
        helpText: "Available agents get new tickets in turn.",
      }}
      secondaryActions={[
        { content: "Breaching soon", onAction: () => update({ sla: "soon" }) },
        { content: "Macros", url: "/app/macros" },
        { content: "SLA & hours", url: "/app/helpdesk" },
      ]}
      titleMetadata={available ? <Badge tone="success">You are available</Badge> : <Badge>Away</Badge>}
    >
      <TitleBar title="Tickets" />
      <BlockStack gap="400">
        {filterError ? (
          <Banner tone="warning" title="Showing open tickets instead">
            <p>{filterError}</p>
          </Banner>
        ) : null}
        <Card padding="0">
          <IndexFilters
            tabs={TABS.map((s) => ({ id: `tab-${s}`, content: s === "all" ? "All" : humanize(s), badge: String(counts[s]) }))}
            selected={Math.max(0, TABS.indexOf(status as (typeof TABS)[number]))}
            onSelect={(index) => update({ status: TABS[index] === "open" ? null : (TABS[index] ?? null) })}
            queryValue={query}
            queryPlaceholder="Search subject, customer, order, #number or message text"
            onQueryChange={setQuery}
            onQueryClear={() => {
              setQuery("");
              update({ q: null });
            }}
            filters={filters}
            appliedFilters={applied}
            onClearAll={() => update({ category: null, priority: null, assignee: null, sla: null, tag: null })}
            mode={mode}
            setMode={setMode}
            loading={busy}
            canCreateNewView={false}
          />
          <IndexTable
            resourceName={{ singular: "ticket", plural: "tickets" }}
            itemCount={rows.length}
            selectable={false}
            loading={busy}
            emptyState={<EmptySearchResult title="No tickets here" description="Nothing is waiting in this view." withIllustration={false} />}
            headings={[{ title: "Ticket" }, { title: "Customer" }, { title: "Category" }, { title: "Priority" }, { title: "Status" }, { title: "Assignee" }, { title: "Opened" }]}
            pagination={{
              hasNext: nextCursor !== null,
              hasPrevious: params.has("cursor"),
              onNext: () => update({ cursor: nextCursor }),
              onPrevious: () => navigate(-1),
            }}
          >
            {rows.map((t, index) => (
              <IndexTable.Row id={t.id} key={t.id} position={index}>
                <IndexTable.Cell>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Link dataPrimaryLink url={`/app/tickets/${t.id}`} removeUnderline monochrome>
                      <Text as="span" fontWeight="semibold">{`#${t.number} ${t.subject}`}</Text>
                    </Link>
                    <SlaBadge sla={t.sla} />
                    {t.tags.map((x) => (
                      <Badge key={x}>{x}</Badge>
                    ))}
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{t.customerName ?? t.customerEmail ?? (t.orderName ? `Order ${t.orderName}` : "—")}</IndexTable.Cell>
                <IndexTable.Cell>{TICKET_CATEGORY_LABEL[t.category] ?? t.category}</IndexTable.Cell>
                <IndexTable.Cell>
                  <PriorityBadge priority={t.priority} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <TicketStatusBadge status={t.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>{assigneeLabel(t.assignee, names)}</IndexTable.Cell>
                <IndexTable.Cell>{dateTime(t.createdAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
