/**
 * Which crypto provider a generated output uses when the caller passes none (config `crypto`, CLI
 * `--crypto`): "auto" picks node:crypto where the runtime has it (about 25x faster per short HMAC on
 * Node 20) and Web Crypto elsewhere; "web" is Web Crypto always, so a browser bundle carries no
 * node:crypto provider. Both give the same bytes.
 */
export const CRYPTO_DEFAULTS = ["auto", "web"] as const;
export type CryptoDefault = (typeof CRYPTO_DEFAULTS)[number];

export function isCryptoDefault(value: unknown): value is CryptoDefault {
  return typeof value === "string" && (CRYPTO_DEFAULTS as readonly string[]).includes(value);
}

export function unknownCryptoMessage(value: unknown): string {
  return `expected "auto" (node:crypto where it exists, else Web Crypto) or "web" (Web Crypto always), not ${JSON.stringify(value)}`;
}
