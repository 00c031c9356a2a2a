/**
 * A web Request for the target a verification hands on (handed-query.ts), with the same method, headers,
 * body and signal; the request itself when there is none. The body is passed as bytes, not as its stream:
 * a Request built from another moves a ReadableStream, which only Chromium can send as an upload body
 * (msw's handlers run in every browser). The verifier has read a clone, so the bytes are at hand.
 */
import { splitRequestTarget } from "../runtime/index.js";
import { withQuery } from "./handed-query.js";

export async function handedRequest(request: Request, target: string | undefined): Promise<Request> {
  if (target === undefined) return request;
  const url = withQuery(request.url, splitRequestTarget(target).query);
  const bodyless = request.method === "GET" || request.method === "HEAD" || request.body === null;
  const body = bodyless ? null : await request.arrayBuffer();
  return new Request(url, { method: request.method, headers: request.headers, body, signal: request.signal });
}
