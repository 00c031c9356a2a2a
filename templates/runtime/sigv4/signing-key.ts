/**
 * The derived signing key (AWS IAM User Guide, "Calculate the signature"):
 *   kDate = HMAC("AWS4" + secret, date); kRegion = HMAC(kDate, region);
 *   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request").
 * It changes once a day per region and service, so it is cached (50 entries, as smithy's signature-v4).
 *
 * The cache is keyed by scope and secret. An entry's value, the derived key, signs anything in that scope
 * for the day, so holding the secret beside it exposes nothing the process does not already hold (aws4
 * keys its cache the same way). Keying by an HMAC of the secret instead, as smithy does, cost one more
 * HMAC per request: with it our signer ran at 1.9-2.4x aws4's time (measured).
 */
import type { CryptoProvider } from "../crypto-provider.js";
import { concatBytes, toHex, utf8 } from "../encoding.js";
import type { MaybePromise } from "../maybe-promise.js";
import { SCOPE_TERMINATOR } from "./constants.js";

const MAX_CACHED_KEYS = 50;
/**
 * By secret, then by scope. A text secret is the map key itself, so V8 hashes it once, not per request;
 * byte secrets have a map of their own, by hex, so no text can collide with them.
 */
const textSecrets = new Map<string, Map<string, Uint8Array>>();
const byteSecrets = new Map<string, Map<string, Uint8Array>>();
let cachedKeys = 0;
const AWS4 = utf8("AWS4");

/** `secret` is the secret access key: text, or its UTF-8 bytes. */
export function signingKey(
  crypto: CryptoProvider,
  secret: string | Uint8Array,
  shortDate: string,
  region: string,
  service: string,
): MaybePromise<Uint8Array> {
  // A presented scope is [a-z0-9-] only (parseCredential) and must equal the scheme's before a key is
  // derived, so "/" cannot shift one part into the next.
  const cache = typeof secret === "string" ? textSecrets : byteSecrets;
  const secretKey = typeof secret === "string" ? secret : toHex(secret);
  const scope = `${shortDate}/${region}/${service}`;
  const cached = cache.get(secretKey)?.get(scope);
  if (cached) return cached;
  return deriveKey(crypto, secret, shortDate, region, service).then((key) => {
    if (cachedKeys >= MAX_CACHED_KEYS) {
      // Keys change daily: starting afresh costs four HMACs per live scope, and keeps no stale day around.
      clearSigningKeyCache();
    }
    let entries = cache.get(secretKey);
    if (!entries) {
      entries = new Map();
      cache.set(secretKey, entries);
    }
    if (!entries.has(scope)) cachedKeys += 1;
    entries.set(scope, key);
    return key;
  });
}

async function deriveKey(
  crypto: CryptoProvider,
  secret: string | Uint8Array,
  shortDate: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const secretBytes = typeof secret === "string" ? utf8(secret) : secret;
  let key = await crypto.hmac("sha256", concatBytes([AWS4, secretBytes]), utf8(shortDate));
  for (const part of [region, service, SCOPE_TERMINATOR]) key = await crypto.hmac("sha256", key, utf8(part));
  return key;
}

/** For tests and benchmarks that measure derivation itself. */
export function clearSigningKeyCache(): void {
  textSecrets.clear();
  byteSecrets.clear();
  cachedKeys = 0;
}
