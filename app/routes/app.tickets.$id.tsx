import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, ButtonGroup, Card, InlineStack, Layout, Link, Page, Select, Tag, Text, TextField } from "@shopify/polaris";
import { data } from "@remix-run/node";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { TitledCard } from "~/components/TitledCard";
import { EmailDeliveriesCard } from "~/components/EmailDeliveriesCard";
import { listTicketEmails } from "~/email/deliveries.server";
import { PriorityBadge, ReturnStatusBadge, TicketStatusBadge } from "~/components/Badges";
import { actorLabel, humanize, TICKET_CATEGORY_LABEL } from "~/components/format";
import { useShopTime } from "~/components/ShopTime";
import { failure, parseAction, requireAdmin, rethrowAsResponse, success, type ActionAnswer } from "~/dashboard/admin.server";
import { messageInputSchema, TICKET_PRIORITIES, ticketStatusSchema, visibilitySchema } from "~/tickets/schemas";
import { getTicketDetail } from "~/tickets/queries.server";
import { ticketFieldsSchema } from "~/tickets/schemas";
import { listStaff } from "~/staff/directory.server";
import { updateTicketFields } from "~/tickets/tickets.server";
import { addMessage, transitionTicket } from "~/tickets/tickets.server";
import { MacroPicker, type MacroPreviewView } from "~/components/tickets/MacroPicker";
import { normalizeLocale } from "~/portal/messages";
import { applyMacro, listMacros, previewMacro } from "~/tickets/macros.server";
import { mergeTickets } from "~/tickets/merge.server";
import { addTag, removeTag, ticketTags } from "~/tickets/tags.server";
import { customerTimelineUrl } from "~/timeline/links";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const id = params.id ?? "";
  const [detail, staff, macros, tags, emails] = await Promise.all([
    getTicketDetail(shop, id).catch(rethrowAsResponse),
    listStaff(shop),
    listMacros(shop),
    ticketTags(shop, id),
    listTicketEmails(shop, id),
  ]);
  const t = detail.ticket;
  return { ...detail, staff, me: actor, macros: macros.map((m) => ({ id: m.id, name: m.name })), tags, emails, timelineUrl: customerTimelineUrl(t.customerId, t.customerEmail) };
};

/** The Assignee choices: nobody, the agent looking, the rest of the directory, and an older free-text label if the ticket has one. */
function assigneeOptions(staff: { actor: string; name: string }[], me: string, current: string | null): { label: string; value: string }[] {
  const mine = staff.find((s) => s.actor === me);
  const options = [
    { label: "Unassigned", value: "" },
    ...(mine ? [{ label: `${mine.name} (you)`, value: mine.actor }] : []),
    ...staff.filter((s) => s.actor !== me).map((s) => ({ label: s.name, value: s.actor })),
  ];
  if (current && !options.some((o) => o.value === current)) options.push({ label: actorLabel(current), value: current });
  return options;
}

const ticketActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), body: messageInputSchema.shape.body, visibility: visibilitySchema }),
  z.object({ intent: z.literal("set_status"), status: ticketStatusSchema }),
  ticketFieldsSchema.extend({ intent: z.literal("update_fields") }),
  z.object({ intent: z.literal("add_tag"), tag: z.string().max(100) }),
  z.object({ intent: z.literal("remove_tag"), tag: z.string().max(100) }),
  z.object({ intent: z.literal("preview_macro"), macroId: z.string().min(1).max(100), locale: z.string().max(20).default("en") }),
  z.object({ intent: z.literal("apply_macro"), macroId: z.string().min(1).max(100), body: z.string().max(20_000) }),
  z.object({ intent: z.literal("merge"), targetId: z.string({ error: "Pick the ticket to merge into." }).min(1, { error: "Pick the ticket to merge into." }).max(100) }),
]);

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor, actorName } = await requireAdmin(request);
  const parsed = await parseAction(request, ticketActionSchema);
  if (!parsed.ok) return parsed.answer;
  const id = params.id ?? "";
  try {
    const a = parsed.data;
    if (a.intent === "reply") {
      await addMessage(shop, id, { authorType: "agent", authorName: actorName, visibility: a.visibility, body: a.body }, actor);
      return success(a.visibility === "public" ? "Reply sent to the customer." : "Internal note added.");
    }
    if (a.intent === "set_status") {
      const ticket = await transitionTicket(shop, id, a.status, actor);
      return success(`Ticket #${ticket.number} is ${ticket.status}.`);
    }
    if (a.intent === "add_tag") {
      const added = await addTag(shop, id, a.tag, actor);
      return success(added.length ? `Tagged ${added.join(", ")}.` : "The ticket already has that tag.");
    }
    if (a.intent === "remove_tag") {
      await removeTag(shop, id, a.tag, actor);
      return success("Tag removed.");
    }
    if (a.intent === "preview_macro") {
      const preview = await previewMacro(shop, id, a.macroId, normalizeLocale(a.locale), actorName);
      return data({ ok: true as const, message: "Preview ready.", preview });
    }
    if (a.intent === "apply_macro") {
      const applied = await applyMacro(shop, id, { macroId: a.macroId, body: a.body }, actor, actorName);
      return success(`Reply sent; ticket #${applied.number} is ${applied.status}.`);
    }
    if (a.intent === "merge") {
      const merged = await mergeTickets(shop, id, a.targetId, actor);
      return success(`Ticket #${merged.source} merged into #${merged.target}.`);
    }
    await updateTicketFields(shop, id, { priority: a.priority, assignee: a.assignee }, actor);
    return success("Ticket updated.");
  } catch (error) {
    return failure(error);
  }
};

