/**
 * The request body as the operation declares it: the `Content-Type` must be one of the operation's media
 * types (else 415, RFC 9110 §15.5.16), the body is parsed by that media type, and a form's fields get the
 * types the schema gives them, so a handler typed `Blob` gets a Blob, never `{}` or a string.
 * Forms: multipart fields are strings or files, an object property is JSON (OpenAPI 3.1 §4.8.15.1, the
 * default `contentType` of an object property is application/json); URL-encoded fields are strings.
 */
import { readBodyLimited } from "./read-body.js";

export type BodyFieldType = "string" | "integer" | "number" | "boolean" | "binary" | "json";

export interface BodyFieldSpec {
  name: string;
  type: BodyFieldType;
  /** A list (`type: array`): every field of that name, in order; `type` is then the item type. */
  array: boolean;
  required: boolean;
}

/** The operation's `requestBody`: whether it is required, its media types and, for forms, the fields. */
export interface RequestBodySpec {
  required: boolean;
  mediaTypes: readonly string[];
  fields: readonly BodyFieldSpec[];
}

export type ParsedBody = { ok: true; body: unknown } | { ok: false; status: 400 | 413 | 415; detail: string };

/**
 * `maxBytes` is the verifier's `maxBodyBytes`: an operation whose security does not sign the body (public,
 * an API key, a bearer token) has its body read here first, and must not buffer more than a signed one.
 */
export async function readRequestBody(
  request: Request,
  spec: RequestBodySpec | undefined,
  maxBytes: number,
): Promise<ParsedBody> {
  // No requestBody declared: the handler's type says `undefined`, whatever bytes came.
  if (!spec) return { ok: true, body: undefined };
  const read = await readBodyLimited(request.body, request.headers.get("content-length"), maxBytes);
  if (!read.ok) return { ok: false, status: 413, detail: `The body is over the limit of ${maxBytes} bytes.` };
  const bytes = new Blob([read.bytes as Uint8Array<ArrayBuffer>]);
  if (bytes.size === 0) {
    return spec.required
      ? { ok: false, status: 400, detail: "The operation requires a body." }
      : { ok: true, body: undefined };
  }
  const sent = essence(request.headers.get("content-type") ?? "");
  const declared = declaredMatch(sent, spec.mediaTypes);
  if (declared === undefined) {
    return {
      ok: false,
      status: 415,
      detail: `The body must be sent as ${spec.mediaTypes.join(" or ")}, not ${sent || "untyped"}.`,
    };
  }
  // A wildcard (`*/*`, `image/*`) is parsed by the type actually sent.
  const media = declared.includes("*") ? sent : declared;
  try {
    if (isJson(media)) return { ok: true, body: JSON.parse(await bytes.text()) as unknown };
    if (media.startsWith("text/")) return { ok: true, body: await bytes.text() };
    if (media === "multipart/form-data" || media === "application/x-www-form-urlencoded") {
      const form = await new Response(bytes, {
        headers: { "content-type": request.headers.get("content-type") ?? media },
      }).formData();
      const fields = formFields(form, spec.fields);
      return typeof fields === "string" ? { ok: false, status: 400, detail: fields } : { ok: true, body: fields };
    }
    return { ok: true, body: bytes };
  } catch {
    return { ok: false, status: 400, detail: "The body cannot be parsed as its media type says." };
  }
}

/** `Text/Plain; charset=utf-8` → `text/plain` (RFC 9110 §8.3.1: type and subtype are case-insensitive). */
function essence(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

function isJson(media: string): boolean {
  return media === "application/json" || media.endsWith("+json");
}

/** The declared media type the sent one falls under, the most specific first (OpenAPI 3.1 §4.8.14). */
function declaredMatch(sent: string, declared: readonly string[]): string | undefined {
  if (!/^[^/\s]+\/[^/\s]+$/.test(sent)) return declared.find((type) => essence(type) === "*/*");
  const types = declared.map(essence);
  return (
    types.find((type) => type === sent) ??
    types.find((type) => type.endsWith("/*") && sent.startsWith(type.slice(0, -1))) ??
    types.find((type) => type === "*/*")
  );
}

/** The form as the schema types it; a message when a field is missing or not of its type. */
function formFields(form: FormData, specs: readonly BodyFieldSpec[]): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  const declared = new Set(specs.map((spec) => spec.name));
  // Fields the schema does not name stay as sent (additionalProperties is open by default).
  form.forEach((value, name) => {
    if (!declared.has(name)) setField(out, name, value);
  });
  for (const spec of specs) {
    const values = form.getAll(spec.name);
    if (values.length === 0) {
      if (spec.required) return `The form field "${spec.name}" is required.`;
      continue;
    }
    const typed: unknown[] = [];
    for (const value of values) {
      const field = typedField(value, spec.type);
      if (field === undefined)
        return `The form field "${spec.name}" must be ${spec.type === "binary" ? "a file" : `a ${spec.type}`}.`;
      typed.push(field);
    }
    if (!spec.array && typed.length > 1) return `The form field "${spec.name}" must be sent once.`;
    setField(out, spec.name, spec.array ? typed : typed[0]);
  }
  return out;
}

/** An own property even for `__proto__`: assigning it would replace the parsed body's prototype. */
function setField(out: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

// Number() also reads "0x10", "1e3", " 7 " and "0b11"; a field must be written as JSON writes it.
const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function typedField(value: FormDataEntryValue, type: BodyFieldType): unknown {
  if (type === "binary") return typeof value === "string" ? undefined : value;
  // A file part where the schema says text is a client bug, not a string to guess from.
  if (typeof value !== "string") return undefined;
  if (type === "string") return value;
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : undefined;
  if (type === "json") {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!(type === "integer" ? INTEGER : NUMBER).test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && (type !== "integer" || Number.isSafeInteger(number)) ? number : undefined;
}
