/**
 * x-hmac with `profile: webhook` to the runtime's WebhookScheme. The preset fixes the headers, algorithm
 * and encoding; the checks here are what the preset cannot use (a template knob, a tolerance with no
 * signed timestamp) and a security scheme that names another header than the one the provider signs in.
 */
import type { WebhookScheme } from "../../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../../errors.js";
import type { XHmacInput } from "../../input.js";
import type { SecuritySchemeContext } from "../../scheme-context.js";
import { SIGNATURE_HEADERS, TIMESTAMPED, WEBHOOK_DEFAULTS } from "./defaults.js";
import type { WebhookInput } from "./rules.js";

/** x-hmac properties that mean something with profile: webhook; the rest belong to the other profiles. */
const PROFILE_KNOBS = new Set(["profile", "webhook", "failureStatus"]);

type Result = { scheme: WebhookScheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };

export function resolveWebhook(written: XHmacInput, context: SecuritySchemeContext): Result {
  const at = (...tokens: string[]): string => tokens.reduce(childPointer, context.pointer);
  const issues: SpecIssue[] = [];
  for (const key of Object.keys(written)) {
    if (PROFILE_KNOBS.has(key)) continue;
    issues.push({
      code: "E_XHMAC_PROFILE",
      pointer: at(key),
      message: `${key} does not apply to profile: webhook; the preset fixes headers, algorithm and encoding as the provider documents them`,
      hint: key === "preset" ? "write the provider under webhook.preset" : "remove it",
    });
  }
  const block = written.webhook as WebhookInput | undefined;
  if (!block) {
    issues.push({
      code: "E_XHMAC_REQUIRED",
      pointer: at("webhook"),
      message: "profile: webhook needs a webhook block naming the provider's scheme",
      hint: "add webhook: { preset: stripe } (or standard-webhooks, github, slack, shopify, twilio)",
    });
    return { issues };
  }
  if (block.tolerance !== undefined && !TIMESTAMPED.has(block.preset)) {
    issues.push({
      code: "E_XHMAC_PROFILE",
      pointer: at("webhook", "tolerance"),
      message: `${block.preset} signs no timestamp, so a tolerance would do nothing`,
      hint: "remove webhook.tolerance",
    });
  }
  checkCarrier(block, context, issues);
  if (issues.length > 0) return { issues };
  return {
    scheme: {
      profile: "webhook",
      name: context.name,
      preset: block.preset,
      toleranceSeconds: block.tolerance ?? WEBHOOK_DEFAULTS.tolerance,
      failureStatus: written.failureStatus ?? WEBHOOK_DEFAULTS.failureStatus,
    },
    issues: [],
  };
}

/** OpenAPI describes a signature header as an apiKey in: header; it must name the header the preset signs in. */
function checkCarrier(block: WebhookInput, context: SecuritySchemeContext, issues: SpecIssue[]): void {
  const header = SIGNATURE_HEADERS[block.preset];
  const pointer = context.pointer.replace(/\/x-hmac$/, "");
  if (context.type !== "apiKey" || context.in !== "header") {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer,
      message: `a ${block.preset} webhook signature travels in the ${header} header, so the security scheme is an apiKey in: header`,
      hint: `type: apiKey, in: header, name: ${header}`,
    });
  } else if (typeof context.parameterName !== "string" || context.parameterName.toLowerCase() !== header.toLowerCase()) {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer: childPointer(pointer, "name"),
      message: `${block.preset} signs in the ${header} header, but the security scheme names ${JSON.stringify(context.parameterName)}`,
      hint: `name: ${header}`,
    });
  }
}
