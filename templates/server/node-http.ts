/**
 * node:http and connect-style middleware (Express 5 uses this shape). The raw body is captured before
 * any body parser, with the size limit, and verified. The middleware (`nodeVerification`) keeps it in
 * memory and puts it back on the request with `unshift` (the documented way to un-consume a stream)
 * before its 'end' is emitted, so express.json() and friends parse it as usual. `withNodeVerification`
 * does the same for a small body; one above the verifier's `spoolAboveBytes` waits in a temp file and
 * the handler reads it back from there. The request-target is `req.originalUrl ?? req.url`, as sent.
 * Typed structurally.
 */

import { headerMapOfLines } from "../runtime/headers.js";
import { type HeaderMap, headerMap, splitRequestTarget } from "../runtime/index.js";
import { BodySpool } from "./body-spool.js";
import { type BodySource, captureBody } from "./capture-body.js";
import { withQuery } from "./handed-query.js";
import { nodeBuiltins } from "./node-builtins.js";
import { problemFor } from "./problem.js";
import { spooledRequest } from "./spooled-request.js";
import type { Verifier, VerifierResult } from "./verifier.js";

export interface NodeRequest extends BodySource {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before a mount path (`app.use("/v1", router)`) was stripped from `url`. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** IncomingMessage: every header line as received, names and values alternating. */
  rawHeaders?: readonly string[] | undefined;
}

export interface NodeResponse {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  /** ServerResponse: 'close' ends every response, finished or aborted; a spooled body's file is closed then. */
  once?(event: "close", listener: () => void): unknown;
}

export type VerifiedResult = Extract<VerifierResult, { ok: true }>;

const verified = new WeakMap<object, VerifiedResult>();

/**
 * The verification result of a request that passed, for handlers after the middleware.
 *
 * @param request - the `req` a node:http or Express adapter passed on.
 * @returns the result (operation, schemes, scheme, key id), or undefined when no adapter verified this request.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createVerifier, expressVerification, verificationOf } from "./generated/server.js";
 *
 * const app = express();
 * app.use(expressVerification(createVerifier({ resolveKey: () => process.env.HMAC_SECRET })));
 * app.post("/api/v1/integrations/token/", (req, res) => {
 *   const auth = verificationOf(req); // set for every request the middleware let through
 *   res.json({ client: auth?.keyId, scheme: auth?.scheme });
 * });
 * ```
 */
export function verificationOf(request: object): VerifiedResult | undefined {
  return verified.get(request);
}

/**
 * Connect-style middleware: `(req, res, next)`. Calls `next()` when the request passes. The same `req`
 * must flow to `next()` with its body unread, and node offers one way to un-read a consumed request:
 * `unshift`, which needs the bytes in memory. So here the body stays in memory, up to `maxBodyBytes`
 * (no temp-file spooling for middleware; `withNodeVerification` spools a large body).
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @returns `(req, res, next)` middleware; `verificationOf(req)` then holds the key id and scheme.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createVerifier, nodeVerification, verificationOf } from "./generated/server.js";
 *
 * const verify = nodeVerification(createVerifier({ resolveKey: () => process.env.HMAC_SECRET }));
 * createServer((req, res) => {
 *   void verify(req, res, (error) => {
 *     res.writeHead(error ? 500 : 200).end(error ? undefined : `hello ${verificationOf(req)?.keyId}`);
 *   });
 * }).listen(8080);
 * ```
 */
