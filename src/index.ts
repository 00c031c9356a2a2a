/**
 * hmac-codegen's public API (STYLE 10: small and explicit). Most users only need `defineConfig` for
 * `hmac-codegen.config.ts`; the rest lets a build script run the pipeline without the CLI.
 */

// Config
export { defineConfig, type HmacCodegenConfig, type LintConfig, type SpecConfig } from "./config/define-config.js";
// The pipeline: load and model a spec, lint it, generate files (pure: nothing is written)
export type { GeneratedFile } from "./emit/banner.js";
export type { GenerateOptions } from "./generate.js";
export { type LintFinding, type LintOptions, type LintRuleSettings, lintDocument } from "./lint/lint.js";
export { LINT_RULE_IDS, type Severity } from "./lint/rules.js";
export { ERROR_CODES, type ErrorCode, SpecError, type SpecIssue } from "./scheme/errors.js";
export { type LoadedSpec, loadSpec } from "./spec/load.js";
export { type ApiModel, buildModel } from "./spec/model.js";

import type { GeneratedFile } from "./emit/banner.js";
import type { GenerateOptions } from "./generate.js";
import type { ApiModel } from "./spec/model.js";

/**
 * Generates every output file for a model, in memory. Loaded on first use: the emitters pull in
 * openapi-typescript and ts-morph, which a config file importing defineConfig should not pay for.
 */
export async function generate(model: ApiModel, options: GenerateOptions): Promise<GeneratedFile[]> {
  const pipeline = await import("./generate.js");
  return pipeline.generate(model, options);
}
