/**
 * The config file's shape. `hmac-codegen.config.ts` (or .js, .mjs, .json) beside the project:
 *
 *   import { defineConfig } from "hmac-codegen";
 *   export default defineConfig({
 *     specs: [
 *       { spec: "specs/partner.yaml", output: "src/generated/partner" },
 *       { spec: "specs/legacy.yaml", output: "src/generated/legacy", lint: { rules: { "no-nonce": "off" } } },
 *       { spec: "specs/aws/apigateway.yaml", output: "src/generated/aws", aws: { region: "eu-west-1" } },
 *       { spec: "specs/browser.yaml", output: "web/src/api", outputs: ["client"], crypto: "web" },
 *     ],
 *     lint: { strict: true },
 *   });
 *
 * Paths are relative to the config file. Command-line flags override what the file says.
 */
import type { CryptoDefault } from "../crypto-default.js";
import type { LintRuleSettings } from "../lint/lint.js";
import type { OutputName } from "../outputs.js";

export interface LintConfig {
  /** Fail generation (and `lint`) on warnings as well as errors. */
  strict?: boolean | undefined;
  /** Per rule id: "error", "warning" or "off". */
  rules?: LintRuleSettings | undefined;
}

export interface SpecConfig {
  /** The OpenAPI spec, relative to the config file. */
  spec: string;
  /** The output folder, relative to the config file. */
  output: string;
  /** Lint settings for this spec; merged over the file's top-level `lint`. */
  lint?: LintConfig | undefined;
  /** aws-sigv4 schemes: signing region and service, over what the spec says (`--aws-region` wins). */
  aws?: { region?: string | undefined; service?: string | undefined } | undefined;
  /** What to generate for this spec: "client", "server", "mocks", "vectors"; over the top-level `outputs`. */
  outputs?: OutputName[] | undefined;
  /** The default crypto provider of this spec's output; over the top-level `crypto`. */
  crypto?: CryptoDefault | undefined;
}

export interface HmacCodegenConfig {
  specs: SpecConfig[];
  /** Lint settings for every spec. */
  lint?: LintConfig | undefined;
  /** What to generate for every spec (default: all four); `--outputs` overrides it. */
  outputs?: OutputName[] | undefined;
  /**
   * The crypto provider generated code uses when the caller passes none: "auto" (default) is node:crypto where
   * the runtime has it, else Web Crypto; "web" is Web Crypto always, so a browser bundle leaves node:crypto's
   * provider out. `--crypto` overrides it.
   */
  crypto?: CryptoDefault | undefined;
}

/** Identity at run time; gives a config file types and editor completion. */
export function defineConfig(config: HmacCodegenConfig): HmacCodegenConfig {
  return config;
}
