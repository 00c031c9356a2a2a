/**
 * Reads a plain (non-x-hmac) credential from a request as OpenAPI declares it: an apiKey header, query
 * parameter or cookie; an http bearer token or basic "user:password" (RFC 6750, RFC 7617). Checking its
 * value is the application's business (`checkCredential`); by default its presence is required.
 */

import type { PlainScheme } from "../client/plain-credentials.js";
import { type HeaderMap, queryParamValues } from "../runtime/index.js";

/** What a plain scheme carries, so a refusal can name it: an API key is not a key id, a token not a secret. */
export type PlainCredentialKind = "api-key" | "token" | "basic";

export function plainCredentialKind(scheme: PlainScheme): PlainCredentialKind {
  if (scheme.type === "apiKey") return "api-key";
  return scheme.type === "http" && scheme.scheme.toLowerCase() === "basic" ? "basic" : "token";
}

export function readPlainCredential(scheme: PlainScheme, headers: HeaderMap, query: string): string | undefined {
  if (scheme.type === "apiKey") {
    if (scheme.in === "header") {
      return headers.get(scheme.name.toLowerCase()) || undefined;
    }
    if (scheme.in === "query") {
      const values = queryParamValues(query, scheme.name);
      // queryParamValues has decoded the value already; decoding again would turn a "+" of a key into a space.
      return values.length === 1 && values[0] !== "" ? values[0] : undefined;
    }
    return cookieValue(headers.get("cookie"), scheme.name);
  }
  const authorization = headers.get("authorization");
  if (!authorization) return undefined;
  const label = scheme.type === "http" ? scheme.scheme : "bearer";
  const space = authorization.indexOf(" ");
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== label.toLowerCase()) return undefined;
  const value = authorization.slice(space + 1).trim();
  if (value === "") return undefined;
  return scheme.type === "http" && scheme.scheme.toLowerCase() === "basic" ? basicUserPass(value) : value;
}

/** RFC 7617: base64 of UTF-8 "user-id:password"; checkCredential receives that text. */
function basicUserPass(token: string): string | undefined {
  try {
    const binary = atob(token);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return text.includes(":") ? text : undefined;
  } catch {
    return undefined;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const equals = pair.indexOf("=");
    if (equals > 0 && pair.slice(0, equals).trim() === name)
      return safeDecode(pair.slice(equals + 1).trim()) || undefined;
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
