/** @jsxImportSource preact */
/**
 * customer-account.order.page.render: the return itself, on a page of its own tied to the order
 * (the action modal is single-step; this is four). The storefront portal's steps and state
 * machine (returns-portal/src/flow.ts), its copy (the same sentences in the extension's locales)
 * and its money formatting; only the find step is gone: the order is the page's
 * (`shopify.order`) and the customer is signed in.
 */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order.page.render";
import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { initialState, PROGRESS, transition, type DraftLine, type FlowEvent, type FlowState } from "../../returns-portal/src/flow";
import { formatMoney, formatPercent } from "../../returns-portal/src/money";
import { checkPhoto, PHOTO_TYPES } from "../../returns-portal/src/photo";
import type { CreateReturnResponse, EligibilityLine, EligibilityResponse, OrderReturn, PhotoResponse, PortalMoney, PortalResolution, QuoteResponse, ReturnStatusResponse } from "../../returns-portal/src/types";
import { createSubmitter, legacyId } from "./api";
import { createHost, dateText, filesOf, lineTitle, valueOf, valuesOf, type Host } from "./host";
import { draftLines, type LineDraft } from "./draft";
import { ReturnsList, useOrderReturns } from "./OrderReturns";

/** Shopify's global for this target (what the CLI's generated shopify.d.ts declares). */
declare const shopify: Api;

export default async () => {
  const order = shopify.order.value;
  render(<ReturnPage host={createHost(shopify)} orderId={order?.id ?? ""} orderName={order?.name ?? ""} />, document.body);
};

export function ReturnPage({ host, orderId, orderName }: { host: Host; orderId: string; orderName: string }) {
  const { t } = host;
  const [state, setState] = useState<FlowState>(() => transition(initialState, { type: "order", orderId }));
  const [eligibility, setEligibility] = useState<EligibilityResponse | null>(null);
  const [error, setError] = useState("");
  const [created, setCreated] = useState<CreateReturnResponse | null>(null);
  // Asked of the app, not kept in the browser: a return started on the storefront or in Shopify is listed too.
  const mine = useOrderReturns(host, orderId);
  const submit = useMemo(() => createSubmitter((body) => host.client.post<CreateReturnResponse>("/returns", body)), [host]);

  const go = (event: FlowEvent) => {
    setError("");
    setState((s) => transition(s, event));
  };

  const loadEligibility = () => {
    setError("");
    host.client.get<EligibilityResponse>(`/orders/${legacyId(orderId)}/eligibility`).then(setEligibility, (e: unknown) => setError(host.failure(e)));
  };
  useEffect(loadEligibility, [host, orderId]);

  const step = state.step;
  const n = PROGRESS.indexOf(step);
  const heading = orderName ? `${t("page_heading")} · ${orderName}` : t("page_heading");
  const back = <s-button href={`shopify:customer-account/orders/${legacyId(orderId)}`}>{t("back_to_order")}</s-button>;

  let body;
  if (step === "status" && state.returnId) body = <ReturnStatus host={host} returnId={state.returnId} onBack={() => go({ type: "restart" })} />;
  else if (!eligibility) body = error ? <Failed host={host} message={error} retry={loadEligibility} /> : <s-spinner accessibilityLabel={t("loading")} />;
  else if (step === "items" || step === "find") body = <Items host={host} eligibility={eligibility} state={state} mine={mine.returns ?? []} go={go} />;
  else if (step === "resolution") body = <Resolution host={host} eligibility={eligibility} state={state} go={go} />;
  else if (step === "review") body = <Review host={host} eligibility={eligibility} state={state} go={go} submit={async (draft) => {
    const res = await submit(draft);
    mine.reload();
    setCreated(res);
    go({ type: "created", returnId: res.returnId });
  }} />;
  else if (step === "done" && created) body = <Done host={host} created={created} go={go} />;
  else body = null;

  return (
    <s-page heading={heading}>
      <s-stack gap="base">
        {n > 0 ? <s-text color="subdued">{t("progress", { step: n, total: PROGRESS.length - 1 })}</s-text> : null}
        {error && eligibility ? <s-banner tone="critical">{error}</s-banner> : null}
        {body}
        {step === "items" || step === "done" ? back : null}
      </s-stack>
    </s-page>
  );
}

function Failed({ host, message, retry }: { host: Host; message: string; retry: () => void }) {
  return (
    <s-stack gap="base">
      <s-banner tone="critical">{message}</s-banner>
      <s-button onClick={retry}>{host.t("retry")}</s-button>
    </s-stack>
  );
}

