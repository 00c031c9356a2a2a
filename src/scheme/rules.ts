/**
 * A small description language for the x-hmac model. One description yields both the validator (with
 * coded, pointed, hinted errors) and the JSON Schema the package ships for editors, so the two cannot
 * drift apart.
 */
import type { ErrorCode } from "./errors.js";

export interface CustomIssue {
  code: ErrorCode;
  message: string;
  hint?: string | undefined;
}

interface Described {
  description?: string;
}

export type Rule =
  | (Described & {
      type: "string";
      enum?: readonly string[];
      /** The code for a value outside `enum` (default E_XHMAC_VALUE). */
      enumCode?: ErrorCode;
      /** JSON Schema pattern; `check` gives the validator's precise message. */
      pattern?: string;
      check?: (value: string) => CustomIssue | undefined;
      minLength?: number;
    })
  | (Described & { type: "integer"; enum?: readonly number[]; minimum?: number; maximum?: number })
  | (Described & { type: "boolean" })
  | (Described & { type: "object"; properties: Record<string, Rule>; required?: readonly string[] })
  | (Described & { type: "array"; items: Rule; minItems?: number })
  | (Described & { type: "map"; values: Rule })
  /** Alternatives told apart by JSON type (a string shorthand or an object, say). */
  | (Described & { type: "oneOf"; options: readonly Rule[] });

export const str = (extra: Omit<Extract<Rule, { type: "string" }>, "type"> = {}): Rule => ({ type: "string", ...extra });
export const oneOfValues = (values: readonly string[], description?: string): Rule => ({
  type: "string",
  enum: values,
  ...(description ? { description } : {}),
});
export const int = (extra: Omit<Extract<Rule, { type: "integer" }>, "type"> = {}): Rule => ({ type: "integer", ...extra });
export const bool = (description?: string): Rule => ({ type: "boolean", ...(description ? { description } : {}) });
export const obj = (properties: Record<string, Rule>, extra: { required?: readonly string[]; description?: string } = {}): Rule => ({
  type: "object",
  properties,
  ...extra,
});
