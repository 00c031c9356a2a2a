/**
 * Reads a node request body into a BodySpool in paused ("readable") mode, before any body parser. When
 * `restore` is set and the whole body is in memory, the chunks are put back with `unshift` (the documented
 * way to un-consume a stream) in the tick of the last read, before 'end' is emitted, so connect-style
 * middleware hands the same request on with its body unread (express.json() and friends parse it).
 */
import { utf8 } from "../runtime/index.js";
import type { BodySpool } from "./body-spool.js";

/** The stream half of IncomingMessage this needs; node:http2's compat request fits too. */
export interface BodySource {
  /** IncomingMessage: true once the whole message has arrived. */
  complete: boolean;
  readableEnded: boolean;
  /** Bytes buffered and not yet read; with `complete`, 0 means the body is empty. */
  readableLength?: number | undefined;
  read(): Uint8Array | string | null;
  unshift(chunk: Uint8Array): void;
  on(event: "readable" | "end" | "error" | "close", listener: (error?: unknown) => void): unknown;
  removeListener(event: "readable" | "end" | "error" | "close", listener: (error?: unknown) => void): unknown;
}

/** Feeds the spool until the body ends, goes over the limit, or the stream fails; the spool tells which. */
export function captureBody(
  req: BodySource,
  spool: BodySpool,
  restore: boolean,
  declaredLength: string | undefined,
): void {
  if (declaredLength !== undefined && Number(declaredLength) > spool.maxBytes) {
    spool.refuse();
    return;
  }
  // Only the stream itself says there is no body. Headers do not: HTTP/2 (node:http2's compat API) sends a
  // body without Content-Length, and a lenient parser (insecureHTTPParser) can miss a Transfer-Encoding,
  // so a body decided "absent" from headers would reach the handler unhashed.
  // (`complete` is no proof either: the whole message may have arrived with its body still buffered.)
  if (req.readableEnded) {
    spool.end(true);
    return;
  }
  // Whole and nothing buffered: an empty body, known without a read. Reading it (or even listening for
  // 'readable', which reads on the next tick) would end the stream before the handler listens, so its
  // req.on("end"), raw-body and stream.pipeline would never finish. Node emits 'request' before its parser
  // reaches the end of a bodyless message in the same chunk, so the check waits one microtask.
  const listen = listenFor(req, spool, restore);
  void Promise.resolve().then(() => {
    if (req.complete && req.readableLength === 0 && !req.readableEnded) spool.end(true);
    else if (req.readableEnded) spool.end(spool.received === 0);
    else listen();
  });
}

function listenFor(req: BodySource, spool: BodySpool, restore: boolean): () => void {
  let waiting = false;
  const detach = (): void => {
    req.removeListener("readable", onReadable);
    req.removeListener("end", onEnd);
    req.removeListener("error", onError);
    req.removeListener("close", onClose);
  };
  const onReadable = (): void => {
    if (waiting) return;
    for (let chunk = req.read(); chunk !== null; chunk = req.read()) {
      const outcome = spool.append(typeof chunk === "string" ? utf8(chunk) : chunk);
      if (outcome === "stop") {
        detach();
        return;
      }
      if (outcome === "wait") {
        // The disk is behind: stop reading (the socket pauses once node's buffer is full) until it catches up.
        waiting = true;
        void spool.drained().then(() => {
          waiting = false;
          onReadable();
        });
        return;
      }
    }
    if (req.complete) {
      detach();
      const chunks = restore ? spool.chunks() : undefined;
      // Same tick as the last read: 'end' has not been emitted, so unshift is allowed. Last chunk first,
      // each in front of the one after it: no copy of the body is made.
      if (chunks) for (let i = chunks.length - 1; i >= 0; i--) req.unshift(chunks[i] as Uint8Array);
      spool.end(chunks !== undefined);
    }
  };
  // An empty body can end without a 'readable' event. A non-empty one only gets here when the stream never
  // said `complete` before its end (node:http2's compat request does that): verified all the same, but it
  // cannot be put back on that stream.
  const onEnd = (): void => {
    detach();
    spool.end(spool.received === 0);
  };
  const onError = (error?: unknown): void => {
    detach();
    spool.fail(error instanceof Error ? error : new Error("[hmac-codegen] the request stream failed"));
  };
  // The client went away before the end (node emits 'error' with "aborted" first; this is the backstop).
  const onClose = (): void => {
    detach();
    spool.fail(new Error("[hmac-codegen] the request closed before its body ended"));
  };
  return () => {
    req.on("readable", onReadable);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  };
}
