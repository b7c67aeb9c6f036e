/**
 * The portal UI, loaded by the block's small loader on first interaction (or at once when
 * the shopper is signed in or follows a return link). It takes over the server-rendered
 * shell: step 1 is already on the page, so nothing moves when this script arrives.
 */
import { ApiError, buildRequest, createSubmitter, legacyId, send, sessionStore } from "./api";
import { h, type Child } from "./dom";
import { initialState, PROGRESS, transition, type DraftLine, type FlowEvent, type FlowState } from "./flow";
import { translate, type Strings } from "./i18n";
import { formatMoney, formatPercent } from "./money";
import { checkPhoto, PHOTO_TYPES } from "./photo";
import type {
  CreateReturnResponse,
  EligibilityLine,
  EligibilityResponse,
  LookupResponse,
  OrdersResponse,
  OrderSummary,
  PhotoResponse,
  PortalMoney,
  PortalResolution,
  PortalTicket,
  PortalTicketMessage,
  QuoteResponse,
  ReturnStatusResponse,
  TicketResponse,
  TicketsResponse,
} from "./types";

const HASH = "#aftercare-return=";

/** Hydrates one portal block. `pending` is the submit the loader caught before this module arrived. */
export function mount(root: HTMLElement, pending?: Event): void {
  if (root.dataset.ready) return;
  root.dataset.ready = "1";
  const data = root.dataset;
  const locale = data.locale || document.documentElement.lang || "en";
  const strings = JSON.parse(root.querySelector("[data-strings]")?.textContent || "{}") as Strings;
  const t = (key: string, vars?: Record<string, string | number>) => translate(strings, key, vars);
  const money = (m: PortalMoney) => formatMoney(m, locale);
  const allowed = (data.resolutions || "").split(",");
  const session = sessionStore(window.sessionStorage);
  const signedIn = !!data.customer;
  const stepEl = root.querySelector<HTMLElement>("[data-step]")!;
  const progress = root.querySelector<HTMLElement>("[data-progress]")!;
  const alertEl = root.querySelector<HTMLElement>("[data-alert]")!;
  const findStep = stepEl.cloneNode(true) as HTMLElement;
  const uid = (name: string) => `${root.id}-${name}`;

  let state: FlowState = initialState;
  let eligibility: EligibilityResponse | null = null;
  let afterLookup: string | null = null;
  const photos: Record<string, string[]> = {};

  const api = <T>(path: string, body?: unknown) => {
    const token = session.get()?.token ?? null;
    const call = buildRequest(data.proxy || "/apps/aftercare", path, token, body, locale);
    // The header is the contract's; the app proxy is not documented to forward custom request
    // headers, so the token also rides in the signed query string (the contract's `token`).
    if (token) call.url += `${call.url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}`;
    return send<T>(call);
  };
  const submit = createSubmitter((body) => api<CreateReturnResponse>("/returns", body));

  const say = (message: string) => {
    alertEl.textContent = message;
  };
  const failure = (error: unknown): string => {
    const e = error instanceof ApiError ? error : new ApiError(0, "network", "");
    if (e.status === 0) return t("error_offline");
    if (e.status === 401) return t("error_session");
    if (e.status === 404) return t("error_not_found");
    if (e.status === 429) return t("error_rate_limited");
    return (e.status === 422 || e.status === 409) && e.message ? e.message : t("error_generic");
  };
  const busy = (on: boolean, message = "") => {
    stepEl.setAttribute("aria-busy", String(on));
    if (on) say("");
    progress.lastElementChild!.textContent = message;
  };

  /** Replaces the step's content and, after a shopper's action, moves focus to its heading. */
  const show = (nodes: Child[], focus = true) => {
    // A heading that had focus is replaced by the next one, which takes the focus over.
    focus ||= stepEl.contains(document.activeElement);
    stepEl.replaceChildren(...(nodes.flat(9).filter(Boolean) as Node[]));
    const n = PROGRESS.indexOf(state.step) + 1;
    progress.firstElementChild!.textContent = n ? t("progress", { step: n, total: PROGRESS.length }) : "";
    if (focus) stepEl.querySelector<HTMLElement>("h3")?.focus();
  };
  const heading = (key: string, vars?: Record<string, string>) => h("h3", { class: "ac__h", tabindex: "-1" }, t(key, vars));
  const button = (key: string, onclick: () => void, primary = false) =>
    h("button", { type: "button", class: primary ? "ac__btn" : "ac__btn ac__btn--quiet", onclick }, t(key));
  const actions = (...children: Child[]) => h("div", { class: "ac__actions" }, children);
  const loading = () => [h("div", { class: "ac__skeleton", "aria-hidden": "true" })];
  const retry = (again: () => void, error: unknown) => {
    say(failure(error));
    show([h("p", null, failure(error)), actions(button("retry", again, true), button("back", () => go({ type: "back" })))]);
  };

  function go(event: FlowEvent, focus = true): void {
    state = transition(state, event);
    say("");
    if (state.step === "find") renderFind(focus);
    else if (state.step === "items") void renderItems(focus);
    else if (state.step === "resolution") renderResolution();
    else if (state.step === "review") void renderReview();
    else if (state.step === "status") void renderStatus(focus);
    else if (state.step === "conversation") void renderConversation(focus);
  }

  /** Runs a write from a button: disabled and announced while it runs, the app's sentence if it fails. */
  const sending = async (btn: HTMLButtonElement, work: () => Promise<string>) => {
    btn.disabled = true;
    busy(true, t("submitting"));
    try {
      busy(false, await work());
    } catch (error) {
      busy(false);
      btn.disabled = false;
      say(failure(error));
    }
  };

  // ── 1. find the order ────────────────────────────────────────────────────────────
  function renderFind(focus: boolean): void {
    show([...findStep.cloneNode(true).childNodes], focus);
    bindFind();
  }

  function bindFind(): void {
    stepEl.querySelector("form")?.addEventListener("submit", (e) => {
      e.preventDefault();
      void lookup(e.target as HTMLFormElement);
    });
    if (signedIn) void loadOrders();
  }

  async function lookup(form: HTMLFormElement): Promise<void> {
    const fields = new FormData(form);
    const orderNumber = String(fields.get("orderNumber") || "").trim();
    const email = String(fields.get("email") || "").trim();
    const missing = !orderNumber ? "orderNumber" : !/^[^\s@]+@[^\s@]+$/.test(email) ? "email" : "";
    if (missing) {
      say(t(missing === "email" ? "find_email_invalid" : "find_number_missing"));
      form.querySelector<HTMLInputElement>(`[name=${missing}]`)?.focus();
      return;
    }
    const btn = form.querySelector("button")!;
    btn.disabled = true;
    busy(true, t("loading"));
    try {
      const found = await api<LookupResponse>("/lookup", { orderNumber, email });
      session.set({ token: found.token, expiresAt: found.expiresAt, orderId: found.order.id });
      busy(false);
      if (afterLookup) go({ type: "status", returnId: afterLookup });
      else go({ type: "order", orderId: found.order.id });
    } catch (error) {
      busy(false);
      btn.disabled = false;
      say(failure(error));
    }
  }

  async function loadOrders(): Promise<void> {
    const box = stepEl.querySelector<HTMLElement>("[data-orders]");
    if (!box) return;
    box.setAttribute("aria-busy", "true");
    try {
      const { orders } = await api<OrdersResponse>("/orders");
      box.replaceChildren(
        h("h4", { class: "ac__h4" }, t("orders_title")),
        orders.length ? h("ul", { class: "ac__list" }, orders.map(orderItem)) : h("p", null, t("orders_empty")),
      );
    } catch (error) {
      box.replaceChildren(h("p", null, failure(error)), button("retry", () => void loadOrders()));
    }
    box.setAttribute("aria-busy", "false");
  }

  const orderItem = (o: OrderSummary) =>
    h(
      "li",
      { class: "ac__card" },
      h("span", { class: "ac__card-main" }, h("strong", null, o.name), " · ", dateText(o.createdAt), " · ", money(o.total)),
      // The orders list does not count returnable items (null): say nothing rather than "nothing to return".
      o.returnableItemCount === null ? null : h("span", { class: "ac__muted" }, o.returnableItemCount ? t("orders_returnable", { count: o.returnableItemCount }) : t("orders_none")),
      h("button", { type: "button", class: "ac__btn", "aria-label": t("orders_choose", { order: o.name }), onclick: () => go({ type: "order", orderId: o.id }) }, t("choose")),
    );

  const dateText = (iso: string, dateStyle: "medium" | "long" = "medium") => {
    const day = /^\d{4}-\d\d-\d\d$/.test(iso);
    return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: day ? "UTC" : undefined }).format(new Date(iso));
  };

  // ── 2. choose items ──────────────────────────────────────────────────────────────
  async function renderItems(focus: boolean): Promise<void> {
    show([heading("items_title"), loading()], focus);
    busy(true, t("loading"));
    // Asked at the same time, and drawn with the items: nothing moves in after the step is shown.
    const talks = fetchTalks();
    try {
      eligibility = await api<EligibilityResponse>(`/orders/${legacyId(state.orderId!)}/eligibility`);
    } catch (error) {
      busy(false);
      return retry(() => go({ type: "order", orderId: state.orderId! }), error);
    }
    talkBox = h("div", { class: "ac__talk" });
    drawTalk(await talks);
    busy(false);
    const el = eligibility;
    const open = el.lines.filter((l) => l.eligible && l.returnableQuantity > 0);
    const closed = el.lines.filter((l) => !open.includes(l));
    const form = h(
      "form",
      { novalidate: true, onsubmit: (e: Event) => collectItems(e, form) },
      open.length ? open.map(lineFields) : h("p", null, t("items_none")),
      closed.length ? [h("h4", { class: "ac__h4" }, t("items_unavailable")), h("ul", { class: "ac__list" }, closed.map(closedLine))] : null,
      policy(el),
      actions(button("back", () => go({ type: "back" })), open.length ? h("button", { type: "submit", class: "ac__btn" }, t("continue")) : null),
    );
    show([heading("items_title"), h("p", { class: "ac__muted" }, t("items_order", { order: el.order.name })), form, talkBox], false);
  }

  function lineFields(line: EligibilityLine): HTMLElement {
    const id = uid(legacyId(line.id));
    const photoBox = h("div", { class: "ac__field", hidden: true });
    const photoList = h("ul", { class: "ac__photos", "aria-live": "polite" });
    const reasonSel = h(
      "select",
      { id: `${id}-r`, name: `reason:${line.id}`, onchange: () => (photoBox.hidden = !needsPhoto(reasonSel.value)) },
      h("option", { value: "" }, t("reason_choose")),
      eligibility!.reasons.map((r) => h("option", { value: r.code }, reasonLabel(r))),
    );
    photoBox.append(
      h("label", { for: `${id}-p` }, t("photo_label")),
      h("p", { class: "ac__muted", id: `${id}-ph` }, t("photo_hint")),
      h("input", { id: `${id}-p`, type: "file", accept: PHOTO_TYPES.join(","), multiple: true, "aria-describedby": `${id}-ph`, onchange: (e: Event) => void upload(line.id, e.target as HTMLInputElement, photoList) }),
      photoList,
    );
    return h(
      "fieldset",
      { class: "ac__line" },
      h("legend", null, lineTitle(line)),
      h("p", { class: "ac__muted" }, t("unit_price", { price: money(line.unitPrice) })),
      h("div", { class: "ac__row" }, field(`${id}-q`, t("quantity"), h("select", { id: `${id}-q`, name: `qty:${line.id}` }, Array.from({ length: line.returnableQuantity + 1 }, (_, n) => h("option", { value: n }, n ? n : t("quantity_none"))))), field(`${id}-r`, t("reason"), reasonSel)),
      field(`${id}-n`, t("note"), h("textarea", { id: `${id}-n`, name: `note:${line.id}`, rows: 2, maxlength: 1000 })),
      photoBox,
    );
  }

  const field = (id: string, label: string, control: HTMLElement) => h("div", { class: "ac__field" }, h("label", { for: id }, label), control);
  const lineTitle = (l: { title: string; variantTitle: string | null }) => (l.variantTitle ? `${l.title} — ${l.variantTitle}` : l.title);
  const needsPhoto = (code: string) => !!eligibility?.reasons.find((r) => r.code === code)?.requiresPhoto;

  async function upload(lineId: string, input: HTMLInputElement, list: HTMLElement): Promise<void> {
    for (const file of Array.from(input.files ?? [])) {
      const problem = checkPhoto(file);
      const item = h("li", null, `${file.name}: ${problem ? t(problem) : t("photo_uploading")}`);
      list.append(item);
      if (problem) continue;
      const body = new FormData();
      body.append("file", file);
      try {
        const { photoId } = await api<PhotoResponse>("/photos", body);
        (photos[lineId] ??= []).push(photoId);
        item.textContent = `${file.name}: ${t("photo_done")}`;
      } catch (error) {
        item.textContent = `${file.name}: ${failure(error)}`;
      }
    }
    input.value = "";
  }

  function closedLine(line: EligibilityLine): HTMLElement {
    const box = h("div");
    const ask = () => {
      const area = h("textarea", { id: uid(`x${legacyId(line.id)}`), rows: 3, required: true });
      const sendTicket = async () => {
        if (!area.value.trim()) return say(t("exception_empty"));
        try {
          const res = await api<TicketResponse>("/tickets", { kind: "exception", subject: t("exception_subject", { item: line.title }), message: area.value, orderId: state.orderId, lineItemIds: [line.id] });
          box.replaceChildren(h("p", { role: "status" }, t("exception_sent", { number: res.ticketNumber })));
          void fetchTalks().then(drawTalk);
        } catch (error) {
          say(failure(error));
        }
      };
      box.replaceChildren(field(area.id, t("exception_label"), area), actions(button("exception_send", () => void sendTicket(), true)));
      area.focus();
    };
    return h(
      "li",
      { class: "ac__card ac__card--off", "aria-disabled": "true" },
      h("span", { class: "ac__card-main" }, h("strong", null, lineTitle(line))),
      h("span", { class: "ac__muted" }, whyNot(line)),
      box,
      line.reason === "already_returned" ? null : h("button", { type: "button", class: "ac__link", onclick: ask }, t("exception_ask")),
    );
  }

  /**
   * Why a line cannot be returned: the app's sentence, written in the shopper's language (every
   * call sends `locale`); the block's own sentence for the reason code if the app sent none.
   */
  const whyNot = (line: EligibilityLine): string => {
    if (line.message) return line.message;
    if (line.reason === "outside_window" && line.windowEndsOn) return t("why_outside_window_on", { date: dateText(line.windowEndsOn, "long") });
    return line.reason ? t(`why_${line.reason}`) : "";
  };

  /**
   * A reason's label. The app sends the merchant's labels (English by default); in another
   * language the block's own words stand in for Aftercare's standard reason codes.
   */
  const reasonLabel = (reason: { code: string; label: string }): string => {
    if (/^en\b/i.test(locale)) return reason.label;
    const key = `reason_${reason.code}`;
    const own = t(key);
    return own === key ? reason.label : own;
  };

  const policy = (el: EligibilityResponse) =>
    el.policyText.length || el.windowEndsOn
      ? h(
          "details",
          { class: "ac__policy" },
          h("summary", null, t("policy")),
          el.windowEndsOn ? h("p", null, t("window_ends", { date: dateText(el.windowEndsOn) })) : null,
          el.policyText.map((p) => h("p", null, p)),
        )
      : null;

  function collectItems(e: Event, form: HTMLFormElement): void {
    e.preventDefault();
    const fields = new FormData(form);
    const lines: DraftLine[] = [];
    for (const line of eligibility!.lines) {
      const quantity = Number(fields.get(`qty:${line.id}`) || 0);
      if (!quantity) continue;
      const reasonCode = String(fields.get(`reason:${line.id}`) || "");
      const focusOn = (suffix: string, key: string) => {
        say(t(key, { item: line.title }));
        form.querySelector<HTMLElement>(`#${CSS.escape(uid(legacyId(line.id)))}-${suffix}`)?.focus();
      };
      if (!reasonCode) return focusOn("r", "reason_missing");
      if (needsPhoto(reasonCode) && !photos[line.id]?.length) return focusOn("p", "photo_missing");
      const note = String(fields.get(`note:${line.id}`) || "").trim();
      lines.push({ lineItemId: line.id, quantity, reasonCode, ...(note ? { note } : {}), ...(needsPhoto(reasonCode) ? { photoIds: photos[line.id] } : {}) });
    }
    if (!lines.length) return say(t("items_missing"));
    go({ type: "items", lines });
  }

  // ── 3. resolution ────────────────────────────────────────────────────────────────
  function renderResolution(): void {
    const el = eligibility!;
    const chosen = el.lines.filter((l) => state.lines.some((d) => d.lineItemId === l.id));
    const canExchange = chosen.every((l) => l.exchangeOptions.length);
    const offers = el.resolutions.filter((r) => allowed.includes(r.kind));
    const exchangeBox = h(
      "div",
      { hidden: state.resolution !== "exchange" },
      chosen.map((l) =>
        field(
          uid(`e${legacyId(l.id)}`),
          t("exchange_for", { item: lineTitle(l) }),
          h(
            "select",
            { id: uid(`e${legacyId(l.id)}`), name: `ex:${l.id}` },
            l.exchangeOptions.map((o) => h("option", { value: o.variantId, selected: state.lines.find((d) => d.lineItemId === l.id)?.exchangeVariantId === o.variantId }, `${o.title} · ${money(o.price)}`)),
          ),
        ),
      ),
    );
    const form = h(
      "form",
      { novalidate: true, onsubmit: (e: Event) => collectResolution(e, form) },
      h(
        "fieldset",
        { class: "ac__choices" },
        h("legend", null, t("resolution_legend")),
        offers.map((o) => {
          const off = o.kind === "exchange" && !canExchange;
          return h(
            "label",
            { class: "ac__choice" },
            h("input", { type: "radio", name: "resolution", value: o.kind, disabled: off, checked: state.resolution === o.kind, onchange: () => (exchangeBox.hidden = o.kind !== "exchange") }),
            h("span", null, t(`resolution_${o.kind}`), o.bonusBps ? h("strong", { class: "ac__bonus" }, ` ${t("bonus", { percent: formatPercent(o.bonusBps, locale) })}`) : null, off ? h("span", { class: "ac__muted" }, ` ${t("exchange_unavailable")}`) : null),
          );
        }),
      ),
      exchangeBox,
      actions(button("back", () => go({ type: "back" })), h("button", { type: "submit", class: "ac__btn" }, t("continue"))),
    );
    show([heading("resolution_title"), offers.length ? form : h("p", null, t("error_generic"))]);
  }

  function collectResolution(e: Event, form: HTMLFormElement): void {
    e.preventDefault();
    const fields = new FormData(form);
    const resolution = fields.get("resolution") as PortalResolution | null;
    if (!resolution) {
      say(t("resolution_missing"));
      return form.querySelector<HTMLInputElement>("input:not([disabled])")?.focus();
    }
    const exchange: Record<string, string> = {};
    for (const [k, v] of fields) if (k.startsWith("ex:")) exchange[k.slice(3)] = String(v);
    go({ type: "resolution", resolution, exchange });
  }

  // ── 4. review with the exact quote ───────────────────────────────────────────────
  const draft = () => ({ orderId: state.orderId!, resolution: state.resolution!, lines: state.lines });

  async function renderReview(): Promise<void> {
    show([heading("review_title"), loading()]);
    busy(true, t("loading"));
    let quote: QuoteResponse;
    try {
      quote = await api<QuoteResponse>("/quote", draft());
    } catch (error) {
      busy(false);
      return retry(() => go({ type: "back" }), error);
    }
    busy(false);
    const titles = new Map(eligibility!.lines.map((l) => [l.id, lineTitle(l)]));
    const row = (key: string, m: PortalMoney, strong = false) => [h("dt", strong ? { class: "ac__total" } : null, t(key)), h("dd", strong ? { class: "ac__total" } : null, money(m))];
    const shown = (key: string, m: PortalMoney) => (m.amountMinor ? row(key, m) : null);
    const submitBtn = h("button", { type: "button", class: "ac__btn", onclick: () => void create(submitBtn) }, t("submit"));
    show(
      [
        heading("review_title"),
        h("ul", { class: "ac__list" }, quote.lines.map((l) => h("li", null, `${titles.get(l.lineItemId) ?? ""} × ${l.quantity}`))),
        h(
          "dl",
          { class: "ac__sum" },
          row("sum_items", quote.itemsSubtotal),
          shown("sum_tax", quote.tax),
          shown("sum_restocking", negate(quote.restockingFee)),
          shown("sum_shipping", negate(quote.returnShippingFee)),
          shown("sum_bonus", quote.storeCreditBonus),
          shown("sum_exchange", quote.exchangeDifference),
          quote.resolution === "refund" ? row("sum_refund", quote.refundTotal, true) : null,
          quote.resolution === "store_credit" ? row("sum_credit", quote.storeCreditTotal, true) : null,
          quote.resolution === "exchange" ? row("sum_due", quote.amountDue, true) : null,
        ),
        quote.explanation.length ? h("details", { class: "ac__policy" }, h("summary", null, t("review_how")), quote.explanation.map((s) => h("p", null, s))) : null,
        actions(button("back", () => go({ type: "back" })), submitBtn),
      ],
      false,
    );
  }

  const negate = (m: PortalMoney): PortalMoney => ({ ...m, amountMinor: -m.amountMinor });

  async function create(btn: HTMLButtonElement): Promise<void> {
    btn.disabled = true;
    btn.setAttribute("aria-busy", "true");
    busy(true, t("submitting"));
    try {
      const res = await submit(draft());
      busy(false);
      state = transition(state, { type: "created", returnId: res.returnId });
      renderDone(res);
    } catch (error) {
      busy(false);
      btn.disabled = false;
      btn.removeAttribute("aria-busy");
      say(failure(error));
    }
  }

  // ── 5. confirmation ──────────────────────────────────────────────────────────────
  function renderDone(res: CreateReturnResponse): void {
    show([
      heading("done_title"),
      h("p", null, t(res.decision === "approved" ? "done_approved" : "done_review")),
      res.nextSteps.length ? [h("h4", { class: "ac__h4" }, t("next_steps")), h("ol", null, res.nextSteps.map((s) => h("li", null, s)))] : null,
      h("p", null, h("a", { class: "ac__link", href: HASH + encodeURIComponent(res.returnId), onclick: () => go({ type: "status", returnId: res.returnId }) }, t("track")), " ", h("span", { class: "ac__muted" }, t("track_hint"))),
      actions(button("restart", () => go({ type: "restart" }))),
    ]);
  }

  // ── 6. status, reachable later from the link ─────────────────────────────────────
  async function renderStatus(focus: boolean): Promise<void> {
    const id = state.returnId!;
    show([heading("status_title"), loading()], focus);
    busy(true, t("loading"));
    let ret: ReturnStatusResponse;
    try {
      ret = await api<ReturnStatusResponse>(`/returns/${encodeURIComponent(id)}`);
    } catch (error) {
      busy(false);
      if (error instanceof ApiError && error.status === 401 && !signedIn) {
        afterLookup = id;
        state = initialState;
        renderFind(focus);
        return say(t("status_lookup"));
      }
      return retry(() => go({ type: "status", returnId: id }), error);
    }
    busy(false);
    afterLookup = null;
    show(
      [
        heading("status_title"),
        h("p", null, h("strong", null, ret.statusLabel), " · ", t("items_order", { order: ret.orderName })),
        h("ul", { class: "ac__list" }, ret.lines.map((l) => h("li", null, `${lineTitle(l)} × ${l.quantity}`, l.exchangeVariantTitle ? ` → ${l.exchangeVariantTitle}` : ""))),
        ret.declineReason ? h("p", null, ret.declineReason) : null,
        ret.instructions.length ? [h("h4", { class: "ac__h4" }, t("next_steps")), h("ol", null, ret.instructions.map((s) => h("li", null, s)))] : null,
        h("h4", { class: "ac__h4" }, t("timeline")),
        h("ol", { class: "ac__timeline" }, ret.timeline.map((e) => h("li", null, h("time", { datetime: e.at }, dateText(e.at)), " ", e.label))),
        actions(button("restart", () => go({ type: "restart" }))),
      ],
      false,
    );
  }

  // ── conversations with the store about this order ────────────────────────────────
  let talkBox: HTMLElement | null = null;
  const fetchTalks = () =>
    api<TicketsResponse>(`/orders/${legacyId(state.orderId!)}/tickets`).then(
      (r) => r.tickets,
      (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "network", "")),
    );
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const statusWords = (c: PortalTicket) => t(`talk_status_${c.status}`);

  /** The order's conversations, collapsed to one line each, and a way to ask something new. */
  function drawTalk(list: PortalTicket[] | ApiError): void {
    talkBox?.replaceChildren(
      h("h4", { class: "ac__h4" }, t("talk_title")),
      ...(Array.isArray(list)
        ? [list.length ? h("ul", { class: "ac__list" }, list.map(talkItem)) : h("p", { class: "ac__muted" }, t("talk_none")), askBox()]
        : [h("p", null, failure(list)), button("retry", () => void fetchTalks().then(drawTalk))]),
    );
  }

  const talkItem = (c: PortalTicket) =>
    h(
      "li",
      { class: "ac__card" },
      h("span", { class: "ac__card-main" }, h("strong", null, c.subject), ` · #${c.number}`),
      h("span", { class: "ac__muted" }, statusWords(c), " · ", when(c.lastActivityAt)),
      h("button", { type: "button", class: "ac__btn ac__btn--quiet", "aria-label": t("talk_open_label", { subject: c.subject }), onclick: () => go({ type: "conversation", ticketId: c.id }) }, t("talk_open")),
    );

  function askBox(): HTMLElement {
    const box = h("div");
    const open = () => {
      const subject = h("input", { id: uid("qs"), type: "text", maxlength: 200 });
      const message = h("textarea", { id: uid("qm"), rows: 4, maxlength: 5000 });
      const btn = h("button", { type: "submit", class: "ac__btn" }, t("talk_send"));
      const ask = (e: Event) => {
        e.preventDefault();
        const empty = [subject, message].find((f) => !f.value.trim());
        if (empty) {
          say(t("talk_empty"));
          return empty.focus();
        }
        void sending(btn, async () => {
          const res = await api<TicketResponse>("/tickets", { kind: "question", subject: subject.value, message: message.value, orderId: state.orderId });
          go({ type: "conversation", ticketId: res.ticketId });
          return "";
        });
      };
      box.replaceChildren(h("form", { novalidate: true, onsubmit: ask }, field(subject.id, t("talk_subject"), subject), field(message.id, t("talk_message"), message), actions(btn)));
      subject.focus();
    };
    box.append(h("button", { type: "button", class: "ac__link", onclick: open }, t("talk_ask")));
    return box;
  }

  // ── one conversation: read, write back, rate ─────────────────────────────────────
  async function renderConversation(focus: boolean): Promise<void> {
    const id = state.ticketId!;
    show([heading("talk_heading"), loading()], focus);
    busy(true, t("loading"));
    const list = await fetchTalks();
    busy(false);
    const found = Array.isArray(list) ? list.find((c) => c.id === id) : undefined;
    if (!found) return retry(() => go({ type: "conversation", ticketId: id }), Array.isArray(list) ? new ApiError(500, "upstream", "") : list);
    drawConversation(found, false);
  }

  const author = (m: PortalTicketMessage) => (m.author === "customer" ? t("talk_you") : m.author === "agent" ? m.authorName || t("talk_support") : "");

  function drawConversation(c: PortalTicket, focus = true): void {
    show(
      [
        h("h3", { class: "ac__h", tabindex: "-1" }, c.subject),
        h("p", { class: "ac__muted" }, `#${c.number} · `, h("strong", null, statusWords(c))),
        h(
          "ol",
          { class: "ac__msgs", "aria-label": t("talk_messages") },
          c.messages.map((m) =>
            h(
              "li",
              { class: m.author === "customer" ? "ac__msg ac__msg--you" : "ac__msg" },
              h("p", { class: "ac__muted" }, author(m) ? [h("strong", null, author(m)), " · "] : null, h("time", { datetime: m.createdAt }, when(m.createdAt))),
              h("p", { class: "ac__body" }, m.body),
            ),
          ),
        ),
        // Once solved, rating is what is left to do; writing back (which reopens) comes after.
        c.canRate ? rateForm(c) : null,
        c.canReply ? replyForm(c) : h("p", null, t("talk_closed")),
        actions(button("back", () => go({ type: "back" }))),
      ],
      focus,
    );
  }

  /** Posts a write on this conversation and shows the conversation the app answers. */
  const post = (c: PortalTicket, path: string, body: unknown, done: string) => async () => {
    drawConversation(await api<PortalTicket>(`/tickets/${encodeURIComponent(c.id)}/${path}`, body));
    return t(done);
  };

  function replyForm(c: PortalTicket): HTMLElement {
    const area = h("textarea", { id: uid("reply"), rows: 4, maxlength: 5000, "aria-describedby": c.status === "solved" ? uid("reopen") : null });
    const btn = h("button", { type: "submit", class: "ac__btn" }, t("reply_send"));
    const write = (e: Event) => {
      e.preventDefault();
      if (!area.value.trim()) {
        say(t("reply_empty"));
        return area.focus();
      }
      void sending(btn, post(c, "messages", { message: area.value }, "reply_sent"));
    };
    return h(
      "form",
      { novalidate: true, onsubmit: write },
      field(area.id, t("reply_label"), area),
      c.status === "solved" ? h("p", { class: "ac__muted", id: uid("reopen") }, t("reply_reopens")) : null,
      actions(btn),
    );
  }

  function rateForm(c: PortalTicket): HTMLElement {
    const comment = h("textarea", { id: uid("rc"), rows: 2, maxlength: 1000 }, c.rating?.comment ?? "");
    const btn = h("button", { type: "submit", class: "ac__btn" }, t("rate_send"));
    const rate = (e: Event) => {
      e.preventDefault();
      const score = Number(new FormData(form).get("score") || 0);
      if (!score) {
        say(t("rate_missing"));
        return form.querySelector<HTMLInputElement>("input")?.focus();
      }
      void sending(btn, post(c, "rating", { score, comment: comment.value }, "rate_thanks"));
    };
    const form = h(
      "form",
      { novalidate: true, onsubmit: rate },
      h(
        "fieldset",
        { class: "ac__choices" },
        h("legend", null, t("rate_legend")),
        c.rating ? h("p", { class: "ac__muted" }, t("rate_current", { score: c.rating.score })) : null,
        h(
          "div",
          { class: "ac__rate" },
          [1, 2, 3, 4, 5].map((n) => h("label", { class: "ac__choice" }, h("input", { type: "radio", name: "score", value: n, checked: c.rating?.score === n }), h("span", null, `${n} · ${t(`rate_${n}`)}`))),
        ),
      ),
      field(comment.id, t("rate_comment"), comment),
      actions(btn),
    );
    return form;
  }

  // Start: a return link opens its status; else step 1 is already on the page.
  const linked = location.hash.startsWith(HASH) ? decodeURIComponent(location.hash.slice(HASH.length)) : "";
  if (linked) go({ type: "status", returnId: linked }, false);
  else {
    bindFind();
    if (pending?.target instanceof HTMLFormElement) void lookup(pending.target);
  }
}
