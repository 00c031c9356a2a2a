/**
 * The derived signing key (AWS IAM User Guide, "Calculate the signature"):
 *   kDate = HMAC("AWS4" + secret, date); kRegion = HMAC(kDate, region);
 *   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request").
 * It changes once a day per region and service, so it is cached (as smithy's signature-v4 does, 50
 * entries); the cache is keyed by the secret's HMAC of the scope, never by the secret itself.
 */
import type { CryptoProvider } from "../crypto-provider.js";
import { concatBytes, toHex, utf8 } from "../encoding.js";
import { SCOPE_TERMINATOR } from "./constants.js";

const MAX_CACHED_KEYS = 50;
const cache = new Map<string, Uint8Array>();
const AWS4 = utf8("AWS4");

/** `secret` is the secret access key: text, or its UTF-8 bytes. */
export async function signingKey(
  crypto: CryptoProvider,
  secret: string | Uint8Array,
  shortDate: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const secretBytes = typeof secret === "string" ? utf8(secret) : secret;
  const scope = `${shortDate}/${region}/${service}/${SCOPE_TERMINATOR}`;
  // One HMAC instead of four on a hit; the cache key reveals nothing about the secret.
  const cacheKey = `${scope}:${toHex(await crypto.hmac("sha256", secretBytes, utf8(scope)))}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  let key = await crypto.hmac("sha256", concatBytes([AWS4, secretBytes]), utf8(shortDate));
  for (const part of [region, service, SCOPE_TERMINATOR]) key = await crypto.hmac("sha256", key, utf8(part));
  if (cache.size >= MAX_CACHED_KEYS) {
    // Oldest first: a Map iterates in insertion order.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(cacheKey, key);
  return key;
}

/** For tests and benchmarks that measure derivation itself. */
export function clearSigningKeyCache(): void {
  cache.clear();
}
