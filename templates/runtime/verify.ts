/**
 * Verifies a request under any scheme: the dispatch to its profile (profiles.ts). Each profile runs the cheap
 * checks first (carriers, formats, clock), then the key, then the signature in constant time, and claims the
 * nonce or signature only then, so requests that fail authentication cannot fill the replay store. Every
 * failure is a stable reason code (reasons.ts).
 */
import type { VerifyOptions, VerifyResult } from "./contracts.js";
import { verifyRfc9421, verifySigV4, verifyTemplate } from "./profiles.js";
import type { RequestDescription, SigningScheme } from "./types.js";

export {
  KeyConfigurationError,
  type KeyResolver,
  type Secret,
  type VerifyOptions,
  type VerifyResult,
} from "./contracts.js";

/**
 * Verifies one request description under one scheme. The generated verifier (server.ts) calls it for each
 * scheme of an operation's `security`; call it directly for a transport no adapter covers.
 *
 * Not itself async: each profile's verifier is, and one more promise around it costs a microtask turn per request.
 *
 * @param scheme - the resolved scheme, e.g. `schemes.integrationHmac`.
 * @param request - method, request-target and headers as received, and the exact body bytes.
 * @param options - `resolveKey` for the secret(s) of a key id, and a replay store for nonces.
 * @returns `{ ok: true, keyId }`, or `{ ok: false, reason, status }` with a stable reason code.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, verifyRequest } from "./generated/runtime/index.js";
 * import { schemes } from "./generated/schemes.js";
 *
 * const received = { method: "GET", url: "/api/v1/forecast/?city=Bern", headers: { "X-Client-Id": "nc-1" } };
 * const result = await verifyRequest(schemes.integrationHmac, received, {
 *   resolveKey: (keyId) => (keyId === "nc-1" ? process.env.HMAC_SECRET : undefined),
 *   replayStore: new MemoryReplayStore(),
 * });
 * if (!result.ok) console.log(result.status, result.reason); // 401 missing_credentials: no signature
 * ```
 */
export function verifyRequest(
  scheme: SigningScheme,
  request: RequestDescription,
  options: VerifyOptions,
): Promise<VerifyResult> {
  if (scheme.profile === "rfc9421") return verifyRfc9421(scheme, request, options);
  if (scheme.profile === "aws-sigv4") return verifySigV4(scheme, request, options);
  return verifyTemplate(scheme, request, options);
}
