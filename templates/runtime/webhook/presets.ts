/** Each webhook preset's signer and verifier, by name. */
import type { WebhookPreset } from "../types.js";
import { github } from "./github.js";
import type { PresetCodec } from "./preset-codec.js";
import { shopify } from "./shopify.js";
import { slack } from "./slack.js";
import { standardWebhooks } from "./standard-webhooks.js";
import { stripe } from "./stripe.js";
import { twilio } from "./twilio.js";

export const CODECS: Readonly<Record<WebhookPreset, PresetCodec>> = {
  "standard-webhooks": standardWebhooks,
  stripe,
  github,
  slack,
  shopify,
  twilio,
};

/** The tolerance each provider's own library applies by default: five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function codecOf(preset: WebhookPreset) {
  const codec = CODECS[preset];
  // A scheme built by hand (not by the generator) may name a preset that does not exist: refuse it loudly.
  if (!codec) throw new TypeError(`[hmac-codegen] unknown webhook preset "${String(preset)}"`);
  return codec;
}
