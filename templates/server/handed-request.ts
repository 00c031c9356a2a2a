/**
 * A web Request for the target a verification hands on (handed-query.ts), with the same method, headers,
 * body and signal; the request itself when there is none. The body stream moves to the new Request
 * (Fetch: a Request built from another takes its body), so it is still read once, by the handler.
 */
import { splitRequestTarget } from "../runtime/index.js";
import { withQuery } from "./handed-query.js";

export function handedRequest(request: Request, target: string | undefined): Request {
  if (target === undefined) return request;
  return new Request(withQuery(request.url, splitRequestTarget(target).query), request);
}
