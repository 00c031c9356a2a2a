/**
 * One way of signing a request: a scheme, a request, key material and the carried values. The
 * explanation signs the attempt the spec defines; the mistake detector signs mutated attempts. Both go
 * through the one signing core (signRequest), never a second implementation of any rule.
 */
import type { CryptoProvider } from "../../templates/runtime/crypto-provider.js";
import { decodeDigest } from "../../templates/runtime/encoding.js";
import { type SignedRequest, signRequest } from "../../templates/runtime/sign.js";
import type { HashAlgorithm, HmacScheme, RequestDescription } from "../../templates/runtime/types.js";

export interface SignAttempt {
  scheme: HmacScheme;
  /** The request as the signer saw it: carried query parameters already taken out. */
  request: RequestDescription;
  /** The secret text in the scheme's encoding, or raw key bytes (a mutation may choose them). */
  secret: string | Uint8Array;
  keyId: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  algorithm: HashAlgorithm;
}

export interface SignedAttempt {
  signed: SignedRequest;
  /** The HMAC bytes, so other encodings of the same digest can be compared without re-signing. */
  digest: Uint8Array;
}

export async function signAttempt(attempt: SignAttempt, crypto?: CryptoProvider): Promise<SignedAttempt> {
  const { scheme } = attempt;
  const signed = await signRequest(
    scheme,
    attempt.request,
    { keyId: attempt.keyId, secret: attempt.secret },
    {
      // "" is a value too (a mutation that signs an empty nonce); only undefined means "not given".
      timestamp: attempt.timestamp,
      nonce: attempt.nonce === undefined ? undefined : () => attempt.nonce as string,
      algorithm: attempt.algorithm,
      crypto,
    },
  );
  const digest = decodeDigest(signed.signature, scheme.signature.encoding);
  if (!digest)
    throw new Error(`[hmac-codegen] internal: the core produced a signature its own decoder rejects (${scheme.signature.encoding})`);
  return { signed, digest };
}
