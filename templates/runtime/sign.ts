/**
 * Signs a request under any scheme: the dispatch to its profile (profiles.ts). Each profile decides the
 * timestamp and nonce, places what the scheme carries, and builds its string to sign over the exact bytes
 * that will be sent. Nothing reads a global clock or RNG directly: both are injectable (SignOptions), so tests
 * and golden vectors are deterministic.
 */
import type { Credentials, SignedRequest, SignOptions } from "./contracts.js";
import { signRfc9421, signSigV4, signTemplate } from "./profiles.js";
import { SigningError } from "./signing-error.js";
import type { RequestDescription, SigningScheme } from "./types.js";

export type { Credentials, SignedRequest, SignOptions } from "./contracts.js";
export { SigningError };

/** Not itself async: each profile's signer is, and one more promise around it costs a microtask turn per request. */
export function signRequest(
  scheme: SigningScheme,
  request: RequestDescription,
  credentials: Credentials,
  options: SignOptions = {},
): Promise<SignedRequest> {
  if (scheme.profile === "rfc9421") return signRfc9421(scheme, request, credentials, options);
  if (scheme.profile === "aws-sigv4") return signSigV4(scheme, request, credentials, options);
  return signTemplate(scheme, request, credentials, options);
}
