/**
 * Request bodies for a spec whose every request body is `application/json`: the body is JSON text written
 * by the serializer itself, and openapi-fetch sets `Content-Type: application/json` (its default for a
 * body that is not FormData), so no middleware has to rewrite the request. A Content-Type the caller sets
 * that is not JSON is refused before any I/O: this spec declares no other media type, and sending the
 * JSON text under another type would be a body the server was never told about.
 */
import { callerContentType, type RequestBodyWriter, type RequestMediaTypes } from "./request-body-writer.js";

export function requestBodies(_mediaTypes: RequestMediaTypes): RequestBodyWriter {
  return { bodySerializer: jsonBody, middleware: [] };
}

function jsonBody(body: unknown, headers?: Headers | Record<string, string>): string {
  const given = callerContentType(headers);
  if (given && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(given.trim())) {
    throw new TypeError(`[hmac-codegen] this spec declares only application/json request bodies, not ${given}`);
  }
  return JSON.stringify(body);
}