interface StepProps {
  host: Host;
  eligibility: EligibilityResponse;
  state: FlowState;
  go: (event: FlowEvent) => void;
}

/** A reason's label: the merchant's in English, the extension's own words for Aftercare's standard codes in another language. */
function reasonLabel(host: Host, reason: { code: string; label: string }): string {
  if (/^en\b/i.test(host.locale)) return reason.label;
  const key = `reason_${reason.code}`;
  const own = host.t(key);
  return own === key || !own ? reason.label : own;
}

function whyNot(host: Host, line: EligibilityLine): string {
  if (line.message) return line.message;
  if (line.reason === "outside_window" && line.windowEndsOn) return host.t("why_outside_window_on", { date: dateText(line.windowEndsOn, host.locale, "long") });
  return line.reason ? host.t(`why_${line.reason}`) : "";
}

// ── 1. items ─────────────────────────────────────────────────────────────────────
function Items({ host, eligibility, state, go, mine }: StepProps & { mine: OrderReturn[] }) {
  const { t } = host;
  const open = eligibility.lines.filter((l) => l.eligible && l.returnableQuantity > 0);
  const closed = eligibility.lines.filter((l) => !open.includes(l));
  const reasons = eligibility.reasons;
  const needsPhoto = (code: string) => !!reasons.find((r) => r.code === code)?.requiresPhoto;
  const [drafts, setDrafts] = useState<Record<string, LineDraft>>(() =>
    Object.fromEntries(state.lines.map((l) => [l.lineItemId, { quantity: l.quantity, reasonCode: l.reasonCode, note: l.note ?? "", ...(l.photoIds ? { photoIds: l.photoIds } : {}) }])),
  );
  const [problem, setProblem] = useState<{ lineItemId: string | null; key: string } | null>(null);
  const edit = (id: string, change: (d: LineDraft) => Partial<LineDraft>) =>
    setDrafts((all) => {
      const d = { quantity: 0, reasonCode: "", note: "", ...all[id] };
      return { ...all, [id]: { ...d, ...change(d) } };
    });
  const next = () => {
    const result = draftLines(
      open.map((l) => l.id),
      drafts,
      needsPhoto,
    );
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    go({ type: "items", lines: result.lines });
  };
  const itemName = (id: string | null) => open.find((l) => l.id === id)?.title ?? "";
  return (
    <s-stack gap="base">
      <s-heading>{t("items_title")}</s-heading>
      {mine.length ? <MyReturns host={host} mine={mine} go={go} /> : null}
      {problem ? <s-banner tone="critical">{t(problem.key, { item: itemName(problem.lineItemId) })}</s-banner> : null}
      {open.length ? null : <s-paragraph>{t("items_none")}</s-paragraph>}
      {open.map((line) => {
        const d = drafts[line.id];
        const wrong = problem?.lineItemId === line.id;
        return (
          <s-section key={line.id} heading={lineTitle(line)}>
            <s-stack gap="small-200">
              <s-text color="subdued">{t("unit_price", { price: formatMoney(line.unitPrice, host.locale) })}</s-text>
              <s-select label={t("quantity")} value={String(d?.quantity ?? 0)} onChange={(e) => edit(line.id, () => ({ quantity: Number(valueOf(e)) }))}>
                {Array.from({ length: line.returnableQuantity + 1 }, (_, q) => (
                  <s-option key={q} value={String(q)}>
                    {q ? String(q) : t("quantity_none")}
                  </s-option>
                ))}
              </s-select>
              <s-select label={t("reason")} value={d?.reasonCode ?? ""} error={wrong && problem?.key === "reason_missing" ? t("reason_missing", { item: line.title }) : undefined} onChange={(e) => edit(line.id, () => ({ reasonCode: valueOf(e) }))}>
                <s-option value="">{t("reason_choose")}</s-option>
                {reasons.map((r) => (
                  <s-option key={r.code} value={r.code}>
                    {reasonLabel(host, r)}
                  </s-option>
                ))}
              </s-select>
              <s-text-area label={t("note")} value={d?.note ?? ""} maxLength={1000} rows={2} onInput={(e) => edit(line.id, () => ({ note: valueOf(e) }))} />
              {d && needsPhoto(d.reasonCode) ? (
                <Photos
                  host={host}
                  error={wrong && problem?.key === "photo_missing" ? t("photo_missing", { item: line.title }) : undefined}
                  added={(photoId) => edit(line.id, (x) => ({ photoIds: [...(x.photoIds ?? []), photoId] }))}
                />
              ) : null}
            </s-stack>
          </s-section>
        );
      })}
      {closed.length ? (
        <s-section heading={t("items_unavailable")}>
          <s-unordered-list>
            {closed.map((l) => (
              <s-list-item key={l.id}>
                {lineTitle(l)}: {whyNot(host, l)}
              </s-list-item>
            ))}
          </s-unordered-list>
        </s-section>
      ) : null}
      {eligibility.policyText.length || eligibility.windowEndsOn ? (
        <s-details>
          <s-summary>{t("policy")}</s-summary>
          <s-stack gap="small-200">
            {eligibility.windowEndsOn ? <s-paragraph>{t("window_ends", { date: dateText(eligibility.windowEndsOn, host.locale) })}</s-paragraph> : null}
            {eligibility.policyText.map((p, i) => (
              <s-paragraph key={i}>{p}</s-paragraph>
            ))}
          </s-stack>
        </s-details>
      ) : null}
      {open.length ? (
        <s-button variant="primary" onClick={next}>
          {t("continue")}
        </s-button>
      ) : null}
    </s-stack>
  );
}

