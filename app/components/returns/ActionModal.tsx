import { BlockStack, Checkbox, InlineStack, Modal, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { money } from "~/components/format";
import { toDecimalString } from "~/lib/money";
import { INTENT_LABEL, type PageIntent } from "~/components/returns/available-actions";
import type { ReturnDetail } from "~/returns/queries.server";

export type ActionPayload = Record<string, unknown> & { intent: PageIntent };

type Props = {
  intent: PageIntent | null;
  detail: ReturnDetail;
  submitting: boolean;
  errors: Record<string, string[]> | undefined;
  onClose: () => void;
  onSubmit: (payload: ActionPayload) => void;
};

const DESTRUCTIVE: PageIntent[] = ["decline", "cancel"];

/** One modal for every return action: confirms money moves in words, and asks for what an action needs (reason, quantities, note). */
export function ActionModal({ intent, detail, submitting, errors, onClose, onSubmit }: Props) {
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [amount, setAmount] = useState("");
  const [subject, setSubject] = useState("");
  const [priority, setPriority] = useState("normal");
  const [lines, setLines] = useState<Record<string, { quantity: string; restock: boolean }>>({});
  // One id per opening of the modal: a double submit of this form moves money once, a
  // second refund (the modal opened again) is a new action (see payGoodwillRefund).
  const [actionId, setActionId] = useState("");

  useEffect(() => {
    if (!intent) return;
    setActionId(crypto.randomUUID());
    setReason("");
    setNote("");
    setAmount(intent === "fee_override" ? toDecimalString(detail.quote.fee) : "");
    setSubject(`Return for ${detail.orderName}`);
    setPriority("normal");
    setLines(Object.fromEntries(detail.lines.map((l) => [l.id, { quantity: String(l.quantityRequested - l.quantityReceived), restock: true }])));
  }, [intent, detail]);

  if (!intent) return null;
  const err = (key: string) => errors?.[key]?.[0];
  const payload = (): ActionPayload => {
    switch (intent) {
      case "decline":
        return { intent, reason };
      case "cancel":
        return { intent, ...(reason ? { reason } : {}) };
      case "receive":
        return { intent, lines: detail.lines.map((l) => ({ lineId: l.id, quantity: lines[l.id]?.quantity ?? "0", restock: lines[l.id]?.restock ?? false })) };
      case "partial_refund":
        return { intent, amount, note, actionId };
      case "fee_override":
        return { intent, fee: amount, note };
      case "open_ticket":
        return { intent, subject, note, priority };
      default:
        return { intent };
    }
  };

  return (
    <Modal
      open
      onClose={onClose}
      title={`${INTENT_LABEL[intent]} — ${detail.orderName}`}
      primaryAction={{ content: INTENT_LABEL[intent], destructive: DESTRUCTIVE.includes(intent), loading: submitting, onAction: () => onSubmit(payload()) }}
      secondaryActions={[{ content: "Back", onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {err("form") ? (
            <Text as="p" tone="critical">
              {err("form")}
            </Text>
          ) : null}
          <Body intent={intent} detail={detail} />
          {intent === "decline" ? (
            <TextField label="Reason the shopper will read" value={reason} onChange={setReason} multiline={3} autoComplete="off" error={err("reason")} />
          ) : null}
          {intent === "cancel" ? (
            <TextField label="Reason (optional, kept in the timeline)" value={reason} onChange={setReason} autoComplete="off" error={err("reason")} />
          ) : null}
          {intent === "receive"
            ? detail.lines.map((l, i) => (
                <InlineStack key={l.id} gap="300" blockAlign="end" wrap={false}>
                  <div style={{ flex: 1 }}>
                    <TextField
                      label={`${l.title}${l.variantTitle ? ` (${l.variantTitle})` : ""} — of ${l.quantityRequested}`}
                      type="number"
                      min={0}
                      max={l.quantityRequested}
                      value={lines[l.id]?.quantity ?? "0"}
                      onChange={(value) => setLines((prev) => ({ ...prev, [l.id]: { quantity: value, restock: prev[l.id]?.restock ?? true } }))}
                      autoComplete="off"
                      error={err(`lines.${i}.quantity`)}
                    />
                  </div>
                  <Checkbox
                    label="Restock"
                    checked={lines[l.id]?.restock ?? false}
                    onChange={(checked) => setLines((prev) => ({ ...prev, [l.id]: { quantity: prev[l.id]?.quantity ?? "0", restock: checked } }))}
                  />
                </InlineStack>
              ))
            : null}
          {intent === "receive" && err("lines") ? (
            <Text as="p" tone="critical">
              {err("lines")}
            </Text>
          ) : null}
          {intent === "partial_refund" || intent === "fee_override" ? (
            <>
              <TextField
                label={intent === "fee_override" ? `Fee (${detail.currencyCode})` : `Amount to refund (${detail.currencyCode})`}
                value={amount}
                onChange={setAmount}
                inputMode="decimal"
                autoComplete="off"
                error={err(intent === "fee_override" ? "fee" : "amount")}
              />
              <TextField label="Note (required, kept with the money movement)" value={note} onChange={setNote} multiline={2} autoComplete="off" error={err("note")} />
            </>
          ) : null}
          {intent === "open_ticket" ? (
            <>
              <TextField label="Subject" value={subject} onChange={setSubject} autoComplete="off" error={err("subject")} />
              <Select
                label="Priority"
                options={["low", "normal", "high", "urgent"].map((p) => ({ label: p.charAt(0).toUpperCase() + p.slice(1), value: p }))}
                value={priority}
                onChange={setPriority}
              />
              <TextField label="Internal note (agents only)" value={note} onChange={setNote} multiline={3} autoComplete="off" error={err("note")} />
            </>
          ) : null}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

function Body({ intent, detail }: { intent: PageIntent; detail: ReturnDetail }) {
  const q = detail.quote;
  const text: Partial<Record<PageIntent, string>> = {
    approve: "The shopper is told the return is approved and how to send the items back.",
    refund: `Refund ${money(q.refund)} to the original payment method. This cannot be undone.`,
    store_credit: `Issue ${money({ ...q.storeCredit, amountMinor: q.storeCredit.amountMinor + q.bonus.amountMinor })} store credit (${money(q.bonus)} bonus included) to the customer's account.`,
    exchange: "Create the exchange order in Shopify from the return's exchange items.",
    close: "Close the return: nothing more can happen to it.",
    receive: "Enter what arrived. Restocked items go back into inventory.",
    cancel: "Cancel the return. The shopper is told it was canceled.",
  };
  const words = text[intent];
  return words ? <Text as="p">{words}</Text> : null;
}
