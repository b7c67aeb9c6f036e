import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, FormLayout, InlineStack, Layout, Modal, Page, ResourceItem, ResourceList, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { failure, parseAction, requireAdmin, success, type ActionAnswer } from "~/dashboard/admin.server";
import { MACRO_VARIABLES } from "~/tickets/macros";
import { createMacro, deleteMacro, listMacros, updateMacro } from "~/tickets/macros.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const macros = await listMacros(shop);
  return { macros: macros.map((m) => ({ ...m, updatedAt: m.updatedAt.toISOString() })) };
};

const fields = { name: z.string().max(200).default(""), body: z.string().max(25_000).default(""), setStatus: z.string().max(20).default(""), addTags: z.string().max(400).default("") };
const macroActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...fields }),
  z.object({ intent: z.literal("update"), macroId: z.string().min(1).max(100), ...fields }),
  z.object({ intent: z.literal("delete"), macroId: z.string().min(1).max(100) }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = await parseAction(request, macroActionSchema);
  if (!parsed.ok) return parsed.answer;
  try {
    const a = parsed.data;
    if (a.intent === "delete") {
      await deleteMacro(shop, a.macroId, actor);
      return success("Macro deleted.");
    }
    const input = { name: a.name, body: a.body, setStatus: a.setStatus, addTags: a.addTags };
    const saved = a.intent === "create" ? await createMacro(shop, input, actor) : await updateMacro(shop, a.macroId, input, actor);
    return success(`Macro “${saved.name}” saved.`);
  } catch (error) {
    return failure(error);
  }
};

type Draft = { macroId: string | null; name: string; body: string; setStatus: string; addTags: string };
const EMPTY: Draft = { macroId: null, name: "", body: "", setStatus: "", addTags: "" };
const STATUS_OPTIONS = [
  { label: "Leave the status", value: "" },
  { label: "Open", value: "open" },
  { label: "Pending (waiting on the customer)", value: "pending" },
  { label: "Solved", value: "solved" },
];

export default function Macros() {
  const { macros } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionAnswer>();
  const shopify = useAppBridge();
  const [draft, setDraft] = useState<Draft | null>(null);
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const saving = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    if (answer.ok) {
      shopify.toast.show(answer.message);
      setDraft(null);
    } else if (!answer.errors) shopify.toast.show(answer.message, { isError: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new answer only
  }, [answer, fetcher.state]);

  const set = (key: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  const save = () => {
    if (!draft) return;
    const { macroId, ...rest } = draft;
    fetcher.submit(macroId ? { intent: "update", macroId, ...rest } : { intent: "create", ...rest }, { method: "post", encType: "application/json" });
  };

  return (
    <Page title="Macros" backAction={{ content: "Tickets", url: "/app/tickets" }} primaryAction={{ content: "Create macro", onAction: () => setDraft(EMPTY) }}>
      <TitleBar title="Macros" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <ResourceList
              resourceName={{ singular: "macro", plural: "macros" }}
              items={macros}
              emptyState={
                <EmptyState heading="Save the replies you send often" action={{ content: "Create macro", onAction: () => setDraft(EMPTY) }} image="">
                  <p>A macro fills in the customer&apos;s name, order and refund, and can set the status and tags in the same click.</p>
                </EmptyState>
              }
              renderItem={(m) => (
                <ResourceItem
                  id={m.id}
                  onClick={() => setDraft({ macroId: m.id, name: m.name, body: m.body, setStatus: m.setStatus ?? "", addTags: m.addTags.join(" ") })}
                  accessibilityLabel={`Edit macro ${m.name}`}
                  shortcutActions={[{ content: "Delete", onAction: () => fetcher.submit({ intent: "delete", macroId: m.id }, { method: "post", encType: "application/json" }) }]}
                >
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" fontWeight="semibold">
                        {m.name}
                      </Text>
                      {m.setStatus ? <Badge tone="info">{`Sets ${m.setStatus}`}</Badge> : null}
                      {m.addTags.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </InlineStack>
                    <Text as="p" tone="subdued" truncate>
                      {m.body}
                    </Text>
                  </BlockStack>
                </ResourceItem>
              )}
            />
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                Variables
              </Text>
              {Object.entries(MACRO_VARIABLES).map(([name, help]) => (
                <Text as="p" key={name} variant="bodySm">
                  <code>{`{{${name}}}`}</code> {help}
                </Text>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <Modal
        open={draft !== null}
        onClose={() => setDraft(null)}
        title={draft?.macroId ? "Edit macro" : "Create macro"}
        primaryAction={{ content: "Save", onAction: save, loading: saving }}
        secondaryActions={[{ content: "Cancel", onAction: () => setDraft(null) }]}
      >
        <Modal.Section>
          {draft ? (
            <FormLayout>
              <TextField label="Name" value={draft.name} onChange={set("name")} autoComplete="off" error={errors?.name?.[0]} />
              <TextField label="Reply" value={draft.body} onChange={set("body")} multiline={6} autoComplete="off" error={errors?.body?.[0]} helpText="Use {{customer.first_name}}, {{order.name}} and the other variables listed beside." />
              <Select label="Then set the status" options={STATUS_OPTIONS} value={draft.setStatus} onChange={set("setStatus")} error={errors?.setStatus?.[0]} />
              <TextField label="And add tags" value={draft.addTags} onChange={set("addTags")} autoComplete="off" error={errors?.addTags?.[0]} helpText="Separated by spaces, e.g. refund vip" />
            </FormLayout>
          ) : null}
        </Modal.Section>
      </Modal>
    </Page>
  );
}
