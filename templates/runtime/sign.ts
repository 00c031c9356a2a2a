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

/**
 * Signs a request description under a scheme from the generated schemes.ts. The generated client calls it
 * for you; call it directly to sign requests another HTTP client sends.
 *
 * Not itself async: each profile's signer is, and one more promise around it costs a microtask turn per request.
 *
 * @param scheme - the resolved scheme, e.g. `schemes.integrationHmac`.
 * @param request - method, URL and headers as they will be sent, and the exact body bytes.
 * @param credentials - `{ keyId, secret }`; the secret as text in the scheme's secret encoding, or key bytes.
 * @param options - an injected clock, nonce source or crypto provider (tests, golden vectors).
 * @returns the URL to send and the headers to add; throws SigningError for a request no verifier would accept.
 *
 * @example
 * ```ts
 * import { signRequest } from "./generated/runtime/index.js";
 * import { schemes } from "./generated/schemes.js";
 *
 * const secret = process.env.HMAC_SECRET;
 * if (!secret) throw new Error("HMAC_SECRET is not set");
 * const url = "https://weather.example.com/api/v1/forecast/?city=Bern";
 * const signed = await signRequest(schemes.integrationHmac, { method: "GET", url }, { keyId: "nc-1", secret });
 * const response = await fetch(signed.url, { headers: signed.headers }); // exactly what was signed
 * ```
 */
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
