/** @jsxImportSource preact */
/**
 * customer-account.order-status.block.render: on the order status page, this order's
 * returns with their status (wherever they were started), then its
 * conversations with support (what the store wrote back about a return, an exception or a
 * question), with a reply box and, once solved, a rating; a question can be asked from here,
 * and "Start or follow a return" leads to the return page.
 */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PortalTicket, PortalTicketMessage, TicketResponse, TicketsResponse } from "../../returns-portal/src/types";
import { legacyId } from "./api";
import { createHost, dateTimeText, RETURN_PAGE, valueOf, valuesOf, type Host } from "./host";
import { ReturnsList, useOrderReturns } from "./OrderReturns";

/** Shopify's global for this target (what the CLI's generated shopify.d.ts declares). */
declare const shopify: Api;

export default async () => {
  render(<Conversations host={createHost(shopify)} orderId={shopify.order.value?.id ?? ""} />, document.body);
};

export function Conversations({ host, orderId }: { host: Host; orderId: string }) {
  const { t } = host;
  const [tickets, setTickets] = useState<PortalTicket[] | null>(null);
  const [error, setError] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const load = () => {
    setError("");
    host.client.get<TicketsResponse>(`/orders/${legacyId(orderId)}/tickets`).then(
      (r) => setTickets(r.tickets),
      (e: unknown) => setError(host.failure(e)),
    );
  };
  useEffect(load, [orderId]); // eslint-disable-line react-hooks/exhaustive-deps -- one load per order
  const replace = (c: PortalTicket) => setTickets((list) => (list ? [c, ...list.filter((x) => x.id !== c.id)] : [c]));
  const open = tickets?.find((c) => c.id === openId) ?? null;
  const returns = useOrderReturns(host, orderId);
  return (
    <s-section heading={t("block_heading")}>
      <s-stack gap="base">
        {returns.error ? (
          <s-stack gap="small-200">
            <s-banner tone="critical">{returns.error}</s-banner>
            <s-button onClick={returns.reload}>{t("retry")}</s-button>
          </s-stack>
        ) : null}
        {returns.returns?.length ? (
          <s-stack gap="small-200">
            <s-heading>{t("your_returns")}</s-heading>
            <ReturnsList host={host} returns={returns.returns} />
          </s-stack>
        ) : null}
        <s-button href={RETURN_PAGE}>{t("block_start")}</s-button>
        <s-heading>{t("talk_title")}</s-heading>
        {error ? (
          <s-stack gap="small-200">
            <s-banner tone="critical">{error}</s-banner>
            <s-button onClick={load}>{t("retry")}</s-button>
          </s-stack>
        ) : null}
        {!tickets && !error ? <s-spinner accessibilityLabel={t("loading")} /> : null}
        {open ? (
          <Conversation host={host} ticket={open} onChange={replace} onBack={() => setOpenId(null)} />
        ) : tickets ? (
          <s-stack gap="base">
            {tickets.length ? (
              <s-unordered-list>
                {tickets.map((c) => (
                  <s-list-item key={c.id}>
                    <s-stack direction="inline" gap="small-200" alignItems="center">
                      <s-text type="strong">{`${c.subject} · #${c.number}`}</s-text>
                      <s-badge tone={c.status === "open" || c.status === "pending" ? "auto" : "neutral"}>{t(`talk_status_${c.status}`)}</s-badge>
                      <s-text color="subdued">{dateTimeText(c.lastActivityAt, host.locale)}</s-text>
                      <s-button variant="secondary" accessibilityLabel={t("talk_open_label", { subject: c.subject })} onClick={() => setOpenId(c.id)}>
                        {t("talk_open")}
                      </s-button>
                    </s-stack>
                  </s-list-item>
                ))}
              </s-unordered-list>
            ) : (
              <s-paragraph color="subdued">{t("talk_none")}</s-paragraph>
            )}
            <Ask host={host} orderId={orderId} onAsked={(ticketId) => {
              load();
              setOpenId(ticketId);
            }} />
          </s-stack>
        ) : null}
      </s-stack>
    </s-section>
  );
}

