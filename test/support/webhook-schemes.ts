/** Test-only: one resolved scheme per preset, as the generator would write it. */
import type { WebhookPreset, WebhookScheme } from "../../templates/runtime/types.js";

export const PRESETS: readonly WebhookPreset[] = ["standard-webhooks", "stripe", "github", "slack", "shopify", "twilio"];

export function schemeFor(preset: WebhookPreset, toleranceSeconds = 300): WebhookScheme {
  return { profile: "webhook", name: `${preset}Hook`, preset, toleranceSeconds, failureStatus: 401 };
}
