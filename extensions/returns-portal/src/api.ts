/**
 * Talking to the app through Shopify's app proxy (`/apps/aftercare/*`, same origin as the
 * storefront, so no CORS and no third-party request). Request building is pure and tested;
 * `send` is the only place that touches `fetch`.
 */
import type { CreateReturnRequest, CreateReturnResponse, QuoteRequest } from "./types";

/** The header the contract reads the guest's portal token from (PORTAL_TOKEN_HEADER). */
export const TOKEN_HEADER = "X-Aftercare-Token";

export interface Call {
  url: string;
  init: RequestInit;
}

/**
 * A GET, a JSON POST, or a multipart POST (FormData) to `<base><path>`, with the token when
 * there is one and the storefront's language as `locale` (a query parameter: the app proxy
 * passes it through and signs it), so the app's own sentences come back in that language.
 */
export function buildRequest(base: string, path: string, token: string | null, body?: unknown, locale?: string): Call {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers[TOKEN_HEADER] = token;
  const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers, credentials: "same-origin" };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const url = base.replace(/\/$/, "") + path;
  return { url: locale ? `${url}${url.includes("?") ? "&" : "?"}locale=${encodeURIComponent(locale)}` : url, init };
}

/** A failed call: `message` is the app's sentence for the shopper, when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Performs a call; resolves with the JSON body or rejects with an ApiError (status 0 = offline). */
export async function send<T>(call: Call, fetcher: typeof fetch = fetch): Promise<T> {
  let res: Response;
  try {
    res = await fetcher(call.url, call.init);
  } catch {
    throw new ApiError(0, "network", "");
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? "upstream", data?.error?.message ?? "");
  return data as T;
}

/** A random client key: crypto.randomUUID where there is one (secure contexts), else 122 random bits. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Wraps the create-return call so that a retry of the same draft reuses its idempotency
 * key (the app answers the same return), a changed draft gets a new one, and a second
 * click while the first is in flight joins it instead of sending again.
 */
export function createSubmitter(
  post: (body: CreateReturnRequest) => Promise<CreateReturnResponse>,
  makeKey: () => string = newKey,
): (draft: QuoteRequest) => Promise<CreateReturnResponse> {
  let last: { draft: string; key: string } | null = null;
  let inFlight: Promise<CreateReturnResponse> | null = null;
  return (draft) => {
    if (inFlight) return inFlight;
    const signature = JSON.stringify(draft);
    if (last?.draft !== signature) last = { draft: signature, key: makeKey() };
    inFlight = post({ ...draft, clientKey: last.key }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

export interface Session {
  token: string;
  expiresAt: string;
  orderId: string;
}

/** The guest's portal token lives in sessionStorage only: gone when the tab closes. */
export function sessionStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null, now: () => number = Date.now) {
  const KEY = "aftercare:portal";
  return {
    get(): Session | null {
      try {
        const s = JSON.parse(storage?.getItem(KEY) ?? "null") as Session | null;
        return s && Date.parse(s.expiresAt) > now() ? s : null;
      } catch {
        return null;
      }
    },
    set(session: Session): void {
      try {
        storage?.setItem(KEY, JSON.stringify(session));
      } catch {
        // Private mode may refuse storage: the token then lives for this page only.
      }
    },
    clear(): void {
      storage?.removeItem(KEY);
    },
  };
}

/** The numeric tail of a GID, which the eligibility path takes: gid://shopify/Order/5001 → "5001". */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}
