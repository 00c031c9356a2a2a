/**
 * From the x-hmac an author wrote (plus the OpenAPI security scheme it sits on) to the scheme the runtime
 * reads: refuse a secret in the spec, validate against the model (model-rules.ts), then hand the declaration
 * to its profile (profiles/<profile>/resolve.ts). Every problem is a SpecIssue with a code and pointer;
 * nothing throws.
 */
import { childPointer } from "./errors.js";
import type { XHmacInput } from "./input.js";
import { X_HMAC_RULE } from "./model-rules.js";
import { resolveAwsSigV4 } from "./profiles/aws-sigv4/resolve.js";
import { resolveRfc9421 } from "./profiles/rfc9421/resolve.js";
import { resolveTemplateScheme } from "./profiles/template/resolve.js";
import { resolveWebhook } from "./profiles/webhook/resolve.js";
import type { ResolveResult, WebhookResolveResult } from "./resolve-result.js";
import type { SecuritySchemeContext } from "./scheme-context.js";
import { validateRule } from "./validate.js";

export type { ResolveResult, WebhookResolveResult } from "./resolve-result.js";
/** The OpenAPI security scheme object the x-hmac extension sits on. */
export type { SecuritySchemeContext } from "./scheme-context.js";

/** A scheme that signs requests to the API; a webhook scheme here is refused (resolveAnyScheme reads both). */
export function resolveScheme(raw: unknown, context: SecuritySchemeContext): ResolveResult {
  const result = resolveAnyScheme(raw, context);
  if (result.scheme?.profile !== "webhook") return result as ResolveResult;
  return {
    issues: [
      {
        code: "E_XHMAC_PROFILE",
        pointer: childPointer(context.pointer, "profile"),
        message: `scheme "${context.name}" signs webhook deliveries, not requests to the API`,
        hint: "use it in the security of the spec's webhooks or callbacks",
      },
    ],
  };
}

/** Any x-hmac: a request scheme (template, rfc9421, aws-sigv4) or a webhook scheme. */
export function resolveAnyScheme(raw: unknown, context: SecuritySchemeContext): ResolveResult | WebhookResolveResult {
  const at = (...tokens: string[]): string => tokens.reduce(childPointer, context.pointer);
  if (raw && typeof raw === "object" && typeof (raw as { secret?: unknown }).secret === "string") {
    return {
      issues: [
        {
          code: "E_XHMAC_SECRET_IN_SPEC",
          pointer: at("secret"),
          message: "the spec holds a secret; specs are shared and versioned, secrets are not",
          hint: "declare only how it is encoded, e.g. secret: { encoding: base64 }, and pass it at run time",
        },
      ],
    };
  }
  const schemaIssues = validateRule(raw, X_HMAC_RULE, context.pointer);
  if (schemaIssues.length > 0) return { issues: schemaIssues };
  const written = raw as XHmacInput;
  if (written.profile === "rfc9421") return resolveRfc9421(written, context);
  if (written.rfc9421 !== undefined) {
    return {
      issues: [
        {
          code: "E_XHMAC_PROFILE",
          pointer: at("rfc9421"),
          message: "an rfc9421 block describes an RFC 9421 scheme, but profile is not rfc9421",
          hint: "add profile: rfc9421",
        },
      ],
    };
  }
  if (written.profile === "aws-sigv4") return resolveAwsSigV4(written, context);
  if (written.profile === "webhook") return resolveWebhook(written, context);
  if (written.webhook !== undefined) {
    return {
      issues: [
        {
          code: "E_XHMAC_PROFILE",
          pointer: at("webhook"),
          message: "a webhook block describes a provider's webhook signatures, but profile is not webhook",
          hint: "add profile: webhook",
        },
      ],
    };
  }
  return resolveTemplateScheme(written, context);
}
