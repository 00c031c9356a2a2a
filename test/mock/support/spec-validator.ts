/**
 * Ajv over a whole OpenAPI document, for checking canned responses against their schemas (issue 17): the
 * 2020-12 dialect for OpenAPI 3.1 (whose Schema Object is JSON Schema 2020-12, OpenAPI 3.1 §4.8.24), draft-07
 * for OpenAPI 3.0, whose Schema Object is an extended subset of draft-05 Wright (OpenAPI 3.0.3 §4.7.24).
 * Formats come from ajv-formats (int32, int64, float, double, byte and binary included); unknown ones
 * (OpenAPI's free-form `format`) are ignored, as the spec allows.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Schema = Record<string, unknown>;

export type Dialect = "3.0" | "3.1";

export function dialectOf(document: Schema): Dialect {
  return typeof document.openapi === "string" && document.openapi.startsWith("3.1") ? "3.1" : "3.0";
}

export interface SpecValidator {
  /** The validator of the schema at `parts` (following `$ref`s on the way), or why Ajv could not compile it. */
  validatorAt(parts: readonly string[]): { validate: ValidateFunction } | { compileError: string };
}

export function specValidator(document: Schema): SpecValidator {
  const dialect = dialectOf(document);
  const options = { strict: false, allErrors: true, logger: false, validateSchema: false } as const;
  const ajv = dialect === "3.1" ? new Ajv2020(options) : new Ajv(options);
  addFormats.default(ajv);
  ajv.addSchema((dialect === "3.1" ? as31(document) : as30(document)) as Schema, "spec");
  const cache = new Map<string, { validate: ValidateFunction } | { compileError: string }>();
  return {
    validatorAt(parts) {
      const pointer = schemaPointer(document, parts);
      let entry = cache.get(pointer);
      if (!entry) {
        try {
          entry = { validate: ajv.compile({ $ref: `spec#${pointer}` }) };
        } catch (error) {
          entry = { compileError: error instanceof Error ? error.message : String(error) };
        }
        cache.set(pointer, entry);
      }
      return entry;
    },
  };
}

const ANNOTATIONS = new Set([
  "description",
  "title",
  "readOnly",
  "writeOnly",
  "deprecated",
  "xml",
  "externalDocs",
  "example",
  "discriminator",
]);

/**
 * OpenAPI 3.0's own keywords as draft-07 says them: `nullable: true` is "the schema, or null" (OpenAPI 3.0.3
 * §4.7.24.1; an `anyOf` works with or without `type`, where Ajv's own `nullable` needs `type`), boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become draft-07's numeric bounds. `example`, `xml`, `discriminator`
 * and friends are annotations Ajv ignores under strict: false. Examples are data and are left alone.
 */
function as30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(as30);
  if (typeof value !== "object" || value === null) return value;
  const out: Schema = {};
  for (const [key, item] of Object.entries(value)) out[key] = key === "example" || key === "examples" ? item : as30(item);
  dropForeignPattern(out);
  for (const [flag, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[limit] === "number") {
      out[flag] = out[limit];
      delete out[limit];
    } else delete out[flag];
  }
  if (out.nullable !== true) return out;
  const { nullable: _nullable, ...rest } = out;
  return Object.keys(rest).some((key) => !ANNOTATIONS.has(key)) ? { anyOf: [rest, { type: "null" }] } : rest;
}

/** OpenAPI 3.1 is JSON Schema 2020-12 as written: `nullable` means nothing there and is left for Ajv to ignore. */
function as31(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(as31);
  if (typeof value !== "object" || value === null) return value;
  const out: Schema = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "nullable") continue;
    out[key] = key === "example" || key === "examples" ? item : as31(item);
  }
  dropForeignPattern(out);
  return out;
}

/** Patterns no schema can hold: a `pattern` is an ECMA-262 regular expression (JSON Schema 2020-12 validation §6.3.3). */
export const foreignPatterns: string[] = [];

/**
 * A pattern in another dialect (AWS's Ruby-style `\A[a-zA-Z0-9_]+\z`) that JavaScript refuses: Ajv cannot compile
 * the schema at all, so the pattern is left out (and counted); the sample generator likewise does not check it.
 */
function dropForeignPattern(schema: Schema): void {
  if (typeof schema.pattern !== "string") return;
  try {
    new RegExp(schema.pattern, "u");
  } catch {
    foreignPatterns.push(schema.pattern);
    delete schema.pattern;
  }
}

/** A JSON pointer segment inside a URI fragment: ~ and / escaped (RFC 6901), then percent-encoded (RFC 3986). */
function segment(part: string): string {
  return encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"));
}

/**
 * The pointer Ajv can resolve: Ajv does not follow a `$ref` in the middle of a JSON pointer, and responses are
 * often `$ref`s to #/components/responses, so the walk continues from the referenced place.
 */
function schemaPointer(document: Schema, parts: readonly string[]): string {
  let pointer = "";
  let node: unknown = document;
  for (const part of parts) {
    for (let ref = (node as Schema).$ref; typeof ref === "string" && ref.startsWith("#/"); ref = (node as Schema).$ref) {
      pointer = ref.slice(1);
      node = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((target, key) => (target as Schema | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
    }
    node = (node as Schema)[part];
    pointer += `/${segment(part)}`;
  }
  return pointer;
}
