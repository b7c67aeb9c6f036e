/**
 * Reading a request body with a byte cap, for every door (app proxy, admin actions, webhooks).
 *
 * `request.json()`, `.text()` and `.formData()` buffer the whole body before anyone can
 * look at its size, and a chunked upload has no Content-Length to check first: a 256 MB
 * stream was read whole before the route refused it. These readers refuse a declared
 * Content-Length above the cap before reading a byte, then count bytes as they arrive and
 * cancel the stream as soon as the cap is passed, so at most cap + one chunk is ever held.
 *
 * Every refusal is a DomainError: `payload_too_large` (413) when the body is too big,
 * `bad_request` (400) when it cannot be read (not UTF-8, not JSON, a lone UTF-16 surrogate
 * in a string, a broken multipart body). A door maps them as it maps any other.
 */
import { DomainError } from "./errors";

/** Enough for any JSON the portal block or the admin pages send (the largest is a policy). */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/** What the caller refuses, and in which words (the portal passes the shopper's sentence). */
export interface BodyLimit {
  maxBytes: number;
  /** The 413 message; defaults to an English sentence naming the limit. */
  tooLargeMessage?: string;
}

function tooLarge(limit: BodyLimit): DomainError {
  return new DomainError("payload_too_large", limit.tooLargeMessage ?? `The request body is larger than ${formatBytes(limit.maxBytes)}.`, {
    maxBytes: limit.maxBytes,
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** Throws 413 when the request declares a Content-Length above the cap (a lie is caught while reading). */
function assertDeclaredLength(request: Request, limit: BodyLimit): void {
  const declared = request.headers.get("content-length");
  if (declared === null || declared.trim() === "") return;
  const length = Number(declared);
  if (!Number.isFinite(length) || length < 0) throw new DomainError("bad_request", "The request's Content-Length is not a number.");
  if (length > limit.maxBytes) {
    // Nothing will read it: tell the stream so the connection can drop it.
    request.body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
}

/**
 * The body's bytes, at most `maxBytes` of them: 413 on a declared or counted excess, the
 * stream canceled at the first chunk past the cap. An empty or absent body is zero bytes.
 */
export async function readBodyBytes(request: Request, limit: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  assertDeclaredLength(request, limit);
  if (!request.body) return new Uint8Array(0);
  if (request.bodyUsed) throw new DomainError("bad_request", "The request body was already read.");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (invalid UTF-8 is 400, not silently replaced), at most `maxBytes`. */
export async function readBodyText(request: Request, limit: BodyLimit): Promise<string> {
  const bytes = await readBodyBytes(request, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("bad_request", "The request body is not valid UTF-8 text.");
  }
}

/**
 * The body parsed as JSON, at most `maxBytes`. Strings with a lone UTF-16 surrogate
 * (`"\ud800"`, which JSON allows and no database or Shopify field accepts) are refused
 * here with 400, so no door lets one reach Prisma.
 */
export async function readJsonBody(request: Request, limit: BodyLimit = { maxBytes: JSON_BODY_MAX_BYTES }): Promise<unknown> {
  assertJsonContentType(request);
  const text = await readBodyText(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError("bad_request", "The request body is not valid JSON.");
  }
  const malformed = firstMalformedText(value, "");
  if (malformed !== null) throw malformedText(malformed.path, malformed.text);
  return value;
}

/**
 * A JSON door reads only bodies that say they are JSON (`application/json`, or a `+json`
 * type). A browser sends text/plain, form and multipart bodies cross-site without a CORS
 * preflight, so parsing those as JSON would let another site's form post to our doors in a
 * signed-in shopper's name; they get 415 before a byte is read.
 */
function assertJsonContentType(request: Request): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type)) return;
  throw new DomainError("unsupported_media_type", `The request body must be JSON (Content-Type: application/json), not ${type || "untyped"}.`);
}

function malformedText(where: string, text: string): DomainError {
  const what = text.includes("\0") ? "a NUL character" : "a lone UTF-16 surrogate";
  return new DomainError("bad_request", `The text${where ? ` in "${where}"` : ""} contains an invalid character (${what}). Remove it and try again.`, {
    field: where,
  });
}

// In a `u` regex a surrogate pair is one code point, so this matches only a lone surrogate;
// NUL is refused too: PostgreSQL's text cannot hold it (SQLite can, so the doors decide).
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether a string is well-formed Unicode without NUL (String.prototype.isWellFormed, before ES2024 typings). */
function isWellFormedText(text: string): boolean {
  return !text.includes("\0") && !LONE_SURROGATE.test(text);
}

type Malformed = { path: string; text: string };

/** The path (and the text) of the first string, key or value, that is not well-formed Unicode or holds a NUL; or null. */
function firstMalformedText(value: unknown, path: string): Malformed | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : { path, text: value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstMalformedText(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (!isWellFormedText(key)) return { path, text: key };
      const found = firstMalformedText(child, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

export interface MultipartLimit extends BodyLimit {
  /** No single part (file or field) may be larger than this. */
  maxPartBytes: number;
  /** The 413 message for a part over `maxPartBytes`; defaults to `tooLargeMessage`. */
  partTooLargeMessage?: string;
  /** At most this many parts (fields + files). */
  maxParts?: number;
}

/**
 * A `multipart/form-data` or `application/x-www-form-urlencoded` body as FormData: the whole
 * body capped at `maxBytes` while it streams in (413), then every part checked against
 * `maxPartBytes` (413) and the count of parts against `maxParts` (400).
 */
export async function readFormBody(request: Request, limit: MultipartLimit): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new DomainError("bad_request", "The request body must be a form (multipart/form-data or application/x-www-form-urlencoded).");
  }
  const bytes = await readBodyBytes(request, limit);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw new DomainError("bad_request", "The form in the request body could not be read.");
  }
  let parts = 0;
  // Field values decode from UTF-8 into well-formed strings (no lone surrogate), but a NUL
  // survives decoding: it is refused like in JSON.
  for (const [key, value] of form) {
    parts += 1;
    if (typeof value === "string" && !isWellFormedText(value)) throw malformedText(key, value);
    const size = typeof value === "string" ? Buffer.byteLength(value) : value.size;
    if (size > limit.maxPartBytes) throw tooLarge({ maxBytes: limit.maxPartBytes, tooLargeMessage: limit.partTooLargeMessage ?? limit.tooLargeMessage });
  }
  if (limit.maxParts !== undefined && parts > limit.maxParts) {
    throw new DomainError("bad_request", `The form has ${parts} parts; at most ${limit.maxParts} are accepted.`);
  }
  return form;
}
