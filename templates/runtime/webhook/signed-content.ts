/**
 * The bytes each provider's HMAC covers, built from the raw body without decoding it:
 *   Standard Webhooks  `{id}.{timestamp}.{body}`                 (Standard Webhooks specification)
 *   Stripe             `{t}.{body}`                              (Stripe docs, "Verify manually")
 *   Slack              `v0:{timestamp}:{body}`                   (Slack docs, "Verifying requests from Slack")
 *   GitHub, Shopify    the body itself
 *   Twilio             built in twilio-content.ts (URL plus sorted form parameters)
 * A text body stays text (node:crypto hashes it as UTF-8 with no copy); a byte body gets the prefix's bytes.
 */
import { concatBytes, utf8 } from "../encoding.js";

export function prefixed(prefix: string, body: string | Uint8Array): string | Uint8Array {
  return typeof body === "string" ? prefix + body : concatBytes([utf8(prefix), body]);
}

export function standardWebhooksContent(id: string, timestamp: string, body: string | Uint8Array): string | Uint8Array {
  return prefixed(`${id}.${timestamp}.`, body);
}

export function stripeContent(timestamp: string, body: string | Uint8Array): string | Uint8Array {
  return prefixed(`${timestamp}.`, body);
}

export function slackContent(timestamp: string, body: string | Uint8Array): string | Uint8Array {
  return prefixed(`v0:${timestamp}:`, body);
}
