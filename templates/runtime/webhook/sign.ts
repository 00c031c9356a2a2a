/** Signs a webhook delivery as its scheme's preset requires, over the exact body that will be sent. */
import type { WebhookScheme } from "../types.js";
import type { SignedWebhook, WebhookPayload, WebhookSignOptions } from "./delivery.js";
import { codecOf } from "./presets.js";

export function signWebhook(
  scheme: WebhookScheme,
  payload: WebhookPayload,
  options: WebhookSignOptions,
): Promise<SignedWebhook> {
  return codecOf(scheme.preset).sign(scheme, payload, options);
}
