/**
 * Verifies a request under any scheme: the dispatch to its profile (profiles.ts). Each profile runs the cheap
 * checks first (carriers, formats, clock), then the key, then the signature in constant time, and claims the
 * nonce or signature only then, so requests that fail authentication cannot fill the replay store. Every
 * failure is a stable reason code (reasons.ts).
 */
import type { VerifyOptions, VerifyResult } from "./contracts.js";
import { verifyRfc9421, verifySigV4, verifyTemplate } from "./profiles.js";
import type { RequestDescription, SigningScheme } from "./types.js";

export { KeyConfigurationError, type KeyResolver, type Secret, type VerifyOptions, type VerifyResult } from "./contracts.js";

/** Not itself async: each profile's verifier is, and one more promise around it costs a microtask turn per request. */
export function verifyRequest(scheme: SigningScheme, request: RequestDescription, options: VerifyOptions): Promise<VerifyResult> {
  if (scheme.profile === "rfc9421") return verifyRfc9421(scheme, request, options);
  if (scheme.profile === "aws-sigv4") return verifySigV4(scheme, request, options);
  return verifyTemplate(scheme, request, options);
}
