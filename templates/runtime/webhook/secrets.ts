/**
 * Key bytes from webhook secrets. Standard Webhooks secrets are base64 behind a `whsec_` prefix (Standard
 * Webhooks specification, "Signature scheme"); Stripe's `whsec_…` is used as it is, as UTF-8 text
 * (stripe-node `webhooks.signature`), like GitHub's, Slack's, Shopify's and Twilio's secrets.
 */
import { decodeSecret } from "../encoding.js";
import { SigningError } from "../signing-error.js";
import type { WebhookPreset } from "../types.js";
import type { WebhookSecret, WebhookSecrets } from "./delivery.js";

const STANDARD_PREFIX = "whsec_";

export function secretList(secrets: WebhookSecrets): readonly WebhookSecret[] {
  return typeof secrets === "string" || secrets instanceof Uint8Array ? [secrets] : secrets;
}

/**
 * Every secret's key bytes, in order; a secret that cannot be a key throws (a configuration mistake, named without the
 * secret).
 */
export function webhookKeys(preset: WebhookPreset, schemeName: string, secrets: WebhookSecrets): readonly Uint8Array[] {
  // One text secret, the common case: its key list is built once, not per delivery.
  if (typeof secrets === "string") {
    const cache = preset === "standard-webhooks" ? standardSingles : textSingles;
    const cached = cache.get(secrets);
    if (cached) return cached;
    if (cache.size >= 64) cache.clear();
    const keys = keysOf(preset, schemeName, [secrets]);
    cache.set(secrets, keys);
    return keys;
  }
  return keysOf(preset, schemeName, secretList(secrets));
}

const standardSingles = new Map<string, readonly Uint8Array[]>();
const textSingles = new Map<string, readonly Uint8Array[]>();

function keysOf(preset: WebhookPreset, schemeName: string, list: readonly WebhookSecret[]): readonly Uint8Array[] {
  if (list.length === 0) throw new WebhookSecretError(schemeName, "no secret was given");
  return list.map((secret) => {
    const key = keyOf(preset, secret);
    if (!key || key.length === 0) {
      throw new WebhookSecretError(
        schemeName,
        preset === "standard-webhooks" ? "a secret is not whsec_ base64" : "a secret is empty",
      );
    }
    return key;
  });
}

function keyOf(preset: WebhookPreset, secret: WebhookSecret): Uint8Array | undefined {
  if (typeof secret !== "string") return secret;
  if (preset !== "standard-webhooks") return decodeSecret(secret, "utf8");
  return decodeSecret(secret.startsWith(STANDARD_PREFIX) ? secret.slice(STANDARD_PREFIX.length) : secret, "base64");
}

/** A secret that cannot be a key: the scheme and the mistake are named, never the secret. */
export class WebhookSecretError extends Error {
  constructor(schemeName: string, problem: string) {
    super(`[hmac-codegen] webhook scheme "${schemeName}": ${problem}`);
    this.name = "WebhookSecretError";
  }
}

/** The presets whose header holds one signature sign with one secret; several is a caller's mistake. */
export function singleKey(keys: readonly Uint8Array[], preset: string): Uint8Array {
  const [key, ...others] = keys;
  if (!key || others.length > 0)
    throw new SigningError(`a ${preset} delivery carries one signature: sign with one secret`);
  return key;
}
