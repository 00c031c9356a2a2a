/**
 * Nonces: fresh random bytes per request (nextcloud-drf: 16 bytes as 32 hex characters, from PHP's random_bytes(16)).
 */
import type { CryptoProvider } from "./crypto-provider.js";
import { encodeDigest } from "./encoding.js";
import type { NonceRule } from "./types.js";

export function generateNonce(rule: NonceRule, crypto: CryptoProvider): string {
  return encodeDigest(crypto.randomBytes(rule.bytes), rule.encoding);
}

/** Key ids are printable ASCII without spaces, 1-256 characters: they travel in headers and logs. */
export function isWellFormedKeyId(keyId: string): boolean {
  return /^[\x21-\x7e]{1,256}$/.test(keyId);
}

/** Printable ASCII without separators, at most 256 characters: anything else is a malformed nonce. */
export function isWellFormedNonce(nonce: string): boolean {
  return nonce.length > 0 && nonce.length <= 256 && /^[\x21-\x7e]+$/.test(nonce);
}