/**
 * The photo a reason asks for: Polaris's drop zone (a file picker on every device), each file
 * checked as the storefront does, then sent to POST /customer-account/photos with the session
 * token; the id it answers goes on the line. One row per file says how it went.
 */
function Photos({ host, error, added }: { host: Host; error: string | undefined; added: (photoId: string) => void }) {
  const { t } = host;
  const [rows, setRows] = useState<Array<{ id: number; name: string; text: string }>>([]);
  // Row ids from a counter, not the list's length: a second choice can start before the first renders.
  const counter = useRef(0);
  const upload = async (files: File[]) => {
    const base = counter.current;
    counter.current += files.length;
    const say = (i: number, text: string) => setRows((r) => r.map((row) => (row.id === base + i ? { ...row, text } : row)));
    setRows((r) => [...r, ...files.map((f, i) => ({ id: base + i, name: f.name, text: t("photo_uploading") }))]);
    await Promise.all(
      files.map(async (file, i) => {
        const problem = checkPhoto(file);
        if (problem) return say(i, t(problem));
        const body = new FormData();
        body.append("file", file);
        try {
          added((await host.client.post<PhotoResponse>("/photos", body)).photoId);
          say(i, t("photo_done"));
        } catch (e) {
          say(i, host.failure(e));
        }
      }),
    );
  };
  return (
    <s-stack gap="small-200">
      <s-drop-zone label={t("photo_label")} accept={PHOTO_TYPES.join(",")} multiple error={error} onChange={(e) => void upload(filesOf(e))} />
      <s-text color="subdued">{t("photo_hint")}</s-text>
      {rows.length ? (
        <s-unordered-list>
          {rows.map((r) => (
            <s-list-item key={r.id}>{`${r.name}: ${r.text}`}</s-list-item>
          ))}
        </s-unordered-list>
      ) : null}
    </s-stack>
  );
}

function MyReturns({ host, mine, go }: { host: Host; mine: OrderReturn[]; go: (event: FlowEvent) => void }) {
  return (
    <s-section heading={host.t("your_returns")}>
      <ReturnsList host={host} returns={mine} onView={(returnId) => go({ type: "status", returnId })} />
    </s-section>
  );
}

const RESOLUTIONS: readonly PortalResolution[] = ["refund", "store_credit", "exchange"];
const asResolution = (value: string | undefined): PortalResolution | null => RESOLUTIONS.find((r) => r === value) ?? null;

