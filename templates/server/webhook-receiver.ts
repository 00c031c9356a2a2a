/**
 * A webhook endpoint for web-standard runtimes (Next.js route handlers, Workers, Bun, Deno, Hono): reads
 * the raw body within the size limit (read-body.ts), refuses a Content-Encoding (the provider signed the
 * bytes it sent, not what a decoder makes of them), verifies, and only then calls the handler with the
 * verified bytes. Every refusal is problem+json (problem.ts); nothing unverified reaches the handler.
 */
import type { CryptoProvider, ReplayStore, WebhookScheme } from "../runtime/index.js";
import { verifyWebhook, type WebhookSecrets, type WebhookVerifyResult } from "../runtime/webhook/index.js";
import { problemResponse } from "./problem.js";
import { readBodyLimited } from "./read-body.js";

export interface WebhookReceiverOptions {
  /** The signing secret, or several during a rotation (any may match). */
  secrets: WebhookSecrets;
  /** Claims each verified delivery once (Standard Webhooks: its id); a failing store refuses with 503. */
  replayStore?: ReplayStore | undefined;
  /** Bodies above this many bytes are refused with 413 before they are verified. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** Twilio only, required there: the public URL the provider posted to (a proxy hides it from the server). */
  publicUrl?: ((request: Request) => string) | undefined;
  now?: (() => number) | undefined;
  crypto?: CryptoProvider | undefined;
}

/**
 * `Payload` is what the spec says the provider sends (webhooks.ts types it from schema.ts): the signature
 * proves who sent the bytes, not that they match the schema, so `json()` parses without validating.
 */
export interface VerifiedDelivery<Payload = unknown> {
  /** The body exactly as verified. */
  bytes: Uint8Array;
  text(): string;
  /** The body parsed as JSON; it throws on a body that is not JSON, which the handler may answer as it likes. */
  json(): Payload;
  verification: Extract<WebhookVerifyResult, { ok: true }>;
}

/** What runs for a verified delivery; its Response is the one the provider gets. */
export type WebhookHandler<Payload = unknown> = (
  delivery: VerifiedDelivery<Payload>,
  request: Request,
) => Response | Promise<Response>;

const DEFAULT_MAX_BODY = 1024 * 1024;
const utf8 = new TextDecoder();

export function webhookReceiver<Payload = unknown>(
  scheme: WebhookScheme,
  options: WebhookReceiverOptions,
  handler: WebhookHandler<Payload>,
): (request: Request) => Promise<Response> {
  // Options are checked once, when the receiver is built: a Twilio receiver without its URL could only ever refuse.
  if (scheme.preset === "twilio" && !options.publicUrl) {
    throw new TypeError(
      `[hmac-codegen] webhook scheme "${scheme.name}" is twilio: pass publicUrl, the URL Twilio posts to`,
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const fail = (reason: "unsigned_encoding" | "body_too_large", status: number) =>
    problemResponse({ ok: false, operation: scheme.name, scheme: scheme.name, reason, status });
  return async (request) => {
    const encoding = request.headers.get("content-encoding");
    if (encoding !== null && encoding.trim().toLowerCase() !== "identity") return fail("unsigned_encoding", 415);
    const body = await readBodyLimited(request.body, request.headers.get("content-length"), maxBodyBytes);
    if (!body.ok) {
      // The rest of the body is never read: the connection cannot carry another request after it (RFC 9112 §9.6).
      const refused = fail("body_too_large", 413);
      refused.headers.set("connection", "close");
      return refused;
    }
    const result = await verifyWebhook(
      scheme,
      { headers: headerEntries(request.headers), body: body.bytes, url: options.publicUrl?.(request) },
      { secrets: options.secrets, replayStore: options.replayStore, now: options.now, crypto: options.crypto },
    );
    if (!result.ok)
      return problemResponse({
        ok: false,
        operation: scheme.name,
        scheme: result.scheme,
        reason: result.reason,
        status: result.status,
      });
    const bytes = body.bytes;
    return handler(
      {
        bytes,
        text: () => utf8.decode(bytes),
        json: () => JSON.parse(utf8.decode(bytes)) as Payload,
        verification: result,
      },
      request,
    );
  };
}

/**
 * Fetch's Headers as entries (repeated fields already joined with ", "); forEach, since lib.dom alone has no iterator.
 */
function headerEntries(headers: Headers): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  return entries;
}
