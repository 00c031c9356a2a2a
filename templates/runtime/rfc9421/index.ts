/**
 * `profile: rfc9421`: HTTP Message Signatures (RFC 9421) with hmac-sha256.
 */
import type { Credentials, SignedRequest, SignOptions } from "../sign.js";
import { SigningError } from "../signing-error.js";
import type { RequestDescription, Rfc9421Scheme } from "../types.js";
import type { VerifyOptions, VerifyResult } from "../verify.js";

export async function signRfc9421(
  scheme: Rfc9421Scheme,
  _request: RequestDescription,
  _credentials: Credentials,
  _options: SignOptions,
): Promise<SignedRequest> {
  throw new SigningError(`scheme "${scheme.name}": profile rfc9421 is not implemented yet`);
}

export async function verifyRfc9421(scheme: Rfc9421Scheme, _request: RequestDescription, _options: VerifyOptions): Promise<VerifyResult> {
  return { ok: false, scheme: scheme.name, reason: "unsupported_algorithm", status: scheme.failureStatus };
}
