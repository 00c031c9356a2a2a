/**
 * Lints every x-hmac scheme of a bundled spec: the rules (rules.ts) over each resolved scheme, plus a
 * scan of the spec's text for secrets. Pure: findings in, nothing printed. The x-hmac must be valid;
 * an invalid one is a SpecError (exit 2), as for generation.
 */
import type { SigningScheme } from "../../templates/runtime/types.js";
import { childPointer, SpecError, type SpecIssue } from "../scheme/errors.js";
import { type AwsSigningOverrides, awsSigningHints } from "../scheme/profiles/aws-sigv4/spec-metadata.js";
import { resolveAnyScheme } from "../scheme/resolve.js";
import { PROFILE_CHECKS } from "./profile-rules.js";
import { LINT_RULES, SECRET_IN_SPEC_RULE, type Severity } from "./rules.js";

export interface LintFinding {
  rule: string;
  severity: Severity;
  scheme: string;
  pointer: string;
  /** `file:line:column`, when the pointer maps into the root file. */
  location?: string | undefined;
  message: string;
  fix: string;
}

/** Per rule id: another severity, or "off". */
export type LintRuleSettings = Record<string, Severity | "off">;

export interface LintOptions {
  rules?: LintRuleSettings | undefined;
  /** aws-sigv4 region and service overrides, as generation gets them (--aws-region, the config's aws). */
  aws?: AwsSigningOverrides | undefined;
  locate?: ((pointer: string) => string | undefined) | undefined;
}

export function lintDocument(document: Record<string, unknown>, options: LintOptions = {}): LintFinding[] {
  const schemes = asRecord(asRecord(document.components).securitySchemes);
  const findings: LintFinding[] = [];
  const issues: SpecIssue[] = [];
  for (const [name, value] of Object.entries(schemes)) {
    const securityScheme = asRecord(value);
    if (!("x-hmac" in securityScheme)) continue;
    const schemePointer = childPointer("#/components/securitySchemes", name);
    const pointer = childPointer(schemePointer, "x-hmac");
    for (const found of findSecrets(securityScheme, schemePointer)) {
      findings.push({
        rule: SECRET_IN_SPEC_RULE.id,
        severity: SECRET_IN_SPEC_RULE.severity,
        scheme: name,
        pointer: found,
        message: "the spec holds a secret: specs are shared, published and versioned; secrets must not be",
        fix: SECRET_IN_SPEC_RULE.fix,
      });
    }
    // The secret has been reported; the rest of the scheme is still worth linting.
    const raw = securityScheme["x-hmac"];
    const { secret, ...withoutSecret } = asRecord(raw);
    const xHmac = typeof secret === "string" ? withoutSecret : raw;
    // The same context generation resolves with (src/spec/model.ts), or a spec generation accepts would
    // fail lint for want of a region (review finding M3).
    const context = {
      name,
      pointer,
      type: securityScheme.type,
      in: securityScheme.in,
      parameterName: securityScheme.name,
      aws: { fromSpec: awsSigningHints(document), overrides: options.aws ?? {} },
    };
    const resolved = resolveAnyScheme(xHmac, context);
    if (!resolved.scheme) {
      issues.push(...resolved.issues);
      continue;
    }
    // A webhook preset fixes every choice the rules judge (its provider made them): nothing to lint.
    if (resolved.scheme.profile === "webhook") continue;
    findings.push(...lintScheme(resolved.scheme, pointer, options.rules));
  }
  if (issues.length > 0) {
    throw new SpecError(issues.map((issue) => ({ ...issue, location: issue.location ?? options.locate?.(issue.pointer) })));
  }
  const settings = options.rules ?? {};
  return findings
    .filter((finding) => settings[finding.rule] !== "off")
    .map((finding) => ({ ...finding, location: options.locate?.(finding.pointer) }));
}

/**
 * The rules over one resolved scheme; `pointer` is its x-hmac object. A standard profile (rfc9421,
 * aws-sigv4) is read by profile-rules.ts, under the same rule ids.
 */
export function lintScheme(scheme: SigningScheme, pointer: string, settings: LintRuleSettings = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    const setting = settings[rule.id];
    if (setting === "off") continue;
    if (scheme.profile !== undefined) {
      const found = PROFILE_CHECKS[rule.id]?.(scheme);
      if (found) {
        const { at, ...rest } = found;
        findings.push({
          rule: rule.id,
          severity: setting ?? rule.severity,
          scheme: scheme.name,
          pointer: at.reduce(childPointer, pointer),
          ...rest,
        });
      }
      continue;
    }
    const message = rule.check(scheme);
    if (message === undefined) continue;
    findings.push({
      rule: rule.id,
      severity: setting ?? rule.severity,
      scheme: scheme.name,
      pointer: rule.at.reduce(childPointer, pointer),
      message,
      fix: rule.fix,
    });
  }
  return findings;
}

const SECRET_NAME = /^(secret|secretkey|apisecret|hmacsecret|sharedsecret|password|privatekey|signingkey|key)$/i;

/**
 * Pointers of string values under a secret-like name (`secret: "..."`, `x-hmac-secret`, `apiSecret`)
 * anywhere in the security scheme. `secret: { encoding: base64 }` is the declared encoding, not a secret.
 */
function findSecrets(node: unknown, pointer: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => findSecrets(item, childPointer(pointer, index)));
  if (!node || typeof node !== "object") return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    const here = childPointer(pointer, key);
    const bare = key.replace(/^x-(hmac-)?/i, "").replace(/[-_]/g, "");
    if (typeof value === "string" && SECRET_NAME.test(bare) && value.length > 0) found.push(here);
    else found.push(...findSecrets(value, here));
  }
  return found;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
