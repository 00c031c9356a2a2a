/**
 * `profile: aws-sigv4`: AWS Signature Version 4 (HMAC-SHA256 with a derived signing key).
 */
import type { Credentials, SignedRequest, SignOptions } from "../sign.js";
import { SigningError } from "../signing-error.js";
import type { AwsSigV4Scheme, RequestDescription } from "../types.js";
import type { VerifyOptions, VerifyResult } from "../verify.js";

export async function signSigV4(
  scheme: AwsSigV4Scheme,
  _request: RequestDescription,
  _credentials: Credentials,
  _options: SignOptions,
): Promise<SignedRequest> {
  throw new SigningError(`scheme "${scheme.name}": profile aws-sigv4 is not implemented yet`);
}

export async function verifySigV4(scheme: AwsSigV4Scheme, _request: RequestDescription, _options: VerifyOptions): Promise<VerifyResult> {
  return { ok: false, scheme: scheme.name, reason: "unsupported_algorithm", status: scheme.failureStatus };
}