// ── 2. resolution ────────────────────────────────────────────────────────────────
function Resolution({ host, eligibility, state, go }: StepProps) {
  const { t } = host;
  const chosen = eligibility.lines.filter((l) => state.lines.some((d) => d.lineItemId === l.id));
  const canExchange = chosen.every((l) => l.exchangeOptions.length);
  const [resolution, setResolution] = useState<PortalResolution | null>(state.resolution);
  const [exchange, setExchange] = useState<Record<string, string>>(() =>
    Object.fromEntries(chosen.map((l) => [l.id, state.lines.find((d) => d.lineItemId === l.id)?.exchangeVariantId ?? l.exchangeOptions[0]?.variantId ?? ""])),
  );
  const [missing, setMissing] = useState(false);
  const offers = eligibility.resolutions;
  const next = () => {
    if (!resolution) return setMissing(true);
    go({ type: "resolution", resolution, exchange });
  };
  return (
    <s-stack gap="base">
      <s-heading>{t("resolution_title")}</s-heading>
      <s-choice-list
        label={t("resolution_legend")}
        name="resolution"
        values={resolution ? [resolution] : []}
        error={missing ? t("resolution_missing") : undefined}
        onChange={(e) => {
          setMissing(false);
          setResolution(asResolution(valuesOf(e)[0]));
        }}
      >
        {offers.map((o) => (
          <s-choice key={o.kind} value={o.kind} disabled={o.kind === "exchange" && !canExchange}>
            {t(`resolution_${o.kind}`)}
            {o.bonusBps ? ` ${t("bonus", { percent: formatPercent(o.bonusBps, host.locale) })}` : ""}
            {o.kind === "exchange" && !canExchange ? ` ${t("exchange_unavailable")}` : ""}
          </s-choice>
        ))}
      </s-choice-list>
      {resolution === "exchange"
        ? chosen.map((l) => (
            <s-select key={l.id} label={t("exchange_for", { item: lineTitle(l) })} value={exchange[l.id] ?? ""} onChange={(e) => setExchange((x) => ({ ...x, [l.id]: valueOf(e) }))}>
              {l.exchangeOptions.map((o) => (
                <s-option key={o.variantId} value={o.variantId}>
                  {`${o.title} · ${formatMoney(o.price, host.locale)}`}
                </s-option>
              ))}
            </s-select>
          ))
        : null}
      <s-stack direction="inline" gap="base">
        <s-button variant="secondary" onClick={() => go({ type: "back" })}>
          {t("back")}
        </s-button>
        <s-button variant="primary" onClick={next}>
          {t("continue")}
        </s-button>
      </s-stack>
    </s-stack>
  );
}

// ── 3. review with the exact quote ───────────────────────────────────────────────
function Review({ host, eligibility, state, go, submit }: StepProps & { submit: (draft: { orderId: string; resolution: PortalResolution; lines: DraftLine[] }) => Promise<void> }) {
  const { t } = host;
  const [quote, setQuote] = useState<QuoteResponse | null>(null);
  const [error, setError] = useState("");
  const [sending, setSending] = useState(false);
  const draft = { orderId: state.orderId ?? "", resolution: state.resolution ?? "refund", lines: state.lines };
  const load = () => {
    setError("");
    host.client.post<QuoteResponse>("/quote", draft).then(setQuote, (e: unknown) => setError(host.failure(e)));
  };
  useEffect(load, []); // eslint-disable-line react-hooks/exhaustive-deps -- the draft is fixed for this step
  const money = (m: PortalMoney) => formatMoney(m, host.locale);
  const titles = new Map(eligibility.lines.map((l) => [l.id, lineTitle(l)]));
  const row = (key: string, m: PortalMoney, strong = false) => (
    <s-stack key={key} direction="inline" gap="base" justifyContent="space-between">
      <s-text type={strong ? "strong" : "generic"}>{t(key)}</s-text>
      <s-text type={strong ? "strong" : "generic"}>{money(m)}</s-text>
    </s-stack>
  );
  const shown = (key: string, m: PortalMoney) => (m.amountMinor ? row(key, m) : null);
  const negate = (m: PortalMoney): PortalMoney => ({ ...m, amountMinor: -m.amountMinor });
  const send = async () => {
    setSending(true);
    setError("");
    try {
      await submit(draft);
    } catch (e) {
      setError(host.failure(e));
      setSending(false);
    }
  };
  return (
    <s-stack gap="base">
      <s-heading>{t("review_title")}</s-heading>
      {error ? <s-banner tone="critical">{error}</s-banner> : null}
      {!quote && !error ? <s-spinner accessibilityLabel={t("loading")} /> : null}
      {quote ? (
        <s-stack gap="small-200">
          <s-unordered-list>
            {quote.lines.map((l) => (
              <s-list-item key={l.lineItemId}>{`${titles.get(l.lineItemId) ?? ""} × ${l.quantity}`}</s-list-item>
            ))}
          </s-unordered-list>
          {row("sum_items", quote.itemsSubtotal)}
          {shown("sum_tax", quote.tax)}
          {shown("sum_restocking", negate(quote.restockingFee))}
          {shown("sum_shipping", negate(quote.returnShippingFee))}
          {shown("sum_bonus", quote.storeCreditBonus)}
          {shown("sum_exchange", quote.exchangeDifference)}
          {quote.resolution === "refund" ? row("sum_refund", quote.refundTotal, true) : null}
          {quote.resolution === "store_credit" ? row("sum_credit", quote.storeCreditTotal, true) : null}
          {quote.resolution === "exchange" ? row("sum_due", quote.amountDue, true) : null}
          {quote.explanation.length ? (
            <s-details>
              <s-summary>{t("review_how")}</s-summary>
              {quote.explanation.map((s, i) => (
                <s-paragraph key={i}>{s}</s-paragraph>
              ))}
            </s-details>
          ) : null}
        </s-stack>
      ) : null}
      <s-stack direction="inline" gap="base">
        <s-button variant="secondary" onClick={() => go({ type: "back" })}>
          {t("back")}
        </s-button>
        {quote ? (
          <s-button variant="primary" loading={sending} disabled={sending} onClick={() => void send()}>
            {t("submit")}
          </s-button>
        ) : error ? (
          <s-button onClick={load}>{t("retry")}</s-button>
        ) : null}
      </s-stack>
    </s-stack>
  );
}

