/**
 * The `webhook` block of x-hmac (`profile: webhook`): which provider's scheme signs the deliveries, and
 * the tolerance of the presets that sign a timestamp. Defaults in defaults.ts, combinations in resolve.ts.
 */
import type { WebhookPreset } from "../../../../templates/runtime/types.js";
import { int, obj, oneOfValues, type Rule } from "../../rules.js";

export const WEBHOOK_PRESETS: readonly WebhookPreset[] = ["standard-webhooks", "stripe", "github", "slack", "shopify", "twilio"];

/** What an author writes in `webhook:` (validated by WEBHOOK_RULE). */
export interface WebhookInput {
  preset: WebhookPreset;
  tolerance?: number;
}

export const WEBHOOK_RULE: Rule = obj(
  {
    preset: oneOfValues(
      WEBHOOK_PRESETS,
      "The provider's signature scheme: standard-webhooks, stripe, github, slack, shopify or twilio. Its headers, algorithm and encoding follow the provider's documentation.",
    ),
    tolerance: int({
      minimum: 1,
      maximum: 86_400,
      description: "Seconds a delivery's signed timestamp may be behind or ahead of now (standard-webhooks, stripe, slack). Default 300.",
    }),
  },
  { required: ["preset"], description: "A provider's webhook signatures (profile: webhook): the provider signs, the consumer verifies." },
);
