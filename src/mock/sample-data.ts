/**
 * Deterministic, schema-valid sample data for mock responses, computed at generation time: the same spec
 * always yields the same bytes. Honours examples, const and enum, formats, numeric and length bounds,
 * required properties, allOf (merged), oneOf/anyOf (the first option), and stops recursion at a depth
 * limit by leaving out what is optional (an empty array, no optional property).
 */
type Schema = Record<string, unknown>;
type Resolve = (value: unknown) => Schema;

const MAX_DEPTH = 6;

const FORMATS: Record<string, string> = {
  date: "2026-01-01",
  "date-time": "2026-01-01T00:00:00Z",
  time: "00:00:00Z",
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com/",
  "uri-reference": "https://example.com/",
  url: "https://example.com/",
  iri: "https://example.com/",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "aGVsbG8=",
  binary: "",
  password: "********",
  duration: "P1D",
  "json-pointer": "/a",
  regex: ".*",
};

export function sampleFromSchema(raw: unknown, resolve: Resolve, depth = 0, refs: readonly string[] = []): unknown {
  const ref = typeof (raw as Schema | undefined)?.$ref === "string" ? ((raw as Schema).$ref as string) : undefined;
  if (ref && refs.includes(ref)) return emptyOf(resolve(raw));
  const schema = resolve(raw);
  const seen = ref ? [...refs, ref] : refs;
  if ("example" in schema && schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    let merged: unknown = {};
    for (const part of schema.allOf) {
      const sample = sampleFromSchema(part, resolve, depth, seen);
      merged = isRecord(merged) && isRecord(sample) ? { ...merged, ...sample } : sample;
    }
    const own = sampleFromSchema({ ...schema, allOf: undefined }, resolve, depth, seen);
    return isRecord(merged) && isRecord(own) ? { ...merged, ...own } : merged;
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const rest = { ...schema, [key]: undefined };
      const sample = sampleFromSchema(options[0], resolve, depth, seen);
      const own = hasType(rest) ? sampleFromSchema(rest, resolve, depth, seen) : undefined;
      return isRecord(sample) && isRecord(own) ? { ...own, ...sample } : sample;
    }
  }
  switch (typeOf(schema)) {
    case "null":
      return null;
    case "boolean":
      return true;
    case "integer":
    case "number":
      return sampleNumber(schema, typeOf(schema) === "integer");
    case "string":
      return sampleString(schema);
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : depth < MAX_DEPTH ? 1 : 0;
      const count = Math.min(min, typeof schema.maxItems === "number" ? schema.maxItems : min);
      const item = count > 0 ? sampleFromSchema(schema.items, resolve, depth + 1, seen) : undefined;
      return Array.from({ length: count }, () => item);
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      for (const [name, property] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
        if (!required.has(name) && depth >= 2) continue;
        const resolved = resolve(property);
        // A response never carries a writeOnly property (OpenAPI 3.1 §4.8.24.1: "MAY be sent as part of a request").
        if (resolved.writeOnly === true && !required.has(name)) continue;
        out[name] = sampleFromSchema(property, resolve, depth + 1, seen);
      }
      return out;
    }
    default:
      return {};
  }
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((t) => t !== "null") as string | undefined) ?? "null";
  if (typeof type === "string") return type;
  if (isRecord(schema.properties) || schema.additionalProperties !== undefined) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function hasType(schema: Schema): boolean {
  return typeOf(schema) !== undefined;
}

/** A recursive reference: the smallest value of its type, so data stays finite. */
function emptyOf(schema: Schema): unknown {
  const type = typeOf(schema);
  if (Array.isArray(schema.type) && schema.type.includes("null")) return null;
  if (schema.nullable === true) return null;
  return type === "array" ? [] : type === "string" ? "" : type === "integer" || type === "number" ? 0 : type === "boolean" ? true : {};
}

function sampleNumber(schema: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const minimum =
    typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + step : 0;
  const maximum =
    typeof schema.maximum === "number"
      ? schema.maximum
      : typeof schema.exclusiveMaximum === "number"
        ? schema.exclusiveMaximum - step
        : undefined;
  let value = integer ? Math.ceil(minimum) : minimum;
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return maximum !== undefined && value > maximum ? maximum : value;
}

function sampleString(schema: Schema): string {
  let value = typeof schema.format === "string" && schema.format in FORMATS ? (FORMATS[schema.format] ?? "string") : "string";
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  if (value.length < min) value = value.padEnd(min, "x");
  if (max !== undefined && value.length > max) value = value.slice(0, max);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
