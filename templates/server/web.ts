/**
 * Web-standard fetch handlers (Next.js route handlers, Cloudflare Workers, Bun, Deno): verify, then call
 * the handler with the original Request, whose body is still unread, or, when the signature fixes its query
 * in another form than sent (handed-query.ts), with a Request for that URL carrying the same body.
 */
import { handedRequest } from "./handed-request.js";
import { problemResponse } from "./problem.js";
import type { Verifier, VerifierResult } from "./verifier.js";

export type VerifiedResult = Extract<VerifierResult, { ok: true }>;

export function withVerification<Args extends unknown[]>(
  verifier: Verifier,
  handler: (request: Request, auth: VerifiedResult, ...rest: Args) => Response | Promise<Response>,
): (request: Request, ...rest: Args) => Promise<Response> {
  return async (request, ...rest) => {
    const result = await verifier.verify(request);
    if (!result.ok) return problemResponse(result);
    return handler(await handedRequest(request, result.target), result, ...rest);
  };
}
