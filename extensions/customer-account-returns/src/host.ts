/**
 * What every target needs from Shopify, in one small object: the customer's language, the
 * extension's translations, and an app client with a fresh session token per call.
 */
import { APP_URL } from "./app-url";
import { createClient, failureKey, type Client } from "./api";

/** The parts of Shopify's StandardApi the extension reads (every customer-account target has them). */
export interface ShopifyApi {
  i18n: { translate: (key: string, options?: Record<string, unknown>) => unknown };
  localization: { language: { value: { isoCode: string } } };
  sessionToken: { get: () => Promise<string> };
}

export interface Host {
  locale: string;
  t: (key: string, vars?: Record<string, string | number>) => string;
  client: Client;
  /** The sentence for a failed call. */
  failure: (error: unknown) => string;
}

export function createHost(api: ShopifyApi): Host {
  const locale = () => api.localization.language.value.isoCode || "en";
  const t = (key: string, vars?: Record<string, string | number>) => String(api.i18n.translate(key, vars));
  return {
    locale: locale(),
    t,
    client: createClient({ appUrl: APP_URL, token: () => api.sessionToken.get(), locale }),
    failure: (error) => {
      const f = failureKey(error);
      return "message" in f ? f.message : t(f.key);
    },
  };
}

/** "2026-12-07T10:00:00Z" in the customer's language; a bare `YYYY-MM-DD` is a calendar day (no time-zone shift). */
export function dateText(iso: string, locale: string, style: "medium" | "long" = "medium"): string {
  const day = /^\d{4}-\d\d-\d\d$/.test(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: day ? "UTC" : undefined }).format(new Date(iso));
}

export function dateTimeText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** "Blue shirt — M" */
export const lineTitle = (l: { title: string; variantTitle: string | null }) => (l.variantTitle ? `${l.title} — ${l.variantTitle}` : l.title);

/** Where the return page for an order lives, from anywhere in customer accounts. */
export const RETURN_PAGE = "extension://customer-account-returns-page";

/** A Polaris field's `value` from its change/input event (what `event.currentTarget.value` is in Shopify's docs). */
export function valueOf(event: Event): string {
  const el = event.currentTarget;
  return el && "value" in el && typeof el.value === "string" ? el.value : "";
}

/** A Polaris choice list's `values` from its change event. */
export function valuesOf(event: Event): string[] {
  const el = event.currentTarget;
  return el && "values" in el && Array.isArray(el.values) ? el.values.filter((v): v is string => typeof v === "string") : [];
}

/** The files chosen in a Polaris drop zone, from its change event (`files`; a FileList where a native input stands in). */
export function filesOf(event: Event): File[] {
  const el = event.currentTarget;
  const files: unknown = el && "files" in el ? el.files : null;
  const list = Array.isArray(files) ? files : typeof FileList !== "undefined" && files instanceof FileList ? Array.from(files) : [];
  return list.filter((f): f is File => f instanceof File);
}
