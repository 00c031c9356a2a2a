/**
 * An operation's `requestBody` as the router and the client need it (OpenAPI 3.1 §4.8.13): required or
 * not, its media types in spec order, and for a form (multipart or URL-encoded) the type of each field,
 * so the router can hand a `format: binary` field as a file and refuse a string in its place.
 */
import type { BodyFieldSpec, BodyFieldType, RequestBodySpec } from "../../templates/server/request-body.js";

type Resolve = (value: unknown) => Record<string, unknown>;

const FORMS = ["multipart/form-data", "application/x-www-form-urlencoded"];

export function operationRequestBody(operation: Record<string, unknown>, resolve: Resolve): RequestBodySpec | undefined {
  if (operation.requestBody === undefined) return undefined;
  const body = resolve(operation.requestBody);
  const content = record(body.content);
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) return undefined;
  const form = mediaTypes.find((type) => FORMS.includes(type.split(";")[0]?.trim().toLowerCase() ?? ""));
  return {
    required: body.required === true,
    mediaTypes,
    fields: form === undefined ? [] : formFields(resolve(record(content[form]).schema), resolve),
  };
}

function formFields(schema: Record<string, unknown>, resolve: Resolve): BodyFieldSpec[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === "string") : []);
  return Object.entries(record(schema.properties)).map(([name, raw]) => {
    const property = resolve(raw);
    const array = firstType(property.type) === "array";
    return { name, type: fieldType(array ? resolve(property.items) : property), array, required: required.has(name) };
  });
}

function fieldType(schema: Record<string, unknown>): BodyFieldType {
  const type = firstType(schema.type);
  // OpenAPI 3.0 writes a file as `format: binary`; 3.1 as contentMediaType without contentEncoding (§4.8.14.3).
  if (
    type === "string" &&
    (schema.format === "binary" || (schema.contentMediaType !== undefined && schema.contentEncoding === undefined))
  ) {
    return "binary";
  }
  if (type === "integer" || type === "number" || type === "boolean" || type === "string") return type;
  // An object or array property, or one with no type: its part is JSON (§4.8.15.1).
  return "json";
}

function firstType(type: unknown): unknown {
  return Array.isArray(type) ? type.find((t) => t !== "null") : type;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
