/**
 * Rotation on both sides: each key's expected signature is compared with each signature the delivery
 * carries, every compare constant-time (constant-time.ts), so a match reveals nothing about the others.
 */
import { constantTimeEqual } from "../constant-time.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike, type MaybePromise } from "../maybe-promise.js";
import type { DigestEncoding, HashAlgorithm } from "../types.js";

export interface Expected {
  algorithm: HashAlgorithm;
  encoding: DigestEncoding;
  content: string | Uint8Array;
}

/**
 * The matching signature as the verifier computed it, or undefined when none matches. Synchronous while
 * the crypto provider is (node:crypto): a promise per delivery would cost more than the compare.
 */
export function firstMatch(
  crypto: CryptoProvider,
  keys: readonly Uint8Array[],
  expected: Expected,
  received: readonly string[],
): MaybePromise<string | undefined> {
  for (let index = 0; index < keys.length; index++) {
    const computed = encodedHmac(
      crypto,
      expected.algorithm,
      keys[index] as Uint8Array,
      expected.content,
      expected.encoding,
    );
    if (isPromiseLike(computed)) {
      return computed.then((signature) =>
        matchesAny(signature, received) ? signature : firstMatch(crypto, keys.slice(index + 1), expected, received),
      );
    }
    if (matchesAny(computed, received)) return computed;
  }
  return undefined;
}

function matchesAny(signature: string, received: readonly string[]): boolean {
  let matched = false;
  for (const candidate of received) matched = constantTimeEqual(signature, candidate) || matched;
  return matched;
}