// ── 4. confirmation ──────────────────────────────────────────────────────────────
function Done({ host, created, go }: { host: Host; created: CreateReturnResponse; go: (event: FlowEvent) => void }) {
  const { t } = host;
  return (
    <s-stack gap="base">
      <s-heading>{t("done_title")}</s-heading>
      <s-banner tone="success">{t(created.decision === "approved" ? "done_approved" : "done_review")}</s-banner>
      {created.nextSteps.length ? (
        <s-section heading={t("next_steps")}>
          <s-ordered-list>
            {created.nextSteps.map((s, i) => (
              <s-list-item key={i}>{s}</s-list-item>
            ))}
          </s-ordered-list>
        </s-section>
      ) : null}
      <s-button variant="primary" onClick={() => go({ type: "status", returnId: created.returnId })}>
        {t("track")}
      </s-button>
    </s-stack>
  );
}

// ── status of one return ─────────────────────────────────────────────────────────
export function ReturnStatus({ host, returnId, onBack }: { host: Host; returnId: string; onBack: () => void }) {
  const { t } = host;
  const [ret, setRet] = useState<ReturnStatusResponse | null>(null);
  const [error, setError] = useState("");
  const load = () => {
    setError("");
    host.client.get<ReturnStatusResponse>(`/returns/${encodeURIComponent(returnId)}`).then(setRet, (e: unknown) => setError(host.failure(e)));
  };
  useEffect(load, [returnId]); // eslint-disable-line react-hooks/exhaustive-deps -- one load per return
  return (
    <s-stack gap="base">
      <s-heading>{t("status_title")}</s-heading>
      {error ? <Failed host={host} message={error} retry={load} /> : null}
      {!ret && !error ? <s-spinner accessibilityLabel={t("loading")} /> : null}
      {ret ? (
        <s-stack gap="base">
          <s-stack direction="inline" gap="small-200" alignItems="center">
            <s-badge tone={ret.status === "canceled" ? "critical" : "auto"}>{ret.statusLabel}</s-badge>
            <s-text>{t("items_order", { order: ret.orderName })}</s-text>
          </s-stack>
          <s-unordered-list>
            {ret.lines.map((l, i) => (
              <s-list-item key={i}>{`${lineTitle(l)} × ${l.quantity}${l.exchangeVariantTitle ? ` → ${l.exchangeVariantTitle}` : ""}`}</s-list-item>
            ))}
          </s-unordered-list>
          {ret.declineReason ? <s-paragraph>{ret.declineReason}</s-paragraph> : null}
          {ret.instructions.length ? (
            <s-section heading={t("next_steps")}>
              <s-ordered-list>
                {ret.instructions.map((s, i) => (
                  <s-list-item key={i}>{s}</s-list-item>
                ))}
              </s-ordered-list>
            </s-section>
          ) : null}
          <s-section heading={t("timeline")}>
            <s-ordered-list>
              {ret.timeline.map((e, i) => (
                <s-list-item key={i}>
                  <s-time dateTime={e.at}>{dateText(e.at, host.locale)}</s-time> {e.label}
                </s-list-item>
              ))}
            </s-ordered-list>
          </s-section>
        </s-stack>
      ) : null}
      <s-button variant="secondary" onClick={onBack}>
        {t("back")}
      </s-button>
    </s-stack>
  );
}
