/**
 * Which direction each scheme signs. A `profile: webhook` scheme verifies deliveries the API sends, so a
 * request to the API under it would be offered to the client as a credential it cannot hold (the provider
 * signs, not the caller); a request scheme on a webhook would have the consumer verify with a profile
 * built for the other direction. Both are refused where they are written.
 */
import type { SigningScheme, WebhookScheme } from "../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../scheme/errors.js";
import type { WebhookOperation } from "./webhooks.js";

interface Uses {
  hmacSchemes: readonly SigningScheme[];
  webhookSchemes: readonly WebhookScheme[];
  defaultSecurity: readonly string[][];
  operations: ReadonlyArray<{ method: string; path: string; security: string[][] }>;
  webhooks: readonly WebhookOperation[];
}

export function checkSchemeUse(uses: Uses, document: Record<string, unknown>): SpecIssue[] {
  const webhookNames = new Set(uses.webhookSchemes.map((scheme) => scheme.name));
  const requestNames = new Set(uses.hmacSchemes.map((scheme) => scheme.name));
  const issues: SpecIssue[] = [];
  const refuse = (names: Set<string>, security: readonly string[][], pointer: string, message: (name: string) => string, hint: string) => {
    security.forEach((alternative, index) => {
      for (const name of alternative) {
        if (names.has(name))
          issues.push({
            code: "E_SPEC_WEBHOOK_SECURITY",
            pointer: childPointer(childPointer(pointer, index), name),
            message: message(name),
            hint,
          });
      }
    });
  };
  const onRequest = (name: string) =>
    `"${name}" is a webhook scheme (profile: webhook): it verifies deliveries the API sends, not requests to it`;
  const hint = "name it in the security of a webhook or callback, and a request scheme here";
  if (Array.isArray(document.security)) refuse(webhookNames, uses.defaultSecurity, "#/security", onRequest, hint);
  for (const operation of uses.operations) {
    const pointer = childPointer(childPointer(childPointer("#/paths", operation.path), operation.method.toLowerCase()), "security");
    // An operation without its own security inherits the default, already reported at #/security.
    const own = (document.paths as Record<string, Record<string, { security?: unknown }>> | undefined)?.[operation.path]?.[
      operation.method.toLowerCase()
    ]?.security;
    if (own !== undefined) refuse(webhookNames, operation.security, pointer, onRequest, hint);
  }
  for (const webhook of uses.webhooks) {
    refuse(
      requestNames,
      webhook.security,
      childPointer(webhook.pointer, "security"),
      (name) => `"${name}" signs requests to the API; a ${webhook.kind}'s deliveries are verified by a profile: webhook scheme`,
      "add a scheme with x-hmac: { profile: webhook, webhook: { preset: ... } } and name it here",
    );
  }
  return issues;
}
