/**
 * Sends a typed body as the operation's declared media type, not as JSON whatever the spec says.
 * openapi-fetch's default `bodySerializer` JSON-encodes every object (a `Blob` field becomes `{}`) and sets
 * `Content-Type: application/json`, and it cannot know the operation. So the client's serializer only
 * defers the value (`deferBody`), and the first middleware, which sees the operation's `schemaPath`, writes
 * it as declared: JSON, a multipart `FormData` (the boundary set by `Request`), URL-encoded fields, text,
 * or bytes. A value that cannot be written as its media type fails before any network I/O.
 */
import { PendingBody } from "./pending-body.js";
import {
  type BodyMiddleware,
  callerContentType,
  type RequestBodyWriter,
  type RequestMediaTypes,
} from "./request-body-writer.js";
import { copiedInit } from "./request-init.js";
import { operationKey } from "./security.js";
import { pendingBodyOf, SignableRequest } from "./signable-request.js";

/** The client's `bodySerializer`: keeps the value for `declaredBodyMiddleware`. */
export function deferBody(body: unknown, headers?: Headers | Record<string, string>): PendingBody {
  return new PendingBody(body, callerContentType(headers));
}

/** The client's body writing for a spec with any media type: defer, then write as declared (request-bodies.ts). */
export function requestBodies(mediaTypes: RequestMediaTypes): RequestBodyWriter {
  return { bodySerializer: deferBody, middleware: [declaredBodyMiddleware(mediaTypes)] };
}

export function declaredBodyMiddleware(mediaTypes: RequestMediaTypes): BodyMiddleware {
  return {
    async onRequest({ request, schemaPath }) {
      const pending = pendingBodyOf(request);
      if (!pending) return undefined;
      const declared = mediaTypes[operationKey(request.method, schemaPath)] ?? [];
      const media = pending.contentType ?? declared.find(isJson) ?? declared[0] ?? "application/json";
      const body = serialise(pending.value, essence(media));
      const headers = new Headers(request.headers);
      // FormData: Request writes `multipart/form-data; boundary=...` itself (Fetch standard, extract a body).
      if (body instanceof FormData) headers.delete("content-type");
      else headers.set("content-type", media);
      return new SignableRequest(request.url, copiedInit(request, headers, body));
    },
  };
}

function essence(media: string): string {
  return (media.split(";")[0] ?? "").trim().toLowerCase();
}

function isJson(media: string): boolean {
  const type = essence(media);
  return type === "application/json" || type.endsWith("+json");
}

function serialise(value: unknown, media: string): BodyInit {
  if (isJson(media)) return JSON.stringify(value);
  if (media === "multipart/form-data") return value instanceof FormData ? value : formData(fieldsOf(value, media));
  if (media === "application/x-www-form-urlencoded") {
    return value instanceof URLSearchParams || typeof value === "string" ? value : urlEncoded(fieldsOf(value, media));
  }
  if (media.startsWith("text/")) {
    if (typeof value === "string") return value;
    throw new TypeError(`[hmac-codegen] a ${media} body must be a string`);
  }
  if (isBytes(value)) return value;
  throw new TypeError(
    `[hmac-codegen] a ${media} body must be a Blob, bytes, a stream or a string, not ${describe(value)}`,
  );
}

function isBytes(value: unknown): value is BodyInit {
  return (
    typeof value === "string" ||
    value instanceof Blob ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    value instanceof ReadableStream ||
    value instanceof FormData ||
    value instanceof URLSearchParams
  );
}

function fieldsOf(value: unknown, media: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isBytes(value))
    return value as Record<string, unknown>;
  throw new TypeError(`[hmac-codegen] a ${media} body must be an object of fields, not ${describe(value)}`);
}

/**
 * Each property a part; an array a part per item; a Blob a file part; an object a JSON part (OpenAPI 3.1 §4.8.15.1).
 */
function formData(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, field] of Object.entries(fields)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) form.append(name, item);
      else form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

function urlEncoded(fields: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(fields)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob)
        throw new TypeError(
          `[hmac-codegen] field "${name}": a file cannot be sent URL-encoded; declare multipart/form-data`,
        );
      params.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return params;
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
