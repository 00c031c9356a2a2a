/**
 * Every default of `profile: webhook`, in one place (STYLE 9). Each preset's headers, algorithm and
 * encoding are fixed by its provider; what a spec may choose is below.
 */
import type { WebhookPreset } from "../../../../templates/runtime/types.js";

export const WEBHOOK_DEFAULTS = {
  /** Five minutes, the default of the standardwebhooks, stripe and Slack SDK verifiers. */
  tolerance: 300,
  failureStatus: 401,
} as const;

/** The header each preset carries its signature in: the apiKey the security scheme should name. */
export const SIGNATURE_HEADERS: Readonly<Record<WebhookPreset, string>> = {
  "standard-webhooks": "webhook-signature",
  stripe: "Stripe-Signature",
  github: "X-Hub-Signature-256",
  slack: "X-Slack-Signature",
  shopify: "X-Shopify-Hmac-Sha256",
  twilio: "X-Twilio-Signature",
};

/** The presets whose signature covers a timestamp, so a tolerance means something. */
export const TIMESTAMPED: ReadonlySet<WebhookPreset> = new Set(["standard-webhooks", "stripe", "slack"]);
