/**
 * A web Request for the target a verification hands on (handed-query.ts), with the same method, headers,
 * body and signal; the request itself when there is none. The body is passed as bytes, not as its stream:
 * a Request built from another moves a ReadableStream, which only Chromium can send as an upload body
 * (msw's handlers run in every browser). They are read with the verifier's size limit: a scheme that does
 * not sign the body never had it read, so this may be the first read. Undefined when the body is over it.
 */
import { splitRequestTarget } from "../runtime/index.js";
import { withQuery } from "./handed-query.js";
import { readBodyLimited } from "./read-body.js";

export async function handedRequest(
  request: Request,
  target: string | undefined,
  maxBytes: number,
): Promise<Request | undefined> {
  if (target === undefined) return request;
  const url = withQuery(request.url, splitRequestTarget(target).query);
  const bodyless = request.method === "GET" || request.method === "HEAD" || request.body === null;
  const read = bodyless
    ? undefined
    : await readBodyLimited(request.body, request.headers.get("content-length"), maxBytes);
  if (read && !read.ok) return undefined;
  const body = read ? (read.bytes as Uint8Array<ArrayBuffer>) : null;
  return new Request(url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/** The answer when the handed-on body is over the limit: 413 body_too_large, as the verifier answers it. */
export function bodyTooLarge(result: { operation?: string | undefined; scheme?: string | undefined }): {
  ok: false;
  operation: string;
  scheme: string | undefined;
  reason: "body_too_large";
  status: 413;
} {
  return { ok: false, operation: result.operation ?? "", scheme: result.scheme, reason: "body_too_large", status: 413 };
}