const NEXT_STATUS: Record<string, { label: string; to: string }[]> = {
  open: [{ label: "Mark pending", to: "pending" }, { label: "Resolve", to: "solved" }],
  pending: [{ label: "Reopen", to: "open" }, { label: "Resolve", to: "solved" }],
  solved: [{ label: "Reopen", to: "open" }, { label: "Close", to: "closed" }],
  closed: [],
};

export default function TicketPage() {
  const { ticket, linkedReturn, customerTickets, staff, me, macros, tags, emails, timelineUrl } = useLoaderData<typeof loader>();
  const macroFetcher = useFetcher<ActionAnswer | { ok: true; message: string; preview: MacroPreviewView }>();
  const [tagDraft, setTagDraft] = useState("");
  const [mergeTarget, setMergeTarget] = useState("");
  const mergeable = customerTickets.filter((t) => t.status !== "closed");
  const macroAnswer = macroFetcher.data;
  const macroPreview = macroAnswer && macroAnswer.ok && "preview" in macroAnswer ? macroAnswer.preview : null;
  const macroIntent = macroFetcher.formData?.get("intent") ?? (macroFetcher.json as { intent?: string } | undefined)?.intent;
  const { dateTime } = useShopTime();
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const [body, setBody] = useState("");
  const [priority, setPriority] = useState<string>(ticket.priority);
  const [assignee, setAssignee] = useState(ticket.assignee ?? "");
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const intent = fetcher.formData?.get("intent") ?? (fetcher.json as { intent?: string } | undefined)?.intent;

  useEffect(() => {
    setPriority(ticket.priority);
    setAssignee(ticket.assignee ?? "");
  }, [ticket.priority, ticket.assignee]);
  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    if (answer.ok) {
      shopify.toast.show(answer.message);
      setBody("");
    } else if (!answer.errors) shopify.toast.show(answer.message, { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  useEffect(() => {
    if (macroFetcher.state !== "idle" || !macroAnswer || "preview" in macroAnswer) return;
    shopify.toast.show(macroAnswer.message, { isError: !macroAnswer.ok });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [macroAnswer, macroFetcher.state]);

  const post = (payload: Record<string, string>) => fetcher.submit(payload, { method: "post", encType: "application/json" });
  const postMacro = (payload: Record<string, string>) => macroFetcher.submit(payload, { method: "post", encType: "application/json" });
  const closed = ticket.status === "closed";
  const [primary, secondary] = NEXT_STATUS[ticket.status] ?? [];

  return (
    <Page
      backAction={{ content: "Tickets", url: "/app/tickets" }}
      title={`#${ticket.number} ${ticket.subject}`}
      titleMetadata={
        <InlineStack gap="100">
          <TicketStatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
        </InlineStack>
      }
      subtitle={`${TICKET_CATEGORY_LABEL[ticket.category] ?? ticket.category} · opened ${dateTime(ticket.createdAt.toISOString())} via ${humanize(ticket.channel)}`}
      primaryAction={secondary ? { content: secondary.label, onAction: () => post({ intent: "set_status", status: secondary.to }) } : undefined}
      secondaryActions={primary ? [{ content: primary.label, onAction: () => post({ intent: "set_status", status: primary.to }) }] : []}
    >
      <TitleBar title={`Ticket #${ticket.number}`} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {answer && !answer.ok && !answer.errors ? (
              <Banner tone="critical" title="That did not work">
                <p>{answer.message}</p>
              </Banner>
            ) : null}
            <TitledCard title="Conversation" gap="400">
              {ticket.messages.length === 0 ? (
                <Text as="p" tone="subdued">
                  No messages yet.
                </Text>
              ) : (
                ticket.messages.map((m) => (
                  <Box
                    key={m.id}
                    padding="300"
                    borderRadius="200"
                    background={m.visibility === "internal" ? "bg-surface-caution" : m.authorType === "agent" ? "bg-surface-secondary" : "bg-surface"}
                    borderWidth="025"
                    borderColor="border"
                  >
                    <BlockStack gap="100">
                      <InlineStack align="space-between">
                        <Text as="span" fontWeight="semibold">
                          {m.authorName ?? (m.authorType === "customer" ? (ticket.customerName ?? "Customer") : m.authorType === "agent" ? "Agent" : "Aftercare")}
                          {m.visibility === "internal" ? " · internal note" : ""}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {dateTime(m.createdAt.toISOString())}
                        </Text>
                      </InlineStack>
                      <Text as="p">
                        <span style={{ whiteSpace: "pre-wrap" }}>{m.body}</span>
                      </Text>
                    </BlockStack>
                  </Box>
                ))
              )}
            </TitledCard>
            {closed ? (
              <Banner tone="info">
                <p>This ticket is closed. A new message from the customer starts a new ticket.</p>
              </Banner>
            ) : (
              <Card>
                <MacroPicker
                  macros={macros}
                  preview={macroPreview}
                  loadingPreview={macroFetcher.state !== "idle" && macroIntent === "preview_macro"}
                  sending={macroFetcher.state !== "idle" && macroIntent === "apply_macro"}
                  error={macroAnswer && !macroAnswer.ok ? (macroAnswer.errors?.body?.[0] ?? macroAnswer.message) : undefined}
                  onPreview={(macroId, locale) => postMacro({ intent: "preview_macro", macroId, locale })}
                  onSend={(macroId, text) => postMacro({ intent: "apply_macro", macroId, body: text })}
                />
              </Card>
            )}
            {closed ? null : (
              <Card>
                <BlockStack gap="300">
                  <TextField label="Message" value={body} onChange={setBody} multiline={4} autoComplete="off" error={errors?.body?.[0]} />
                  <InlineStack align="end">
                    <ButtonGroup>
                      <Button onClick={() => post({ intent: "reply", visibility: "internal", body })} loading={fetcher.state !== "idle" && intent === "reply"}>
                        Add internal note
                      </Button>
                      <Button variant="primary" onClick={() => post({ intent: "reply", visibility: "public", body })} loading={fetcher.state !== "idle" && intent === "reply"}>
                        Reply to customer
                      </Button>
                    </ButtonGroup>
                  </InlineStack>
                </BlockStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <TitledCard title="Details">
              <Select label="Priority" options={TICKET_PRIORITIES.map((p) => ({ label: humanize(p), value: p }))} value={priority} onChange={setPriority} disabled={closed} error={errors?.priority?.[0]} />
              <Select
                label="Assignee"
                options={assigneeOptions(staff, me, ticket.assignee)}
                value={assignee}
                onChange={setAssignee}
                disabled={closed}
                error={errors?.assignee?.[0]}
                helpText="Staff who have opened Aftercare in this shop."
              />
              <InlineStack align="end">
                <Button onClick={() => post({ intent: "update_fields", priority, assignee })} disabled={closed || (priority === ticket.priority && assignee === (ticket.assignee ?? ""))}>
                  Save details
                </Button>
              </InlineStack>
              {ticket.slaDueAt ? (
                <Text as="p" tone={ticket.firstResponseAt ? "subdued" : "caution"} variant="bodySm">
                  {ticket.firstResponseAt ? `First response ${dateTime(ticket.firstResponseAt.toISOString())}` : `First response due ${dateTime(ticket.slaDueAt.toISOString())}`}
                </Text>
              ) : null}
              {ticket.resolutionDueAt && !ticket.resolvedAt ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {`Resolution due ${dateTime(ticket.resolutionDueAt.toISOString())}`}
                </Text>
              ) : null}
              {ticket.slaPausedAt ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {`SLA paused since ${dateTime(ticket.slaPausedAt.toISOString())}: waiting on the customer.`}
                </Text>
              ) : null}
            </TitledCard>
            <TitledCard title="Tags" gap="200">
              {tags.length ? (
                <InlineStack gap="100">
                  {tags.map((t) => (
                    <Tag key={t} onRemove={() => post({ intent: "remove_tag", tag: t })} accessibilityLabel={`Remove tag ${t}`}>
                      {t}
                    </Tag>
                  ))}
                </InlineStack>
              ) : (
                <Text as="p" tone="subdued">
                  No tags.
                </Text>
              )}
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (!tagDraft.trim()) return;
                  post({ intent: "add_tag", tag: tagDraft });
                  setTagDraft("");
                }}
              >
                <TextField
                  label="Add tag"
                  labelHidden
                  placeholder="Add a tag and press Enter"
                  value={tagDraft}
                  onChange={setTagDraft}
                  autoComplete="off"
                  error={errors?.tag?.[0]}
                  connectedRight={<Button submit>Add</Button>}
                />
              </form>
              {ticket.csatScore !== null ? (
                <Text as="p" variant="bodySm">
                  {`Customer rating: ${ticket.csatScore} of 5${ticket.csatComment ? ` — “${ticket.csatComment}”` : ""}`}
                </Text>
              ) : null}
            </TitledCard>
            <TitledCard title="Linked to" gap="200">
              {timelineUrl ? <Link url={timelineUrl}>{ticket.customerName ?? ticket.customerEmail ?? "Customer"}</Link> : <Text as="p">{ticket.customerName ?? ticket.customerEmail ?? "No customer"}</Text>}
              {ticket.customerName && ticket.customerEmail ? (
                <Text as="p" tone="subdued">
                  {ticket.customerEmail}
                </Text>
              ) : null}
              {ticket.orderName ? <Text as="p">Order {ticket.orderName}</Text> : null}
              {linkedReturn ? (
                <InlineStack gap="200" blockAlign="center">
                  <Link url={`/app/returns/${linkedReturn.id}`}>{`Return for ${linkedReturn.orderName}`}</Link>
                  <ReturnStatusBadge status={linkedReturn.status} />
                </InlineStack>
              ) : null}
              {customerTickets.length ? (
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm">
                    Other tickets from this customer
                  </Text>
                  {customerTickets.map((t) => (
                    <InlineStack key={t.id} align="space-between" wrap={false}>
                      <Link url={`/app/tickets/${t.id}`} removeUnderline>{`#${t.number} ${t.subject}`}</Link>
                      <TicketStatusBadge status={t.status} />
                    </InlineStack>
                  ))}
                </BlockStack>
              ) : null}
              {timelineUrl ? <Link url={timelineUrl}>Customer timeline</Link> : null}
            </TitledCard>
            {!closed && mergeable.length ? (
              <TitledCard title="Merge" gap="200">
                <Select
                  label="Merge this ticket into"
                  options={[{ label: "Pick a ticket", value: "" }, ...mergeable.map((t) => ({ label: `#${t.number} ${t.subject}`, value: t.id }))]}
                  value={mergeTarget}
                  onChange={setMergeTarget}
                  error={errors?.targetId?.[0]}
                  helpText="Its messages move there; this ticket closes with a note."
                />
                <InlineStack align="end">
                  <Button tone="critical" disabled={!mergeTarget} onClick={() => post({ intent: "merge", targetId: mergeTarget })} loading={fetcher.state !== "idle" && intent === "merge"}>
                    Merge
                  </Button>
                </InlineStack>
              </TitledCard>
            ) : null}
            {ticket.mergedIntoId ? (
              <Banner tone="info">
                <Link url={`/app/tickets/${ticket.mergedIntoId}`}>This ticket was merged; open the ticket it was merged into.</Link>
              </Banner>
            ) : null}
            <EmailDeliveriesCard emails={emails} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page backAction={{ content: "Tickets", url: "/app/tickets" }} title={notFound ? "Ticket not found" : "Something went wrong"}>
      <Banner tone={notFound ? "warning" : "critical"}>
        <Text as="p">{notFound ? "This ticket does not exist in your store." : "The ticket could not be loaded. Reload the page to try again."}</Text>
      </Banner>
    </Page>
  );
}
