/**
 * Rotation on both sides: each key's expected signature is compared with each signature the delivery
 * carries, every compare constant-time (constant-time.ts), so a match reveals nothing about the others.
 */
import { constantTimeEqual } from "../constant-time.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import type { DigestEncoding, HashAlgorithm } from "../types.js";

export interface Expected {
  algorithm: HashAlgorithm;
  encoding: DigestEncoding;
  content: string | Uint8Array;
}

/** The matching signature as the verifier computed it, or undefined when none matches. */
export async function firstMatch(
  crypto: CryptoProvider,
  keys: readonly Uint8Array[],
  expected: Expected,
  received: readonly string[],
): Promise<string | undefined> {
  for (const key of keys) {
    const computed = encodedHmac(crypto, expected.algorithm, key, expected.content, expected.encoding);
    const signature = isPromiseLike(computed) ? await computed : computed;
    let matched = false;
    for (const candidate of received) matched = constantTimeEqual(signature, candidate) || matched;
    if (matched) return signature;
  }
  return undefined;
}