function Ask({ host, orderId, onAsked }: { host: Host; orderId: string; onAsked: (ticketId: string) => void }) {
  const { t } = host;
  const [asking, setAsking] = useState(false);
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState("");
  const [sending, setSending] = useState(false);
  if (!asking) return <s-button variant="secondary" onClick={() => setAsking(true)}>{t("talk_ask")}</s-button>;
  const send = async () => {
    if (!subject.trim() || !message.trim()) return setProblem(t("talk_empty"));
    setSending(true);
    setProblem("");
    try {
      const res = await host.client.post<TicketResponse>("/tickets", { kind: "question", subject, message, orderId });
      onAsked(res.ticketId);
    } catch (e) {
      setProblem(host.failure(e));
    }
    setSending(false);
  };
  return (
    <s-stack gap="small-200">
      {problem ? <s-banner tone="critical">{problem}</s-banner> : null}
      <s-text-field label={t("talk_subject")} value={subject} maxLength={200} onInput={(e) => setSubject(valueOf(e))} />
      <s-text-area label={t("talk_message")} value={message} maxLength={5000} rows={4} onInput={(e) => setMessage(valueOf(e))} />
      <s-button variant="primary" loading={sending} disabled={sending} onClick={() => void send()}>
        {t("talk_send")}
      </s-button>
    </s-stack>
  );
}

function Conversation({ host, ticket: c, onChange, onBack }: { host: Host; ticket: PortalTicket; onChange: (c: PortalTicket) => void; onBack: () => void }) {
  const { t } = host;
  const [reply, setReply] = useState("");
  const [score, setScore] = useState(c.rating ? String(c.rating.score) : "");
  const [comment, setComment] = useState(c.rating?.comment ?? "");
  const [notice, setNotice] = useState<{ tone: "critical" | "success"; text: string } | null>(null);
  const [sending, setSending] = useState<"reply" | "rating" | null>(null);
  const author = (m: PortalTicketMessage) => (m.author === "customer" ? t("talk_you") : m.author === "agent" ? m.authorName || t("talk_support") : "");
  const post = async (kind: "reply" | "rating", path: string, body: unknown, done: string) => {
    setSending(kind);
    setNotice(null);
    try {
      onChange(await host.client.post<PortalTicket>(`/tickets/${encodeURIComponent(c.id)}/${path}`, body));
      if (kind === "reply") setReply("");
      setNotice({ tone: "success", text: t(done) });
    } catch (e) {
      setNotice({ tone: "critical", text: host.failure(e) });
    }
    setSending(null);
  };
  const sendReply = () => (reply.trim() ? void post("reply", "messages", { message: reply }, "reply_sent") : setNotice({ tone: "critical", text: t("reply_empty") }));
  const sendRating = () => (score ? void post("rating", "rating", { score: Number(score), comment }, "rate_thanks") : setNotice({ tone: "critical", text: t("rate_missing") }));
  return (
    <s-stack gap="base">
      <s-stack gap="small-200">
        <s-text type="strong">{c.subject}</s-text>
        <s-text color="subdued">{`#${c.number} · ${t(`talk_status_${c.status}`)}`}</s-text>
      </s-stack>
      <s-ordered-list>
        {c.messages.map((m) => (
          <s-list-item key={m.id}>
            <s-stack gap="small-300">
              <s-text color="subdued">
                {author(m) ? `${author(m)} · ` : ""}
                <s-time dateTime={m.createdAt}>{dateTimeText(m.createdAt, host.locale)}</s-time>
              </s-text>
              <s-paragraph>{m.body}</s-paragraph>
            </s-stack>
          </s-list-item>
        ))}
      </s-ordered-list>
      {notice ? <s-banner tone={notice.tone}>{notice.text}</s-banner> : null}
      {c.canRate ? (
        <s-stack gap="small-200">
          <s-choice-list label={t("rate_legend")} name="score" values={score ? [score] : []} onChange={(e) => setScore(valuesOf(e)[0] ?? "")}>
            {[1, 2, 3, 4, 5].map((n) => (
              <s-choice key={n} value={String(n)}>{`${n} · ${t(`rate_${n}`)}`}</s-choice>
            ))}
          </s-choice-list>
          {c.rating ? <s-text color="subdued">{t("rate_current", { score: c.rating.score })}</s-text> : null}
          <s-text-area label={t("rate_comment")} value={comment} maxLength={1000} rows={2} onInput={(e) => setComment(valueOf(e))} />
          <s-button variant="primary" loading={sending === "rating"} disabled={!!sending} onClick={sendRating}>
            {t("rate_send")}
          </s-button>
        </s-stack>
      ) : null}
      {c.canReply ? (
        <s-stack gap="small-200">
          {c.status === "solved" ? <s-text color="subdued">{t("reply_reopens")}</s-text> : null}
          <s-text-area label={t("reply_label")} value={reply} maxLength={5000} rows={4} onInput={(e) => setReply(valueOf(e))} />
          <s-button variant="primary" loading={sending === "reply"} disabled={!!sending} onClick={sendReply}>
            {t("reply_send")}
          </s-button>
        </s-stack>
      ) : (
        <s-paragraph>{t("talk_closed")}</s-paragraph>
      )}
      <s-button variant="secondary" onClick={onBack}>
        {t("back")}
      </s-button>
    </s-stack>
  );
}
