/**
 * Web-standard fetch handlers (Next.js route handlers, Cloudflare Workers, Bun, Deno): verify, then call
 * the handler with the original Request, whose body is still unread, or, when the signature fixes its query
 * in another form than sent (handed-query.ts), with a Request for that URL carrying the same body.
 */
import { bodyTooLarge, handedRequest } from "./handed-request.js";
import { problemResponse } from "./problem.js";
import type { Verifier, VerifierResult } from "./verifier.js";

export type VerifiedResult = Extract<VerifierResult, { ok: true }>;

/**
 * Wraps a fetch handler `(request) => Response` (Next.js route handlers, Cloudflare Workers, Bun, Deno) so
 * that it runs only for a request that passed; a failure is answered with RFC 9457 problem+json.
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @param handler - gets the request, its body unread, and the verification result; further arguments pass through.
 * @returns the wrapped handler.
 *
 * @example
 * ```ts
 * import { createVerifier, withVerification } from "./generated/server.js";
 *
 * const verifier = createVerifier({ resolveKey: () => process.env.HMAC_SECRET });
 * // A Next.js route handler; a Worker's, Bun's or Deno's fetch handler has the same shape.
 * export const GET = withVerification(verifier, async (request, auth) => {
 *   return Response.json({ client: auth.keyId, url: request.url });
 * });
 * ```
 */
export function withVerification<Args extends unknown[]>(
  verifier: Verifier,
  handler: (request: Request, auth: VerifiedResult, ...rest: Args) => Response | Promise<Response>,
): (request: Request, ...rest: Args) => Promise<Response> {
  return async (request, ...rest) => {
    const result = await verifier.verify(request);
    if (!result.ok) return problemResponse(result);
    const handed = await handedRequest(request, result.target, verifier.maxBodyBytes);
    if (!handed) return problemResponse(bodyTooLarge(result));
    return handler(handed, result, ...rest);
  };
}
