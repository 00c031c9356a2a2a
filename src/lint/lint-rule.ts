/** The shape of a lint rule: what every rule module exports, so rule modules never import each other. */
import type { HmacScheme } from "../../templates/runtime/types.js";

export type Severity = "error" | "warning";

export interface LintRule {
  id: string;
  severity: Severity;
  /** A path under the scheme's x-hmac pointer where the fix goes. */
  at: string[];
  /** The weakness for this scheme, or undefined when the scheme does not have it. */
  check(scheme: HmacScheme): string | undefined;
  fix: string;
}
