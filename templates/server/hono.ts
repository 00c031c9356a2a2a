/**
 * Hono 4 middleware: `app.use(honoVerification(verifier))`. The verifier reads a clone of `c.req.raw`,
 * so `c.req.json()` and the raw body stay readable; `c.get("hmac")` holds the result. When the signature
 * fixes the query in another form than sent (handed-query.ts), `c.req.raw` is replaced by a Request for that
 * URL: Hono's `c.req.query()` reads `c.req.raw.url`. Typed structurally.
 */
import { bodyTooLarge, handedRequest } from "./handed-request.js";
import { problemResponse } from "./problem.js";
import type { Verifier, VerifierResult } from "./verifier.js";

export interface HonoContextLike {
  req: { raw: Request };
  set(key: "hmac", value: Extract<VerifierResult, { ok: true }>): void;
}

/**
 * Hono 4 middleware that verifies each request and answers a failure itself (RFC 9457 problem+json); a
 * request that passes goes on with `c.get("hmac")` set, its body still readable.
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @returns middleware for `app.use`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { createVerifier, honoVerification, type VerifierResult } from "./generated/server.js";
 *
 * const app = new Hono<{ Variables: { hmac: Extract<VerifierResult, { ok: true }> } }>();
 * app.use(honoVerification(createVerifier({ resolveKey: () => process.env.HMAC_SECRET })));
 * app.get("/api/v1/forecast/", (c) => c.json({ client: c.get("hmac").keyId ?? null }));
 * ```
 */
export function honoVerification(
  verifier: Verifier,
): (c: HonoContextLike, next: () => Promise<void>) => Promise<Response | undefined> {
  return async (c, next) => {
    const result = await verifier.verify(c.req.raw);
    if (!result.ok) return problemResponse(result);
    const handed = await handedRequest(c.req.raw, result.target, verifier.maxBodyBytes);
    if (!handed) return problemResponse(bodyTooLarge(result));
    c.req.raw = handed;
    c.set("hmac", result);
    await next();
    return undefined;
  };
}
