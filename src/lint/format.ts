/** Lint findings as terminal lines: `[hmac-codegen] warning no-nonce at file:line:col #/pointer: ... Fix: ...`. */
import type { LintFinding } from "./lint.js";

export function formatFinding(finding: LintFinding): string {
  const where = finding.location ? `${finding.location} ${finding.pointer}` : finding.pointer;
  return `[hmac-codegen] ${finding.severity} ${finding.rule} at ${where} (scheme ${finding.scheme}): ${finding.message}.\n  Fix: ${finding.fix}.`;
}

export function summarise(findings: readonly LintFinding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((finding) => finding.severity === "error").length,
    warnings: findings.filter((finding) => finding.severity === "warning").length,
  };
}
