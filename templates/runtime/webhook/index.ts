/**
 * `profile: webhook`: signing and verifying provider webhooks (Standard Webhooks, Stripe, GitHub, Slack,
 * Shopify, Twilio). One file per preset; shared parts: signed-content (what each HMAC covers),
 * signature-headers (strict parsers), tolerance, secrets (rotation, `whsec_`), any-match (constant-time).
 */
export type {
  SignedWebhook,
  WebhookDelivery,
  WebhookPayload,
  WebhookSecret,
  WebhookSecrets,
  WebhookSignOptions,
  WebhookVerifyOptions,
  WebhookVerifyResult,
} from "./delivery.js";
export { DEFAULT_TOLERANCE_SECONDS } from "./presets.js";
export { WebhookSecretError } from "./secrets.js";
export { signWebhook } from "./sign.js";
export { twilioFormContent, withBodyHash } from "./twilio-content.js";
export { verifyWebhook } from "./verify.js";