export function nodeVerification(
  verifier: Verifier,
): (req: NodeRequest, res: NodeResponse, next: (error?: unknown) => void) => Promise<void> {
  return async (req, res, next) => {
    try {
      const passed = await verifyNodeRequest(verifier, req, res, Number.POSITIVE_INFINITY);
      if (!passed) return;
      // Authentic, but its body could not be put back (node:http2's compat API): the handler must not get
      // an empty stream in its place. A server error, not the client's: use withNodeVerification or the web
      // adapter for HTTP/2.
      if (passed.spool && !passed.spool.restored)
        return next(
          new Error("[hmac-codegen] the verified body cannot be handed on; serve HTTP/2 with withNodeVerification"),
        );
      handOn(req, passed.result);
      verified.set(req, passed.result);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A `(req, res)` handler for `http.createServer` that verifies before calling `handler`. A body above the
 * verifier's `spoolAboveBytes` waits in a temp file (body-spool.ts), and the handler gets a request whose
 * stream reads it back (spooled-request.ts); a smaller one is put back on `req` itself.
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @param handler - runs only for a request that passed; a failure is answered before it (RFC 9457 problem+json).
 * @returns a listener for `http.createServer` (or `https`).
 *
 * @example
 * ```ts
 * import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
 * import { createVerifier, verificationOf, withNodeVerification } from "./generated/server.js";
 *
 * const verifier = createVerifier({ resolveKey: () => process.env.HMAC_SECRET, spoolAboveBytes: 1024 * 1024 });
 * createServer(
 *   withNodeVerification(verifier, (req: IncomingMessage, res: ServerResponse) => {
 *     res.end(`hello ${verificationOf(req)?.keyId}`);
 *   }),
 * ).listen(8080);
 * ```
 */
export function withNodeVerification<Req extends NodeRequest, Res extends NodeResponse>(
  verifier: Verifier,
  handler: (req: Req, res: Res) => void | Promise<void>,
): (req: Req, res: Res) => void {
  const fail = (res: Res): void => {
    // Never the error's message or stack: it may hold request data.
    if (res.headersSent) return;
    res.statusCode = 500;
    res.end();
  };
  return (req, res) => {
    // Spooling needs to know when the response is over, to close the file.
    const spoolAbove = typeof res.once === "function" ? verifier.spoolAboveBytes : Number.POSITIVE_INFINITY;
    void verifyNodeRequest(verifier, req, res, spoolAbove).then(
      (passed) => {
        if (!passed) return;
        handOn(req, passed.result);
        let handed = req;
        if (passed.spool && !passed.spool.restored) {
          const builtins = nodeBuiltins();
          if (!builtins) return fail(res);
          handed = spooledRequest(req, passed.spool, builtins);
          // The file stays open while the handler reads it, even after the response ended (a handler that
          // answers 202 and reads afterwards would otherwise lose a large body). The socket closing ends that.
          const readerDone = passed.spool.addReader();
          (handed as unknown as EventSource).once("end", readerDone);
          (handed as unknown as EventSource).once("close", readerDone);
          (req as { socket?: Partial<EventSource> | null }).socket?.once?.("close", readerDone);
          verified.set(handed, passed.result);
        }
        verified.set(req, passed.result);
        // A handler that throws or rejects (one reading the body of a request whose client went away gets
        // "aborted") would be an unhandled rejection, which ends a Node process (found by fuzzing the socket).
        // It is answered like the middleware's own errors, 500 without a message.
        Promise.resolve()
          .then(() => handler(handed, res))
          .catch(() => fail(res));
      },
      () => fail(res),
    );
  };
}

/**
 * Puts the query the signature fixes on the request (handed-query.ts): Express 5 parses `req.query` from
 * `req.url` on each read, node handlers read `req.url` themselves.
 */
function handOn(req: NodeRequest, result: VerifiedResult): void {
  if (result.target === undefined) return;
  const { query } = splitRequestTarget(result.target);
  if (req.url !== undefined) req.url = withQuery(req.url, query);
  if (req.originalUrl !== undefined) req.originalUrl = withQuery(req.originalUrl, query);
}

/** A stream or socket's one-shot listener, typed structurally. */
interface EventSource {
  once(event: "end" | "close", listener: () => void): unknown;
}

interface PassedRequest {
  result: VerifiedResult;
  /** The body, when the operation's security reads it; complete, and put back on the request if `restored`. */
  spool: BodySpool | undefined;
}

/** Verifies; answers a refusal itself (undefined); throws on a stream or server error. */
async function verifyNodeRequest(
  verifier: Verifier,
  req: NodeRequest,
  res: NodeResponse,
  spoolAboveBytes: number,
): Promise<PassedRequest | undefined> {
  const method = req.method ?? "GET";
  // The request-target as sent: Express strips a mount path from req.url, which would change both
  // the operation found and the path whose signature is checked.
  const url = req.originalUrl ?? req.url ?? "/";
  const headers = requestHeaders(req.headers, req.rawHeaders);
  const refuse = (reason: "malformed_header" | "body_too_large", status: number): undefined => {
    send(res, verifier, { ok: false, operation: `${method} ${url}`, scheme: undefined, reason, status });
    return undefined;
  };
  // An absolute-form target whose authority is not Host, a `#` or a `\\`: the verifier core refuses
  // them (target-hygiene.ts), the same in every adapter.
  if (!verifier.needsBody(method, url)) {
    const result = await verifier.verifyDescription({ method, url, headers });
    return result.ok ? { result, spool: undefined } : void send(res, verifier, result);
  }
  // A bodyless request (every GET) is known without a spool: one microtask later, as captureBody waits, the
  // stream says it is whole with nothing buffered. The spool, its 'close' listener and its promises cost a
  // third of what the adapter added to a verified GET (measured in a throughput profile).
  if (await knownEmpty(req, verifier.maxBodyBytes, headers.get("content-length"))) {
    const result = await verifier.verifyDescription({ method, url, headers, body: NO_BODY });
    return result.ok ? { result, spool: undefined } : void send(res, verifier, result);
  }
  const spool = new BodySpool({ maxBytes: verifier.maxBodyBytes, spoolAboveBytes, directory: verifier.spoolDirectory });
  // 'close' follows the end of every response, sent or aborted: the file is closed whatever happened.
  res.once?.("close", () => spool.releaseWhenIdle());
  captureBody(req, spool, true, headers.get("content-length"));
  const tooLarge = (): undefined => {
    res.setHeader("connection", "close");
    return refuse("body_too_large", 413);
  };
  try {
    // Verification starts once the body is whole or spooled, so a large body is hashed while it arrives.
    await spool.firstSight();
    const result = await verifier.verifyDescription({ method, url, headers, body: spool.verifiable() });
    if (!result.ok) {
      // Refused before the body ended (a bad header needs no body): the rest is not read.
      if (!spool.complete) res.setHeader("connection", "close");
      void spool.release();
      return void send(res, verifier, result);
    }
    // An alternative without a body-covering scheme can pass before the body ends: it must still be whole.
    await spool.finished();
    return { result, spool };
  } catch (error) {
    if (spool.tooLarge) return tooLarge();
    void spool.release();
    throw error;
  }
}

const NO_BODY = new Uint8Array(0);

/**
 * Whether the body is known to be empty without reading it, under captureBody's rules: only the stream says
 * so (headers do not: HTTP/2 sends a body without Content-Length), after one microtask, since node emits
 * 'request' before its parser reaches the end of a bodyless message in the same chunk. A declared length
 * over the limit is left to captureBody, which refuses it.
 */
async function knownEmpty(req: NodeRequest, maxBytes: number, declaredLength: string | undefined): Promise<boolean> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) return false;
  // Ended before anyone here read it: captureBody counts that as empty too.
  if (req.readableEnded) return true;
  await undefined;
  return req.readableEnded || (req.complete && req.readableLength === 0);
}

function send(res: NodeResponse, _verifier: Verifier, failure: Extract<VerifierResult, { ok: false }>): void {
  const problem = problemFor(failure);
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.end(problem.body);
}

/**
 * The headers as the verifier reads them (flatHeaders' lines, normalised as headerMap does), built once:
 * verifyDescription takes this map as it is.
 */
export function requestHeaders(headers: NodeRequest["headers"], rawHeaders?: readonly string[]): HeaderMap {
  return rawHeaders ? headerMapOfLines(rawHeaders) : headerMap(flatHeaders(headers));
}

/**
 * The headers as the Fetch standard combines them: every line kept, repeats joined with ", ". Read from
 * `rawHeaders` because `req.headers` silently drops the second Authorization (and other singleton
 * headers, per Node's docs), so a request carrying two different signatures verified by the first here
 * while web-standard adapters, and any proxy reading the last one, saw another value.
 */
export function flatHeaders(headers: NodeRequest["headers"], rawHeaders?: readonly string[]): Record<string, string> {
  const flat: Record<string, string> = {};
  if (rawHeaders) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = (rawHeaders[i] as string).toLowerCase();
      const value = rawHeaders[i + 1] as string;
      const before = flat[name];
      flat[name] = before === undefined ? value : `${before}, ${value}`;
    }
    return flat;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
