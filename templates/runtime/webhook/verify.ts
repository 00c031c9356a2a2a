/**
 * Verifies a webhook delivery: the signature against every configured secret (any may match), the
 * timestamp against the tolerance, and, once the signature holds, the replay claim. Fails closed: a
 * missing, malformed or stale credential is a refusal with a stable reason code (reasons.ts), never a pass.
 */
import type { WebhookScheme } from "../types.js";
import type { WebhookDelivery, WebhookVerifyOptions, WebhookVerifyResult } from "./delivery.js";
import { codecOf } from "./presets.js";

export function verifyWebhook(
  scheme: WebhookScheme,
  delivery: WebhookDelivery,
  options: WebhookVerifyOptions,
): Promise<WebhookVerifyResult> {
  return codecOf(scheme.preset).verify(scheme, delivery, options);
}
