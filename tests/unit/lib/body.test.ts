import { describe, expect, it } from "vitest";
import { JSON_BODY_MAX_BYTES, readBodyBytes, readFormBody, readJsonBody } from "~/lib/body.server";
import { DomainError } from "~/lib/errors";
import { LAZY_CHUNK_BYTES, lazyBody } from "../../support/streams";

const CHUNK = LAZY_CHUNK_BYTES;

// Text bodies are sent as JSON (what the JSON reader requires); a FormData body brings its own type.
function post(body: BodyInit, headers: Record<string, string> = typeof body === "string" ? { "Content-Type": "application/json" } : {}): Request {
  return new Request("https://app.example/any", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("reading a request body with a byte cap", () => {
  it("stops a chunked 256 MB stream with 413 after reading at most the cap plus one chunk", async () => {
    // GIVEN a chunked body (no Content-Length) that would be 256 MB
    const { stream, pulled } = lazyBody(256 * 1024 * 1024);
    // WHEN it is read with the JSON cap
    const error = await refusal(readJsonBody(post(stream, { "Content-Type": "application/json" })));
    // THEN 413, and only the cap plus the chunk that crossed it was ever pulled
    expect(error.code).toBe("payload_too_large");
    expect(pulled()).toBeGreaterThan(JSON_BODY_MAX_BYTES);
    expect(pulled()).toBeLessThanOrEqual(JSON_BODY_MAX_BYTES + CHUNK);
  });

  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    // GIVEN a body that says it is 10 MB
    const { stream, pulled } = lazyBody(10 * 1024 * 1024);
    const request = post(stream, { "Content-Type": "application/json", "Content-Length": String(10 * 1024 * 1024) });
    // WHEN read
    const error = await refusal(readJsonBody(request));
    // THEN 413 and nothing was pulled
    expect(error).toMatchObject({ code: "payload_too_large", message: "The request body is larger than 64 KB." });
    expect(pulled()).toBe(0);
  });

  it("refuses a 10 MB JSON document with 413 and reads a normal one", async () => {
    const big = JSON.stringify({ note: "x".repeat(10 * 1024 * 1024) });
    expect((await refusal(readJsonBody(post(big)))).code).toBe("payload_too_large");
    await expect(readJsonBody(post(JSON.stringify({ orderNumber: "#1001", email: "ava@example.com" })))).resolves.toEqual({
      orderNumber: "#1001",
      email: "ava@example.com",
    });
  });

  it("reads a body of exactly the cap", async () => {
    const bytes = await readBodyBytes(post(new Uint8Array(1000).fill(0x62)), { maxBytes: 1000 });
    expect(bytes.byteLength).toBe(1000);
  });

  it("answers 400 naming the field for a lone UTF-16 surrogate anywhere in the JSON, and keeps emoji", async () => {
    // GIVEN texts with a lone high surrogate, a lone low surrogate deep in an array, and a real emoji
    const lone = await refusal(readJsonBody(post('{"subject":"Broken \\ud800 mug"}')));
    const deep = await refusal(readJsonBody(post('{"lines":[{"note":"ok"},{"note":"x\\udc00"}]}')));
    // THEN 400 with the field's path; an emoji (a surrogate pair) is fine
    expect(lone).toMatchObject({ code: "bad_request", details: { field: "subject" } });
    expect(lone.message).toContain('"subject"');
    expect(deep).toMatchObject({ code: "bad_request", details: { field: "lines.1.note" } });
    await expect(readJsonBody(post('{"subject":"Mug \\ud83d\\ude00"}'))).resolves.toEqual({ subject: "Mug 😀" });
  });

  it("answers 415 before reading a body that does not say it is JSON, and reads application/json and +json types", async () => {
    // GIVEN bodies a cross-site form could send without a CORS preflight, and JSON types
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      // WHEN read as JSON THEN refused as the wrong media type
      expect((await refusal(readJsonBody(post("{}", { "Content-Type": type })))).code, type).toBe("unsupported_media_type");
    }
    expect((await refusal(readJsonBody(post("{}", {})))).code).toBe("unsupported_media_type");
    await expect(readJsonBody(post('{"a":1}', { "Content-Type": "application/json; charset=utf-8" }))).resolves.toEqual({ a: 1 });
    await expect(readJsonBody(post('{"a":1}', { "Content-Type": "application/merge-patch+json" }))).resolves.toEqual({ a: 1 });
  });

  it("answers 400 naming the field for a NUL, which PostgreSQL's text cannot hold", async () => {
    expect(await refusal(readJsonBody(post('{"note":"a\\u0000b"}')))).toMatchObject({ code: "bad_request", details: { field: "note" } });
  });

  it("answers 400 for a body that is not JSON or not UTF-8", async () => {
    expect(await refusal(readJsonBody(post("{not json")))).toMatchObject({ code: "bad_request", message: "The request body is not valid JSON." });
    expect(await refusal(readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22]), { "Content-Type": "application/json" })))).toMatchObject({
      code: "bad_request",
      message: "The request body is not valid UTF-8 text.",
    });
  });
});

describe("reading a form body with caps per part and in total", () => {
  const limit = { maxBytes: 200 * 1024, maxPartBytes: 100 * 1024, maxParts: 3 };

  it("reads a form within the caps", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(1000)], "a.jpg", { type: "image/jpeg" }));
    form.set("note", "hello");
    const read = await readFormBody(post(form), limit);
    const file = read.get("file");
    expect(file instanceof File && file.size).toBe(1000);
    expect(read.get("note")).toBe("hello");
  });

  it("refuses one part over its cap with 413 even when the whole body fits", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(150 * 1024)], "a.jpg", { type: "image/jpeg" }));
    expect((await refusal(readFormBody(post(form), limit))).code).toBe("payload_too_large");
  });

  it("refuses a chunked multipart stream over the total cap while it streams", async () => {
    const { stream, pulled } = lazyBody(256 * 1024 * 1024);
    const error = await refusal(readFormBody(post(stream, { "Content-Type": "multipart/form-data; boundary=x" }), limit));
    expect(error.code).toBe("payload_too_large");
    expect(pulled()).toBeLessThanOrEqual(limit.maxBytes + CHUNK);
  });

  it("refuses too many parts and a body that is not a form with 400", async () => {
    const form = new FormData();
    for (const name of ["a", "b", "c", "d"]) form.set(name, "1");
    expect((await refusal(readFormBody(post(form), limit))).message).toBe("The form has 4 parts; at most 3 are accepted.");
    expect((await refusal(readFormBody(post("{}", { "Content-Type": "application/json" }), limit))).code).toBe("bad_request");
  });
});
