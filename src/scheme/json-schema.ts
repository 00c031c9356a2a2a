/**
 * The JSON Schema (draft 2020-12) of x-hmac, derived from the same rules the validator uses. The build
 * writes it to schema/x-hmac.schema.json, which the package ships for editors and other tools.
 */
import { X_HMAC_RULE } from "./model-rules.js";
import type { Rule } from "./rules.js";

type JsonSchema = Record<string, unknown>;

export function ruleToJsonSchema(rule: Rule): JsonSchema {
  const described = rule.description ? { description: rule.description } : {};
  switch (rule.type) {
    case "string":
      return {
        type: "string",
        ...described,
        ...(rule.enum ? { enum: [...rule.enum] } : {}),
        ...(rule.pattern ? { pattern: rule.pattern } : {}),
        ...(rule.minLength !== undefined ? { minLength: rule.minLength } : {}),
      };
    case "integer":
      return {
        type: "integer",
        ...described,
        ...(rule.enum ? { enum: [...rule.enum] } : {}),
        ...(rule.minimum !== undefined ? { minimum: rule.minimum } : {}),
        ...(rule.maximum !== undefined ? { maximum: rule.maximum } : {}),
      };
    case "boolean":
      return { type: "boolean", ...described };
    case "array":
      return { type: "array", ...described, items: ruleToJsonSchema(rule.items), ...(rule.minItems ? { minItems: rule.minItems } : {}) };
    case "map":
      return { type: "object", ...described, additionalProperties: ruleToJsonSchema(rule.values) };
    case "oneOf":
      return { ...described, oneOf: rule.options.map(ruleToJsonSchema) };
    case "object":
      return {
        type: "object",
        ...described,
        properties: Object.fromEntries(Object.entries(rule.properties).map(([key, child]) => [key, ruleToJsonSchema(child)])),
        ...(rule.required?.length ? { required: [...rule.required] } : {}),
        additionalProperties: false,
      };
  }
}

export function xHmacJsonSchema(): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://hmac-codegen.dev/x-hmac.schema.json",
    title: "x-hmac",
    ...ruleToJsonSchema(X_HMAC_RULE),
  };
}
