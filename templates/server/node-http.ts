/**
 * node:http and connect-style middleware (Express 5 uses this shape). The raw body is captured before
 * any body parser, with the size limit, verified, and then put back on the request with `unshift` (the
 * documented way to un-consume a stream) before its 'end' is emitted, so express.json() and friends
 * parse it as usual. The request-target is `req.originalUrl ?? req.url`, as sent. Typed structurally.
 */

import { concatBytes } from "../runtime/index.js";
import { problemFor } from "./problem.js";
import type { Verifier, VerifierResult } from "./verifier.js";

export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before a mount path (`app.use("/v1", router)`) was stripped from `url`. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** IncomingMessage: every header line as received, names and values alternating. */
  rawHeaders?: readonly string[] | undefined;
  /** IncomingMessage: true once the whole message has arrived. */
  complete: boolean;
  readableEnded: boolean;
  read(): Uint8Array | string | null;
  unshift(chunk: Uint8Array): void;
  on(event: "readable" | "end" | "error", listener: (error?: unknown) => void): unknown;
  removeListener(event: "readable" | "end" | "error", listener: (error?: unknown) => void): unknown;
}

export interface NodeResponse {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export type VerifiedResult = Extract<VerifierResult, { ok: true }>;

const verified = new WeakMap<object, VerifiedResult>();

/** The verification result of a request that passed, for handlers after the middleware. */
export function verificationOf(request: object): VerifiedResult | undefined {
  return verified.get(request);
}

/** Connect-style middleware: `(req, res, next)`. Calls `next()` when the request passes. */
export function nodeVerification(
  verifier: Verifier,
): (req: NodeRequest, res: NodeResponse, next: (error?: unknown) => void) => Promise<void> {
  return async (req, res, next) => {
    try {
      const method = req.method ?? "GET";
      // The request-target as sent: Express strips a mount path from req.url, which would change both
      // the operation found and the path whose signature is checked.
      const url = req.originalUrl ?? req.url ?? "/";
      const headers = flatHeaders(req.headers, req.rawHeaders);
      // An absolute-form target (RFC 9112 §3.2.2) names an authority of its own; node's handlers and
      // Express read Host. A signature over one must not pass for a request the app sees as the other
      // (RFC 9421 @authority, review finding M1), so the two must agree.
      if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url) && !sameAuthority(url, headers.host)) {
        return send(res, verifier, {
          ok: false,
          operation: `${method} ${url}`,
          scheme: undefined,
          reason: "malformed_header",
          status: 401,
        });
      }
      let body: Uint8Array | undefined;
      let lost = false;
      if (verifier.needsBody(method, url)) {
        const captured = await captureBody(req, verifier.maxBodyBytes, headers["content-length"]);
        if (!captured) {
          res.setHeader("connection", "close");
          return send(res, verifier, {
            ok: false,
            operation: `${method} ${url}`,
            scheme: undefined,
            reason: "body_too_large",
            status: 413,
          });
        }
        body = captured.bytes;
        lost = !captured.restored;
      }
      const result = await verifier.verifyDescription({ method, url, headers, body });
      if (!result.ok) return send(res, verifier, result);
      // Authentic, but its body could not be put back (node:http2's compat API): the handler must not get
      // an empty stream in its place. A server error, not the client's: use the web adapter for HTTP/2.
      if (lost) return next(new Error("[hmac-codegen] the verified body cannot be handed on; serve HTTP/2 with the web adapter"));
      verified.set(req, result);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** A `(req, res)` handler for `http.createServer` that verifies before calling `handler`. */
export function withNodeVerification<Req extends NodeRequest, Res extends NodeResponse>(
  verifier: Verifier,
  handler: (req: Req, res: Res) => void | Promise<void>,
): (req: Req, res: Res) => void {
  const middleware = nodeVerification(verifier);
  return (req, res) => {
    void middleware(req, res, (error) => {
      if (error) {
        // Never the error's message or stack: it may hold request data.
        res.statusCode = 500;
        res.end();
        return;
      }
      // A handler that throws or rejects (one reading the body of a request whose client went away gets
      // "aborted") would be an unhandled rejection, which ends a Node process: found by issue 9's socket
      // fuzzing. It is answered like the middleware's own errors, 500 without a message.
      Promise.resolve()
        .then(() => handler(req, res))
        .catch(() => {
          if (res.headersSent) return;
          res.statusCode = 500;
          res.end();
        });
    });
  };
}

function send(res: NodeResponse, _verifier: Verifier, failure: Extract<VerifierResult, { ok: false }>): void {
  const problem = problemFor(failure);
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.end(problem.body);
}

function sameAuthority(url: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(url).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/**
 * The headers as the Fetch standard combines them: every line kept, repeats joined with ", ". Read from
 * `rawHeaders` because `req.headers` silently drops the second Authorization (and other singleton
 * headers, per Node's docs), so a request carrying two different signatures verified by the first here
 * while web-standard adapters, and any proxy reading the last one, saw another value (issue 9).
 */
export function flatHeaders(headers: NodeRequest["headers"], rawHeaders?: readonly string[]): Record<string, string> {
  const flat: Record<string, string> = {};
  if (rawHeaders) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = (rawHeaders[i] as string).toLowerCase();
      const value = rawHeaders[i + 1] as string;
      flat[name] = flat[name] === undefined ? value : `${flat[name]}, ${value}`;
    }
    return flat;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** The body bytes, put back on the stream; undefined when it is over the limit (nothing is put back). */
interface CapturedBody {
  bytes: Uint8Array;
  /** False when the bytes could not be put back on the stream for the handler. */
  restored: boolean;
}

function captureBody(req: NodeRequest, maxBytes: number, declaredLength: string | undefined): Promise<CapturedBody | undefined> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) return Promise.resolve(undefined);
  // Only the stream itself says there is no body. Headers do not: HTTP/2 (node:http2's compat API) sends a
  // body without Content-Length, and a lenient parser (insecureHTTPParser) can miss a Transfer-Encoding,
  // so a body decided "absent" from headers would reach the handler unhashed (review of 914f494).
  // (`complete` is no proof either: the whole message may have arrived with its body still buffered.)
  if (req.readableEnded) return Promise.resolve({ bytes: new Uint8Array(0), restored: true });
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const done = (): void => {
      req.removeListener("readable", onReadable);
      req.removeListener("end", onEnd);
      req.removeListener("error", onError);
    };
    const onReadable = (): void => {
      for (let chunk = req.read(); chunk !== null; chunk = req.read()) {
        const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
        length += bytes.length;
        if (length > maxBytes) {
          done();
          resolve(undefined);
          return;
        }
        chunks.push(bytes);
      }
      if (req.complete) {
        done();
        const body = concatBytes(chunks);
        // Same tick as the last read: 'end' has not been emitted, so unshift is allowed.
        if (body.length > 0) req.unshift(body);
        resolve({ bytes: body, restored: true });
      }
    };
    // An empty body can end without a 'readable' event. A non-empty one only gets here when the stream never
    // said `complete` before its end (node:http2's compat request does that): it is verified all the same,
    // but it can no longer be put back for the handler (see nodeVerification).
    const onEnd = (): void => {
      done();
      resolve({ bytes: concatBytes(chunks), restored: chunks.length === 0 });
    };
    const onError = (error?: unknown): void => {
      done();
      reject(error);
    };
    req.on("readable", onReadable);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
