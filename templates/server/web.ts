/**
 * Web-standard fetch handlers (Next.js route handlers, Cloudflare Workers, Bun, Deno): verify, then call
 * the handler with the original Request, whose body is still unread.
 */
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
    return handler(request, result, ...rest);
  };
}
