import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveWebhook, recordWebhook, spoolWebhook, type ReceiveOutcome } from "./inbox.server";

/**
 * The production server's webhook door: answers `POST /webhooks/*` straight from Node's
 * request, before Remix, Express's body parsers or React are involved. It does what the
 * Remix routes do (verify, then `receiveWebhook`), in fewer steps: the body is read as bytes
 * up to a cap, the HMAC compared in constant time over those bytes, and the row group-committed
 * by the inbox (on SQLite into the spool, `spool`). docs/decisions/025-webhook-door.md has the figures.
 */
export type DoorOptions = {
  /** The app's client secret: Shopify signs each body with it. */
  secret: string;
  /** Larger bodies are refused with 413 while still streaming in. */
  maxBodyBytes?: number;
  now?: () => Date;
  /**
   * SQLite only: store into the spool file (app/automation/spool.server.ts) the workers move
   * into the inbox, so an acknowledgement never waits on a worker's write lock.
   */
  spool?: boolean;
  /** Where failures to store are reported (never payloads). */
  log?: (line: string) => void;
};

/** Shopify's largest webhook bodies (an order with hundreds of lines) stay well under this. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

const REQUIRED_HEADERS = ["x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-api-version"] as const;

/** Handles one webhook request to the end: every path answers and closes it. */
export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse, options: DoorOptions): Promise<void> {
  if (req.method !== "POST") return answer(res, 405, { Allow: "POST" });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return refuseOversized(req, res);
  const body = await readBody(req, limit);
  if (body === "too_large") return refuseOversized(req, res);
  if (body === "aborted") return;
  const hmac = header(req, "x-shopify-hmac-sha256");
  if (!hmac) return answer(res, 400);
  if (!validHmac(body, hmac, options.secret)) return answer(res, 401);
  const values = REQUIRED_HEADERS.map((name) => header(req, name));
  const [topic, shop, webhookId, apiVersion] = values;
  if (!topic || !shop || !webhookId || !apiVersion) return answer(res, 400);
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return answer(res, 400);
  }
  let outcome: ReceiveOutcome;
  try {
    outcome = await receiveWebhook(
      {
        shop,
        topic: normalizeTopic(topic),
        webhookId,
        apiVersion,
        eventId: header(req, "x-shopify-event-id"),
        triggeredAt: header(req, "x-shopify-triggered-at"),
        payload,
      },
      options.now?.() ?? new Date(),
      options.spool ? spoolWebhook : recordWebhook,
    );
  } catch (error) {
    // Not stored: a 500 makes Shopify deliver it again, which is what we want.
    (options.log ?? console.error)(`Webhook door: storing ${topic} ${webhookId} for ${shop} failed: ${error instanceof Error ? error.message : String(error)}`);
    return answer(res, 500);
  }
  answer(res, outcome === "shop_mismatch" ? 401 : 200);
}

/** X-Shopify-Topic `customers/data_request` as the inbox stores it, as @shopify/shopify-api names it: CUSTOMERS_DATA_REQUEST. */
export function normalizeTopic(topic: string): string {
  return topic.toUpperCase().replace(/[/.]/g, "_");
}

/** HMAC-SHA256 of the raw body, base64, compared in constant time (a timing leak would let the signature be guessed byte by byte). */
export function validHmac(body: Buffer, hmacHeader: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(hmacHeader, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too_large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: Buffer | "too_large" | "aborted") => {
      if (done) return;
      done = true;
      req.removeListener("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish("too_large");
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => finish(Buffer.concat(chunks, size)));
    req.on("error", () => finish("aborted"));
    req.on("aborted", () => finish("aborted"));
  });
}

// The rest of an oversized body is not read: the answer goes out and the connection closes.
function refuseOversized(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Connection", "close");
  answer(res, 413);
  req.resume();
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Length": "0", ...headers });
  res.end();
}
