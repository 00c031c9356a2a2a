/**
 * Validates a value against a Rule, collecting every issue with its code, pointer and hint.
 */
import { didYouMean } from "./did-you-mean.js";
import { childPointer, type SpecIssue } from "./errors.js";
import type { Rule } from "./rules.js";

export function validateRule(value: unknown, rule: Rule, pointer: string): SpecIssue[] {
  const issues: SpecIssue[] = [];
  visit(value, rule, pointer, issues);
  return issues;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function expectedType(rule: Rule): string {
  if (rule.type === "oneOf") return rule.options.map(expectedType).join(" or ");
  if (rule.type === "map") return "object";
  if (rule.type === "string" && rule.enum) return rule.enum.map((v) => `"${v}"`).join(" | ");
  return rule.type;
}

function typeMatches(value: unknown, rule: Rule): boolean {
  const actual = jsonType(value);
  switch (rule.type) {
    case "oneOf":
      return rule.options.some((option) => typeMatches(value, option));
    case "map":
      return actual === "object";
    default:
      return actual === rule.type;
  }
}

function visit(value: unknown, rule: Rule, pointer: string, issues: SpecIssue[]): void {
  if (!typeMatches(value, rule)) {
    issues.push({ code: "E_XHMAC_TYPE", pointer, message: `expected ${expectedType(rule)}, got ${jsonType(value)}` });
    return;
  }
  switch (rule.type) {
    case "oneOf": {
      // Alternatives differ by JSON type, so the first whose type fits is the one the author meant.
      const option = rule.options.find((candidate) => typeMatches(value, candidate));
      if (option) visit(value, option, pointer, issues);
      return;
    }
    case "string": {
      const text = value as string;
      if (rule.enum && !rule.enum.includes(text)) {
        issues.push({
          code: rule.enumCode ?? "E_XHMAC_VALUE",
          pointer,
          message: `"${text}" is not one of ${rule.enum.map((v) => `"${v}"`).join(", ")}`,
          hint: didYouMean(text, rule.enum),
        });
        return;
      }
      if (rule.minLength !== undefined && text.length < rule.minLength) {
        issues.push({ code: "E_XHMAC_RANGE", pointer, message: "must not be empty" });
        return;
      }
      const custom = rule.check?.(text);
      if (custom) {
        issues.push({ pointer, ...custom });
      } else if (!rule.check && rule.pattern && !new RegExp(rule.pattern).test(text)) {
        issues.push({ code: "E_XHMAC_VALUE", pointer, message: `"${text}" does not match ${rule.pattern}` });
      }
      return;
    }
    case "integer": {
      const number = value as number;
      if (rule.enum && !rule.enum.includes(number)) {
        issues.push({ code: "E_XHMAC_VALUE", pointer, message: `${number} is not one of ${rule.enum.join(", ")}` });
      } else if ((rule.minimum !== undefined && number < rule.minimum) || (rule.maximum !== undefined && number > rule.maximum)) {
        issues.push({ code: "E_XHMAC_RANGE", pointer, message: `${number} is outside ${rule.minimum ?? "-∞"}..${rule.maximum ?? "∞"}` });
      }
      return;
    }
    case "boolean":
      return;
    case "array": {
      const items = value as unknown[];
      if (rule.minItems !== undefined && items.length < rule.minItems) {
        issues.push({ code: "E_XHMAC_RANGE", pointer, message: `needs at least ${rule.minItems} item(s)` });
      }
      items.forEach((item, index) => {
        visit(item, rule.items, childPointer(pointer, index), issues);
      });
      return;
    }
    case "map":
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        visit(item, rule.values, childPointer(pointer, key), issues);
      }
      return;
    case "object": {
      const record = value as Record<string, unknown>;
      const known = Object.keys(rule.properties);
      for (const required of rule.required ?? []) {
        if (!(required in record)) {
          issues.push({ code: "E_XHMAC_REQUIRED", pointer: childPointer(pointer, required), message: `"${required}" is required here` });
        }
      }
      for (const [key, item] of Object.entries(record)) {
        const child = Object.hasOwn(rule.properties, key) ? rule.properties[key] : undefined;
        if (child) visit(item, child, childPointer(pointer, key), issues);
        else issues.push(unknownKey(key, known, childPointer(pointer, key)));
      }
    }
  }
}

function unknownKey(key: string, known: string[], pointer: string): SpecIssue {
  if (/secret|password|^value$/i.test(key)) {
    return {
      code: "E_XHMAC_SECRET_IN_SPEC",
      pointer,
      message: `"${key}" looks like a secret; the spec never holds one, since it is shared and versioned`,
      hint: "pass secrets at run time (credentials in createClient, resolveKey on the server, HMAC_SECRET for the CLI)",
    };
  }
  return {
    code: "E_XHMAC_UNKNOWN_KEY",
    pointer,
    message: `"${key}" is not an x-hmac property here`,
    hint: didYouMean(key, known) ?? `known properties: ${known.join(", ")}`,
  };
}
