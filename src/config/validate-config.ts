/** Checks a loaded config's shape, so a typo is an error naming the field, not a silent default. */
import { type CryptoDefault, isCryptoDefault, unknownCryptoMessage } from "../crypto-default.js";
import { LINT_RULE_IDS } from "../lint/rules.js";
import { isOutputName, type OutputName, unknownOutputMessage } from "../outputs.js";
import { closest } from "../scheme/did-you-mean.js";
import type { HmacCodegenConfig, LintConfig, SpecConfig } from "./define-config.js";

export class ConfigError extends Error {
  readonly code = "E_CONFIG";
  constructor(where: string, message: string) {
    super(`[hmac-codegen] E_CONFIG at ${where}: ${message}`);
    this.name = "ConfigError";
  }
}

const TOP_KEYS = ["specs", "lint", "outputs", "crypto"];
const SPEC_KEYS = ["spec", "output", "outputs", "lint", "aws", "crypto"];
const AWS_KEYS = ["region", "service"];
const LINT_KEYS = ["strict", "rules"];
const SEVERITIES = ["error", "warning", "off"];

export function validateConfig(value: unknown, file: string): HmacCodegenConfig {
  const at = (path: string, message: string): ConfigError => new ConfigError(`${file} ${path}`, message);
  if (!isObject(value)) {
    throw at("", "the file must export a config object as default (export default defineConfig({ specs: [...] }))");
  }
  checkKeys(value, TOP_KEYS, "", at);
  if (!Array.isArray(value.specs) || value.specs.length === 0) {
    throw at("specs", 'expected a non-empty list of { spec: "api.yaml", output: "src/generated" }');
  }
  const specs = value.specs.map((entry: unknown, index: number): SpecConfig => {
    const path = `specs[${index}]`;
    if (!isObject(entry)) throw at(path, "expected { spec, output }");
    checkKeys(entry, SPEC_KEYS, path, at);
    if (typeof entry.spec !== "string" || entry.spec === "") throw at(`${path}.spec`, "expected the spec's path");
    if (typeof entry.output !== "string" || entry.output === "") throw at(`${path}.output`, "expected the output folder");
    return {
      spec: entry.spec,
      output: entry.output,
      lint: validateLint(entry.lint, `${path}.lint`, at),
      aws: validateAws(entry.aws, `${path}.aws`, at),
      outputs: validateOutputs(entry.outputs, `${path}.outputs`, at),
      crypto: validateCrypto(entry.crypto, `${path}.crypto`, at),
    };
  });
  return {
    specs,
    lint: validateLint(value.lint, "lint", at),
    outputs: validateOutputs(value.outputs, "outputs", at),
    crypto: validateCrypto(value.crypto, "crypto", at),
  };
}

function validateCrypto(value: unknown, path: string, at: (path: string, message: string) => ConfigError): CryptoDefault | undefined {
  if (value === undefined) return undefined;
  if (!isCryptoDefault(value)) throw at(path, unknownCryptoMessage(value));
  return value;
}

function validateOutputs(value: unknown, path: string, at: (path: string, message: string) => ConfigError): OutputName[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw at(path, 'expected a non-empty list such as ["client", "server"]');
  for (const [index, name] of value.entries()) {
    if (typeof name !== "string") throw at(`${path}[${index}]`, `expected an output name, not ${JSON.stringify(name)}`);
    if (!isOutputName(name)) throw at(`${path}[${index}]`, unknownOutputMessage(name));
  }
  return [...new Set(value as OutputName[])];
}

function validateAws(value: unknown, path: string, at: (path: string, message: string) => ConfigError): SpecConfig["aws"] {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw at(path, 'expected { region?: "eu-west-1", service?: "execute-api" }');
  checkKeys(value, AWS_KEYS, path, at);
  for (const key of AWS_KEYS) {
    if (value[key] !== undefined && (typeof value[key] !== "string" || value[key] === ""))
      throw at(`${path}.${key}`, "expected a non-empty string");
  }
  return value as SpecConfig["aws"];
}

function validateLint(value: unknown, path: string, at: (path: string, message: string) => ConfigError): LintConfig | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw at(path, "expected { strict?, rules? }");
  checkKeys(value, LINT_KEYS, path, at);
  if (value.strict !== undefined && typeof value.strict !== "boolean") throw at(`${path}.strict`, "expected true or false");
  if (value.rules !== undefined) {
    if (!isObject(value.rules)) throw at(`${path}.rules`, 'expected { "rule-id": "error" | "warning" | "off" }');
    for (const [rule, severity] of Object.entries(value.rules)) {
      if (!LINT_RULE_IDS.includes(rule)) {
        const suggestion = closest(rule, LINT_RULE_IDS);
        throw at(`${path}.rules.${rule}`, `no lint rule is called "${rule}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`);
      }
      if (typeof severity !== "string" || !SEVERITIES.includes(severity)) {
        throw at(`${path}.rules.${rule}`, `expected "error", "warning" or "off", not ${JSON.stringify(severity)}`);
      }
    }
  }
  return value as LintConfig;
}

function checkKeys(
  value: Record<string, unknown>,
  known: string[],
  path: string,
  at: (path: string, message: string) => ConfigError,
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = closest(key, known);
    throw at(`${path ? `${path}.` : ""}${key}`, `unknown option "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
