/**
 * HMACs and digests as the text a scheme sends (hex, HEX, base64, base64url), from bytes or from text.
 * Where the crypto provider encodes natively (node:crypto), it does; elsewhere the bytes go through
 * TextEncoder and encoding.ts. Both paths give the same text, byte for byte.
 */
import type { CryptoProvider, NativeEncoding } from "./crypto-provider.js";
import { encodeDigest, utf8 } from "./encoding.js";
import { andThen } from "./maybe-promise.js";
import type { DigestEncoding, HashAlgorithm } from "./types.js";

export function encodedHmac(
  crypto: CryptoProvider,
  algorithm: HashAlgorithm,
  key: Uint8Array,
  data: Uint8Array | string,
  encoding: DigestEncoding,
): string | Promise<string> {
  if (crypto.hmacEncoded) {
    const native = crypto.hmacEncoded(algorithm, key, data, nativeOf(encoding));
    return encoding === "HEX" ? native.toUpperCase() : native;
  }
  return encodeLater(crypto.hmac(algorithm, key, typeof data === "string" ? utf8(data) : data), encoding);
}

export function encodedDigest(
  crypto: CryptoProvider,
  algorithm: HashAlgorithm,
  data: Uint8Array | string,
  encoding: DigestEncoding,
): string | Promise<string> {
  if (crypto.digestEncoded) {
    const native = crypto.digestEncoded(algorithm, data, nativeOf(encoding));
    return encoding === "HEX" ? native.toUpperCase() : native;
  }
  return encodeLater(crypto.digest(algorithm, typeof data === "string" ? utf8(data) : data), encoding);
}

function nativeOf(encoding: DigestEncoding): NativeEncoding {
  return encoding === "HEX" ? "hex" : encoding;
}

function encodeLater(bytes: Uint8Array | Promise<Uint8Array>, encoding: DigestEncoding): string | Promise<string> {
  // isPromiseLike, not instanceof Uint8Array: a provider's bytes may come from another realm (vm, iframes).
  return andThen(bytes, (resolved) => encodeDigest(resolved, encoding));
}
