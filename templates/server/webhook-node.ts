/**
 * A web `Request` webhook receiver (webhook-receiver.ts) served from node:http or Express 5: the raw body
 * is captured as node-http.ts captures it (capture-body.ts, before any body parser, within the limit),
 * handed to the receiver as a `Request` with the same bytes and headers, and its `Response` written back.
 * Mount it as the route's handler, before (or instead of) `express.json()`: a parsed and re-serialised
 * body no longer verifies. Typed structurally.
 */
import { concatBytes } from "../runtime/index.js";
import { BodySpool } from "./body-spool.js";
import { captureBody } from "./capture-body.js";
import { flatHeaders, type NodeRequest, type NodeResponse } from "./node-http.js";
import { problemResponse } from "./problem.js";

export interface NodeWebhookOptions {
  /** Bodies above this many bytes are refused with 413 while they arrive. Default 1 MiB, the receiver's default. */
  maxBodyBytes?: number | undefined;
}

type Receive = (request: Request) => Promise<Response>;

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * `(req, res)` for `http.createServer` or an Express 5 route, over a receiver from webhooks.ts.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { nodeWebhook, pushReceiver } from "./generated/webhooks.js";
 *
 * const app = express();
 * app.post("/hooks/github", nodeWebhook(pushReceiver({ secrets: [process.env.GITHUB_WEBHOOK_SECRET ?? ""] }, async
 * (push) => {
 *   return new Response(null, { status: 204 });
 * })));
 * ```
 */
export function nodeWebhook(
  receive: Receive,
  options: NodeWebhookOptions = {},
): (req: NodeRequest, res: WebhookNodeResponse) => void {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req, res) => {
    void respond(receive, req, res, maxBytes).catch(() => {
      // Never the error's message: it may hold request data.
      if (res.headersSent) return;
      res.statusCode = 500;
      res.end();
    });
  };
}

/** NodeResponse, plus the binary write a handler's Response body needs. */
export interface WebhookNodeResponse extends NodeResponse {
  end(body?: string | Uint8Array): unknown;
}

async function respond(receive: Receive, req: NodeRequest, res: WebhookNodeResponse, maxBytes: number): Promise<void> {
  const headers = flatHeaders(req.headers, req.rawHeaders);
  const spool = new BodySpool({ maxBytes, spoolAboveBytes: Number.POSITIVE_INFINITY, directory: undefined });
  captureBody(req, spool, false, headers["content-length"]);
  try {
    await spool.finished();
  } catch (error) {
    if (!spool.tooLarge) throw error;
    res.setHeader("connection", "close");
    return write(
      res,
      problemResponse({ ok: false, operation: "webhook", scheme: undefined, reason: "body_too_large", status: 413 }),
    );
  }
  const method = req.method ?? "POST";
  const body = concatBytes(spool.chunks() ?? []);
  // The host is a placeholder: a receiver reads the URL only through its publicUrl option (Twilio).
  const request = new Request(new URL(req.originalUrl ?? req.url ?? "/", "http://localhost"), {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: body as Uint8Array<ArrayBuffer> }),
  });
  await write(res, await receive(request));
}

async function write(res: WebhookNodeResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(body);
}
